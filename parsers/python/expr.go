package python

import (
	"strings"

	"github.com/lmicheck/lmicheck/facts"
)

// expr lowers node i, records its effects on the current function and
// returns its value (nil for statements).
func (l *lowerer) expr(i int) *facts.Value {
	if i < 0 {
		return nil
	}
	p := l.pos(i)
	switch l.kind(i) {
	case kComment, kType:
		return nil
	case kParen:
		return l.expr(l.firstNamed(i))
	case kIdentifier:
		return l.identifier(i)
	case kString:
		return l.str(i)
	case kConcatenatedString:
		v := &facts.Value{Kind: facts.Concat, Pos: p}
		for _, c := range l.namedChildren(i) {
			v.Parts = append(v.Parts, l.expr(c))
		}
		return v
	case kInteger, kFloat:
		return &facts.Value{Kind: facts.Number, Text: l.text(i), Pos: p}
	case kTrue, kFalse:
		return &facts.Value{Kind: facts.Bool, Text: strings.ToLower(l.text(i)), Pos: p}
	case kNone:
		return &facts.Value{Kind: facts.Null, Text: "None", Pos: p}
	case kAttribute, kSubscript:
		return l.member(i)
	case kCall:
		return l.call(i)
	case kBinary:
		return l.binary(i)
	case kBoolean:
		return l.boolean(i)
	case kAwait:
		v := l.expr(l.firstNamed(i))
		l.cur().Awaits = append(l.cur().Awaits, p)
		return &facts.Value{Kind: facts.Await, Parts: []*facts.Value{v}, Pos: p}
	case kAssignment, kAugAssignment:
		return l.assign(i)
	case kNamedExpression:
		l.pushCollect()
		v := l.expr(l.child(i, l.f.value))
		src := l.popCollect()
		l.writeTarget(l.child(i, l.f.name), facts.Assign, "", v, src, false, i)
		return v
	case kLambda:
		return l.function(i, "<lambda>", facts.Func, "", -1, nil)
	case kFunctionDef, kDecorated, kClassDef, kIf, kFor, kWhile, kWith, kDelete, kBlock, kExcept,
		kImport, kImportFrom, kGlobal, kNonlocal:
		l.stmt(i)
		return nil
	case kDictionary, kSet:
		v := &facts.Value{Kind: facts.Object, Pos: p}
		if l.kind(i) == kSet {
			v.Kind = facts.Array
		}
		for _, c := range l.namedChildren(i) {
			if l.kind(c) == kPair {
				l.expr(l.child(c, l.f.key))
				v.Parts = append(v.Parts, l.expr(l.child(c, l.f.value)))
				continue
			}
			v.Parts = append(v.Parts, l.expr(c))
		}
		return v
	case kList, kTuple, kExpressionList:
		v := &facts.Value{Kind: facts.Array, Pos: p}
		for _, c := range l.namedChildren(i) {
			v.Parts = append(v.Parts, l.expr(c))
		}
		return v
	case kConditional:
		cs := l.namedChildren(i)
		v := &facts.Value{Kind: facts.Unknown, Pos: p}
		for k, c := range cs {
			if k == 1 {
				l.condDepth++
				l.expr(c)
				l.condDepth--
				continue
			}
			v.Parts = append(v.Parts, l.expr(c))
		}
		return v
	case kComprehension:
		// The comprehension's for-targets are names of its own scope.
		saved := l.sc
		l.sc = &scope{fn: l.fn, names: map[string]*binding{}, parent: saved}
		if saved != nil {
			l.sc.class = saved.class
		}
		for c := i + 1; c < l.next(i); c = l.next(c) {
			if !l.named(c) {
				continue
			}
			if l.kind(c) == kOther { // for_in_clause, if_clause
				for _, cc := range l.namedChildren(c) {
					if l.nodes[cc].Field == l.f.left {
						for _, id := range l.targetNames(cc) {
							l.sc.names[l.text(id)] = &binding{kind: bLocal}
						}
						continue
					}
					l.expr(cc)
				}
				continue
			}
			l.expr(c)
		}
		l.sc = saved
		return &facts.Value{Kind: facts.Unknown, Pos: p}
	case kNot:
		l.expr(l.child(i, l.f.argument))
		return &facts.Value{Kind: facts.Unknown, Text: "not", Pos: p}
	}
	// Anything else: lower the children; keep functions passed through.
	var parts []*facts.Value
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if !l.named(c) {
			continue
		}
		switch l.kind(c) {
		case kBlock, kElse, kElif, kExcept, kFinally:
			l.stmt(c)
			continue
		}
		if v := l.expr(c); v != nil && (v.Kind == facts.FuncV || len(v.Parts) > 0) {
			parts = append(parts, v)
		}
	}
	if len(parts) > 0 {
		return &facts.Value{Kind: facts.Unknown, Parts: parts, Pos: p}
	}
	return nil
}

