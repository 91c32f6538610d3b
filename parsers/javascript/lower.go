package javascript

import (
	"strings"

	"github.com/lmicheck/lmicheck/facts"
)

// cur returns the function being lowered.
func (l *lowerer) cur() *facts.Function { return &l.file.Functions[l.fn] }

// lookup resolves a name: innermost function scope first, then the module.
func (l *lowerer) lookup(name string) *binding {
	b, _ := l.lookupScope(name)
	return b
}

// lookupScope also returns the function whose scope declares the name (-1
// for the module).
func (l *lowerer) lookupScope(name string) (*binding, int) {
	for s := l.sc; s != nil; s = s.parent {
		if b, ok := s.names[name]; ok {
			return b, s.fn
		}
	}
	return l.module[name], -1
}

// capturedSymbol returns the symbol for a local of function owner used by a
// closure nested in it, making it on first use.
func (l *lowerer) capturedSymbol(b *binding, name string, owner, node int) int {
	if b.captured == 0 {
		l.file.Symbols = append(l.file.Symbols, facts.Symbol{
			Name: name, Kind: facts.Captured, Func: owner, Class: l.file.Functions[owner].Name,
			Reassignable: true, Init: b.init, Pos: l.pos(node),
		})
		b.captured = len(l.file.Symbols)
	}
	return b.captured - 1
}

// ---- source collection (what a value derives from) -----------------------

// maxSources bounds what one value records it derives from.
const maxSources = 24

func (l *lowerer) pushCollect()                { l.collect.Push() }
func (l *lowerer) popCollect() []facts.Source  { return l.collect.Pop() }
func (l *lowerer) addSource(s ...facts.Source) { l.collect.Add(s...) }

// ---- expressions and statements ----------------------------------------

// expr lowers node i (any expression or statement), records its effects on the
// current function, and returns its value (nil for statements).
func (l *lowerer) expr(i int) *facts.Value {
	if i < 0 {
		return nil
	}
	switch l.kind(i) {
	case kTypeOnly, kComment, kTypeIdent:
		return nil
	case kParen, kTypeWrapper:
		if c := l.firstNamed(i); c >= 0 {
			return l.expr(c)
		}
		return nil
	case kIdentifier, kShorthandProperty:
		return l.identifier(i)
	case kThis:
		return &facts.Value{Kind: facts.Ident, Text: "this", Pos: l.pos(i)}
	case kString:
		return &facts.Value{Kind: facts.String, Text: l.stringValue(i), Pos: l.pos(i)}
	case kNumber:
		return &facts.Value{Kind: facts.Number, Text: l.text(i), Pos: l.pos(i)}
	case kTrue, kFalse:
		return &facts.Value{Kind: facts.Bool, Text: l.text(i), Pos: l.pos(i)}
	case kNull, kUndefined:
		return &facts.Value{Kind: facts.Null, Text: l.text(i), Pos: l.pos(i)}
	case kTemplate:
		return l.template(i)
	case kBinary:
		return l.binary(i)
	case kMember, kSubscript:
		return l.member(i)
	case kCall, kNew:
		return l.call(i)
	case kAwait:
		v := l.expr(l.firstNamed(i))
		l.cur().Awaits = append(l.cur().Awaits, l.pos(i))
		return &facts.Value{Kind: facts.Await, Parts: []*facts.Value{v}, Pos: l.pos(i)}
	case kAssign, kAugAssign:
		return l.assign(i)
	case kUpdate:
		return l.update(i)
	case kUnary:
		return l.unary(i)
	case kFunctionDecl, kGeneratorDecl, kFunctionExpr, kGeneratorExpr, kArrow:
		return l.function(i, "", facts.Func, "")
	case kClassDecl, kClassExpr:
		l.class(i)
		return nil
	case kObject:
		return l.object(i)
	case kArray:
		v := &facts.Value{Kind: facts.Array, Pos: l.pos(i)}
		for _, c := range l.namedChildren(i) {
			v.Parts = append(v.Parts, l.expr(c))
		}
		return v
	case kLexicalDecl, kVariableDecl:
		l.declaration(i)
		return nil
	case kIf:
		l.ifStatement(i)
		return nil
	case kWhile, kDo, kFor:
		if c := l.child(i, l.f.condition); c >= 0 {
			l.condDepth++
			l.expr(c)
			l.condDepth--
		}
		for c := i + 1; c < l.next(i); c = l.next(c) {
			if l.named(c) && l.nodes[c].Field != l.f.condition {
				l.expr(c)
			}
		}
		return nil
	case kForIn:
		l.forIn(i)
		return nil
	case kTernary:
		l.condDepth++
		l.expr(l.child(i, l.f.condition))
		l.condDepth--
		v := &facts.Value{Kind: facts.Unknown, Pos: l.pos(i)}
		v.Parts = []*facts.Value{l.expr(l.child(i, l.f.consequence)), l.expr(l.child(i, l.f.alternative))}
		return v
	case kStatementBlock:
		l.nestedBlock(i)
		return nil
	case kCatch:
		l.catchClause(i)
		return nil
	case kImport, kExport:
		// Only meaningful at module level (handled there); an import inside a
		// function is a syntax error in JavaScript.
		return nil
	case kDecorator:
		return nil
	}
	// Anything else: lower the children in order; the value is unknown but keeps
	// the children's values for reachability (functions passed through).
	var parts []*facts.Value
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if l.named(c) {
			if v := l.expr(c); v != nil && (v.Kind == facts.FuncV || len(v.Parts) > 0) {
				parts = append(parts, v)
			}
		}
	}
	if len(parts) > 0 {
		return &facts.Value{Kind: facts.Unknown, Parts: parts, Pos: l.pos(i)}
	}
	return nil
}

// block lowers a statement block, noticing early-return guards:
// `if (client) return client;` makes later writes to client lazy init.
func (l *lowerer) block(i int) {
	saved := len(l.guards)
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if !l.named(c) {
			continue
		}
		l.expr(c)
		if l.kind(c) == kIf && l.child(c, l.f.alternative) < 0 {
			if cons := l.child(c, l.f.consequence); cons >= 0 && l.exits(cons) {
				l.guards = append(l.guards, l.presenceTested(l.child(c, l.f.condition))...)
			}
		}
	}
	l.guards = l.guards[:saved]
}

// exits reports whether a statement always returns or throws.
func (l *lowerer) exits(i int) bool {
	switch l.kind(i) {
	case kReturn, kThrow:
		return true
	case kStatementBlock:
		cs := l.namedChildren(i)
		return len(cs) > 0 && l.exits(cs[len(cs)-1])
	}
	return false
}

func (l *lowerer) ifStatement(i int) {
	cond := l.child(i, l.f.condition)
	l.condDepth++
	l.expr(cond)
	l.condDepth--
	saved := len(l.guards)
	l.guards = append(l.guards, l.absenceTested(cond)...)
	l.expr(l.child(i, l.f.consequence))
	l.guards = l.guards[:saved]
	if alt := l.child(i, l.f.alternative); alt >= 0 {
		// else_clause: with a presence test, the else branch is the lazy init.
		l.guards = append(l.guards, l.presenceTested(cond)...)
		l.expr(alt)
		l.guards = l.guards[:saved]
	}
}

