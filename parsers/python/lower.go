package python

import (
	"strings"

	"github.com/lmicheck/lmicheck/facts"
)

func (l *lowerer) cur() *facts.Function { return &l.file.Functions[l.fn] }

// lookup resolves a name: the function scopes from the innermost out (class
// bodies are not scopes for the functions nested in them), then the module.
func (l *lowerer) lookup(name string) *binding {
	for s := l.sc; s != nil; s = s.parent {
		if b, ok := s.names[name]; ok {
			return b
		}
	}
	return l.module[name]
}

// ---- what a value derives from --------------------------------------------

// maxSources bounds what one value records it derives from.
const maxSources = 16

func (l *lowerer) pushCollect()                { l.collect.Push() }
func (l *lowerer) popCollect() []facts.Source  { return l.collect.Pop() }
func (l *lowerer) addSource(s ...facts.Source) { l.collect.Add(s...) }

// ---- statements -----------------------------------------------------------

// block lowers the statements of a block, noticing early-return guards:
// `if client is not None: return client` makes later writes to client lazy init.
func (l *lowerer) block(i int) {
	saved, savedLocks := len(l.guards), l.fileLocks
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if !l.named(c) {
			continue
		}
		l.stmt(c)
		if l.kind(c) == kIf && l.child(c, l.f.alternative) < 0 {
			if cons := l.child(c, l.f.consequence); cons >= 0 && l.exits(cons) {
				l.guards = append(l.guards, l.presenceTested(l.child(c, l.f.condition))...)
			}
		}
	}
	l.guards = l.guards[:saved]
	l.fileLocks = savedLocks // fcntl.flock(f, LOCK_EX) holds the lock to the end of its block
}

func (l *lowerer) exits(i int) bool {
	switch l.kind(i) {
	case kReturn, kRaise:
		return true
	case kBlock:
		cs := l.namedChildren(i)
		return len(cs) > 0 && l.exits(cs[len(cs)-1])
	}
	return false
}

func (l *lowerer) stmt(i int) {
	switch l.kind(i) {
	case kComment, kFutureImport, kGlobal, kNonlocal:
		return
	case kImport, kImportFrom:
		if l.sc != nil {
			l.declareImport(i, l.sc.names)
		}
		return
	case kDecorated:
		l.decorated(i)
		return
	case kFunctionDef:
		l.def(i, nil)
		return
	case kClassDef:
		l.classDef(i)
		return
	case kIf:
		l.ifStatement(i)
		return
	case kBlock:
		l.block(i)
		return
	case kFor:
		right := l.child(i, l.f.right)
		l.pushCollect()
		l.expr(right)
		src := l.popCollect()
		if l.hasToken(i, "async") {
			l.cur().Awaits = append(l.cur().Awaits, l.pos(right))
		}
		l.writeTarget(l.child(i, l.f.left), facts.Assign, "", nil, src, false, i)
		l.block(l.child(i, l.f.body))
		l.stmt(l.child(i, l.f.alternative))
		return
	case kWhile:
		l.condDepth++
		l.expr(l.child(i, l.f.condition))
		l.condDepth--
		l.block(l.child(i, l.f.body))
		l.stmt(l.child(i, l.f.alternative))
		return
	case kWith:
		locked := false
		for j := i + 1; j < l.next(i); j = l.next(j) {
			if l.kind(j) == kBlock {
				if locked {
					l.fileLocks++
				}
				l.block(j)
				if locked {
					l.fileLocks--
				}
				continue
			}
			for k := j; k < l.next(j); k++ {
				if l.kind(k) == kWithItem {
					locked = l.withItem(k) || locked
					k = l.next(k) - 1
				}
			}
		}
		return
	case kDelete:
		for _, t := range l.namedChildren(i) {
			if l.kind(t) == kExpressionList {
				for _, e := range l.namedChildren(t) {
					l.deleteTarget(e)
				}
				continue
			}
			l.deleteTarget(t)
		}
		return
	case kExcept:
		for c := i + 1; c < l.next(i); c = l.next(c) {
			switch l.kind(c) {
			case kBlock:
				l.block(c)
			case kAsPattern:
				l.expr(l.firstNamed(c))
				if t := l.child(c, l.f.alias); t >= 0 {
					l.writeTarget(l.firstNamed(t), facts.Assign, "", nil, nil, false, c)
				}
			default:
				if l.named(c) {
					l.expr(c)
				}
			}
		}
		return
	}
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if !l.named(c) {
			continue
		}
		switch l.kind(c) {
		case kBlock, kElse, kElif, kExcept, kFinally, kCase:
			l.stmt(c)
		default:
			l.expr(c)
		}
	}
}

