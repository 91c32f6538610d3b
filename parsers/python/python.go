// Package python lowers Python syntax trees into facts.
//
// One Frontend per worker goroutine: it owns a tree-sitter parser. A file is
// parsed and flattened in one call and lowered in one pass over the flat node
// slice: a pre-pass binds the module's names (imports, functions, classes,
// globals), module statements are lowered in order as init code, and function
// bodies after them — they run later, when every module name is bound.
package python

import (
	"path"
	"slices"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/parsers/srcpos"
	"github.com/lmicheck/lmicheck/parsers/treesitter"
)

// Handles reports whether the front-end reads files with this name (.py;
// stubs, .pyi, hold no code).
func Handles(name string) bool { return path.Ext(name) == ".py" }

// Frontend parses Python files. Not safe for concurrent use.
type Frontend struct{ parser treesitter.LazyParser }

// New makes a front-end whose parser gives up on one file after timeoutMicros (0: never).
func New(timeoutMicros uint64) *Frontend {
	return &Frontend{parser: treesitter.LazyParser{TimeoutMicros: timeoutMicros}}
}

// Close frees the parser.
func (f *Frontend) Close() { f.parser.Close() }

func (f *Frontend) get() (*treesitter.Parser, *grammarInfo, error) {
	gi := pyInfo()
	p, err := f.parser.Get(gi.g)
	return p, gi, err
}

// ParseOnly parses src and drops the tree (the benchmark's baseline).
func (f *Frontend) ParseOnly(relPath string, src []byte) error {
	p, _, err := f.get()
	if err != nil {
		return err
	}
	_, err = p.ParseOnly(src)
	return err
}

// resolution is how a Python module path names files: the module file, or
// the package folder's __init__.py.
func resolution() *facts.Resolution {
	return &facts.Resolution{Exts: []string{".py"}, Index: []string{"__init__.py"}}
}

// Parse lowers one file into facts. relPath is slash-separated, relative to
// the scan root; it names the file and anchors imports. src must be UTF-8
// (see Decode for files that declare another encoding).
func (f *Frontend) Parse(relPath string, src []byte) (*facts.File, error) {
	p, gi, err := f.get()
	if err != nil {
		return nil, err
	}
	nodes, hasErr, err := p.Parse(src)
	if err != nil {
		return nil, err
	}
	file := &facts.File{Path: relPath, Language: facts.Python, Runtime: facts.RuntimePython, Resolution: resolution()}
	if len(nodes) == 0 {
		file.Functions = []facts.Function{{Name: "<module>", Kind: facts.InitCode, Parent: -1}}
		return file, nil
	}
	l := &lowerer{
		collect: facts.SourceCollector{Max: maxSources},
		gi:      gi, f: &gi.f, nodes: nodes, src: src, idx: srcpos.New(src), file: file,
		dir: path.Dir(relPath), module: map[string]*binding{}, callAt: map[int]int{},
		unknown: &facts.Value{Kind: facts.Unknown},
	}
	l.lowerModule(hasErr)
	return file, nil
}

// bindingKind says what a name in scope stands for.
type bindingKind uint8

const (
	bLocal  bindingKind = iota // a local variable
	bParam                     // a parameter
	bSymbol                    // module state: file.Symbols[index]
	bFunc                      // a function: file.Functions[index]
	bImport                    // an imported module or name
	bClass                     // a class: file.Classes[index]
	bConst                     // a module constant with a literal value (inlined)
	bSelf                      // a method's self: the instance ("this" in facts)
)

