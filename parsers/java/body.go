package java

import (
	"strings"
	"unicode"

	"github.com/lmicheck/lmicheck/facts"
)

// ev is a lowered expression: its value, what it derives from, its static
// type where known (qualified), and whether it names a type (a static call's
// receiver) rather than a value.
type ev struct {
	v      *facts.Value
	src    []facts.Source
	typ    string
	isType bool
	sym    int // the field symbol the expression reads, or -1
	call   int // the call of the current function whose result it is, or -1
}

func unknownEV() ev { return ev{v: &facts.Value{Kind: facts.Unknown}, sym: -1, call: -1} }

func (l *lowerer) fnp() *facts.Function { return &l.file.Functions[l.fn] }

func (l *lowerer) lowerBody(p pendingBody) {
	l.fn, l.cls, l.static = p.fn, p.cls, p.static
	l.lockDepth, l.guards = 0, nil
	if p.locked {
		l.lockDepth = 1
	}
	parent := p.sc
	l.sc = &scope{vars: map[string]*local{}, parent: parent}
	if p.params <= -2 {
		// A field initializer: its value is the field's Init.
		si := -2 - p.params
		if l.kind(p.node) == kObjectCreation && l.sharedStore(si) {
			l.keptNodes[p.node] = true // private static final Helper H = new Helper();
		}
		r := l.expr(p.node)
		if si < len(l.file.Symbols) && l.file.Symbols[si].Init == nil {
			l.file.Symbols[si].Init = r.v
		}
		if r.call >= 0 {
			l.fnp().Calls[r.call].AssignedTo = si
		}
		return
	}
	if p.params >= 0 {
		l.declareParams(p.params)
	}
	switch l.kind(p.node) {
	case kBlock, kConstructorBody:
		l.block(p.node)
	default:
		l.expr(p.node) // an expression-bodied lambda
	}
}

func (l *lowerer) declareParams(params int) {
	idx := 0
	add := func(name, typ string) {
		if name == "" {
			return
		}
		l.sc.vars[name] = &local{typ: typ, param: idx, fn: l.fn,
			sources: []facts.Source{{Func: l.fn, Param: idx, Symbol: -1}}}
		idx++
	}
	switch l.kind(params) {
	case kIdentifier:
		add(l.text(params), "")
		return
	}
	for _, p := range l.namedChildren(params) {
		switch l.kind(p) {
		case kFormalParameter:
			add(l.text(l.child(p, l.f.name)), l.typeName(l.child(p, l.f.typ)))
		case kSpreadParameter:
			add(l.text(l.child(l.childOfKind(p, kVarDeclarator), l.f.name)), "")
		case kIdentifier:
			add(l.text(p), "")
		}
	}
}

// ---- statements --------------------------------------------------------------

func (l *lowerer) block(b int) {
	saved, savedLock, savedGuards := l.sc, l.lockDepth, len(l.guards)
	l.sc = &scope{vars: map[string]*local{}, parent: saved}
	for c := b + 1; c < l.next(b); c = l.next(c) {
		if !l.named(c) {
			continue
		}
		l.stmt(c)
		// lock.lock(); … in the rest of the block (the try/finally idiom).
		if l.kind(c) == kExprStmt {
			if e := l.firstNamed(c); l.kind(e) == kMethodInvocation {
				switch l.text(l.child(e, l.f.name)) {
				case "lock", "lockInterruptibly":
					l.lockDepth++
				case "unlock":
					if l.lockDepth > savedLock {
						l.lockDepth--
					}
				}
			}
		}
		// try { … } finally { lock.unlock(); } ends the region.
		if k := l.kind(c); (k == kTry || k == kTryWithResources) && l.lockDepth > savedLock {
			if fin := l.childOfKind(c, kFinally); fin >= 0 && strings.Contains(l.text(fin), ".unlock()") {
				l.lockDepth--
			}
		}
		// if (x != null) return x; … the rest of the block is x's lazy init.
		if l.kind(c) == kIf && l.child(c, l.f.alternative) < 0 && l.exits(l.child(c, l.f.consequence)) {
			if si := l.nullCheck(l.child(c, l.f.condition), "!="); si >= 0 {
				l.guards = append(l.guards, guard{si, l.lockDepth})
			}
		}
	}
	l.sc, l.lockDepth, l.guards = saved, savedLock, l.guards[:savedGuards]
}

func (l *lowerer) firstNamed(i int) int {
	if ns := l.namedChildren(i); len(ns) > 0 {
		return ns[0]
	}
	return -1
}

// exits reports whether a statement always returns or throws.
func (l *lowerer) exits(s int) bool {
	switch l.kind(s) {
	case kReturn, kThrow:
		return true
	case kBlock:
		ns := l.namedChildren(s)
		return len(ns) > 0 && l.exits(ns[len(ns)-1])
	}
	return false
}