func (l *lowerer) deleteTarget(t int) {
	t = l.unwrap(t)
	switch l.kind(t) {
	case kAttribute:
		l.expr(l.child(t, l.f.object))
	case kSubscript:
		l.expr(l.child(t, l.f.value))
		l.expr(l.child(t, l.f.subscript))
	default:
		return
	}
	l.writeTarget(t, facts.Delete, "", nil, nil, false, t)
}

// withItem lowers one item of a with statement and reports whether it takes
// an inter-process file lock (with FileLock(path):, with lock: for a module
// FileLock) for the with block.
func (l *lowerer) withItem(i int) bool {
	v := l.firstNamed(i)
	if l.kind(v) == kAsPattern {
		l.pushCollect()
		val := l.expr(l.firstNamed(v))
		src := l.popCollect()
		if t := l.child(v, l.f.alias); t >= 0 {
			l.writeTarget(l.firstNamed(t), facts.Assign, "", val, src, false, v)
			l.rememberCall(l.firstNamed(t), l.firstNamed(v))
		}
		return l.fileLockValue(val)
	}
	return l.fileLockValue(l.expr(v))
}

// fileLockTypes are context managers that hold an inter-process lock on a
// file for their with block: concurrent invocations of an LMI Python
// environment are processes, so only such a lock serialises their use of
// /tmp (lmi-facts §1.4: request-id names or fcntl.flock).
var fileLockTypes = map[facts.Callee]bool{
	{Module: "filelock", Name: "FileLock"}: true, {Module: "filelock", Name: "SoftFileLock"}: true,
	{Module: "filelock", Name: "UnixFileLock"}: true, {Module: "portalocker", Name: "Lock"}: true,
	{Module: "portalocker", Name: "RLock"}: true, {Module: "fasteners", Name: "InterProcessLock"}: true,
	{Module: "oslo_concurrency", Name: "lockutils.external_lock"}: true,
}

// fileLockValue reports whether a with item's value is a file lock: a call
// of a lock type, or a module symbol built by one (lock = FileLock(path)).
func (l *lowerer) fileLockValue(v *facts.Value) bool {
	if v == nil {
		return false
	}
	if v.Kind == facts.SymbolV {
		if b := l.lookup(v.Text); b != nil && b.kind == bSymbol && b.value != nil {
			v = b.value
		} else if v.Symbol >= 0 && v.Symbol < len(l.file.Symbols) && l.file.Symbols[v.Symbol].Init != nil {
			v = l.file.Symbols[v.Symbol].Init
		}
	}
	return (v.Kind == facts.CallV || v.Kind == facts.NewV) && v.Callee != nil && fileLockTypes[*v.Callee]
}

// rememberCall records, for a local assigned the result of a call, which
// call it was (the file a later fcntl.flock locks, the client a per-key
// cache stores).
func (l *lowerer) rememberCall(target, value int) {
	if l.kind(target) != kIdentifier {
		return
	}
	b := l.lookup(l.text(target))
	if b == nil || b.kind != bLocal {
		return
	}
	b.call = 0
	if ur := l.unwrapCall(value); ur >= 0 {
		if ci, ok := l.callAt[ur]; ok && ci < len(l.cur().Calls) {
			b.call = ci + 1
		}
	}
}