type binding struct {
	kind  bindingKind
	index int // symbol, function, class or parameter index
	fn    int // for bParam: the function
	// value: for bConst the literal; for a local assigned once, its value; for
	// a module symbol assigned once at top level, its initializer.
	value *facts.Value
	// for bImport: Module is the top-level package as imported ("boto3") or the
	// relative specifier (".db"); name the dotted path below it.
	module, name string
	// refPath is the file path (without extension) the import may name in
	// this program, "" when none; subs are submodules imported under one
	// root name (import pkg.a, import pkg.b).
	refPath string
	subs    []string
	// for bLocal and bParam
	sources []facts.Source
	class   string // for bSelf
	// single: a local assigned once in its function, so its value is known
	// where it is used.
	single bool
	// call: for bLocal, 1 + the index (in the current function's Calls) of
	// the call whose result the local holds since its last assignment; 0
	// when it holds something else.
	call int
}

// scope is the names of one function.
type scope struct {
	fn     int
	class  string
	names  map[string]*binding
	parent *scope
}

type pending struct {
	node, slot int
	class      string
	kind       facts.FuncKind
	name       string
	once       bool
	static     bool
	classm     bool
}

type lowerer struct {
	gi    *grammarInfo
	f     *fieldIDs
	nodes []treesitter.Node
	src   []byte
	idx   *srcpos.Index
	file  *facts.File
	dir   string

	module map[string]*binding
	// globalsWritten are module names some function declares `global`.
	globalsWritten map[string]bool
	// topAssigns counts top-level assignments per name.
	topAssigns map[string]int
	sc         *scope
	fn         int
	pend       []pending

	collect   facts.SourceCollector
	condDepth int
	guards    []int
	once      int // > 0 inside a memoised function: what it creates is made once
	// fileLocks > 0 while an inter-process file lock is held (fcntl.flock,
	// filelock.FileLock): the calls made there are Locked.
	fileLocks int
	callAt    map[int]int
	classes   map[string]int
	// unknown stands for every argument the facts do not keep (one value
	// per file, never changed).
	unknown *facts.Value
}

// ---- node accessors (all accept -1) ---------------------------------------

// tree is the flat tree this lowerer walks (treesitter.Tree holds the
// navigation the front-ends share).
func (l *lowerer) tree() treesitter.Tree { return treesitter.Tree{Nodes: l.nodes, Src: l.src} }

func (l *lowerer) kind(i int) kind {
	if i < 0 || i >= len(l.nodes) {
		return kOther
	}
	return l.gi.kindOf(l.nodes[i].Sym)
}

func (l *lowerer) next(i int) int { return l.tree().Next(i) }

func (l *lowerer) text(i int) string { return l.tree().Text(i) }

func (l *lowerer) named(i int) bool { return l.tree().IsNamed(i) }

func (l *lowerer) pos(i int) facts.Pos {
	if i < 0 {
		return facts.Pos{}
	}
	return l.idx.Pos(int(l.nodes[i].Start), int(l.nodes[i].End))
}

func (l *lowerer) child(i int, f uint16) int { return l.tree().Child(i, f) }

func (l *lowerer) children(i int, f uint16) []int { return l.tree().Children(i, f) }

func (l *lowerer) namedChildren(i int) []int {
	var out []int
	if i < 0 {
		return nil
	}
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if l.named(c) && l.kind(c) != kComment {
			out = append(out, c)
		}
	}
	return out
}

func (l *lowerer) firstNamed(i int) int {
	if i < 0 {
		return -1
	}
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if l.named(c) && l.kind(c) != kComment {
			return c
		}
	}
	return -1
}

func (l *lowerer) hasToken(i int, tok string) bool {
	if i < 0 {
		return false
	}
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if !l.named(c) && l.text(c) == tok {
			return true
		}
	}
	return false
}

// tokens returns the anonymous child tokens of i, joined by spaces ("is not").
func (l *lowerer) operator(i int) string {
	if o := l.child(i, l.f.operator); o >= 0 {
		return l.text(o)
	}
	var ops []string
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if !l.named(c) {
			ops = append(ops, l.text(c))
		}
	}
	return strings.Join(ops, " ")
}

func (l *lowerer) unwrap(i int) int {
	for i >= 0 && l.kind(i) == kParen {
		c := l.firstNamed(i)
		if c < 0 {
			return i
		}
		i = c
	}
	return i
}