// nullCheck returns the field symbol a condition compares with null using op
// (x == null, this.x == null, null == x), or -1; for ==, either side of an ||.
func (l *lowerer) nullCheck(cond int, op string) int {
	for l.kind(cond) == kParen {
		cond = l.firstNamed(cond)
	}
	if l.kind(cond) != kBinary {
		return -1
	}
	o := l.text(l.child(cond, l.f.operator))
	left, right := l.child(cond, l.f.left), l.child(cond, l.f.right)
	if o == "||" && op == "==" {
		if si := l.nullCheck(left, op); si >= 0 {
			return si
		}
		return l.nullCheck(right, op)
	}
	if o != op {
		return -1
	}
	if l.kind(left) == kNull {
		left, right = right, left
	}
	if l.kind(right) != kNull {
		return -1
	}
	return l.fieldOf(left)
}

// fieldOf resolves x, this.x or C.x to a field symbol of this file, or -1.
func (l *lowerer) fieldOf(n int) int {
	switch l.kind(n) {
	case kIdentifier:
		if l.sc.lookup(l.text(n)) != nil {
			return -1
		}
		return l.field(l.text(n))
	case kFieldAccess:
		obj := l.child(n, l.f.object)
		name := l.text(l.child(n, l.f.field))
		switch l.kind(obj) {
		case kThis, kSuper:
			return l.field(name)
		case kIdentifier:
			if c, ok := l.classes[l.text(obj)]; ok && l.sc.lookup(l.text(obj)) == nil {
				if si, ok := c.fields[name]; ok {
					return si
				}
			}
		}
	}
	return -1
}

// field resolves a simple name to a field of the current class or an
// enclosing one.
func (l *lowerer) field(n string) int {
	for c := l.cls; c != nil; c = c.outer {
		if si, ok := c.fields[n]; ok {
			return si
		}
	}
	return -1
}

func (l *lowerer) stmt(s int) {
	switch l.kind(s) {
	case kBlock, kConstructorBody:
		l.block(s)
	case kLocalVar:
		typ := l.typeName(l.child(s, l.f.typ))
		for _, d := range l.children(s, l.f.declarator) {
			name := l.text(l.child(d, l.f.name))
			lv := &local{typ: typ, param: -1, fn: l.fn}
			if v := l.child(d, l.f.value); v >= 0 {
				r := l.expr(v)
				lv.value, lv.sources = r.v, r.src
				if typ == "var" || typ == "" {
					lv.typ = r.typ
				}
			}
			l.sc.vars[name] = lv
		}
	case kIf:
		cond := l.child(s, l.f.condition)
		l.expr(cond)
		n := len(l.guards)
		if si := l.nullCheck(cond, "=="); si >= 0 {
			l.guards = append(l.guards, guard{si, l.lockDepth})
		}
		locked := strings.Contains(l.text(cond), ".tryLock(")
		if locked {
			l.lockDepth++
		}
		l.stmt(l.child(s, l.f.consequence))
		if locked {
			l.lockDepth--
		}
		l.guards = l.guards[:n]
		if alt := l.child(s, l.f.alternative); alt >= 0 {
			l.stmt(alt)
		}
	case kSynchronized:
		for _, c := range l.namedChildren(s) {
			if l.kind(c) == kParen {
				l.expr(c)
			}
		}
		l.lockDepth++
		l.stmt(l.child(s, l.f.body))
		l.lockDepth--
	case kEnhancedFor:
		saved := l.sc
		l.sc = &scope{vars: map[string]*local{}, parent: saved}
		r := l.expr(l.child(s, l.f.value))
		if n := l.child(s, l.f.name); n >= 0 {
			l.sc.vars[l.text(n)] = &local{typ: l.typeName(l.child(s, l.f.typ)), param: -1, fn: l.fn, sources: r.src}
		}
		l.stmt(l.child(s, l.f.body))
		l.sc = saved
	case kFor, kTryWithResources, kCatch, kTry, kWhile, kDo, kLabeled, kFinally, kSwitchBlock, kSwitchGroup, kSwitchRule:
		saved := l.sc
		l.sc = &scope{vars: map[string]*local{}, parent: saved}
		l.walk(s)
		l.sc = saved
	case kResourceSpec:
		l.walk(s)
	case kResource:
		name := l.text(l.child(s, l.f.name))
		r := l.expr(l.child(s, l.f.value))
		if name != "" {
			l.sc.vars[name] = &local{typ: l.typeName(l.child(s, l.f.typ)), param: -1, fn: l.fn, value: r.v, sources: r.src}
		} else {
			l.walk(s)
		}
	case kCatchParam:
		if n := l.child(s, l.f.name); n >= 0 {
			l.sc.vars[l.text(n)] = &local{param: -1, fn: l.fn}
		}
	case kClass, kInterface, kEnum, kRecord:
		l.declareClass(s, l.cls) // a local class: its bodies are lowered later
	case kExprStmt, kReturn, kThrow, kYield, kExplicitCtorCall:
		l.walk(s)
	default:
		if l.isExpr(s) {
			l.expr(s)
		} else {
			l.walk(s)
		}
	}
}