// absenceTested returns the symbols a condition tests to be missing:
// !x, !x.y, x == null, x === undefined, typeof x === 'undefined', combined with ||.
func (l *lowerer) absenceTested(c int) []int {
	c = l.unwrap(c)
	if c < 0 {
		return nil
	}
	switch l.kind(c) {
	case kUnary:
		if op := l.child(c, l.f.operator); op >= 0 && l.text(op) == "!" {
			if s := l.guardSymbol(l.child(c, l.f.argument)); s >= 0 {
				return []int{s}
			}
		}
	case kBinary:
		op := l.text(l.child(c, l.f.operator))
		left, right := l.unwrap(l.child(c, l.f.left)), l.unwrap(l.child(c, l.f.right))
		switch op {
		case "||":
			return append(l.absenceTested(left), l.absenceTested(right)...)
		case "&&":
			return append(l.absenceTested(left), l.absenceTested(right)...)
		case "==", "===":
			if left >= 0 && right >= 0 {
				if isNullish(l, right) {
					if s := l.guardSymbol(l.typeofArg(left)); s >= 0 {
						return []int{s}
					}
				}
				if isNullish(l, left) {
					if s := l.guardSymbol(l.typeofArg(right)); s >= 0 {
						return []int{s}
					}
				}
			}
		}
	}
	return nil
}

// presenceTested returns the symbols a condition tests to be present:
// x, x != null, x !== undefined.
func (l *lowerer) presenceTested(c int) []int {
	c = l.unwrap(c)
	if c < 0 {
		return nil
	}
	switch l.kind(c) {
	case kIdentifier, kMember:
		if s := l.guardSymbol(c); s >= 0 {
			return []int{s}
		}
	case kBinary:
		op := l.text(l.child(c, l.f.operator))
		left, right := l.unwrap(l.child(c, l.f.left)), l.unwrap(l.child(c, l.f.right))
		switch op {
		case "&&":
			return append(l.presenceTested(left), l.presenceTested(right)...)
		case "!=", "!==":
			if left >= 0 && right >= 0 && isNullish(l, right) {
				if s := l.guardSymbol(left); s >= 0 {
					return []int{s}
				}
			}
		}
	}
	return nil
}

func (l *lowerer) typeofArg(i int) int {
	if i >= 0 && l.kind(i) == kUnary {
		if op := l.child(i, l.f.operator); op >= 0 && l.text(op) == "typeof" {
			return l.unwrap(l.child(i, l.f.argument))
		}
	}
	return i
}

func isNullish(l *lowerer, i int) bool {
	switch l.kind(i) {
	case kNull, kUndefined:
		return true
	case kString:
		return l.stringValue(i) == "undefined"
	case kIdentifier:
		return l.text(i) == "undefined"
	}
	return false
}

// guardSymbol returns the symbol a lazy-init test is about: a symbol or a
// member path of one (client, this.client, config.db), or -1. Keyed reads
// (cache[k]) and local copies test one entry, not the state as a whole.
func (l *lowerer) guardSymbol(i int) int {
	i = l.unwrap(i)
	if strings.Contains(l.memberPath(i), "[]") {
		return -1
	}
	root := i
	for root >= 0 && (l.kind(root) == kMember || l.kind(root) == kSubscript) {
		root = l.unwrap(l.child(root, l.f.object))
	}
	if l.kind(root) == kThis && root != i && l.sc != nil && l.sc.class != "" {
		prop := strings.SplitN(strings.TrimPrefix(l.memberPath(i), "this."), ".", 2)[0]
		return l.symbolFor(l.sc.class+"."+prop, facts.InstanceField, l.sc.class, i)
	}
	if l.kind(root) != kIdentifier {
		return -1
	}
	if b := l.lookup(l.text(root)); b != nil && b.kind == bSymbol {
		return b.index
	}
	return -1
}

// rootSymbol returns the module symbol at the root of an identifier/member
// chain (through a local alias), or -1.
func (l *lowerer) rootSymbol(i int) int {
	i = l.unwrap(i)
	for i >= 0 && (l.kind(i) == kMember || l.kind(i) == kSubscript) {
		i = l.unwrap(l.child(i, l.f.object))
	}
	if i < 0 || l.kind(i) != kIdentifier {
		return -1
	}
	b := l.lookup(l.text(i))
	if b == nil {
		return -1
	}
	switch b.kind {
	case bSymbol:
		return b.index
	case bLocal:
		return b.alias
	}
	return -1
}

func (l *lowerer) catchClause(i int) {
	if p := l.child(i, l.f.parameter); p >= 0 && l.sc != nil {
		for _, id := range l.patternNames(p) {
			l.sc.names[l.text(id)] = &binding{kind: bLocal, alias: -1}
		}
	}
	if b := l.child(i, l.f.body); b >= 0 {
		l.expr(b)
	}
}

func (l *lowerer) forIn(i int) {
	right := l.child(i, l.f.right)
	l.pushCollect()
	l.expr(right)
	rightSrc := l.popCollect()
	if l.hasToken(i, "await") {
		l.cur().Awaits = append(l.cur().Awaits, l.pos(right))
	}
	if left := l.child(i, l.f.left); left >= 0 && l.sc != nil {
		declared := l.child(i, l.f.kind) >= 0 || l.hasToken(i, "const") || l.hasToken(i, "let") || l.hasToken(i, "var")
		if !declared { // for (k in event): assigns an existing variable each iteration
			l.writeTarget(l.unwrap(left), facts.Assign, "", nil, rightSrc, false, left)
		}
		for _, id := range l.patternNames(left) {
			if _, ok := l.sc.names[l.text(id)]; !ok && declared {
				l.sc.names[l.text(id)] = &binding{kind: bLocal, alias: -1}
			}
		}
	}
	if b := l.child(i, l.f.body); b >= 0 {
		l.expr(b)
	}
}

// declaration lowers let/const/var inside a function, or a module-level
// declaration's initializers.
func (l *lowerer) declaration(decl int) {
	isConst := l.declKeyword(decl) == "const"
	for _, d := range l.namedChildren(decl) {
		if l.kind(d) != kDeclarator {
			continue
		}
		name := l.child(d, l.f.name)
		valNode := l.child(d, l.f.value)
		if name < 0 {
			continue
		}
		if l.sc == nil {
			l.moduleDeclarator(name, valNode)
			continue
		}
		if valNode < 0 {
			continue
		}
		uv := l.unwrap(valNode)
		if uv >= 0 && isFunctionKind(l.kind(uv)) && l.kind(name) == kIdentifier {
			fv := l.function(uv, l.text(name), facts.Func, "")
			l.sc.names[l.text(name)] = &binding{kind: bFunc, index: fv.Func, alias: -1}
			continue
		}
		l.pushCollect()
		v := l.expr(valNode)
		src := l.popCollect()
		if l.kind(name) != kIdentifier {
			for _, id := range l.patternNames(name) {
				b := l.sc.names[l.text(id)]
				if b == nil {
					b = &binding{kind: bLocal, alias: -1}
					l.sc.names[l.text(id)] = b
				}
				b.sources = src
				// const { items } = state: items is state.items.
				if v != nil && (v.Kind == facts.SymbolV || v.Kind == facts.Member) && v.Symbol >= 0 && l.kind(name) == kObjectPattern {
					b.alias, b.aliasPath = v.Symbol, v.Text+"."+l.text(id)
				}
			}
			continue
		}
		b := l.sc.names[l.text(name)]
		if b == nil {
			b = &binding{kind: bLocal, alias: -1}
			l.sc.names[l.text(name)] = b
		}
		b.sources = src
		b.init = shallow(v, 0)
		b.alias, b.aliasPath = -1, ""
		if v != nil && (v.Kind == facts.SymbolV || v.Kind == facts.Member) && v.Symbol >= 0 {
			b.alias, b.aliasPath = v.Symbol, v.Text
		}
		if isConst && v != nil && isConstValue(v) {
			b.value = v
		}
		if module, member, ok := l.requireOf(uv); ok {
			b.kind, b.module, b.name, b.importSym = bImport, module, member, -1
		}
	}
}