// fileLockCall handles fcntl.flock(f, LOCK_EX) and fcntl.lockf: the rest of
// the enclosing block holds the lock (LOCK_UN releases it), and the open
// that made f is the lock file itself, not data other requests read.
func (l *lowerer) fileLockCall(c *facts.Call, argsNode int) {
	if c.Callee.Module != "fcntl" || (c.Callee.Name != "flock" && c.Callee.Name != "lockf") {
		return
	}
	args := l.namedChildren(argsNode)
	if len(args) < 2 {
		return
	}
	if strings.Contains(l.text(args[1]), "LOCK_UN") {
		if l.fileLocks > 0 {
			l.fileLocks--
		}
		return
	}
	l.fileLocks++
	f := l.unwrap(args[0])
	if l.kind(f) == kCall { // fcntl.flock(f.fileno(), …)
		if fn := l.unwrap(l.child(f, l.f.function)); l.kind(fn) == kAttribute && l.text(l.child(fn, l.f.attribute)) == "fileno" {
			f = l.unwrap(l.child(fn, l.f.object))
		}
	}
	if l.kind(f) == kIdentifier {
		if b := l.lookup(l.text(f)); b != nil && b.kind == bLocal && b.call > 0 && b.call <= len(l.cur().Calls) {
			l.cur().Calls[b.call-1].Locked = true
		}
	}
}

func (l *lowerer) ifStatement(i int) {
	cond := l.child(i, l.f.condition)
	l.condDepth++
	l.expr(cond)
	l.condDepth--
	saved := len(l.guards)
	l.guards = append(l.guards, l.absenceTested(cond)...)
	l.block(l.child(i, l.f.consequence))
	l.guards = l.guards[:saved]
	// else after a presence test is the lazy init: if client: … else: client = …
	present := l.presenceTested(cond)
	for _, alt := range l.children(i, l.f.alternative) {
		switch l.kind(alt) {
		case kElif:
			c := l.child(alt, l.f.condition)
			l.condDepth++
			l.expr(c)
			l.condDepth--
			l.guards = append(l.guards, present...)
			l.guards = append(l.guards, l.absenceTested(c)...)
			l.block(l.child(alt, l.f.consequence))
			l.guards = l.guards[:saved]
		case kElse:
			l.guards = append(l.guards, present...)
			l.block(l.child(alt, l.f.body))
			l.guards = l.guards[:saved]
		}
	}
}

// absenceTested returns the symbols a condition tests to be missing:
// `x is None`, `not x`, `x == None`, `key not in x` (one entry of a keyed
// cache), combined with or/and.
func (l *lowerer) absenceTested(c int) []int {
	c = l.unwrap(c)
	switch l.kind(c) {
	case kNot:
		if s := l.guardSymbol(l.child(c, l.f.argument)); s >= 0 {
			return []int{s}
		}
	case kBoolean:
		return append(l.absenceTested(l.child(c, l.f.left)), l.absenceTested(l.child(c, l.f.right))...)
	case kComparison:
		ops := l.operator(c)
		cs := l.namedChildren(c)
		if len(cs) != 2 {
			return nil
		}
		switch ops {
		case "is", "==":
			if l.kind(cs[1]) == kNone {
				if s := l.guardSymbol(cs[0]); s >= 0 {
					return []int{s}
				}
			}
		case "not in":
			if s := l.guardSymbol(cs[1]); s >= 0 {
				return []int{s}
			}
		}
	}
	return nil
}