// ---- the module -------------------------------------------------------------

func (l *lowerer) lowerModule(hasErr bool) {
	l.file.Functions = append(l.file.Functions, facts.Function{
		Name: "<module>", Kind: facts.InitCode, Parent: -1, Pos: l.pos(0),
	})
	l.fn = 0
	l.scanNodes(hasErr)
	l.topAssigns = map[string]int{}
	l.declareModule(0)
	for c := 1; c < l.next(0); c = l.next(c) {
		if l.named(c) {
			l.stmt(c)
		}
	}
	// Function bodies run after the module has loaded: lower them last, so
	// every module name they use is bound.
	for k := 0; k < len(l.pend); k++ {
		pd := l.pend[k]
		l.functionBody(pd)
	}
	l.exports()
}

// scanNodes records comments that mention lmicheck, syntax errors, and the
// names functions declare `global`.
func (l *lowerer) scanNodes(hasErr bool) {
	l.globalsWritten = map[string]bool{}
	for i := 0; i < len(l.nodes); i++ {
		n := l.nodes[i]
		switch {
		case l.kind(i) == kComment:
			t := l.text(i)
			if strings.Contains(t, "lmicheck") {
				l.file.Comments = append(l.file.Comments, facts.Comment{
					Text: strings.TrimSpace(strings.TrimLeft(t, "#")), Pos: l.pos(i), OwnLine: l.idx.OnlySpaceBefore(int(n.Start)),
				})
			}
		case l.kind(i) == kGlobal:
			for _, id := range l.namedChildren(i) {
				l.globalsWritten[l.text(id)] = true
			}
		case hasErr && n.Flags&(treesitter.Error|treesitter.Missing) != 0:
			if len(l.file.SyntaxErrors) < 50 {
				l.file.SyntaxErrors = append(l.file.SyntaxErrors, l.pos(i))
			}
			if n.Flags&treesitter.Error != 0 {
				i = int(n.Next) - 1
			}
		}
	}
}

// declareModule binds the module's names: imports, functions, classes and
// assigned names, looking into top-level if/try/with/for blocks (which do not
// make a scope) but not into functions or classes.
func (l *lowerer) declareModule(block int) {
	for c := block + 1; c < l.next(block); c = l.next(c) {
		if !l.named(c) {
			continue
		}
		switch l.kind(c) {
		case kImport, kImportFrom:
			l.declareImport(c, l.module)
		case kFunctionDef, kDecorated:
			def := c
			if l.kind(c) == kDecorated {
				def = l.child(c, l.f.definition)
			}
			name := l.text(l.child(def, l.f.name))
			if name == "" {
				continue
			}
			switch l.kind(def) {
			case kFunctionDef:
				l.module[name] = &binding{kind: bFunc, index: l.reserve(def, name, facts.Func, "")}
			case kClassDef:
				l.module[name] = &binding{kind: bClass, index: l.addClass(name, def)}
			}
		case kClassDef:
			if name := l.text(l.child(c, l.f.name)); name != "" {
				l.module[name] = &binding{kind: bClass, index: l.addClass(name, c)}
			}
		case kExpressionStatement:
			for _, e := range l.namedChildren(c) {
				l.countAssign(e)
			}
		case kFor:
			for _, id := range l.targetNames(l.child(c, l.f.left)) {
				l.topAssigns[l.text(id)] += 2
			}
			l.declareModule(c)
		case kWith:
			for j := c + 1; j < l.next(c); j++ {
				if l.kind(j) == kAsPatternTarget {
					for _, id := range l.targetNames(l.firstNamed(j)) {
						l.topAssigns[l.text(id)] += 2
					}
				}
			}
			l.declareModule(c)
		case kIf, kTry, kElif, kElse, kExcept, kFinally, kBlock, kWhile:
			l.declareModule(c)
		}
	}
	for name, n := range l.topAssigns {
		if _, ok := l.module[name]; ok || n == 0 {
			continue
		}
		l.module[name] = &binding{kind: bSymbol, index: l.addSymbol(name, -1)}
	}
}