// moduleDeclarator lowers a top-level declarator's initializer (the names were
// bound by declareModule).
func (l *lowerer) moduleDeclarator(name, valNode int) {
	if valNode < 0 {
		return
	}
	uv := l.unwrap(valNode)
	if _, _, ok := l.requireOf(uv); ok {
		return
	}
	if l.kind(name) != kIdentifier {
		v := l.expr(valNode)
		for _, id := range l.patternNames(name) {
			if b := l.module[l.text(id)]; b != nil && b.kind == bSymbol {
				l.file.Symbols[b.index].Refs = append(l.file.Symbols[b.index].Refs, l.refsOf(v, nil)...)
			}
		}
		return
	}
	n := l.text(name)
	b := l.module[n]
	if b == nil {
		return
	}
	switch b.kind {
	case bFunc:
		fv := l.function(uv, n, facts.Func, "")
		b.index = fv.Func
	case bClass:
		l.classNamed(uv, n)
	case bConst:
		// the literal was read by declareModule
	case bSymbol:
		v := l.expr(valNode)
		s := &l.file.Symbols[b.index]
		s.Refs = append(s.Refs, l.refsOf(v, nil)...)
		s.Init = shallow(v, 0)
		if v != nil && v.Kind == facts.FuncV {
			s.Refs = append(s.Refs, facts.Ref{Kind: facts.FuncRef, Index: v.Func})
		}
	}
}

// identifier resolves a name in expression position.
func (l *lowerer) identifier(i int) *facts.Value {
	name := l.text(i)
	p := l.pos(i)
	b, owner := l.lookupScope(name)
	if b == nil {
		return &facts.Value{Kind: facts.Ident, Text: name, Pos: p}
	}
	switch b.kind {
	case bParam:
		l.addSource(facts.Source{Func: b.fn, Param: b.index, Symbol: -1, Off: p.Off})
		return &facts.Value{Kind: facts.ParamV, Param: b.index, Text: name, Pos: p, Func: b.fn}
	case bLocal:
		l.addSource(b.sources...)
		if b.value != nil {
			return inlined(b.value, p)
		}
		if b.alias >= 0 {
			// const items = state.items: mutations through the local reach the
			// state (writeTarget, receivers), but reading the local reads the
			// value copied at its declaration, whose sources it already has.
			return &facts.Value{Kind: facts.SymbolV, Symbol: b.alias, Text: b.aliasPath, Pos: p}
		}
		if owner >= 0 && owner != l.fn && b.captured != 0 {
			// A closure using its enclosing function's local that some closure
			// writes or calls a method on (capturedSymbol made it then). Plain
			// reads of captured locals are not recorded: closures are
			// everywhere, shared captured state is rare.
			return &facts.Value{Kind: facts.SymbolV, Symbol: b.captured - 1, Text: name, Pos: p}
		}
		return &facts.Value{Kind: facts.Ident, Text: name, Pos: p}
	case bSymbol:
		l.readSymbol(b.index, name, i, "")
		return &facts.Value{Kind: facts.SymbolV, Symbol: b.index, Text: name, Pos: p}
	case bFunc:
		if b.index < 0 {
			return &facts.Value{Kind: facts.Ident, Text: name, Pos: p}
		}
		return &facts.Value{Kind: facts.FuncV, Func: b.index, Text: name, Pos: p}
	case bConst:
		if b.value != nil {
			return inlined(b.value, p)
		}
		return &facts.Value{Kind: facts.Ident, Text: name, Pos: p}
	case bImport:
		return &facts.Value{Kind: facts.Ident, Text: name, Pos: p, Callee: &facts.Callee{Module: b.module, Name: b.name}}
	case bClass:
		return &facts.Value{Kind: facts.Ident, Text: name, Pos: p}
	}
	return &facts.Value{Kind: facts.Ident, Text: name, Pos: p}
}

// isProcessEnv reports whether a member path reaches the process environment:
// process.env.X (the global, or process imported from node:process), or env.X
// with env imported from node:process.
func (l *lowerer) isProcessEnv(path string) bool {
	root, rest, _ := strings.Cut(path, ".")
	b := l.lookup(root)
	isProcess := func(b *binding) bool {
		return b != nil && b.kind == bImport && (b.module == "process" || b.module == "node:process")
	}
	switch {
	case root == "process" && (rest == "env" || strings.HasPrefix(rest, "env.") || strings.HasPrefix(rest, "env[")):
		return b == nil || isProcess(b) && b.name == ""
	case isProcess(b) && b.name == "env":
		return true
	}
	return false
}

// paramRooted reports whether a value is a parameter or a member path on one.
func paramRooted(v *facts.Value) bool {
	for v != nil && v.Kind == facts.Member {
		v = v.Object
	}
	return v != nil && v.Kind == facts.ParamV
}

// inlined returns a constant's value placed where the constant is used.
func inlined(v *facts.Value, at facts.Pos) *facts.Value {
	c := *v
	c.Pos = at
	return &c
}

func (l *lowerer) readSymbol(sym int, path string, node int, method string) {
	p := l.pos(node)
	l.addSource(facts.Source{Func: l.fn, Param: -1, Symbol: sym, Off: p.Off})
	l.cur().Reads = append(l.cur().Reads, facts.Read{
		Symbol: sym, Path: path, Pos: p, Method: method, InCondition: l.condDepth > 0, Seq: p.Off,
	})
}

func (l *lowerer) template(i int) *facts.Value {
	v := &facts.Value{Kind: facts.Template, Pos: l.pos(i)}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			v.Parts = append(v.Parts, &facts.Value{Kind: facts.String, Text: lit.String()})
			lit.Reset()
		}
	}
	for c := i + 1; c < l.next(i); c = l.next(c) {
		switch l.kind(c) {
		case kStringFragment, kEscape:
			lit.WriteString(l.text(c))
		case kTemplateSubst:
			flush()
			e := l.firstNamed(c)
			pv := l.expr(e)
			if pv == nil {
				pv = &facts.Value{Kind: facts.Unknown}
			}
			v.Parts = append(v.Parts, pv)
		}
	}
	flush()
	return v
}

func (l *lowerer) binary(i int) *facts.Value {
	op := ""
	if o := l.child(i, l.f.operator); o >= 0 {
		op = l.text(o)
	}
	leftNode := l.child(i, l.f.left)
	left := l.expr(leftNode)
	// p ?? (p = new Pool()), p || (p = …), !p && (p = …): the right side is
	// a lazy init of what the left side tested.
	saved := len(l.guards)
	switch op {
	case "??", "||":
		if g := l.guardSymbol(leftNode); g >= 0 {
			l.guards = append(l.guards, g)
		}
	case "&&":
		l.guards = append(l.guards, l.absenceTested(leftNode)...)
	}
	right := l.expr(l.child(i, l.f.right))
	l.guards = l.guards[:saved]
	if op == "+" {
		v := &facts.Value{Kind: facts.Concat, Pos: l.pos(i)}
		for _, p := range []*facts.Value{left, right} {
			switch {
			case p == nil:
				v.Parts = append(v.Parts, &facts.Value{Kind: facts.Unknown})
			case p.Kind == facts.Concat && len(p.Parts) < 32:
				// Flatten short chains; long ones nest (evalPath walks both),
				// so a + b + c + … costs linear time.
				v.Parts = append(v.Parts, p.Parts...)
			default:
				v.Parts = append(v.Parts, p)
			}
		}
		return v
	}
	v := &facts.Value{Kind: facts.Unknown, Text: op, Pos: l.pos(i)}
	if op == "||" || op == "??" {
		// Either side may be the value: keep both for reachability and types.
		v.Parts = []*facts.Value{left, right}
	}
	return v
}