// walk lowers the named children of a node, statements and expressions alike.
func (l *lowerer) walk(n int) {
	for _, c := range l.namedChildren(n) {
		if l.isExpr(c) {
			l.expr(c)
		} else {
			l.stmt(c)
		}
	}
}

func (l *lowerer) isExpr(n int) bool {
	switch l.kind(n) {
	case kAssignment, kUpdate, kUnary, kBinary, kTernary, kParen, kCast, kInstanceof, kMethodInvocation,
		kObjectCreation, kFieldAccess, kArrayAccess, kArrayCreation, kArrayInit, kLambda, kMethodRef, kString,
		kNumber, kTrue, kFalse, kNull, kThis, kIdentifier, kCharacter, kClassLiteral, kSwitchExpr:
		return true
	}
	return false
}

// ---- expressions ---------------------------------------------------------------

func (l *lowerer) expr(n int) ev {
	if n < 0 {
		return unknownEV()
	}
	r := unknownEV()
	p := l.pos(n)
	switch l.kind(n) {
	case kParen:
		return l.expr(l.firstNamed(n))
	case kString:
		r.v = &facts.Value{Kind: facts.String, Text: l.stringText(n), Pos: p}
		r.typ = "java.lang.String"
	case kCharacter:
		r.v = &facts.Value{Kind: facts.String, Text: strings.Trim(l.text(n), "'"), Pos: p}
	case kNumber:
		r.v = &facts.Value{Kind: facts.Number, Text: strings.TrimRight(l.text(n), "lLfFdD"), Pos: p}
	case kTrue, kFalse:
		r.v = &facts.Value{Kind: facts.Bool, Text: l.text(n), Pos: p}
	case kNull:
		r.v = &facts.Value{Kind: facts.Null, Text: "null", Pos: p}
	case kThis:
		r.v = &facts.Value{Kind: facts.Ident, Text: "this", Pos: p}
		if l.cls != nil {
			r.typ = l.qualify(l.cls.name)
		}
	case kIdentifier:
		return l.ident(n)
	case kFieldAccess:
		return l.fieldAccess(n)
	case kArrayAccess:
		a := l.expr(l.child(n, l.f.array))
		l.expr(l.child(n, l.f.index))
		r.src, r.sym = a.src, a.sym
		r.v = &facts.Value{Kind: facts.Member, Text: a.v.Text + "[]", Object: a.v, Pos: p}
	case kMethodInvocation:
		return l.call(n)
	case kObjectCreation:
		return l.newObject(n)
	case kAssignment:
		return l.assign(n)
	case kUpdate:
		for _, c := range l.namedChildren(n) {
			if si, path := l.target(c); si >= 0 {
				l.write(si, path, facts.Update, n, nil, nil)
			}
			r.src = l.expr(c).src
		}
		r.v = &facts.Value{Kind: facts.Unknown, Text: "++", Pos: p}
	case kUnary:
		op := ""
		for c := n + 1; c < l.next(n); c = l.next(c) {
			if !l.named(c) {
				op = l.text(c)
			}
		}
		r.src = l.expr(l.firstNamed(n)).src
		r.v = &facts.Value{Kind: facts.Unknown, Text: op, Pos: p}
	case kBinary:
		a, b := l.expr(l.child(n, l.f.left)), l.expr(l.child(n, l.f.right))
		op := l.text(l.child(n, l.f.operator))
		r.src = mergeSrc(a.src, b.src)
		stringy := func(x ev) bool {
			return x.typ == "java.lang.String" || x.v.Kind == facts.String || x.v.Kind == facts.Concat
		}
		if op == "+" && (stringy(a) || stringy(b)) {
			var parts []*facts.Value
			for _, x := range []*facts.Value{a.v, b.v} {
				if x.Kind == facts.Concat {
					parts = append(parts, x.Parts...)
				} else {
					parts = append(parts, x)
				}
			}
			r.v = &facts.Value{Kind: facts.Concat, Parts: parts, Pos: p}
			r.typ = "java.lang.String"
		} else {
			r.v = &facts.Value{Kind: facts.Unknown, Text: op, Pos: p}
		}
	case kTernary:
		l.expr(l.child(n, l.f.condition))
		a, b := l.expr(l.child(n, l.f.consequence)), l.expr(l.child(n, l.f.alternative))
		r.src = mergeSrc(a.src, b.src)
		if a.typ == b.typ {
			r.typ = a.typ
		}
	case kCast:
		x := l.expr(l.child(n, l.f.value))
		x.typ = l.typeName(l.child(n, l.f.typ))
		return x
	case kInstanceof:
		r.src = l.expr(l.child(n, l.f.left)).src
		r.v = &facts.Value{Kind: facts.Unknown, Text: "instanceof", Pos: p}
	case kLambda:
		return l.lambda(n)
	case kMethodRef:
		if fs := l.methodRef(n); len(fs) == 1 {
			r.v = &facts.Value{Kind: facts.FuncV, Func: fs[0], Text: l.text(n), Pos: p}
		}
	case kArrayInit, kArrayCreation:
		var parts []*facts.Value
		for _, c := range l.namedChildren(n) {
			if l.isExpr(c) {
				x := l.expr(c)
				parts = append(parts, x.v)
				r.src = mergeSrc(r.src, x.src)
			}
		}
		r.v = &facts.Value{Kind: facts.Array, Parts: parts, Pos: p}
	default:
		l.walk(n)
	}
	if r.v.Pos.Line == 0 {
		r.v.Pos = p
	}
	return r
}