// identifier resolves a name in expression position.
func (l *lowerer) identifier(i int) *facts.Value {
	name := l.text(i)
	p := l.pos(i)
	b := l.lookup(name)
	if b == nil {
		return &facts.Value{Kind: facts.Ident, Text: name, Pos: p}
	}
	switch b.kind {
	case bParam:
		l.addSource(facts.Source{Func: b.fn, Param: b.index, Symbol: -1, Off: p.Off})
		return &facts.Value{Kind: facts.ParamV, Param: b.index, Func: b.fn, Text: name, Pos: p}
	case bSelf:
		return &facts.Value{Kind: facts.Ident, Text: "this", Pos: p}
	case bLocal:
		l.addSource(b.sources...)
		if b.value != nil {
			return inlined(b.value, p)
		}
	case bSymbol:
		l.readSymbol(b.index, name, i, "")
		return &facts.Value{Kind: facts.SymbolV, Symbol: b.index, Text: name, Pos: p}
	case bFunc:
		return &facts.Value{Kind: facts.FuncV, Func: b.index, Text: name, Pos: p}
	case bConst:
		if b.value != nil {
			return inlined(b.value, p)
		}
	case bImport:
		return &facts.Value{Kind: facts.Ident, Text: name, Pos: p, Callee: &facts.Callee{Module: b.module, Name: b.name}}
	}
	return &facts.Value{Kind: facts.Ident, Text: name, Pos: p}
}

func inlined(v *facts.Value, at facts.Pos) *facts.Value {
	c := *v
	c.Pos = at
	return &c
}

func (l *lowerer) readSymbol(sym int, path string, node int, method string) {
	p := l.pos(node)
	_, _ = path, method
	l.addSource(facts.Source{Func: l.fn, Param: -1, Symbol: sym, Off: p.Off})
	// Reads are not recorded: the rules that read them (LMI002, LMI004) are
	// about state shared between concurrent invocations, which Python's
	// one-process-per-invocation model does not have. Measured on 43 MB of
	// Debian's Python packages, they were a large share of retained facts.
}

// str lowers a string literal. An f-string becomes a Template whose literal
// parts are kept apart from the interpolated expressions; escapes are kept
// as written.
func (l *lowerer) str(i int) *facts.Value {
	p := l.pos(i)
	start, end := -1, -1
	for c := i + 1; c < l.next(i); c = l.next(c) {
		switch l.kind(c) {
		case kStringStart:
			start = c
		case kStringEnd:
			end = c
		}
	}
	if start < 0 {
		return &facts.Value{Kind: facts.String, Text: l.text(i), Pos: p}
	}
	from, to := int(l.nodes[start].End), int(l.nodes[i].End)
	if end >= 0 {
		to = int(l.nodes[end].Start)
	}
	prefix := strings.ToLower(strings.TrimRight(l.text(start), "'\""))
	if !strings.Contains(prefix, "f") {
		if from > to {
			to = from
		}
		return &facts.Value{Kind: facts.String, Text: string(l.src[from:to]), Pos: p}
	}
	v := &facts.Value{Kind: facts.Template, Pos: p}
	lit := from
	flush := func(upto int) {
		if upto > lit {
			v.Parts = append(v.Parts, &facts.Value{Kind: facts.String, Text: string(l.src[lit:upto])})
		}
	}
	for c := start + 1; c < l.next(i); c = l.next(c) {
		if l.kind(c) != kInterpolation {
			continue
		}
		flush(int(l.nodes[c].Start))
		e := l.child(c, l.f.expression)
		if e < 0 {
			e = l.firstNamed(c)
		}
		pv := l.expr(e)
		if pv == nil {
			pv = &facts.Value{Kind: facts.Unknown}
		}
		v.Parts = append(v.Parts, pv)
		lit = int(l.nodes[c].End)
	}
	flush(to)
	return v
}