// requestMembers are member names worth keeping as sources: request data
// travels through them. Which of them mean "request data" is the rules' call.
func (l *lowerer) member(i int) *facts.Value {
	obj := l.child(i, l.f.object)
	p := l.pos(i)
	var prop string
	if l.kind(i) == kMember {
		if pn := l.child(i, l.f.property); pn >= 0 {
			prop = l.text(pn)
		}
	} else if ix := l.child(i, l.f.index); ix >= 0 {
		if l.kind(ix) == kString {
			prop = l.stringValue(ix)
		} else {
			l.expr(ix)
		}
	}
	// Special roots, read off the object node without rendering the chain.
	if uo := l.unwrap(obj); uo >= 0 && l.kind(uo) == kIdentifier && prop == "env" && l.isProcessEnv(l.text(uo)+".env") {
		sym := l.symbolFor("process.env", facts.Global, "", i)
		return &facts.Value{Kind: facts.Member, Text: l.text(uo) + ".env", Symbol: sym, Pos: p}
	}
	if uo := l.unwrap(obj); uo >= 0 && l.kind(uo) == kThis && l.sc != nil && l.sc.class != "" && prop != "" {
		sym := l.symbolFor(l.sc.class+"."+prop, facts.InstanceField, l.sc.class, i)
		l.readSymbol(sym, "this."+prop, i, "")
		return &facts.Value{Kind: facts.Member, Text: "this." + prop, Symbol: sym, Pos: p}
	}
	if uo := l.unwrap(obj); uo >= 0 && l.kind(uo) == kIdentifier && prop != "" {
		if b := l.lookup(l.text(uo)); b != nil && b.kind == bClass {
			cls := l.text(uo)
			// Class.method: a reference to a static method.
			for _, m := range l.file.Classes[b.index].Methods {
				if l.file.Functions[m].Name == cls+"."+prop {
					return &facts.Value{Kind: facts.FuncV, Func: m, Text: cls + "." + prop, Pos: p}
				}
			}
			sym := l.symbolFor(cls+"."+prop, facts.StaticField, cls, i)
			l.readSymbol(sym, cls+"."+prop, i, "")
			return &facts.Value{Kind: facts.Member, Text: cls + "." + prop, Symbol: sym, Pos: p}
		}
	}
	ov := l.expr(obj)
	// The path is built from the object's, so a chain costs linear time;
	// very long chains stop growing it (they are never a meaningful name).
	path := ""
	if ov != nil && ov.Text != "" && len(ov.Text) < 200 {
		switch ov.Kind {
		case facts.Ident, facts.ParamV, facts.SymbolV, facts.Member:
			switch {
			case prop != "":
				path = ov.Text + "." + prop
			case l.kind(i) == kSubscript:
				path = ov.Text + "[]"
			}
		}
	}
	if ov != nil && ov.Kind == facts.CallV && ov.Callee != nil && ov.Callee.Module == "" && ov.Callee.Name == "require" &&
		len(ov.Parts) == 1 && ov.Parts[0] != nil && ov.Parts[0].Kind == facts.String {
		// require('fs').writeFileSync: the module object, inline.
		ov = &facts.Value{Kind: facts.Ident, Text: path, Callee: &facts.Callee{Module: ov.Parts[0].Text}, Pos: ov.Pos}
	}
	if prop != "" && paramRooted(ov) {
		l.addSource(facts.Source{Func: l.fn, Param: -1, Symbol: -1, Member: prop, Off: p.Off})
	}
	// new Lambda().handler: a method of a class of this file.
	if ov != nil && ov.Kind == facts.NewV && ov.Callee != nil && ov.Callee.Module == "" && prop != "" {
		if b := l.lookup(ov.Callee.Name); b != nil && b.kind == bClass {
			for _, m := range l.file.Classes[b.index].Methods {
				if l.file.Functions[m].Name == ov.Callee.Name+"."+prop {
					return &facts.Value{Kind: facts.FuncV, Func: m, Text: ov.Callee.Name + "." + prop, Pos: p}
				}
			}
		}
	}
	v := &facts.Value{Kind: facts.Member, Text: path, Object: ov, Symbol: -1, Pos: p}
	if ov != nil && ov.Kind == facts.Member && ov.Symbol >= 0 && l.file.Symbols[ov.Symbol].Name == "process.env" {
		v.Symbol = ov.Symbol // process.env.X
		return v
	}
	if ov != nil {
		switch {
		case ov.Callee != nil && (ov.Kind == facts.Ident || ov.Kind == facts.Member):
			name := prop
			if ov.Callee.Name != "" {
				name = ov.Callee.Name + "." + prop
			}
			v.Callee = &facts.Callee{Module: ov.Callee.Module, Name: name}
		case ov.Kind == facts.SymbolV || ov.Kind == facts.Member && ov.Symbol >= 0:
			v.Symbol = ov.Symbol
			if path == "" {
				v.Text = ov.Text + "[]"
			}
		case ov.Kind == facts.Ident && path != "":
			v.Callee = &facts.Callee{Name: path} // a global: JSON.parse, os.tmpdir when unbound
		}
	}
	return v
}