func (l *lowerer) ident(n int) ev {
	r := unknownEV()
	name := l.text(n)
	p := l.pos(n)
	if lv := l.sc.lookup(name); lv != nil {
		r.src, r.typ = lv.sources, lv.typ
		switch {
		case lv.param >= 0:
			r.v = &facts.Value{Kind: facts.ParamV, Param: lv.param, Text: name, Pos: p}
		case lv.value != nil && (lv.value.Kind == facts.String || lv.value.Kind == facts.Concat || lv.value.Kind == facts.CallV):
			// A local's known value stands in for it (paths built in steps),
			// placed where it is used.
			cp := *lv.value
			cp.Pos = p
			r.v = &cp
		default:
			r.v = &facts.Value{Kind: facts.Ident, Text: name, Pos: p}
		}
		return r
	}
	if si := l.field(name); si >= 0 {
		return l.symbolEV(si, name, p)
	}
	if l.isTypeName(name) {
		r.isType, r.typ = true, l.qualify(name)
		r.v = &facts.Value{Kind: facts.Ident, Text: name, Pos: p}
		return r
	}
	r.v = &facts.Value{Kind: facts.Ident, Text: name, Pos: p}
	return r
}

func (l *lowerer) symbolEV(si int, text string, p facts.Pos) ev {
	s := l.file.Symbols[si]
	r := ev{sym: si, call: -1, typ: s.Type}
	r.v = &facts.Value{Kind: facts.SymbolV, Symbol: si, Text: text, Pos: p}
	r.src = []facts.Source{{Func: l.fn, Param: -1, Symbol: si, Off: p.Off}}
	return r
}

// isTypeName reports whether a simple name, not a variable, names a class.
func (l *lowerer) isTypeName(n string) bool {
	if _, ok := l.imports[n]; ok {
		return true
	}
	if _, ok := l.classes[n]; ok {
		return true
	}
	if javaLang[n] {
		return true
	}
	r := []rune(n)
	return len(r) > 0 && unicode.IsUpper(r[0])
}

func (l *lowerer) fieldAccess(n int) ev {
	obj := l.child(n, l.f.object)
	name := l.text(l.child(n, l.f.field))
	p := l.pos(n)
	if si := l.fieldOf(n); si >= 0 {
		return l.symbolEV(si, l.text(n), p)
	}
	o := l.expr(obj)
	r := unknownEV()
	r.sym = o.sym
	for _, s := range o.src {
		s.Member = name
		r.src = append(r.src, s)
	}
	r.v = &facts.Value{Kind: facts.Member, Text: o.v.Text + "." + name, Object: o.v, Pos: p}
	if o.sym >= 0 {
		r.v.Symbol = o.sym
	}
	return r
}

// target resolves an assignment's left side to the shared symbol it changes
// and the path written, or -1 for locals and parameters.
func (l *lowerer) target(n int) (int, string) {
	switch l.kind(n) {
	case kIdentifier:
		name := l.text(n)
		if l.sc.lookup(name) != nil {
			return -1, ""
		}
		if si := l.field(name); si >= 0 {
			return si, name
		}
		if si := l.inheritedField(name); si >= 0 {
			return si, name
		}
	case kFieldAccess:
		obj := l.child(n, l.f.object)
		name := l.text(l.child(n, l.f.field))
		if si := l.fieldOf(n); si >= 0 {
			return si, l.text(n)
		}
		switch l.kind(obj) {
		case kThis, kSuper:
			if si := l.inheritedField(name); si >= 0 {
				return si, l.text(n)
			}
		case kIdentifier:
			o := l.text(obj)
			if l.sc.lookup(o) == nil && l.field(o) < 0 && l.isTypeName(o) {
				return l.staticStandIn(o, name), l.text(n)
			}
		}
		// x.f = v: a change to the object a field holds.
		if si, _ := l.target(obj); si >= 0 {
			return si, l.text(n)
		}
	case kArrayAccess:
		if si, path := l.target(l.child(n, l.f.array)); si >= 0 {
			return si, path + "[]"
		}
	case kParen:
		return l.target(l.firstNamed(n))
	}
	return -1, ""
}