// presenceTested returns the symbols a condition tests to be present:
// `x`, `x is not None`, `x != None`, `key in x`.
func (l *lowerer) presenceTested(c int) []int {
	c = l.unwrap(c)
	switch l.kind(c) {
	case kIdentifier, kAttribute:
		if s := l.guardSymbol(c); s >= 0 {
			return []int{s}
		}
	case kBoolean:
		if l.operator(c) == "and" {
			return append(l.presenceTested(l.child(c, l.f.left)), l.presenceTested(l.child(c, l.f.right))...)
		}
	case kComparison:
		cs := l.namedChildren(c)
		if len(cs) != 2 {
			return nil
		}
		switch l.operator(c) {
		case "is not", "!=":
			if l.kind(cs[1]) == kNone {
				if s := l.guardSymbol(cs[0]); s >= 0 {
					return []int{s}
				}
			}
		case "in":
			if s := l.guardSymbol(cs[1]); s >= 0 {
				return []int{s}
			}
		}
	}
	return nil
}

// guardSymbol returns the symbol a lazy-init test is about: a module symbol,
// a member of one, or a field of self; -1 otherwise.
func (l *lowerer) guardSymbol(i int) int {
	i = l.unwrap(i)
	root := i
	var first string
	for l.kind(root) == kAttribute || l.kind(root) == kSubscript {
		if l.kind(root) == kAttribute {
			first = l.text(l.child(root, l.f.attribute))
			root = l.unwrap(l.child(root, l.f.object))
		} else {
			root = l.unwrap(l.child(root, l.f.value))
		}
	}
	if l.kind(root) != kIdentifier {
		return -1
	}
	b := l.lookup(l.text(root))
	if b == nil {
		return -1
	}
	switch b.kind {
	case bSymbol:
		return b.index
	case bSelf:
		if root != i && first != "" {
			return l.symbolFor(b.class+"."+first, facts.InstanceField, b.class, i)
		}
	}
	return -1
}

func (l *lowerer) isGuarded(sym int) bool {
	for _, g := range l.guards {
		if g == sym {
			return true
		}
	}
	return false
}

// ---- functions and classes --------------------------------------------------

// decorated lowers a decorated function or class. Decorators run at
// definition time; one that is a method of module state (@app.get("/x"),
// @app.route, @router.post) registers the function on it, and memoising
// decorators (@functools.cache, @lru_cache) make what the function creates
// a one-time value.
func (l *lowerer) decorated(i int) {
	def := l.child(i, l.f.definition)
	var decos []*facts.Value
	var regs []int
	once, static, classm := false, false, false
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if l.kind(c) != kDecorator {
			continue
		}
		e := l.unwrap(l.firstNamed(c))
		v := l.expr(e)
		decos = append(decos, v)
		fnNode := e
		if l.kind(e) == kCall {
			fnNode = l.unwrap(l.child(e, l.f.function))
		}
		name := l.text(fnNode)
		last := name[strings.LastIndexByte(name, '.')+1:]
		switch last {
		case "cache", "lru_cache", "cached", "cached_property", "memoize", "memoized":
			once = true
		case "staticmethod":
			static = true
		case "classmethod":
			classm = true
		}
		// @X.m(...) or @X.m with X module state: a registration on X.
		if l.kind(fnNode) == kAttribute {
			root := l.unwrap(l.child(fnNode, l.f.object))
			for l.kind(root) == kAttribute {
				root = l.unwrap(l.child(root, l.f.object))
			}
			if l.kind(root) == kIdentifier {
				if b := l.lookup(l.text(root)); b != nil {
					switch b.kind {
					case bSymbol:
						regs = append(regs, b.index)
					case bImport:
						if strings.HasPrefix(b.module, ".") || b.name != "" {
							regs = append(regs, l.importedSymbol(b, l.text(root), root))
						}
					}
				}
			}
		}
	}
	_ = decos
	switch l.kind(def) {
	case kFunctionDef:
		l.def(def, &defOpts{once: once, static: static, classm: classm, regs: regs})
	case kClassDef:
		l.classDef(def)
	}
}