// call lowers a call or `new` expression.
func (l *lowerer) call(i int) *facts.Value {
	isNew := l.kind(i) == kNew
	fnNode := l.child(i, l.f.function)
	if isNew {
		fnNode = l.child(i, l.f.constructor)
	}
	argsNode := l.child(i, l.f.arguments)
	p := l.pos(i)
	// A call inside a lazy-init region (if (!client) { … }) runs once.
	c := facts.Call{New: isNew, Pos: p, Receiver: -1, AssignedTo: -1, Func: -1, Guarded: len(l.guards) > 0}
	ufn := l.unwrap(fnNode)
	var calleeV *facts.Value
	if ufn >= 0 && (l.kind(ufn) == kMember || l.kind(ufn) == kSubscript) {
		// seen.set(k, v) in a closure: the receiver may be captured state.
		if root := l.unwrap(l.child(ufn, l.f.object)); l.kind(root) == kIdentifier {
			if b, owner := l.lookupScope(l.text(root)); b != nil && b.kind == bLocal && owner >= 0 && owner != l.fn && b.alias < 0 && b.value == nil {
				l.capturedSymbol(b, l.text(root), owner, root)
			}
		}
		calleeV = l.member(ufn)
		if pn := l.child(ufn, l.f.property); pn >= 0 {
			c.Method = l.text(pn)
		}
		if o := calleeV.Object; o != nil && o.Callee != nil && o.Callee.Name != "" && isRelative(o.Callee.Module) &&
			(o.Kind == facts.Ident || o.Kind == facts.Member) {
			// A method call on a binding another module exports: its state.
			c.Receiver = l.importedSymbol(o.Callee.Module, o.Callee.Name, o.Text, ufn)
		} else if calleeV.Object != nil && calleeV.Object.Symbol >= 0 && (calleeV.Object.Kind == facts.SymbolV || calleeV.Object.Kind == facts.Member) {
			c.Receiver = calleeV.Object.Symbol
			// The receiver read is a method use: mark the last read.
			if reads := l.cur().Reads; len(reads) > 0 && reads[len(reads)-1].Symbol == c.Receiver {
				reads[len(reads)-1].Method = c.Method
			}
		}
	} else if ufn >= 0 && l.kind(ufn) == kIdentifier && l.text(ufn) == "import" {
		calleeV = &facts.Value{Kind: facts.Ident, Text: "import"}
	} else {
		calleeV = l.expr(fnNode)
	}
	if calleeV != nil {
		switch {
		case calleeV.Callee != nil:
			c.Callee = *calleeV.Callee
		case calleeV.Kind == facts.FuncV:
			c.Callee = facts.Callee{Name: calleeV.Text}
			c.Func = calleeV.Func
			l.addRef(facts.Ref{Kind: facts.FuncRef, Index: calleeV.Func})
		case calleeV.Kind == facts.SymbolV:
			c.Callee = facts.Callee{Name: calleeV.Text}
			l.addRef(facts.Ref{Kind: facts.SymbolRef, Index: calleeV.Symbol})
		default:
			c.Callee = facts.Callee{Name: calleeV.Text}
		}
		if calleeV.Callee != nil && isRelative(calleeV.Callee.Module) {
			l.addRef(facts.Ref{Kind: facts.ImportRef, Module: calleeV.Callee.Module,
				Path: l.modulePath(calleeV.Callee.Module), Name: calleeV.Callee.Name})
		}
	}
	if argsNode >= 0 && l.kind(argsNode) == kArguments {
		for _, a := range l.namedChildren(argsNode) {
			l.pushCollect()
			av := l.expr(a)
			c.ArgSources = append(c.ArgSources, l.popCollect())
			if av == nil {
				av = &facts.Value{Kind: facts.Unknown, Pos: l.pos(a)}
			}
			c.Args = append(c.Args, av)
		}
	} else if argsNode >= 0 { // tagged template
		l.pushCollect()
		c.Args = append(c.Args, l.expr(argsNode))
		c.ArgSources = append(c.ArgSources, l.popCollect())
	}
	args := c.Args
	// Functions and symbols passed along are reachable from here.
	for _, a := range c.Args {
		for _, r := range l.refsOf(a, nil) {
			l.addRef(r)
		}
	}
	// An instance made by init code outlives invocations: its fields are shared.
	if isNew && ufn >= 0 && l.kind(ufn) == kIdentifier {
		if b := l.lookup(l.text(ufn)); b != nil && b.kind == bClass && l.sc == nil {
			l.file.Classes[b.index].Shared = true
		}
	}
	if calleeV != nil {
		c.Object = shallow(calleeV.Object, 0)
	}
	// Init code registering functions on module state: app.get('/x', route),
	// app.use(router), emitter.on('x', fn). They run during invocations that
	// reach the symbol.
	if l.fn == 0 && c.Receiver >= 0 {
		var refs []facts.Ref
		for _, a := range c.Args {
			refs = append(refs, l.refsOf(a, nil)...)
		}
		s := &l.file.Symbols[c.Receiver]
		s.Refs = append(s.Refs, refs...)
	}
	if keep, keepArgs, keepSources := l.callMatters(&c); keep {
		if keepSources && c.Receiver < 0 {
			c.ArgSources = paramSources(c.ArgSources)
		}
		if !keepArgs {
			c.Args = nil
		} else {
			kept := make([]*facts.Value, len(c.Args))
			for i, a := range c.Args {
				kept[i] = shallow(a, 0)
			}
			c.Args = kept
		}
		if !keepSources {
			c.ArgSources = nil
		}
		fn := l.cur()
		fn.Calls = append(fn.Calls, c)
		l.callAt[i] = len(fn.Calls) - 1
	}
	kind := facts.CallV
	if isNew {
		kind = facts.NewV
	}
	callee := c.Callee
	v := &facts.Value{Kind: kind, Callee: &callee, Parts: args, Pos: p, Symbol: -1}
	if calleeV != nil && calleeV.Object != nil {
		v.Object = calleeV.Object
	}
	if calleeV != nil && calleeV.Kind == facts.FuncV {
		v.Func = calleeV.Func
		v.Object = calleeV
	}
	return v
}

// shallow returns the part of a value rules read, for values kept after the
// file is lowered: literals, templates, concatenations and calls with their
// callee and (path-like) arguments, members with their object; object and
// array literals without their contents.
func shallow(v *facts.Value, depth int) *facts.Value {
	if v == nil {
		return nil
	}
	if depth > 6 {
		return &facts.Value{Kind: facts.Unknown, Pos: v.Pos}
	}
	switch v.Kind {
	case facts.Object, facts.Array, facts.FuncV, facts.Unknown:
		if len(v.Parts) == 0 {
			return v
		}
		c := *v
		c.Parts = nil
		return &c
	case facts.Template, facts.Concat, facts.CallV, facts.NewV, facts.Await, facts.Member:
		c := *v
		if len(v.Parts) > 0 {
			c.Parts = make([]*facts.Value, len(v.Parts))
			for i, p := range v.Parts {
				c.Parts[i] = shallow(p, depth+1)
			}
		}
		if v.Object != nil {
			c.Object = shallow(v.Object, depth+1)
		}
		return &c
	}
	return v
}

// callMatters decides which calls the facts keep, and with what: most calls
// in real code are on local objects and reach nothing a rule asks about.
// Kept: calls into imported modules (file, shell and connection APIs: with
// their argument values), calls on shared state or on a parameter, calls of
// local functions, methods and classes (with per-argument sources, for
// request data followed into helpers), and global calls passing shared state
// (Object.assign(cache, …)).
func (l *lowerer) callMatters(c *facts.Call) (keep, args, sources bool) {
	imported := c.Callee.Module != "" && !isRelative(c.Callee.Module)
	onParam := c.Object != nil && c.Object.Kind == facts.ParamV
	// Calls into relative modules matter only for following request data into
	// helpers in other files: when an argument derives from a parameter.
	local := c.Func >= 0 || c.New || strings.HasPrefix(c.Callee.Name, "this.") ||
		isRelative(c.Callee.Module) && carriesParams(c.ArgSources) ||
		c.Callee.Module == "" && strings.Count(c.Callee.Name, ".") == 1 && l.isClassName(c.Callee.Name[:strings.IndexByte(c.Callee.Name, '.')])
	passesState := false
	if !imported {
		for _, a := range c.Args {
			if a != nil && (a.Kind == facts.SymbolV || a.Kind == facts.Member && a.Symbol >= 0) {
				passesState = true
				break
			}
		}
	}
	keep = imported || c.Receiver >= 0 || onParam || local || passesState
	return keep, imported || passesState || c.New, c.Receiver >= 0 || c.Func >= 0 || local
}

// carriesParams reports whether an argument derives from a parameter (or a
// member read on one): what request data is followed through.
func carriesParams(args [][]facts.Source) bool {
	for _, srcs := range args {
		for _, s := range srcs {
			if s.Param >= 0 || s.Member != "" {
				return true
			}
		}
	}
	return false
}

// paramSources keeps, per argument, only the sources request data is
// followed through (parameters and members read on them).
func paramSources(args [][]facts.Source) [][]facts.Source {
	if !carriesParams(args) {
		return nil
	}
	out := make([][]facts.Source, len(args))
	for i, srcs := range args {
		for _, s := range srcs {
			if s.Param >= 0 || s.Member != "" {
				out[i] = append(out[i], s)
			}
		}
	}
	return out
}

func (l *lowerer) isClassName(name string) bool {
	b := l.lookup(name)
	return b != nil && b.kind == bClass
}