// inheritedField stands for a field the current class inherits from a base
// class declared elsewhere (an unknown simple name in a class that extends
// another): it belongs to the same instance.
func (l *lowerer) inheritedField(name string) int {
	if l.cls == nil || !l.cls.hasSuper || l.static || l.isTypeName(name) {
		return -1
	}
	si := l.addSymbol(facts.Symbol{Name: l.cls.name + "." + name, Kind: facts.InstanceField, Class: l.cls.name, Reassignable: true})
	l.cls.fields[name] = si
	return si
}

// staticStandIn is a static field of a class declared in another file,
// written here: static fields are shared wherever they are declared.
func (l *lowerer) staticStandIn(class, name string) int {
	key := class + "." + name
	if si, ok := l.globals[key]; ok {
		return si
	}
	si := l.addSymbol(facts.Symbol{Name: key, Kind: facts.StaticField, Class: class, Reassignable: true})
	l.globals[key] = si
	return si
}

func (l *lowerer) assign(n int) ev {
	left, right := l.child(n, l.f.left), l.child(n, l.f.right)
	op := l.text(l.child(n, l.f.operator))
	rv := l.expr(right)
	if l.kind(left) == kIdentifier {
		if lv := l.sc.lookup(l.text(left)); lv != nil {
			if op == "=" {
				lv.value, lv.sources = rv.v, rv.src
				if rv.typ != "" && lv.typ == "" {
					lv.typ = rv.typ
				}
			} else {
				lv.value, lv.sources = nil, mergeSrc(lv.sources, rv.src)
			}
			return rv
		}
	}
	if l.kind(left) != kIdentifier {
		l.expr(left) // reads and calls inside the target (a[i()] = …)
	}
	si, path := l.target(left)
	if si < 0 {
		return rv
	}
	wop := facts.Assign
	if op != "=" {
		wop = facts.Compound
	}
	if op == "=" && l.kind(right) == kObjectCreation && !strings.Contains(path, "[") &&
		!strings.Contains(strings.TrimPrefix(path, "this."), ".") && l.sharedStore(si) {
		// this.helper = new Helper() in a shared object's constructor.
		l.keptNodes[right] = true
	}
	l.write(si, path, wop, n, rv.v, rv.src)
	if rv.call >= 0 && !strings.ContainsAny(path, ".[") {
		c := &l.fnp().Calls[rv.call]
		c.AssignedTo = si
		c.Guarded = l.guarded(si)
	}
	return rv
}

func (l *lowerer) guarded(si int) bool {
	for _, g := range l.guards {
		if g.symbol == si {
			return true
		}
	}
	return false
}

// locked reports whether a write to si is synchronised: inside a
// synchronized region or a Lock, unless it is double-checked locking on a
// field that is not volatile (the first check reads it without the lock, so
// another thread may see a half-built object).
func (l *lowerer) locked(si int) bool {
	if l.lockDepth == 0 {
		return false
	}
	if si >= 0 && !l.file.Symbols[si].Volatile {
		for _, g := range l.guards {
			if g.symbol == si && g.lockDepth < l.lockDepth {
				return false
			}
		}
	}
	return true
}

func (l *lowerer) write(si int, path string, op facts.WriteOp, n int, v *facts.Value, src []facts.Source) {
	p := l.pos(n)
	l.fnp().Writes = append(l.fnp().Writes, facts.Write{
		Symbol: si, Param: -1, Path: path, Op: op, Pos: p, Value: v, Sources: src,
		Guarded: l.guarded(si), Locked: l.locked(si), Seq: p.EndOff, Stmt: p,
	})
}

// builderRoots are static factory methods that start a fluent builder; the
// chain's callee keeps the root: DynamoDbClient.builder().region(r).build()
// is DynamoDbClient.builder.build.
var builderRoots = map[string]bool{"builder": true, "standard": true, "newBuilder": true}