// member lowers an attribute or subscript read.
func (l *lowerer) member(i int) *facts.Value {
	p := l.pos(i)
	var obj int
	var prop string
	if l.kind(i) == kAttribute {
		obj = l.child(i, l.f.object)
		prop = l.text(l.child(i, l.f.attribute))
	} else {
		obj = l.child(i, l.f.value)
		ix := l.child(i, l.f.subscript)
		if l.kind(ix) == kString && !strings.ContainsAny(l.text(ix), "{") {
			if sv := l.str(ix); sv.Kind == facts.String {
				prop = sv.Text
			}
		} else {
			l.expr(ix)
		}
	}
	uo := l.unwrap(obj)
	if l.kind(uo) == kIdentifier && l.kind(i) == kAttribute {
		if b := l.lookup(l.text(uo)); b != nil {
			switch b.kind {
			case bSelf:
				sym := l.symbolFor(b.class+"."+prop, facts.InstanceField, b.class, i)
				l.readSymbol(sym, "this."+prop, i, "")
				return &facts.Value{Kind: facts.Member, Text: "this." + prop, Symbol: sym, Pos: p}
			case bClass:
				cls := l.file.Classes[b.index].Name
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
	}
	ov := l.expr(obj)
	path := ""
	if ov != nil && ov.Text != "" && len(ov.Text) < 200 {
		switch ov.Kind {
		case facts.Ident, facts.ParamV, facts.SymbolV, facts.Member:
			switch {
			case prop != "" && l.kind(i) == kAttribute:
				path = ov.Text + "." + prop
			case prop != "":
				path = ov.Text + "." + prop
			default:
				path = ov.Text + "[]"
			}
		}
	}
	if prop != "" && paramRooted(ov) {
		l.addSource(facts.Source{Func: l.fn, Param: -1, Symbol: -1, Member: prop, Off: p.Off})
	}
	// os.environ: the process environment.
	if ov != nil && ov.Callee != nil && ov.Kind == facts.Ident && ov.Callee.Module == "os" &&
		(ov.Callee.Name == "" && prop == "environ" && l.kind(i) == kAttribute || ov.Callee.Name == "environ") {
		sym := l.symbolFor("os.environ", facts.Global, "", i)
		if ov.Callee.Name == "environ" {
			return &facts.Value{Kind: facts.Member, Text: path, Symbol: sym, Object: &facts.Value{Kind: facts.SymbolV, Symbol: sym, Text: "os.environ"}, Pos: p}
		}
		return &facts.Value{Kind: facts.SymbolV, Symbol: sym, Text: "os.environ", Pos: p}
	}
	v := &facts.Value{Kind: facts.Member, Text: path, Object: ov, Symbol: -1, Pos: p}
	if ov == nil {
		return v
	}
	if ov.Kind == facts.SymbolV || ov.Kind == facts.Member && ov.Symbol >= 0 {
		v.Symbol = ov.Symbol
		if path == "" {
			v.Text = ov.Text + "[]"
		}
	}
	if l.kind(i) != kAttribute {
		return v
	}
	switch {
	case ov.Callee != nil && ov.Callee.Module != "":
		// An imported name, or the result of calling one
		// (boto3.client("s3").download_file).
		name := prop
		if ov.Callee.Name != "" {
			name = ov.Callee.Name + "." + prop
		}
		v.Callee = &facts.Callee{Module: ov.Callee.Module, Name: name}
	case ov.Kind == facts.SymbolV:
		// A module symbol assigned once from a call: s3 = boto3.client("s3").
		if b := l.lookup(ov.Text); b != nil && b.kind == bSymbol && b.value != nil && b.value.Callee != nil && b.value.Callee.Module != "" {
			v.Callee = &facts.Callee{Module: b.value.Callee.Module, Name: b.value.Callee.Name + "." + prop}
		}
	case ov.Kind == facts.Ident && path != "":
		v.Callee = &facts.Callee{Name: path} // a builtin: str.join
	}
	return v
}

func paramRooted(v *facts.Value) bool {
	for v != nil && v.Kind == facts.Member {
		v = v.Object
	}
	return v != nil && v.Kind == facts.ParamV
}

// call lowers a call. Calling a class of this file constructs an instance.
func (l *lowerer) call(i int) *facts.Value {
	fnNode := l.unwrap(l.child(i, l.f.function))
	argsNode := l.child(i, l.f.arguments)
	p := l.pos(i)
	c := facts.Call{Pos: p, Receiver: -1, AssignedTo: -1, Func: -1, Guarded: len(l.guards) > 0 || l.once > 0,
		Locked: l.fileLocks > 0}
	var calleeV *facts.Value
	var root int = -1
	var attrs []string
	if l.kind(fnNode) == kAttribute {
		calleeV = l.member(fnNode)
		c.Method = l.text(l.child(fnNode, l.f.attribute))
		if o := calleeV.Object; o != nil && o.Symbol >= 0 && (o.Kind == facts.SymbolV || o.Kind == facts.Member) {
			c.Receiver = o.Symbol
			if reads := l.cur().Reads; len(reads) > 0 && reads[len(reads)-1].Symbol == c.Receiver {
				reads[len(reads)-1].Method = c.Method
			}
		}
		root = fnNode
		for l.kind(root) == kAttribute {
			attrs = append([]string{l.text(l.child(root, l.f.attribute))}, attrs...)
			root = l.unwrap(l.child(root, l.f.object))
		}
	} else {
		calleeV = l.expr(fnNode)
		root = fnNode
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
	}
	var b *binding
	if l.kind(root) == kIdentifier {
		b = l.lookup(l.text(root))
	}
	if b != nil && b.kind == bClass && len(attrs) == 0 {
		c.New = true
		if l.fn == 0 && l.sc == nil {
			l.file.Classes[b.index].Shared = true // an instance made at init outlives invocations
		}
	}
	// A function of another module of this program: reachable from here.
	if b != nil && b.kind == bImport {
		for _, r := range importRefs(b, attrs) {
			l.addRef(r)
		}
	}
	// A method called on module state during an invocation reaches what was
	// registered on it at init: app.resolve(event, context) runs the routes.
	if c.Receiver >= 0 && l.fn != 0 {
		l.addRef(facts.Ref{Kind: facts.SymbolRef, Index: c.Receiver})
	}
	var names []string
	if argsNode >= 0 && l.kind(argsNode) == kArgumentList {
		for _, a := range l.namedChildren(argsNode) {
			name := ""
			var av *facts.Value
			switch l.kind(a) {
			case kKeywordArgument:
				name = l.text(l.child(a, l.f.name))
				av = l.expr(l.child(a, l.f.value))
			case kListSplat:
				name = "*"
				l.expr(l.firstNamed(a))
			case kDictSplat:
				name = "**"
				l.expr(l.firstNamed(a))
			default:
				av = l.expr(a)
			}
			if av == nil {
				av = &facts.Value{Kind: facts.Unknown, Pos: l.pos(a)}
			}
			c.Args = append(c.Args, av)
			names = append(names, name)
			if name != "" {
				c.ArgNames = names
			}
		}
		if c.ArgNames != nil {
			c.ArgNames = names
		}
	} else if argsNode >= 0 { // f(x for x in y)
		c.Args = append(c.Args, l.expr(argsNode))
	}
	for _, a := range c.Args {
		for _, r := range l.refsOf(a, nil) {
			l.addRef(r)
		}
	}
	// Init code registering functions on module state:
	// app.add_url_rule("/x", view_func=f), app.include_router(router).
	if l.fn == 0 && c.Receiver >= 0 {
		var refs []facts.Ref
		for _, a := range c.Args {
			refs = l.refsOf(a, refs)
		}
		s := &l.file.Symbols[c.Receiver]
		s.Refs = append(s.Refs, refs...)
	}
	if calleeV != nil {
		c.Object = shallow(calleeV.Object, 0)
	}
	// "…{}…".format(a): a template.
	if c.Method == "format" && calleeV != nil && calleeV.Object != nil && calleeV.Object.Kind == facts.String {
		return formatTemplate(calleeV.Object, c.Args, c.ArgNames, p)
	}
	args := c.Args
	l.fileLockCall(&c, argsNode)
	if l.keep(&c) {
		// Rules read literal arguments (paths, commands, service names,
		// sizes) and module state passed along; any other argument is as
		// good as unknown to them, so it is not kept.
		kept := make([]*facts.Value, len(c.Args))
		for k, a := range c.Args {
			if hasLiteral(a, 0) || a != nil && (a.Symbol >= 0 && (a.Kind == facts.SymbolV || a.Kind == facts.Member) || a.Kind == facts.Ident && a.Callee != nil) {
				kept[k] = shallow(a, 0)
			} else {
				kept[k] = l.unknown
			}
		}
		c.Args = kept
		fn := l.cur()
		fn.Calls = append(fn.Calls, c)
		l.callAt[i] = len(fn.Calls) - 1
	}
	kind := facts.CallV
	if c.New {
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

// keep decides which calls the facts keep: calls into imported modules, on
// module state or a parameter, of this file's functions and classes, and
// other calls only when an argument or the receiver holds a literal (a path,
// a command, a size) — most calls in real code are on locals and reach
// nothing a rule asks about.
func (l *lowerer) keep(c *facts.Call) bool {
	if c.Callee.Module != "" || c.Receiver >= 0 || c.Func >= 0 || c.New {
		return true
	}
	if c.Object != nil && c.Object.Kind == facts.ParamV {
		return true
	}
	for _, a := range c.Args {
		if hasLiteral(a, 0) || a != nil && a.Symbol >= 0 && (a.Kind == facts.SymbolV || a.Kind == facts.Member) {
			return true // a literal, or module state passed along (len(CACHE))
		}
	}
	return hasLiteral(c.Object, 0)
}

func hasLiteral(v *facts.Value, depth int) bool {
	if v == nil || depth > 4 {
		return false
	}
	switch v.Kind {
	case facts.String, facts.Number:
		return true
	case facts.Template, facts.Concat, facts.CallV, facts.NewV, facts.Array:
		for _, p := range v.Parts {
			if hasLiteral(p, depth+1) {
				return true
			}
		}
	}
	return false
}

// formatTemplate turns "a{}b{name}".format(x, name=y) into a Template.
func formatTemplate(f *facts.Value, args []*facts.Value, names []string, p facts.Pos) *facts.Value {
	v := &facts.Value{Kind: facts.Template, Pos: p}
	s := f.Text
	next := 0
	var lit strings.Builder
	positional := func(k int) *facts.Value {
		n := 0
		for j, a := range args {
			if j < len(names) && names[j] != "" {
				continue
			}
			if n == k {
				return a
			}
			n++
		}
		return &facts.Value{Kind: facts.Unknown}
	}
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '{' && i+1 < len(s) && s[i+1] == '{', s[i] == '}' && i+1 < len(s) && s[i+1] == '}':
			lit.WriteByte(s[i])
			i++
		case s[i] == '{':
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				lit.WriteString(s[i:])
				i = len(s)
				continue
			}
			field := s[i+1 : i+j]
			field, _, _ = strings.Cut(field, ":")
			field, _, _ = strings.Cut(field, "!")
			if lit.Len() > 0 {
				v.Parts = append(v.Parts, &facts.Value{Kind: facts.String, Text: lit.String()})
				lit.Reset()
			}
			var part *facts.Value
			switch {
			case field == "":
				part = positional(next)
				next++
			case field[0] >= '0' && field[0] <= '9':
				k := 0
				for _, ch := range field {
					if ch < '0' || ch > '9' {
						break
					}
					k = k*10 + int(ch-'0')
				}
				part = positional(k)
			default:
				part = &facts.Value{Kind: facts.Unknown}
				for j, n := range names {
					if n == field && j < len(args) {
						part = args[j]
					}
				}
			}
			v.Parts = append(v.Parts, part)
			i += j
		default:
			lit.WriteByte(s[i])
		}
	}
	if lit.Len() > 0 {
		v.Parts = append(v.Parts, &facts.Value{Kind: facts.String, Text: lit.String()})
	}
	return v
}

// binary lowers arithmetic: + concatenates, "…%s…" % x formats, and
// Path(a) / b is pathlib's join.
func (l *lowerer) binary(i int) *facts.Value {
	op := l.operator(i)
	left := l.expr(l.child(i, l.f.left))
	right := l.expr(l.child(i, l.f.right))
	p := l.pos(i)
	switch op {
	case "+":
		v := &facts.Value{Kind: facts.Concat, Pos: p}
		for _, part := range []*facts.Value{left, right} {
			switch {
			case part == nil:
				v.Parts = append(v.Parts, &facts.Value{Kind: facts.Unknown})
			case part.Kind == facts.Concat && len(part.Parts) < 32:
				v.Parts = append(v.Parts, part.Parts...)
			default:
				v.Parts = append(v.Parts, part)
			}
		}
		return v
	case "%":
		if left != nil && left.Kind == facts.String {
			var args []*facts.Value
			if right != nil && right.Kind == facts.Array {
				args = right.Parts
			} else {
				args = []*facts.Value{right}
			}
			return percentTemplate(left.Text, args, p)
		}
	case "/":
		// pathlib: Path("/tmp") / "x" is Path("/tmp", "x").
		if left != nil && (left.Kind == facts.CallV || left.Kind == facts.NewV) && left.Callee != nil && left.Callee.Module == "pathlib" && len(left.Parts) < 16 {
			v := *left
			v.Parts = append(append([]*facts.Value(nil), left.Parts...), right)
			v.Pos = p
			return &v
		}
	}
	return &facts.Value{Kind: facts.Unknown, Text: op, Pos: p}
}

// percentTemplate turns "a%sb" % x into a Template.
func percentTemplate(s string, args []*facts.Value, p facts.Pos) *facts.Value {
	v := &facts.Value{Kind: facts.Template, Pos: p}
	var lit strings.Builder
	k := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '%' || i+1 >= len(s) {
			lit.WriteByte(s[i])
			continue
		}
		if s[i+1] == '%' {
			lit.WriteByte('%')
			i++
			continue
		}
		j := i + 1
		for j < len(s) && strings.IndexByte("#0- +.0123456789()abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_*", s[j]) >= 0 &&
			strings.IndexByte("sdirfeEgGxXoc", s[j]) < 0 {
			j++
		}
		if lit.Len() > 0 {
			v.Parts = append(v.Parts, &facts.Value{Kind: facts.String, Text: lit.String()})
			lit.Reset()
		}
		part := &facts.Value{Kind: facts.Unknown}
		if k < len(args) && args[k] != nil {
			part = args[k]
		}
		k++
		v.Parts = append(v.Parts, part)
		i = j
	}
	if lit.Len() > 0 {
		v.Parts = append(v.Parts, &facts.Value{Kind: facts.String, Text: lit.String()})
	}
	return v
}