// countAssign counts the names a top-level assignment binds (a = b = v
// nests assignments).
func (l *lowerer) countAssign(e int) {
	for e >= 0 && (l.kind(e) == kAssignment || l.kind(e) == kAugAssignment) {
		left := l.child(e, l.f.left)
		n := 1
		if l.kind(e) == kAugAssignment || l.kind(left) != kIdentifier || l.child(e, l.f.right) < 0 {
			n = 2 // x += 1, a, b = …, x: int (no value): not a plain single binding
		}
		for _, id := range l.targetNames(left) {
			l.topAssigns[l.text(id)] += n
			if _, ok := l.module[l.text(id)]; !ok {
				l.module[l.text(id)] = &binding{kind: bSymbol, index: l.addSymbol(l.text(id), id)}
			}
		}
		e = l.child(e, l.f.right)
	}
}

// targetNames returns the identifiers an assignment target binds (not
// attributes or subscripts, which write into objects).
func (l *lowerer) targetNames(t int) []int {
	var out []int
	var walk func(int)
	walk = func(i int) {
		switch l.kind(i) {
		case kIdentifier:
			out = append(out, i)
		case kPatternList, kTuplePattern, kListPattern, kTuple, kList, kExpressionList, kParen, kListSplatPattern, kListSplat:
			for _, c := range l.namedChildren(i) {
				walk(c)
			}
		}
	}
	walk(t)
	return out
}

func (l *lowerer) reserve(node int, name string, k facts.FuncKind, class string) int {
	l.file.Functions = append(l.file.Functions, facts.Function{Name: name, Kind: k, Class: class, Parent: 0, Pos: l.pos(node)})
	return len(l.file.Functions) - 1
}

func (l *lowerer) addClass(name string, node int) int {
	if l.classes == nil {
		l.classes = map[string]int{}
	}
	if i, ok := l.classes[name]; ok {
		return i
	}
	l.file.Classes = append(l.file.Classes, facts.Class{Name: name, Pos: l.pos(node)})
	l.classes[name] = len(l.file.Classes) - 1
	return len(l.file.Classes) - 1
}

func (l *lowerer) addSymbol(name string, node int) int {
	l.file.Symbols = append(l.file.Symbols, facts.Symbol{Name: name, Kind: facts.ModuleVar, Reassignable: true, Pos: l.pos(node)})
	return len(l.file.Symbols) - 1
}

// symbolFor returns (making it on first use) the symbol for a name in a
// namespace: globals ("os.environ"), class fields ("Svc.cache").
func (l *lowerer) symbolFor(name string, k facts.SymbolKind, class string, node int) int {
	key := "\x00" + name
	if b, ok := l.module[key]; ok {
		return b.index
	}
	l.file.Symbols = append(l.file.Symbols, facts.Symbol{Name: name, Kind: k, Class: class, Reassignable: true, Pos: l.pos(node)})
	i := len(l.file.Symbols) - 1
	l.module[key] = &binding{kind: bSymbol, index: i}
	return i
}

// importedSymbol returns the symbol standing for a binding another module of
// the program exports (state written or registered on through an import).
func (l *lowerer) importedSymbol(b *binding, local string, node int) int {
	key := "\x00import\x00" + b.refPath + "\x00" + b.name
	if s, ok := l.module[key]; ok {
		return s.index
	}
	l.file.Symbols = append(l.file.Symbols, facts.Symbol{
		Name: local, Kind: facts.Imported, Reassignable: true, Pos: l.pos(node),
		From: &facts.Ref{Kind: facts.ImportRef, Module: b.module, Path: b.refPath, Name: b.name},
	})
	i := len(l.file.Symbols) - 1
	l.module[key] = &binding{kind: bSymbol, index: i}
	return i
}