func (l *lowerer) addRef(r facts.Ref) { l.cur().AddRef(r) }

// refsOf collects what a value leads to: functions, symbols and imported names,
// through wrapper calls (middy(fn).use(x)), objects and arrays.
func (l *lowerer) refsOf(v *facts.Value, out []facts.Ref) []facts.Ref {
	if v == nil {
		return out
	}
	switch v.Kind {
	case facts.FuncV:
		if v.Func >= 0 {
			out = append(out, facts.Ref{Kind: facts.FuncRef, Index: v.Func})
		}
		return out
	case facts.SymbolV:
		return append(out, facts.Ref{Kind: facts.SymbolRef, Index: v.Symbol})
	case facts.CallV, facts.NewV:
		// The callee of a wrapper call ran at init; what it returns runs later.
		if v.Object != nil && v.Object.Kind == facts.FuncV && v.Object.Func >= 0 {
			out = append(out, facts.Ref{Kind: facts.FuncRef, Index: v.Object.Func, Result: true})
		} else if v.Object != nil {
			out = l.refsOf(v.Object, out)
		}
		if v.Callee != nil && isRelative(v.Callee.Module) {
			out = append(out, facts.Ref{Kind: facts.ImportRef, Module: v.Callee.Module,
				Path: l.modulePath(v.Callee.Module), Name: v.Callee.Name, Result: true})
		}
	case facts.Ident, facts.Member:
		if v.Callee != nil && isRelative(v.Callee.Module) {
			return append(out, facts.Ref{Kind: facts.ImportRef, Module: v.Callee.Module,
				Path: l.modulePath(v.Callee.Module), Name: v.Callee.Name})
		}
		if v.Kind == facts.Member && v.Object != nil {
			return l.refsOf(v.Object, out)
		}
		return out
	}
	for _, p := range v.Parts {
		out = l.refsOf(p, out)
	}
	return out
}

// object lowers an object literal; methods become functions.
func (l *lowerer) object(i int) *facts.Value {
	v := &facts.Value{Kind: facts.Object, Pos: l.pos(i)}
	for _, c := range l.namedChildren(i) {
		switch l.kind(c) {
		case kPair:
			if k := l.child(c, l.f.key); k >= 0 && l.kind(k) == kComputedProperty {
				l.expr(k)
			}
			v.Parts = append(v.Parts, l.expr(l.child(c, l.f.value)))
		case kShorthandProperty:
			v.Parts = append(v.Parts, l.identifier(c))
		case kMethod:
			name := ""
			if k := l.child(c, l.f.name); k >= 0 {
				name = l.propertyName(k)
			}
			v.Parts = append(v.Parts, l.function(c, name, facts.Func, ""))
		default:
			v.Parts = append(v.Parts, l.expr(c))
		}
	}
	return v
}

// ---- writes ------------------------------------------------------------

func (l *lowerer) assign(i int) *facts.Value {
	left := l.unwrap(l.child(i, l.f.left))
	rightNode := l.child(i, l.f.right)
	op := "="
	if o := l.child(i, l.f.operator); o >= 0 {
		op = l.text(o)
	} else if l.kind(i) == kAugAssign {
		for c := left + 1; c < l.next(i); c = l.next(c) {
			if !l.named(c) && strings.HasSuffix(l.text(c), "=") {
				op = l.text(c)
				break
			}
		}
	}
	// A compound assignment reads its target before evaluating the right side.
	if op != "=" && left >= 0 && op != "??=" && op != "||=" {
		l.pushCollect()
		l.expr(left)
		l.popCollect()
	}
	l.pushCollect()
	v := l.expr(rightNode)
	src := l.popCollect()
	wop := facts.Assign
	guarded := false
	switch op {
	case "=":
	case "??=", "||=":
		guarded = true
	default:
		wop = facts.Compound
	}
	if !guarded && op == "=" && l.selfDefault(left, rightNode) {
		guarded = true
	}
	l.writeTarget(left, wop, "", v, src, guarded, i)
	// Remember which symbol a constructed value went to (lazy clients).
	if ur := l.unwrapAwait(rightNode); ur >= 0 {
		if ci, ok := l.callAt[ur]; ok {
			if s := l.rootSymbol(left); s >= 0 {
				c := &l.cur().Calls[ci]
				c.AssignedTo = s
				c.Guarded = c.Guarded || guarded || l.isGuarded(s)
			}
		}
	}
	return v
}

func (l *lowerer) unwrapAwait(i int) int {
	i = l.unwrap(i)
	for i >= 0 && l.kind(i) == kAwait {
		i = l.unwrap(l.firstNamed(i))
	}
	// x = x || new X(), x = x ?? await connect(): the call is the value.
	if i >= 0 && l.kind(i) == kBinary {
		if op := l.text(l.child(i, l.f.operator)); op == "||" || op == "??" {
			return l.unwrapAwait(l.child(i, l.f.right))
		}
	}
	return i
}

// selfDefault reports x = x || v and x = x ?? v.
func (l *lowerer) selfDefault(left, right int) bool {
	r := l.unwrap(right)
	if r < 0 || l.kind(r) != kBinary {
		return false
	}
	op := l.text(l.child(r, l.f.operator))
	if op != "||" && op != "??" {
		return false
	}
	return l.memberPath(l.child(r, l.f.left)) == l.memberPath(left) && l.memberPath(left) != ""
}

func (l *lowerer) isGuarded(sym int) bool {
	for _, g := range l.guards {
		if g == sym {
			return true
		}
	}
	return false
}

func (l *lowerer) update(i int) *facts.Value {
	arg := l.unwrap(l.child(i, l.f.argument))
	l.pushCollect()
	l.expr(arg)
	src := l.popCollect()
	l.writeTarget(arg, facts.Update, "", nil, src, false, i)
	return &facts.Value{Kind: facts.Unknown, Pos: l.pos(i)}
}

func (l *lowerer) unary(i int) *facts.Value {
	op := ""
	if o := l.child(i, l.f.operator); o >= 0 {
		op = l.text(o)
	}
	arg := l.child(i, l.f.argument)
	if op == "delete" {
		ua := l.unwrap(arg)
		if ua >= 0 && (l.kind(ua) == kMember || l.kind(ua) == kSubscript) {
			if o := l.child(ua, l.f.object); o >= 0 {
				l.pushCollect()
				l.expr(o)
				l.popCollect()
			}
			if ix := l.child(ua, l.f.index); ix >= 0 {
				l.expr(ix)
			}
			l.writeTarget(ua, facts.Delete, "", nil, nil, false, i)
			return &facts.Value{Kind: facts.Bool, Pos: l.pos(i)}
		}
	}
	v := l.expr(arg)
	if op == "typeof" || op == "void" {
		return &facts.Value{Kind: facts.Unknown, Pos: l.pos(i)}
	}
	_ = v
	return &facts.Value{Kind: facts.Unknown, Text: op, Pos: l.pos(i)}
}