// boolean lowers and/or: `x or make()` and `x is None and …` make the
// right side a lazy init of what the left side tested.
func (l *lowerer) boolean(i int) *facts.Value {
	op := l.operator(i)
	leftNode := l.child(i, l.f.left)
	left := l.expr(leftNode)
	saved := len(l.guards)
	if op == "or" {
		if g := l.guardSymbol(leftNode); g >= 0 {
			l.guards = append(l.guards, g)
		}
	} else {
		l.guards = append(l.guards, l.absenceTested(leftNode)...)
	}
	right := l.expr(l.child(i, l.f.right))
	l.guards = l.guards[:saved]
	return &facts.Value{Kind: facts.Unknown, Text: op, Parts: []*facts.Value{left, right}, Pos: l.pos(i)}
}

// ---- writes -----------------------------------------------------------------

func (l *lowerer) assign(i int) *facts.Value {
	left := l.unwrap(l.child(i, l.f.left))
	rightNode := l.child(i, l.f.right)
	if rightNode < 0 {
		return nil // x: int
	}
	wop := facts.Assign
	if l.kind(i) == kAugAssignment {
		wop = facts.Compound
		l.pushCollect()
		l.expr(left)
		l.popCollect()
	}
	l.pushCollect()
	var v *facts.Value
	if l.kind(rightNode) == kAssignment { // a = b = v
		v = l.assign(rightNode)
	} else {
		v = l.expr(rightNode)
	}
	src := l.popCollect()
	guarded := false
	if wop == facts.Assign && l.selfDefault(left, rightNode) {
		guarded = true
	}
	l.writeTarget(left, wop, "", v, src, guarded, i)
	if wop == facts.Assign {
		l.rememberCall(left, rightNode)
		l.cachedCall(left, rightNode)
	}
	if ur := l.unwrapCall(rightNode); ur >= 0 {
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

// unwrapCall finds the call whose result an assignment stores: the call
// itself, await call, x or call.
func (l *lowerer) unwrapCall(i int) int {
	i = l.unwrap(i)
	for l.kind(i) == kAwait {
		i = l.unwrap(l.firstNamed(i))
	}
	if l.kind(i) == kBoolean && l.operator(i) == "or" {
		return l.unwrapCall(l.child(i, l.f.right))
	}
	return i
}

// selfDefault reports x = x or v.
func (l *lowerer) selfDefault(left, right int) bool {
	r := l.unwrap(right)
	if l.kind(r) != kBoolean || l.operator(r) != "or" {
		return false
	}
	return l.text(l.unwrap(l.child(r, l.f.left))) == l.text(left) && l.kind(left) != kOther
}

// rootSymbol returns the module symbol at the root of a target, or -1.
func (l *lowerer) rootSymbol(i int) int {
	i = l.unwrap(i)
	for l.kind(i) == kAttribute || l.kind(i) == kSubscript {
		if l.kind(i) == kAttribute {
			i = l.unwrap(l.child(i, l.f.object))
		} else {
			i = l.unwrap(l.child(i, l.f.value))
		}
	}
	if l.kind(i) != kIdentifier {
		return -1
	}
	if b := l.lookup(l.text(i)); b != nil && b.kind == bSymbol {
		return b.index
	}
	return -1
}

// memberPath renders a target as "a.b", "a[]", "a.key" (string subscripts),
// self as "this".
func (l *lowerer) memberPath(i int) string {
	i = l.unwrap(i)
	switch l.kind(i) {
	case kIdentifier:
		if b := l.lookup(l.text(i)); b != nil && b.kind == bSelf {
			return "this"
		}
		return l.text(i)
	case kAttribute:
		base := l.memberPath(l.child(i, l.f.object))
		if base == "" {
			return ""
		}
		return base + "." + l.text(l.child(i, l.f.attribute))
	case kSubscript:
		base := l.memberPath(l.child(i, l.f.value))
		if base == "" {
			return ""
		}
		if ix := l.child(i, l.f.subscript); l.kind(ix) == kString {
			if sv := l.str(ix); sv.Kind == facts.String {
				return base + "." + sv.Text
			}
		}
		return base + "[]"
	}
	return ""
}

// writeTarget records a write to whatever target resolves to; writes to
// locals update what the local holds.
func (l *lowerer) writeTarget(target int, op facts.WriteOp, method string, v *facts.Value, src []facts.Source, guarded bool, whole int) {
	target = l.unwrap(target)
	switch l.kind(target) {
	case kPatternList, kTuplePattern, kListPattern, kTuple, kList, kExpressionList, kListSplatPattern, kListSplat:
		for _, c := range l.namedChildren(target) {
			l.writeTarget(c, op, method, nil, src, guarded, c)
		}
		return
	case kIdentifier:
		name := l.text(target)
		b := l.lookup(name)
		if b == nil {
			return
		}
		switch b.kind {
		case bLocal:
			b.sources = src
			b.value = nil
			if b.single && v != nil && op == facts.Assign {
				b.value = shallow(v, 0)
			}
			return
		case bParam:
			b.sources = src
			return
		case bSymbol:
			if l.sc == nil {
				if l.moduleAssign(b, name, target, v, op) {
					return
				}
			}
			l.addWrite(b.index, name, op, method, v, src, guarded, whole)
		}
		return
	case kAttribute, kSubscript:
	default:
		return
	}
	if l.kind(target) == kSubscript && op == facts.Assign && whole != target {
		// CACHE[key] = v: the entry is keyed by what key derives from
		// (seen[event["user"]] = True grows with every distinct user).
		l.pushCollect()
		l.expr(l.child(target, l.f.subscript))
		src = l.collect.Append(append([]facts.Source(nil), src...), l.popCollect()...)
	}
	path := l.memberPath(target)
	root := target
	var first string
	for l.kind(root) == kAttribute || l.kind(root) == kSubscript {
		if l.kind(root) == kAttribute {
			first = l.text(l.child(root, l.f.attribute))
			root = l.unwrap(l.child(root, l.f.object))
		} else {
			first = ""
			root = l.unwrap(l.child(root, l.f.value))
		}
	}
	if l.kind(root) != kIdentifier || path == "" {
		return
	}
	b := l.lookup(l.text(root))
	if b == nil {
		return
	}
	sym := -1
	switch b.kind {
	case bSelf:
		prop := strings.SplitN(strings.TrimPrefix(path, "this."), ".", 2)[0]
		prop = strings.TrimSuffix(prop, "[]")
		sym = l.symbolFor(b.class+"."+prop, facts.InstanceField, b.class, target)
	case bSymbol:
		sym = b.index
	case bClass:
		prop := strings.SplitN(strings.TrimPrefix(path, l.text(root)+"."), ".", 2)[0]
		cls := l.file.Classes[b.index].Name
		sym = l.symbolFor(cls+"."+prop, facts.StaticField, cls, target)
	case bImport:
		if b.module == "os" && (b.name == "" && strings.HasPrefix(path, l.text(root)+".environ") || b.name == "environ") {
			sym = l.symbolFor("os.environ", facts.Global, "", target)
			break
		}
		if strings.HasPrefix(b.module, ".") || b.name != "" {
			sym = l.importedSymbol(b, l.text(root), root)
		}
	case bParam:
		if b.fn == l.fn {
			p := l.pos(whole)
			l.cur().Writes = append(l.cur().Writes, facts.Write{
				Symbol: -1, Param: b.index, Path: path, Op: op, Pos: p, Value: shallow(v, 0), Seq: p.EndOff,
			})
		}
		return
	}
	_ = first
	if sym < 0 {
		return
	}
	l.addWrite(sym, path, op, method, v, src, guarded, whole)
}

// moduleAssign handles `name = v` at module level: the first assignment is
// the symbol's initializer (and, for a name assigned once and never declared
// global by a function, a constant or a known value); later ones are writes
// by init code. It reports whether the assignment was the initializer.
func (l *lowerer) moduleAssign(b *binding, name string, node int, v *facts.Value, op facts.WriteOp) bool {
	s := &l.file.Symbols[b.index]
	if s.Init != nil || op != facts.Assign || s.Kind != facts.ModuleVar {
		return false
	}
	s.Init = shallow(v, 0)
	s.Pos = l.pos(node)
	s.Refs = append(s.Refs, l.refsOf(v, nil)...)
	if v != nil && v.Kind == facts.FuncV {
		s.Refs = append(s.Refs, facts.Ref{Kind: facts.FuncRef, Index: v.Func})
	}
	stable := l.topAssigns[name] == 1 && !l.globalsWritten[name]
	if stable {
		s.Reassignable = false
		if v != nil && isConstValue(v) {
			b.kind, b.value = bConst, shallow(v, 0)
			return true
		}
		if v != nil && (v.Kind == facts.CallV || v.Kind == facts.NewV) {
			b.value = s.Init
		}
	}
	return true
}

func (l *lowerer) addWrite(sym int, path string, op facts.WriteOp, method string, v *facts.Value, src []facts.Source, guarded bool, whole int) {
	p := l.pos(whole)
	if op == facts.Compound || op == facts.Update {
		src = append([]facts.Source{{Func: l.fn, Param: -1, Symbol: sym, Off: p.Off}}, src...)
	}
	l.cur().Writes = append(l.cur().Writes, facts.Write{
		Symbol: sym, Param: -1, Path: path, Op: op, Method: method, Pos: p, Value: shallow(v, 0),
		Guarded: guarded || l.isGuarded(sym) || l.once > 0, Sources: src, Seq: p.EndOff,
	})
}

// isConstValue reports whether a value can be inlined where a constant is
// used: literals, and templates, concatenations and os.path/tempfile calls
// of literals.
func isConstValue(v *facts.Value) bool {
	switch v.Kind {
	case facts.String, facts.Number, facts.Bool, facts.Null:
		return true
	case facts.Template, facts.Concat, facts.CallV:
		if v.Kind == facts.CallV {
			if v.Callee == nil || v.Object != nil && v.Object.Callee == nil {
				return false
			}
			switch v.Callee.Module {
			case "os", "tempfile", "posixpath", "pathlib":
			default:
				return false
			}
		}
		for _, p := range v.Parts {
			if p == nil || !isConstValue(p) {
				return false
			}
		}
		return true
	}
	return false
}

func (l *lowerer) addRef(r facts.Ref) { l.cur().AddRef(r) }

// refsOf collects what a value leads to: functions, symbols and imported
// names, through wrapper calls (Mangum(app)), dicts, lists and tuples.
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
		if v.Object != nil && v.Object.Kind == facts.FuncV && v.Object.Func >= 0 {
			out = append(out, facts.Ref{Kind: facts.FuncRef, Index: v.Object.Func, Result: true})
		}
	case facts.Ident, facts.Member:
		if v.Callee != nil && v.Kind == facts.Ident {
			if b := l.lookup(v.Text); b != nil && b.kind == bImport {
				return append(out, importRefs(b, nil)...)
			}
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

// shallow returns the part of a value rules read: literals, templates,
// concatenations, calls with their callee and arguments, members with their
// object, short lists (command vectors, shapes); dicts without contents.
func shallow(v *facts.Value, depth int) *facts.Value {
	if v == nil {
		return nil
	}
	if depth > 6 {
		return &facts.Value{Kind: facts.Unknown, Pos: v.Pos}
	}
	switch v.Kind {
	case facts.Object, facts.FuncV, facts.Unknown:
		if len(v.Parts) == 0 {
			return v
		}
		c := *v
		c.Parts = nil
		return &c
	case facts.Array:
		if len(v.Parts) > 16 {
			c := *v
			c.Parts = nil
			return &c
		}
		fallthrough
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