type defOpts struct {
	once, static, classm bool
	regs                 []int
	class                string
	kind                 facts.FuncKind
}

// def lowers a function definition: at module level it has a reserved slot
// and its body waits until the module is lowered; elsewhere it is lowered now.
func (l *lowerer) def(i int, o *defOpts) {
	if o == nil {
		o = &defOpts{}
	}
	name := l.text(l.child(i, l.f.name))
	slot := -1
	if l.sc == nil && o.class == "" {
		if b := l.module[name]; b != nil && b.kind == bFunc && l.file.Functions[b.index].Pos.Off == int(l.nodes[i].Start) {
			slot = b.index
		}
	}
	if slot >= 0 {
		l.pend = append(l.pend, pending{node: i, slot: slot, kind: facts.Func, name: name, once: o.once})
		l.register(o.regs, slot)
		return
	}
	k := facts.Func
	if o.kind != 0 {
		k = o.kind
	}
	v := l.function(i, name, k, o.class, -1, o)
	l.register(o.regs, v.Func)
	if l.sc != nil && o.class == "" {
		l.sc.names[name] = &binding{kind: bFunc, index: v.Func}
	} else if l.sc == nil && o.class == "" {
		// A def the pre-pass did not see (inside a top-level class body is
		// handled by classDef); bind it now.
		l.module[name] = &binding{kind: bFunc, index: v.Func}
	}
}

func (l *lowerer) register(syms []int, fn int) {
	for _, s := range syms {
		l.file.Symbols[s].Refs = append(l.file.Symbols[s].Refs, facts.Ref{Kind: facts.FuncRef, Index: fn})
	}
}

func (l *lowerer) functionBody(pd pending) {
	def := pd.node
	o := &defOpts{once: pd.once, static: pd.static, classm: pd.classm, class: pd.class}
	savedFn, savedSc := l.fn, l.sc
	l.fn, l.sc = 0, nil
	l.function(def, pd.name, pd.kind, pd.class, pd.slot, o)
	l.fn, l.sc = savedFn, savedSc
}

// function lowers a function_definition or lambda into a Function (into slot
// when one was reserved) and returns its value.
func (l *lowerer) function(i int, name string, k facts.FuncKind, class string, slot int, o *defOpts) *facts.Value {
	if name == "" {
		name = "<lambda>"
	}
	fn := facts.Function{Name: name, Kind: k, Class: class, Parent: l.fn, Pos: l.pos(i)}
	if class != "" && k != facts.Func {
		fn.Name = class + "." + name
	}
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if l.named(c) {
			break
		}
		if l.text(c) == "async" {
			fn.Async = true
		}
	}
	idx := slot
	if idx >= 0 {
		fn.Parent = 0
		l.file.Functions[idx] = fn
	} else {
		idx = len(l.file.Functions)
		l.file.Functions = append(l.file.Functions, fn)
		if class != "" {
			if ci, ok := l.classes[class]; ok {
				l.file.Classes[ci].Methods = append(l.file.Classes[ci].Methods, idx)
			}
		}
	}
	savedFn, savedSc, savedGuards, savedCond, savedOnce := l.fn, l.sc, l.guards, l.condDepth, l.once
	savedLocks := l.fileLocks
	l.fileLocks = 0 // a function runs when called, not where it is defined
	// Default values are evaluated where the function is defined.
	ps := l.child(i, l.f.parameters)
	for _, p := range l.namedChildren(ps) {
		if l.kind(p) == kDefaultParameter || l.kind(p) == kTypedDefaultParameter {
			l.expr(l.child(p, l.f.value))
		}
	}
	parent := l.sc
	if class != "" && k != facts.Func {
		parent = l.sc // methods see the enclosing function's names, not the class body's
	}
	l.fn = idx
	l.sc = &scope{fn: idx, class: class, names: map[string]*binding{}, parent: parent}
	l.guards = nil
	l.condDepth = 0
	if o != nil && o.once {
		l.once++
	}
	var params []string
	arity, counting := 0, true
	for pi, p := range l.namedChildren(ps) {
		var id int
		label := ""
		switch l.kind(p) {
		case kIdentifier:
			id, label = p, l.text(p)
		case kTypedParameter:
			id = l.firstNamed(p)
			if l.kind(id) != kIdentifier {
				id = l.firstNamed(id) // *args: T
			}
			label = l.text(id)
		case kDefaultParameter, kTypedDefaultParameter:
			id = l.child(p, l.f.name)
			label = l.text(id)
			counting = false
		case kListSplatPattern, kDictSplatPattern:
			id = l.firstNamed(p)
			label = l.text(p)
			counting = false
		default:
			continue
		}
		if counting {
			arity++
		}
		params = append(params, label)
		if l.kind(id) != kIdentifier {
			continue
		}
		b := &binding{kind: bParam, index: pi, fn: idx}
		if pi == 0 && class != "" && k != facts.Func && (o == nil || !o.static) {
			if o != nil && o.classm {
				if ci, ok := l.classes[class]; ok {
					b = &binding{kind: bClass, index: ci}
				}
			} else {
				b = &binding{kind: bSelf, class: class}
			}
		}
		l.sc.names[l.text(id)] = b
	}
	l.file.Functions[idx].Params = params
	l.file.Functions[idx].Arity = arity
	body := l.child(i, l.f.body)
	if l.kind(i) == kLambda {
		l.expr(body)
	} else {
		l.declareLocals(body)
		l.block(body)
	}
	l.fn, l.sc, l.guards, l.condDepth, l.once = savedFn, savedSc, savedGuards, savedCond, savedOnce
	l.fileLocks = savedLocks
	return &facts.Value{Kind: facts.FuncV, Func: idx, Text: name, Pos: l.pos(i)}
}