// writeTarget records a write to whatever target resolves to. Writes to
// locals update what the local derives from.
func (l *lowerer) writeTarget(target int, op facts.WriteOp, method string, v *facts.Value, src []facts.Source, guarded bool, whole int) {
	if target < 0 {
		return
	}
	switch l.kind(target) {
	case kObjectPattern, kArrayPattern:
		for _, id := range l.patternTargets(target) {
			l.writeTarget(id, op, method, nil, src, guarded, id)
		}
		return
	}
	path := l.memberPath(target)
	if l.kind(target) == kShorthandPropertyPattern {
		path = l.text(target)
	}
	root := l.unwrap(target)
	for root >= 0 && (l.kind(root) == kMember || l.kind(root) == kSubscript) {
		root = l.unwrap(l.child(root, l.f.object))
	}
	if root < 0 {
		return
	}
	sym := -1
	switch l.kind(root) {
	case kThis:
		if l.sc != nil && l.sc.class != "" && target != root {
			prop := strings.SplitN(strings.TrimPrefix(path, "this."), ".", 2)[0]
			prop = strings.TrimSuffix(prop, "[]")
			sym = l.symbolFor(l.sc.class+"."+prop, facts.InstanceField, l.sc.class, target)
		}
	case kIdentifier, kShorthandPropertyPattern:
		name := l.text(root)
		if l.isProcessEnv(path) && target != root {
			sym = l.symbolFor("process.env", facts.Global, "", target)
			break
		}
		if (name == "globalThis" || name == "global") && l.lookup(name) == nil && target != root {
			prop := strings.SplitN(strings.TrimPrefix(path, name+"."), ".", 2)[0]
			sym = l.symbolFor(name+"."+prop, facts.Global, "", target)
			break
		}
		b, owner := l.lookupScope(name)
		if b == nil {
			// Assigning an undeclared name in a sloppy-mode script creates a
			// global (ES modules and TypeScript reject it).
			if target == root && l.sloppy() && l.sc != nil {
				sym = l.symbolFor("globalThis."+name, facts.Global, "", target)
				path = name
				break
			}
			return
		}
		captured := b.kind == bLocal && owner >= 0 && owner != l.fn
		switch b.kind {
		case bParam:
			if target != root && b.fn == l.fn {
				p := l.pos(whole)
				l.cur().Writes = append(l.cur().Writes, facts.Write{
					Symbol: -1, Param: b.index, Path: path, Op: op, Pos: p, Value: v, Seq: p.EndOff, Stmt: l.stmtPos(whole),
				})
			}
			return
		case bLocal:
			if target == root { // a local reassigned: it now derives from the new value
				b.sources = src
				b.value = nil
				b.alias, b.aliasPath = -1, ""
				if v != nil && (v.Kind == facts.SymbolV || v.Kind == facts.Member && v.Symbol >= 0) {
					b.alias, b.aliasPath = v.Symbol, v.Text
				}
				if !captured {
					return
				}
				sym = l.capturedSymbol(b, name, owner, root)
				break
			}
			switch {
			case b.alias >= 0:
				sym = b.alias
				path = b.aliasPath + strings.TrimPrefix(path, name)
			case captured:
				sym = l.capturedSymbol(b, name, owner, root)
			default:
				return
			}
		case bSymbol:
			sym = b.index
		case bClass:
			if target != root {
				prop := strings.SplitN(strings.TrimPrefix(path, name+"."), ".", 2)[0]
				sym = l.symbolFor(name+"."+prop, facts.StaticField, name, target)
			}
		case bImport:
			if !isRelative(b.module) {
				return
			}
			sym = l.importedSymbol(b.module, b.name, name, root)
		default:
			return
		}
	default:
		return
	}
	if sym < 0 {
		return
	}
	p := l.pos(whole)
	if op == facts.Compound || op == facts.Update {
		src = append([]facts.Source{{Func: l.fn, Param: -1, Symbol: sym, Off: int(l.nodes[target].Start)}}, src...)
	}
	l.cur().Writes = append(l.cur().Writes, facts.Write{
		Symbol: sym, Param: -1, Path: path, Op: op, Method: method, Pos: p, Value: shallow(v, 0),
		Guarded: guarded || l.isGuarded(sym), Sources: src, Seq: p.EndOff, Stmt: l.stmtPos(whole),
	})
}

// parentOf returns the parent of node i: in pre-order, the closest node
// before i whose subtree reaches past it.
func (l *lowerer) parentOf(i int) int {
	for p := i - 1; p >= 0; p-- {
		if int(l.nodes[p].Next) > i {
			return p
		}
	}
	return -1
}

// stmtPos returns the range of the expression statement that is exactly node
// i, extended over a trailing newline when the statement has its own line.
func (l *lowerer) stmtPos(i int) facts.Pos {
	// The statement is the closest node before i that ends at or after i's end.
	for s := i - 1; s >= 0 && s >= i-3; s-- {
		if l.kind(s) == kExpressionStatement && l.unwrap(l.firstNamed(s)) == i {
			if k := l.kind(l.parentOf(s)); k != kStatementBlock && k != kProgram {
				return facts.Pos{} // if (x) stmt; — deleting it would change the code around it
			}
			start, end := int(l.nodes[s].Start), int(l.nodes[s].End)
			if l.idx.OnlySpaceBefore(start) {
				j := end
				for j < len(l.src) && (l.src[j] == ' ' || l.src[j] == '\t' || l.src[j] == '\r') {
					j++
				}
				if j < len(l.src) && l.src[j] == '\n' {
					start, end = l.idx.LineStart(start), j+1
				}
			}
			return l.idx.Pos(start, end)
		}
		if l.kind(s) != kParen {
			break
		}
	}
	return facts.Pos{}
}

// patternTargets returns what a destructuring assignment writes: names and
// member targets (({ x: shared.y } = event)).
func (l *lowerer) patternTargets(p int) []int {
	var out []int
	var walk func(int)
	walk = func(i int) {
		switch l.kind(i) {
		case kIdentifier, kShorthandPropertyPattern, kMember, kSubscript:
			out = append(out, i)
		case kObjectPattern, kArrayPattern, kRestPattern:
			for _, c := range l.namedChildren(i) {
				walk(c)
			}
		case kPairPattern:
			walk(l.child(i, l.f.value))
		case kAssignmentPattern, kObjectAssignmentPattern:
			walk(l.child(i, l.f.left))
		}
	}
	walk(p)
	return out
}

// sloppy reports a script that may run in sloppy mode: CommonJS JavaScript
// without "use strict" (ES modules and TypeScript are strict).
func (l *lowerer) sloppy() bool {
	if l.file.Language != facts.JavaScript || strings.HasSuffix(l.file.Path, ".mjs") {
		return false
	}
	if l.isModule == 0 {
		l.isModule = 1
		for c := 1; c < l.next(0); c = l.next(c) {
			k := l.kind(c)
			if k == kImport || k == kExport {
				l.isModule = 2
				break
			}
		}
		// The "use strict" directive: the first statement is that string.
		if first := l.firstNamed(0); first >= 0 && l.kind(first) == kExpressionStatement {
			if str := l.firstNamed(first); l.kind(str) == kString && l.stringValue(str) == "use strict" {
				l.isModule = 2
			}
		}
	}
	return l.isModule == 1
}

// importedSymbol returns (making it on first use) the symbol standing for a
// binding another module of the program exports.
func (l *lowerer) importedSymbol(module, name, local string, node int) int {
	key := "\x00import\x00" + module + "\x00" + name
	if b, ok := l.module[key]; ok {
		return b.index
	}
	l.file.Symbols = append(l.file.Symbols, facts.Symbol{
		Name: local, Kind: facts.Imported, Reassignable: true, Pos: l.pos(node),
		From: &facts.Ref{Kind: facts.ImportRef, Module: module, Path: l.modulePath(module), Name: name},
	})
	i := len(l.file.Symbols) - 1
	l.module[key] = &binding{kind: bSymbol, index: i}
	return i
}

// ---- functions and classes ---------------------------------------------