// ---- imports --------------------------------------------------------------

// declareImport binds the names of an import statement in names.
func (l *lowerer) declareImport(s int, names map[string]*binding) {
	if l.kind(s) == kImport {
		for _, n := range l.children(s, l.f.name) {
			var dotted, alias string
			if l.kind(n) == kAliasedImport {
				dotted, alias = l.dotted(l.child(n, l.f.name)), l.text(l.child(n, l.f.alias))
			} else {
				dotted = l.dotted(n)
			}
			if dotted == "" {
				continue
			}
			l.file.Imports = append(l.file.Imports, facts.Import{Module: dotted, Path: l.absPath(dotted), Pos: l.pos(n)})
			top, rest, _ := strings.Cut(dotted, ".")
			if alias != "" {
				names[alias] = &binding{kind: bImport, module: top, name: rest, refPath: l.absPath(dotted)}
				continue
			}
			b := names[top]
			if b == nil || b.kind != bImport || b.module != top || b.name != "" {
				b = &binding{kind: bImport, module: top, refPath: l.absPath(top)}
				names[top] = b
			}
			if rest != "" {
				b.subs = append(b.subs, rest)
			}
		}
		return
	}
	modNode := l.child(s, l.f.moduleName)
	if modNode < 0 {
		return
	}
	spec, refBase := "", ""
	if l.kind(modNode) == kRelativeImport {
		dots, rest := 0, ""
		for c := modNode + 1; c < l.next(modNode); c = l.next(c) {
			switch l.kind(c) {
			case kImportPrefix:
				dots = strings.Count(l.text(c), ".")
			case kDottedName:
				rest = l.dotted(c)
			}
		}
		spec = strings.Repeat(".", dots) + rest
		dir := l.dir
		for k := 1; k < dots; k++ {
			dir = path.Dir(dir)
		}
		refBase = path.Join(dir, strings.ReplaceAll(rest, ".", "/"))
	} else {
		spec = l.dotted(modNode)
		refBase = l.absPath(spec)
	}
	if spec == "" {
		return
	}
	l.file.Imports = append(l.file.Imports, facts.Import{Module: spec, Path: refBase, Pos: l.pos(s)})
	relative := strings.HasPrefix(spec, ".")
	top, below := spec, ""
	if !relative {
		top, below, _ = strings.Cut(spec, ".")
	}
	for _, n := range l.children(s, l.f.name) {
		name, local := l.dotted(n), ""
		if l.kind(n) == kAliasedImport {
			name, local = l.dotted(l.child(n, l.f.name)), l.text(l.child(n, l.f.alias))
		}
		if local == "" {
			local = name
		}
		if name == "" {
			continue
		}
		full := name
		if below != "" {
			full = below + "." + name
		}
		b := &binding{kind: bImport, module: top, name: full, refPath: refBase}
		if relative {
			b.name = name
			if strings.Trim(spec, ".") == "" {
				// from . import util: the submodule util (a name of the
				// package's __init__ is rarer in function code).
				b.refPath, b.name = path.Join(refBase, name), ""
				b.module = spec + name
			}
		}
		names[local] = b
	}
}

// dotted renders a dotted_name (or identifier) as written, without spaces.
func (l *lowerer) dotted(i int) string {
	switch l.kind(i) {
	case kIdentifier:
		return l.text(i)
	case kDottedName:
		var parts []string
		for _, c := range l.namedChildren(i) {
			parts = append(parts, l.text(c))
		}
		return strings.Join(parts, ".")
	}
	return ""
}

// absPath is where an absolute import of a module of the function's own code
// would be: Lambda puts the code folder on sys.path, so `import db` next to
// the handler names db.py beside it. For pkg.mod, a folder named pkg above
// this file anchors it.
func (l *lowerer) absPath(dotted string) string {
	top, _, _ := strings.Cut(dotted, ".")
	base := l.dir
	for d := l.dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if path.Base(d) == top {
			base = path.Dir(d)
			break
		}
	}
	return path.Join(base, strings.ReplaceAll(dotted, ".", "/"))
}