// declareLocals binds what a function body assigns (Python makes every
// assigned name local unless declared global or nonlocal), counting the
// assignments: a local assigned once keeps its value.
func (l *lowerer) declareLocals(body int) {
	counts := map[string]int{}
	globals := map[string]bool{}
	nonlocals := map[string]bool{}
	add := func(ids []int, n int) {
		for _, id := range ids {
			counts[l.text(id)] += n
		}
	}
	for j := body + 1; j < l.next(body); {
		switch l.kind(j) {
		case kFunctionDef, kClassDef:
			counts[l.text(l.child(j, l.f.name))] += 2
			j = l.next(j)
			continue
		case kLambda, kComprehension:
			j = l.next(j)
			continue
		case kAssignment:
			left := l.child(j, l.f.left)
			n := 1
			if l.kind(left) != kIdentifier {
				n = 2
			}
			add(l.targetNames(left), n)
		case kAugAssignment, kNamedExpression:
			add(l.targetNames(l.child(j, l.f.left)), 2)
			if l.kind(j) == kNamedExpression {
				add(l.targetNames(l.child(j, l.f.name)), 2)
			}
		case kFor:
			add(l.targetNames(l.child(j, l.f.left)), 2)
		case kAsPatternTarget:
			add(l.targetNames(l.firstNamed(j)), 1)
		case kImport, kImportFrom:
			for _, n := range l.children(j, l.f.name) {
				local := l.text(n)
				if l.kind(n) == kAliasedImport {
					local = l.text(l.child(n, l.f.alias))
				} else if l.kind(j) == kImport {
					local, _, _ = strings.Cut(l.dotted(n), ".")
				}
				counts[local] += 2
			}
		case kGlobal:
			for _, id := range l.namedChildren(j) {
				globals[l.text(id)] = true
			}
		case kNonlocal:
			for _, id := range l.namedChildren(j) {
				nonlocals[l.text(id)] = true
			}
		}
		j++
	}
	for name := range globals {
		b := l.module[name]
		if b == nil {
			b = &binding{kind: bSymbol, index: l.addSymbol(name, -1)}
			l.module[name] = b
		}
		l.sc.names[name] = b
		delete(counts, name)
	}
	for name := range nonlocals {
		for s := l.sc.parent; s != nil; s = s.parent {
			if b, ok := s.names[name]; ok {
				l.sc.names[name] = b
				break
			}
		}
		delete(counts, name)
	}
	for name, n := range counts {
		if _, ok := l.sc.names[name]; ok {
			continue // a parameter
		}
		l.sc.names[name] = &binding{kind: bLocal, single: n == 1}
	}
}