// function lowers a function-like node into a new Function and returns its value.
func (l *lowerer) function(i int, name string, k facts.FuncKind, class string) *facts.Value {
	if name == "" {
		if n := l.child(i, l.f.name); n >= 0 {
			name = l.text(n)
		}
	}
	if name == "" {
		name = "<anonymous>"
	}
	fn := facts.Function{Name: name, Kind: k, Class: class, Parent: l.fn, Pos: l.pos(i)}
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if !l.named(c) && l.text(c) == "async" {
			fn.Async = true
			break
		}
		if l.named(c) {
			break
		}
	}
	idx, reserved := l.reserved[i]
	if reserved {
		fn.Name = l.file.Functions[idx].Name
		l.file.Functions[idx] = fn
	} else {
		idx = len(l.file.Functions)
		l.file.Functions = append(l.file.Functions, fn)
	}
	if class != "" {
		if ci, ok := l.classes[class]; ok {
			l.file.Classes[ci].Methods = append(l.file.Classes[ci].Methods, idx)
		}
	}
	// Arrow functions keep the enclosing method's `this`.
	scopeClass := class
	if l.kind(i) == kArrow && l.sc != nil {
		scopeClass = l.sc.class
	}
	savedFn, savedSc, savedGuards, savedCond := l.fn, l.sc, l.guards, l.condDepth
	l.fn = idx
	l.sc = &scope{fn: idx, class: scopeClass, names: map[string]*binding{}, parent: savedSc}
	l.guards = nil
	l.condDepth = 0
	var params []string
	arity, counting := 0, true
	if ps := l.child(i, l.f.parameters); ps >= 0 {
		for pi, p := range l.namedChildren(ps) {
			pn := l.unwrap(p)
			if l.kind(pn) == kAssignmentPattern || l.kind(pn) == kRestPattern || l.child(pn, l.f.value) >= 0 {
				counting = false // fn.length stops at a default or a rest parameter
			}
			if counting {
				arity++
			}
			label := l.text(pn)
			if l.kind(pn) == kRequiredParam || l.kind(pn) == kOptionalParam {
				if pat := l.child(pn, l.f.pattern); pat >= 0 {
					label = l.text(pat)
				}
			}
			if l.kind(pn) == kAssignmentPattern {
				if left := l.child(pn, l.f.left); left >= 0 {
					label = l.text(left)
				}
				if r := l.child(pn, l.f.right); r >= 0 {
					l.expr(r)
				}
			}
			params = append(params, label)
			for _, id := range l.patternNames(pn) {
				l.sc.names[l.text(id)] = &binding{kind: bParam, index: pi, fn: idx, alias: -1}
			}
		}
	} else if p := l.child(i, l.f.parameter); p >= 0 { // x => …
		arity = 1
		params = append(params, l.text(p))
		l.sc.names[l.text(p)] = &binding{kind: bParam, index: 0, fn: idx, alias: -1}
	}
	l.file.Functions[idx].Params = params
	l.file.Functions[idx].Arity = arity
	if body := l.child(i, l.f.body); body >= 0 {
		l.hoist(body)
		if l.kind(body) == kStatementBlock {
			l.block(body)
		} else {
			l.expr(body) // arrow with an expression body
		}
	}
	l.fn, l.sc, l.guards, l.condDepth = savedFn, savedSc, savedGuards, savedCond
	return &facts.Value{Kind: facts.FuncV, Func: idx, Text: name, Pos: l.pos(i)}
}

// hoist binds the names a function body declares before lowering it, so uses
// before the declaration resolve to the local, not to module state: `var`s
// anywhere in the body (function-scoped), and the body's own let/const,
// functions and classes. Nested blocks bind theirs when lowered (declareBlock).
func (l *lowerer) hoist(body int) {
	for j := body + 1; j < l.next(body); {
		switch l.kind(j) {
		case kFunctionExpr, kGeneratorExpr, kArrow, kClassExpr, kMethod, kFunctionDecl, kGeneratorDecl, kClassDecl:
			j = l.next(j)
			continue
		case kVariableDecl:
			for _, d := range l.namedChildren(j) {
				if n := l.child(d, l.f.name); n >= 0 && l.kind(d) == kDeclarator {
					for _, id := range l.patternNames(n) {
						if _, ok := l.sc.names[l.text(id)]; !ok {
							l.sc.names[l.text(id)] = &binding{kind: bLocal, alias: -1}
						}
					}
				}
			}
		}
		j++
	}
	l.declareBlock(body)
}

// declareBlock binds the let/const, function and class names a block declares
// in the current scope.
func (l *lowerer) declareBlock(block int) {
	for c := block + 1; c < l.next(block); c = l.next(c) {
		switch l.kind(c) {
		case kLexicalDecl:
			for _, d := range l.namedChildren(c) {
				if n := l.child(d, l.f.name); n >= 0 && l.kind(d) == kDeclarator {
					for _, id := range l.patternNames(n) {
						l.sc.names[l.text(id)] = &binding{kind: bLocal, alias: -1}
					}
				}
			}
		case kFunctionDecl, kGeneratorDecl, kClassDecl:
			if n := l.child(c, l.f.name); n >= 0 {
				l.sc.names[l.text(n)] = &binding{kind: bLocal, alias: -1}
			}
		}
	}
}

// nestedBlock lowers a block inside a function in a scope of its own.
func (l *lowerer) nestedBlock(i int) {
	if l.sc == nil {
		l.block(i)
		return
	}
	saved := l.sc
	l.sc = &scope{fn: saved.fn, class: saved.class, names: map[string]*binding{}, parent: saved}
	l.declareBlock(i)
	l.block(i)
	l.sc = saved
}

func (l *lowerer) class(i int) {
	name := ""
	if n := l.child(i, l.f.name); n >= 0 {
		name = l.text(n)
	}
	l.classNamed(i, name)
}

func (l *lowerer) classNamed(i int, name string) {
	if name == "" {
		name = "<class>"
	}
	ci := l.addClass(name, i)
	if l.sc != nil {
		// A class declared inside a function: its instances are per invocation
		// unless stored elsewhere; methods are still lowered.
		l.sc.names[name] = &binding{kind: bClass, index: ci, alias: -1}
	}
	body := l.child(i, l.f.body)
	if body < 0 {
		return
	}
	for c := body + 1; c < l.next(body); c = l.next(c) {
		switch l.kind(c) {
		case kMethod:
			mn := ""
			if n := l.child(c, l.f.name); n >= 0 {
				mn = l.propertyName(n)
			}
			k := facts.Method
			if mn == "constructor" {
				k = facts.Constructor
			}
			l.function(c, name+"."+mn, k, name)
		case kFieldDef:
			static := l.hasToken(c, "static")
			fname := ""
			if n := l.child(c, l.f.name); n >= 0 {
				fname = l.propertyName(n)
			} else if n := l.child(c, l.f.property); n >= 0 {
				fname = l.propertyName(n)
			}
			val := l.child(c, l.f.value)
			if fname == "" {
				l.expr(val)
				continue
			}
			k := facts.InstanceField
			if static {
				k = facts.StaticField
			}
			sym := l.symbolFor(name+"."+fname, k, name, c)
			if val >= 0 {
				uv := l.unwrap(val)
				if uv >= 0 && isFunctionKind(l.kind(uv)) {
					l.function(uv, name+"."+fname, facts.Method, name)
					continue
				}
				v := l.expr(val)
				if l.file.Symbols[sym].Init == nil {
					l.file.Symbols[sym].Init = v
				}
			}
		case kStaticBlock:
			l.expr(c)
		}
	}
}