func (l *lowerer) call(n int) ev {
	name := l.text(l.child(n, l.f.name))
	objNode := l.child(n, l.f.object)
	p := l.pos(n)
	c := facts.Call{Pos: p, Receiver: -1, Method: name, Func: -1, AssignedTo: -1, Locked: l.lockDepth > 0}
	r := unknownEV()
	var recvSrc []facts.Source
	switch k := l.kind(objNode); {
	case objNode < 0 || k == kThis:
		c.Callee = facts.Callee{Name: name}
		if fs := l.localMethods(name, objNode < 0); len(fs) > 0 {
			c.Func = fs[0]
			c.Callee = facts.Callee{Module: l.pkg, Name: l.file.Functions[fs[0]].Name}
			for _, f := range fs {
				l.fnp().Refs = append(l.fnp().Refs, facts.Ref{Kind: facts.FuncRef, Index: f})
			}
		} else if q, ok := l.staticImports[name]; ok && objNode < 0 {
			c.Callee = calleeOf(q, name)
		} else if l.cls != nil && l.cls.hasSuper {
			l.inheritedCall(name)
		}
	case k == kSuper:
		c.Callee = facts.Callee{Name: "super." + name}
		l.inheritedCall(name)
	default:
		o := l.expr(objNode)
		recvSrc = o.src
		c.Object = o.v
		if o.sym >= 0 && o.v.Kind == facts.SymbolV {
			c.Receiver = o.sym
		}
		typ := o.typ
		if typ == "" && o.v.Kind == facts.SymbolV && o.sym >= 0 {
			if init := l.file.Symbols[o.sym].Init; init != nil && init.Callee != nil && init.Kind == facts.NewV {
				typ = joinQ(init.Callee.Module, init.Callee.Name)
			}
		}
		switch {
		case o.v.Kind == facts.CallV && o.v.Callee != nil && builderChain(o.v.Callee.Name):
			c.Callee = *o.v.Callee
			if name == "build" {
				c.Callee.Name += ".build"
			} else {
				r.v = &facts.Value{Kind: facts.CallV, Callee: o.v.Callee, Pos: p}
			}
		case o.isType && strings.Contains(l.text(objNode), ".") && !strings.Contains(typ, "."):
			c.Callee = facts.Callee{Module: "", Name: l.text(objNode) + "." + name}
		case typ != "" && !strings.HasSuffix(typ, "[]"):
			c.Callee = calleeOf(typ, name)
			l.typeCall(typ, name)
		default:
			c.Callee = facts.Callee{Name: o.v.Text + "." + name}
		}
		if k == kFieldAccess && o.isType {
			// a.b.C.m(): a fully qualified static call.
			c.Callee = calleeOf(l.text(objNode), name)
		}
	}
	var args []*facts.Value
	var argSrc [][]facts.Source
	for _, a := range l.namedChildren(l.child(n, l.f.arguments)) {
		x := l.expr(a)
		args = append(args, x.v)
		argSrc = append(argSrc, x.src)
		r.src = mergeSrc(r.src, x.src)
	}
	c.Args, c.ArgSources = args, argSrc
	for _, s := range recvSrc {
		s.Member = name
		r.src = mergeSrc(r.src, []facts.Source{s})
	}
	l.systemProperties(&c)
	fn := l.fnp()
	fn.Calls = append(fn.Calls, c)
	r.call = len(fn.Calls) - 1
	l.memoLoader(&fn.Calls[r.call])
	if r.v.Kind == facts.Unknown {
		callee := c.Callee
		r.v = &facts.Value{Kind: facts.CallV, Callee: &callee, Parts: args, Object: c.Object, Pos: p}
	}
	if objNode >= 0 && l.kind(objNode) == kIdentifier && l.isTypeName(l.text(objNode)) && builderRoots[name] {
		r.v.Callee = &facts.Callee{Module: c.Callee.Module, Name: c.Callee.Name}
	}
	return r
}

// builderChain reports whether a callee started a fluent builder
// (X.builder, X.builder.region are all "X.builder…").
func builderChain(name string) bool {
	parts := strings.Split(name, ".")
	return len(parts) == 2 && builderRoots[parts[1]]
}

// calleeOf names a method of a qualified type: {package, Type.method}.
func calleeOf(qualified, method string) facts.Callee {
	dot := strings.LastIndexByte(qualified, '.')
	if dot < 0 {
		return facts.Callee{Name: qualified + "." + method}
	}
	return facts.Callee{Module: qualified[:dot], Name: qualified[dot+1:] + "." + method}
}

func joinQ(mod, name string) string {
	if mod == "" {
		return name
	}
	return mod + "." + name
}

// localMethods finds the methods named name of the current class (and, for
// an unqualified call, of enclosing classes).
func (l *lowerer) localMethods(name string, outer bool) []int {
	for c := l.cls; c != nil; c = c.outer {
		if fs := c.methods[name]; len(fs) > 0 {
			return fs
		}
		if !outer {
			break
		}
	}
	return nil
}