// classDef lowers a class: attributes assigned in its body are static
// fields, its functions methods (at module level their bodies wait like
// functions').
func (l *lowerer) classDef(i int) {
	name := l.text(l.child(i, l.f.name))
	if name == "" {
		return
	}
	ci := l.addClass(name, i)
	if l.sc != nil {
		l.sc.names[name] = &binding{kind: bClass, index: ci}
	}
	for _, s := range l.namedChildren(l.child(i, l.f.superclasses)) {
		l.expr(s)
	}
	body := l.child(i, l.f.body)
	for c := body + 1; c < l.next(body); c = l.next(c) {
		if !l.named(c) {
			continue
		}
		def, o := c, &defOpts{class: name, kind: facts.Method}
		if l.kind(c) == kDecorated {
			def = l.child(c, l.f.definition)
			for d := c + 1; d < l.next(c); d = l.next(d) {
				if l.kind(d) == kDecorator {
					t := l.text(d)
					o.static = o.static || strings.Contains(t, "staticmethod")
					o.classm = o.classm || strings.Contains(t, "classmethod")
					o.once = o.once || strings.Contains(t, "cache")
					l.expr(l.firstNamed(d))
				}
			}
		}
		switch l.kind(def) {
		case kFunctionDef:
			mn := l.text(l.child(def, l.f.name))
			if mn == "__init__" {
				o.kind = facts.Constructor
			}
			if l.sc == nil {
				slot := l.reserve(def, name+"."+mn, o.kind, name)
				l.file.Functions[slot].Class = name
				l.file.Classes[ci].Methods = append(l.file.Classes[ci].Methods, slot)
				l.pend = append(l.pend, pending{node: def, slot: slot, class: name, kind: o.kind, name: mn, once: o.once, static: o.static, classm: o.classm})
			} else {
				l.function(def, mn, o.kind, name, -1, o)
			}
			continue
		case kClassDef:
			l.classDef(def)
			continue
		case kExpressionStatement:
			if a := l.firstNamed(c); l.kind(a) == kAssignment && l.kind(l.child(a, l.f.left)) == kIdentifier {
				fname := l.text(l.child(a, l.f.left))
				sym := l.symbolFor(name+"."+fname, facts.StaticField, name, a)
				if r := l.child(a, l.f.right); r >= 0 {
					v := l.expr(r)
					if l.file.Symbols[sym].Init == nil {
						l.file.Symbols[sym].Init = shallow(v, 0)
					}
				}
				continue
			}
		}
		l.stmt(c)
	}
}

// cachedCall links `CACHE[key] = client` to the call that built client: the
// call's result is kept in module state (a per-key cache), as if it had
// been assigned there directly (CACHE[key] = boto3.client(...)).
func (l *lowerer) cachedCall(target, value int) {
	value = l.unwrap(value)
	if l.kind(l.unwrap(target)) != kSubscript || l.kind(value) != kIdentifier {
		return
	}
	b := l.lookup(l.text(value))
	if b == nil || b.kind != bLocal || b.call <= 0 || b.call > len(l.cur().Calls) {
		return
	}
	if s := l.rootSymbol(target); s >= 0 {
		if c := &l.cur().Calls[b.call-1]; c.AssignedTo < 0 {
			c.AssignedTo = s
		}
	}
}