// importRef is the reference an attribute chain on an imported binding makes
// to another file of the program: for `from .db import get_conn`, get_conn is
// {Path: pkg/db, Name: get_conn}; for `import pkg.mod`, pkg.mod.f is
// {Path: pkg/mod, Name: f}.
func importRef(b *binding, attrs []string) (facts.Ref, bool) {
	if b.refPath == "" {
		return facts.Ref{}, false
	}
	r := facts.Ref{Kind: facts.ImportRef, Module: b.module, Path: b.refPath}
	if b.name != "" && !strings.HasPrefix(b.module, ".") {
		// from pkg.sub import name: the name of pkg/sub.
		_, last := splitLast(b.name)
		r.Name = last
		return r, true
	}
	if b.name != "" {
		r.Name = b.name
		return r, true
	}
	// A module object: its first attribute (after a submodule) is the name.
	for _, sub := range b.subs {
		parts := strings.Split(sub, ".")
		if len(attrs) > len(parts) && strings.Join(attrs[:len(parts)], ".") == sub {
			r.Path = path.Join(b.refPath, strings.Join(parts, "/"))
			r.Name = attrs[len(parts)]
			return r, true
		}
	}
	if len(attrs) > 0 {
		r.Name = attrs[0]
	}
	return r, true
}

// importRefs are the references a use of an imported binding may make: the
// name importRef finds, and, for `from pkg import mod` followed by mod.f,
// the submodule's name (which one pkg/mod is, only the files can tell; the
// linker ignores the one that names no file).
func importRefs(b *binding, attrs []string) []facts.Ref {
	r, ok := importRef(b, attrs)
	if !ok {
		return nil
	}
	var out []facts.Ref
	if r.Name != "" {
		out = append(out, r)
	}
	if b.name != "" && len(attrs) > 0 {
		_, last := splitLast(b.name)
		out = append(out, facts.Ref{Kind: facts.ImportRef, Module: b.module, Path: path.Join(b.refPath, last), Name: attrs[0]})
	}
	return out
}

func splitLast(dotted string) (string, string) {
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		return dotted[:i], dotted[i+1:]
	}
	return "", dotted
}

// ---- exports ---------------------------------------------------------------

// exports lists every module-level name: in Python any of them can be a
// handler or be imported by another module.
func (l *lowerer) exports() {
	names := make([]string, 0, len(l.module))
	for n := range l.module {
		if !strings.HasPrefix(n, "\x00") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		b := l.module[n]
		e := facts.Export{Name: n, Direct: -1}
		switch b.kind {
		case bFunc:
			e.Direct = b.index
			e.Pos = l.file.Functions[b.index].Pos
			e.Refs = []facts.Ref{{Kind: facts.FuncRef, Index: b.index}}
		case bClass:
			e.Pos = l.file.Classes[b.index].Pos
			for _, m := range l.file.Classes[b.index].Methods {
				e.Refs = append(e.Refs, facts.Ref{Kind: facts.FuncRef, Index: m})
			}
		case bSymbol:
			e.Pos = l.file.Symbols[b.index].Pos
			e.Refs = []facts.Ref{{Kind: facts.SymbolRef, Index: b.index}}
			// handler = wrap(fn): the function the symbol's value is.
			s := l.file.Symbols[b.index]
			if s.Init != nil && s.Init.Kind == facts.FuncV {
				e.Direct = s.Init.Func
			}
		case bImport:
			r, ok := importRef(b, nil)
			if !ok || r.Name == "" && !strings.HasPrefix(b.module, ".") {
				continue
			}
			e.Refs = []facts.Ref{r}
		default:
			continue
		}
		l.file.Exports = append(l.file.Exports, e)
	}
}