// inheritedCall makes a call to a method the current class inherits reach
// that method in its base classes, wherever they are declared.
func (l *lowerer) inheritedCall(name string) {
	if l.cls == nil {
		return
	}
	for _, b := range l.file.Classes[l.cls.index].Bases {
		r := b
		r.Name = b.Name + "::" + name
		l.fnp().Refs = append(l.fnp().Refs, r)
	}
}

// typeCall makes a call of method on a value of a type declared in this
// source tree reach that method.
func (l *lowerer) typeCall(typ, method string) {
	simple := typ[strings.LastIndexByte(typ, '.')+1:]
	if ci, ok := l.classes[simple]; ok && (l.pkg == "" || typ == l.pkg+"."+simple || typ == simple) {
		for _, f := range ci.methods[method] {
			l.fnp().Refs = append(l.fnp().Refs, facts.Ref{Kind: facts.FuncRef, Index: f})
		}
		if len(ci.methods[method]) > 0 || !ci.hasSuper {
			return
		}
	}
	if !projectType(typ) && l.imports[simple] == typ {
		return // an imported library type
	}
	// Same package first, then each on-demand import: javac's order for a
	// simple name, which one file cannot settle; the linker keeps the files
	// that exist.
	l.fnp().Refs = append(l.fnp().Refs, l.typeRefs(simple, method)...)
}

// systemProperties records System.setProperty/clearProperty/setProperties as
// a write to the JVM's system properties: process-wide state, like the
// environment on other runtimes.
func (l *lowerer) systemProperties(c *facts.Call) {
	if c.Callee.Module != "java.lang" {
		return
	}
	switch c.Callee.Name {
	case "System.setProperty", "System.clearProperty", "System.setProperties":
	default:
		return
	}
	si, ok := l.globals["System.properties"]
	if !ok {
		si = l.addSymbol(facts.Symbol{Name: "System.properties", Kind: facts.Global})
		l.globals["System.properties"] = si
	}
	path := "System.properties"
	if len(c.Args) > 0 && c.Args[0] != nil && c.Args[0].Kind == facts.String {
		path = "System.properties[" + c.Args[0].Text + "]"
	}
	l.fnp().Writes = append(l.fnp().Writes, facts.Write{
		Symbol: si, Param: -1, Path: path, Op: facts.MutatingCall, Method: strings.TrimPrefix(c.Callee.Name, "System."),
		Pos: c.Pos, Locked: c.Locked, Seq: c.Pos.EndOff, Stmt: c.Pos, Sources: flatten(c.ArgSources),
	})
}

func flatten(s [][]facts.Source) []facts.Source {
	var out []facts.Source
	for _, x := range s {
		out = append(out, x...)
	}
	return out
}

func (l *lowerer) newObject(n int) ev {
	t := l.child(n, l.f.typ)
	typ := l.typeName(t)
	simple := l.simpleType(t)
	p := l.pos(n)
	c := facts.Call{Pos: p, New: true, Receiver: -1, Func: -1, AssignedTo: -1, Locked: l.lockDepth > 0}
	dot := strings.LastIndexByte(typ, '.')
	if dot >= 0 {
		c.Callee = facts.Callee{Module: typ[:dot], Name: typ[dot+1:]}
	} else {
		c.Callee = facts.Callee{Name: typ}
	}
	r := unknownEV()
	r.typ = typ
	for _, a := range l.namedChildren(l.child(n, l.f.arguments)) {
		x := l.expr(a)
		c.Args = append(c.Args, x.v)
		c.ArgSources = append(c.ArgSources, x.src)
		r.src = mergeSrc(r.src, x.src)
	}
	// new C(…) during an invocation runs C's constructors.
	for _, ref := range l.typeRefs(simple, "<init>") {
		l.fnp().Refs = append(l.fnp().Refs, ref)
	}
	// An anonymous class: its methods run when the object is used, in the
	// scope that created it.
	if body := l.childOfKind(n, kClassBody); body >= 0 {
		for m := body + 1; m < l.next(body); m = l.next(m) {
			if l.kind(m) != kMethod {
				continue
			}
			params := l.child(m, l.f.parameters)
			fi := l.addFunction(facts.Function{Name: simple + ".<anonymous>." + l.text(l.child(m, l.f.name)), Kind: facts.Func,
				Parent: l.fn, Pos: l.pos(m), Params: l.paramNames(params), Class: classNameOf(l.cls)})
			if b := l.child(m, l.f.body); b >= 0 {
				l.pend = append(l.pend, pendingBody{node: b, params: params, fn: fi, cls: l.cls, static: l.static, sc: l.sc})
			}
		}
	}
	fn := l.fnp()
	fn.Calls = append(fn.Calls, c)
	r.call = len(fn.Calls) - 1
	callee := c.Callee
	r.v = &facts.Value{Kind: facts.NewV, Callee: &callee, Parts: c.Args, Pos: p}
	if simple != "" {
		l.created = append(l.created, createdObject{node: n, class: simple})
	}
	return r
}

// createdObject is a `new C(…)` of the file.
type createdObject struct {
	node  int
	class string
}

// sharedStore reports whether a field outlives invocations when written by
// the code being lowered: a static field, or an instance field of a class
// whose one instance serves every request (a handler, a singleton bean)
// written by its constructor or initializers.
func (l *lowerer) sharedStore(si int) bool {
	if si < 0 || si >= len(l.file.Symbols) {
		return false
	}
	s := l.file.Symbols[si]
	switch s.Kind {
	case facts.StaticField:
		return l.fn == 0
	case facts.InstanceField:
		if f := l.file.Functions[l.fn]; f.Kind != facts.Constructor {
			return false
		}
		if ci, ok := l.classes[s.Class]; ok {
			return l.file.Classes[ci.index].Shared
		}
	}
	return false
}

func classNameOf(c *classInfo) string {
	if c == nil {
		return ""
	}
	return c.name
}

func (l *lowerer) lambda(n int) ev {
	params := l.child(n, l.f.parameters)
	fi := l.addFunction(facts.Function{Name: "<lambda>", Kind: facts.Func, Parent: l.fn, Pos: l.pos(n),
		Params: l.paramNames(params), Class: classNameOf(l.cls)})
	l.file.Functions[fi].Arity = len(l.file.Functions[fi].Params)
	l.pend = append(l.pend, pendingBody{node: l.child(n, l.f.body), params: params, fn: fi, cls: l.cls, static: l.static, sc: l.sc})
	r := unknownEV()
	r.v = &facts.Value{Kind: facts.FuncV, Func: fi, Pos: l.pos(n)}
	return r
}

// methodRef: this::m and C::m (a class of this file) reach the method,
// returned.
func (l *lowerer) methodRef(n int) []int {
	ns := l.namedChildren(n)
	if len(ns) < 2 {
		return nil
	}
	obj, name := ns[0], l.text(ns[len(ns)-1])
	var fs []int
	switch {
	case l.kind(obj) == kThis:
		fs = l.localMethods(name, false)
	case l.kind(obj) == kIdentifier || l.kind(obj) == kTypeIdentifier:
		if ci, ok := l.classes[l.text(obj)]; ok && l.sc.lookup(l.text(obj)) == nil {
			fs = ci.methods[name]
		} else if r := l.expr(obj); r.typ != "" {
			l.typeCall(r.typ, name)
		}
	default:
		if r := l.expr(obj); r.typ != "" {
			l.typeCall(r.typ, name)
		}
	}
	for _, f := range fs {
		l.fnp().Refs = append(l.fnp().Refs, facts.Ref{Kind: facts.FuncRef, Index: f})
	}
	return fs
}

// memoLoader records map.computeIfAbsent(key, k -> build(k)) and
// cache.get(key, k -> load(k)) (Caffeine, Guava) on a field as what they
// mean: if the key is absent, field[key] = loader(key). The loader runs once
// per key, not once per invocation, so what it creates (a client per
// region) is a lazily built, cached value.
func (l *lowerer) memoLoader(c *facts.Call) {
	if c.Receiver < 0 || len(c.Args) != 2 || c.Args[1] == nil || c.Args[1].Kind != facts.FuncV {
		return
	}
	switch c.Method {
	case "computeIfAbsent", "get":
	default:
		return
	}
	loader := facts.Call{Pos: c.Pos, Callee: facts.Callee{Name: "<" + c.Method + " loader>"}, Receiver: -1,
		Func: c.Args[1].Func, AssignedTo: c.Receiver, Guarded: true, Locked: c.Locked,
		Args: c.Args[:1], ArgSources: c.ArgSources[:1]}
	fn := l.fnp()
	fn.Calls = append(fn.Calls, loader)
}

// maxSources bounds what a value is recorded to derive from: request data
// is found among the first few, and a long arithmetic chain over locals
// (cipher rounds) must not grow the lists with every statement.
const maxSources = 16

// mergeSrc is a ∪ b without duplicates, at most maxSources long.
func mergeSrc(a, b []facts.Source) []facts.Source {
	if len(b) == 0 {
		return a
	}
	out := make([]facts.Source, 0, min(len(a)+len(b), maxSources))
	seen := func(s facts.Source) bool {
		for _, o := range out {
			if o.Func == s.Func && o.Param == s.Param && o.Symbol == s.Symbol && o.Member == s.Member {
				return true
			}
		}
		return false
	}
	for _, list := range [][]facts.Source{a, b} {
		for _, s := range list {
			if len(out) >= maxSources {
				return out
			}
			if !seen(s) {
				out = append(out, s)
			}
		}
	}
	return out
}
