// Package javascript lowers JavaScript and TypeScript syntax trees into facts.
//
// One Frontend per worker goroutine: it owns a tree-sitter parser per grammar.
// Each file is parsed and flattened in one call, lowered in one recursive pass
// over the flat node slice (plus a cheap hoisting pre-pass per scope), and the
// tree is gone before the next file.
package javascript

import (
	"path"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/parsers/srcpos"
	"github.com/lmicheck/lmicheck/parsers/treesitter"
)

// Extensions the front-end reads, and the grammar for each.
var extensions = map[string]int{
	".js": 0, ".mjs": 0, ".cjs": 0, ".jsx": 0,
	".ts": 1, ".mts": 1, ".cts": 1,
	".tsx": 2,
}

// Handles reports whether the front-end reads files with this name.
func Handles(name string) bool {
	if strings.HasSuffix(name, ".d.ts") || strings.HasSuffix(name, ".d.mts") || strings.HasSuffix(name, ".d.cts") {
		return false
	}
	_, ok := extensions[path.Ext(name)]
	return ok
}

// Frontend parses JavaScript and TypeScript files. Not safe for concurrent use.
type Frontend struct{ parsers [3]treesitter.LazyParser }

// New makes a front-end whose parsers give up on one file after timeoutMicros (0: never).
func New(timeoutMicros uint64) *Frontend {
	f := &Frontend{}
	for i := range f.parsers {
		f.parsers[i].TimeoutMicros = timeoutMicros
	}
	return f
}

// Close frees the parsers.
func (f *Frontend) Close() {
	for i := range f.parsers {
		f.parsers[i].Close()
	}
}

func infoFor(ext string) *grammarInfo {
	switch extensions[ext] {
	case 1:
		return tsInfo()
	case 2:
		return tsxInfo()
	}
	return jsInfo()
}

func (f *Frontend) parser(ext string) (*treesitter.Parser, *grammarInfo, error) {
	gi := infoFor(ext)
	p, err := f.parsers[extensions[ext]].Get(gi.g)
	return p, gi, err
}

// ParseOnly parses src and drops the tree (the benchmark's baseline).
func (f *Frontend) ParseOnly(relPath string, src []byte) error {
	p, _, err := f.parser(path.Ext(relPath))
	if err != nil {
		return err
	}
	_, err = p.ParseOnly(src)
	return err
}

// Parse lowers one file into facts. relPath is slash-separated, relative to the
// scan root; it names the file in facts and anchors relative imports.
func (f *Frontend) Parse(relPath string, src []byte) (*facts.File, error) {
	p, gi, err := f.parser(path.Ext(relPath))
	if err != nil {
		return nil, err
	}
	nodes, hasErr, err := p.Parse(src)
	if err != nil {
		return nil, err
	}
	if hasErr && extensions[path.Ext(relPath)] != 0 {
		// TypeScript newer than the grammar: variance annotations (<in T>,
		// <out T>, TS 4.7) and const type parameters (<const T>, TS 5.0) are
		// type-only; blank them (keeping every offset) and keep the re-parse
		// if it reads better.
		if fixed, ok := blankTypeParamModifiers(src); ok {
			// The parser reuses its buffer: keep the first tree's nodes.
			first := append([]treesitter.Node(nil), nodes...)
			n2, hasErr2, err2 := p.Parse(fixed)
			if err2 == nil && (!hasErr2 || countErrors(n2) < countErrors(first)) {
				src, nodes, hasErr = fixed, n2, hasErr2
			} else {
				nodes = first
			}
		}
	}
	lang := facts.JavaScript
	if extensions[path.Ext(relPath)] != 0 {
		lang = facts.TypeScript
	}
	file := &facts.File{Path: relPath, Language: lang, Runtime: facts.RuntimeNode, Resolution: resolution}
	if len(nodes) == 0 {
		file.Functions = []facts.Function{{Name: "<module>", Kind: facts.InitCode, Parent: -1}}
		return file, nil
	}
	l := &lowerer{
		collect: facts.SourceCollector{Max: maxSources},
		gi:      gi,
		f:       &gi.f,
		nodes:   nodes,
		src:     src,
		idx:     srcpos.New(src),
		file:    file,
		dir:     path.Dir(relPath),
		module:  map[string]*binding{},
		callAt:  map[int]int{},
	}
	l.lowerProgram(hasErr)
	l.cdk()
	return file, nil
}

// blankTypeParamModifiers blanks in/out/const modifiers at the start of a
// type parameter (after `<` or `,`, followed by the parameter's name and then
// `,`, `>`, `=` or `extends`), keeping every offset. It reports whether it
// changed anything. A hand-written scan: it runs on every TypeScript file that
// failed to parse, and a regexp over the whole file was a visible cost.
func blankTypeParamModifiers(src []byte) ([]byte, bool) {
	var out []byte
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c != 'i' && c != 'o' && c != 'c' || i > 0 && isIdentByte(src[i-1]) {
			continue
		}
		// One or two modifiers: "in", "out", "in out", "const".
		j := i
		for k := 0; k < 2; k++ {
			w := wordAt(src, j)
			if w != "in" && w != "out" && w != "const" || j+len(w) >= len(src) || !isSpace(src[j+len(w)]) {
				break
			}
			j = skipSpace(src, j+len(w))
		}
		if j == i || !precededBy(src, i, '<', ',') || !typeParamFollows(src, j) {
			continue
		}
		if out == nil {
			out = append([]byte(nil), src...)
		}
		for k := i; k < j; k++ {
			if out[k] != '\n' {
				out[k] = ' '
			}
		}
		i = j - 1
	}
	return out, out != nil
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(src []byte, i int) int {
	for i < len(src) && isSpace(src[i]) {
		i++
	}
	return i
}

func wordAt(src []byte, i int) string {
	j := i
	for j < len(src) && isIdentByte(src[j]) {
		j++
	}
	return string(src[i:j])
}

// precededBy reports whether the last non-space byte before i is one of cs.
func precededBy(src []byte, i int, cs ...byte) bool {
	for i--; i >= 0 && isSpace(src[i]); i-- {
	}
	if i < 0 {
		return false
	}
	for _, c := range cs {
		if src[i] == c {
			return true
		}
	}
	return false
}

// typeParamFollows reports a type parameter's name at i followed by `,`,
// `>`, `=` or `extends`.
func typeParamFollows(src []byte, i int) bool {
	w := wordAt(src, i)
	if w == "" || w[0] >= '0' && w[0] <= '9' {
		return false
	}
	j := skipSpace(src, i+len(w))
	if j >= len(src) {
		return false
	}
	return src[j] == ',' || src[j] == '>' || src[j] == '=' || wordAt(src, j) == "extends"
}

func countErrors(nodes []treesitter.Node) int {
	n := 0
	for _, nd := range nodes {
		if nd.Flags&(treesitter.Error|treesitter.Missing) != 0 {
			n++
		}
	}
	return n
}

// bindingKind says what a name in scope stands for.
type bindingKind uint8

const (
	bLocal  bindingKind = iota // a local variable of a function
	bParam                     // a parameter
	bSymbol                    // module state: file.Symbols[index]
	bFunc                      // a function: file.Functions[index]
	bImport                    // an imported module or name
	bClass                     // a class: file.Classes[index]
	bConst                     // a module constant with a literal value (inlined)
)

type binding struct {
	kind  bindingKind
	index int // symbol, function, class or parameter index
	fn    int // for bParam: the function the parameter belongs to
	value *facts.Value
	// for bImport
	module string
	name   string // "" for the module object
	// for bLocal: what its value derives from, and the symbol it aliases
	sources   []facts.Source
	alias     int // symbol index, -1 for none
	aliasPath string
	importSym int // the Imported symbol made for writes through it, -1 until needed
	// for bLocal used from a nested function: its Captured symbol (index+1; 0
	// until needed) and its initial value.
	captured int
	init     *facts.Value
}

// scope is the locals of one function.
type scope struct {
	fn     int
	class  string // the class whose method this is ("" outside methods)
	names  map[string]*binding
	parent *scope
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
	sc     *scope // current function scope; nil at module level
	fn     int    // current function index

	collect   facts.SourceCollector
	condDepth int
	guards    []int // symbols whose absence an enclosing test checked (lazy init)
	callAt    map[int]int
	classes   map[string]int
	// isModule caches sloppy(): 0 unknown, 1 sloppy script, 2 strict or module.
	isModule int
	// reserved maps top-level function nodes to the Functions slot declareModule
	// gave them, so calls lowered before the declaration resolve (hoisting).
	reserved map[int]int
}

// Node accessors accept -1 ("no such node") and answer as for an empty node,
// so lowering code can chain lookups without checking each step.

// tree is the flat tree this lowerer walks (treesitter.Tree holds the
// navigation the front-ends share).
func (l *lowerer) tree() treesitter.Tree { return treesitter.Tree{Nodes: l.nodes, Src: l.src} }

func (l *lowerer) kind(i int) kind {
	if i < 0 {
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

// child returns the first child of i with field f, or -1.
func (l *lowerer) child(i int, f uint16) int { return l.tree().Child(i, f) }

// namedChildren returns i's named children that are not comments.
func (l *lowerer) namedChildren(i int) []int {
	var out []int
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if l.named(c) && l.kind(c) != kComment {
			out = append(out, c)
		}
	}
	return out
}

// firstNamed returns i's first named non-comment child, or -1.
func (l *lowerer) firstNamed(i int) int {
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if l.named(c) && l.kind(c) != kComment {
			return c
		}
	}
	return -1
}

// hasToken reports whether i has an anonymous child token with this text.
func (l *lowerer) hasToken(i int, tok string) bool {
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if !l.named(c) && l.text(c) == tok {
			return true
		}
	}
	return false
}

// unwrap skips parentheses and TypeScript-only wrappers around an expression.
func (l *lowerer) unwrap(i int) int {
	for i >= 0 && (l.kind(i) == kParen || l.kind(i) == kTypeWrapper) {
		c := l.firstNamed(i)
		if c < 0 {
			return i
		}
		i = c
	}
	return i
}

func (l *lowerer) lowerProgram(hasErr bool) {
	l.file.Functions = append(l.file.Functions, facts.Function{
		Name: "<module>", Kind: facts.InitCode, Parent: -1, Pos: l.pos(0),
	})
	l.fn = 0
	l.scanComments(hasErr)
	// Hoisting: every top-level name is known before any body is lowered.
	l.declareModule(0)
	for c := 1; c < l.next(0); c = l.next(c) {
		if l.named(c) {
			l.moduleStatement(c)
		}
	}
}

// scanComments records comments that mention lmicheck, and syntax errors.
func (l *lowerer) scanComments(hasErr bool) {
	for i := 0; i < len(l.nodes); i++ {
		n := l.nodes[i]
		switch {
		case l.kind(i) == kComment:
			t := l.text(i)
			if strings.Contains(t, "lmicheck") {
				l.file.Comments = append(l.file.Comments, facts.Comment{
					Text: stripComment(t), Pos: l.pos(i), OwnLine: l.idx.OnlySpaceBefore(int(n.Start)),
				})
			}
		case hasErr && (n.Flags&(treesitter.Error|treesitter.Missing) != 0):
			if len(l.file.SyntaxErrors) < 50 {
				l.file.SyntaxErrors = append(l.file.SyntaxErrors, l.pos(i))
			}
			if n.Flags&treesitter.Error != 0 {
				i = int(n.Next) - 1 // one report per error region
			}
		}
	}
}

func stripComment(t string) string {
	switch {
	case strings.HasPrefix(t, "//"):
		t = t[2:]
	case strings.HasPrefix(t, "/*"):
		t = strings.TrimSuffix(t[2:], "*/")
	case strings.HasPrefix(t, "<!--"):
		t = strings.TrimSuffix(t[4:], "-->")
	}
	return strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(t), "*"))
}

// ---- module scope -------------------------------------------------------

// declareModule binds every top-level name: imports, functions, classes and
// variables (symbols are created here; initializers are lowered later).
func (l *lowerer) declareModule(prog int) {
	for c := prog + 1; c < l.next(prog); c = l.next(c) {
		s := c
		if l.kind(s) == kExport {
			if d := l.child(s, l.f.declaration); d >= 0 {
				s = d
			}
		}
		switch l.kind(s) {
		case kImport:
			l.declareImport(s)
		case kFunctionDecl, kGeneratorDecl:
			if n := l.child(s, l.f.name); n >= 0 {
				l.module[l.text(n)] = &binding{kind: bFunc, index: l.reserve(s, l.text(n))}
			}
		case kClassDecl:
			if n := l.child(s, l.f.name); n >= 0 {
				name := l.text(n)
				l.module[name] = &binding{kind: bClass, index: l.addClass(name, s)}
			}
		case kLexicalDecl, kVariableDecl:
			l.declareModuleVars(s)
		}
	}
}

func (l *lowerer) addClass(name string, node int) int {
	if l.classes == nil {
		l.classes = map[string]int{}
	}
	if i, ok := l.classes[name]; ok {
		return i
	}
	l.file.Classes = append(l.file.Classes, facts.Class{Name: name, Pos: l.pos(node)})
	i := len(l.file.Classes) - 1
	l.classes[name] = i
	return i
}

func (l *lowerer) declareImport(s int) {
	src := l.child(s, l.f.source)
	if src < 0 {
		return
	}
	module := l.stringValue(src)
	imp := facts.Import{Module: module, Pos: l.pos(s)}
	if isRelative(module) {
		imp.Path = l.modulePath(module)
	}
	l.file.Imports = append(l.file.Imports, imp)
	clause := -1
	for c := s + 1; c < l.next(s); c = l.next(c) {
		if l.kind(c) == kImportClause {
			clause = c
		}
	}
	if clause < 0 {
		return
	}
	for c := clause + 1; c < l.next(clause); c = l.next(c) {
		switch l.kind(c) {
		case kIdentifier: // default import
			name := "default"
			if !isRelative(module) {
				name = "" // packages: the default import is the module object (CommonJS interop)
			}
			l.module[l.text(c)] = &binding{kind: bImport, module: module, name: name, importSym: -1}
		case kNamespaceImport:
			if id := l.firstNamed(c); id >= 0 {
				l.module[l.text(id)] = &binding{kind: bImport, module: module, importSym: -1}
			}
		case kNamedImports:
			for _, sp := range l.namedChildren(c) {
				if name, local, ok := l.specifier(sp); ok && l.kind(sp) == kImportSpecifier {
					l.module[local] = &binding{kind: bImport, module: module, name: name, importSym: -1}
				}
			}
		}
	}
}

// requireOf returns the module of require('m') (or require('m').a.b with the
// member path), else "".
func (l *lowerer) requireOf(i int) (module, member string, ok bool) {
	i = l.unwrap(i)
	var props []string
	for l.kind(i) == kMember {
		p := l.child(i, l.f.property)
		if p < 0 {
			return "", "", false
		}
		props = append([]string{l.text(p)}, props...)
		i = l.unwrap(l.child(i, l.f.object))
		if i < 0 {
			return "", "", false
		}
	}
	if l.kind(i) == kAwait { // await import('x')
		i = l.unwrap(l.firstNamed(i))
	}
	if i < 0 || l.kind(i) != kCall {
		return "", "", false
	}
	fn := l.child(i, l.f.function)
	if fn < 0 || (l.text(fn) != "require" && l.text(fn) != "import") {
		return "", "", false
	}
	args := l.child(i, l.f.arguments)
	if args < 0 {
		return "", "", false
	}
	a := l.firstNamed(args)
	if a < 0 || l.kind(a) != kString {
		return "", "", false
	}
	return l.stringValue(a), strings.Join(props, "."), true
}

func (l *lowerer) declareModuleVars(decl int) {
	isConst := l.declKeyword(decl) == "const"
	for _, d := range l.namedChildren(decl) {
		if l.kind(d) != kDeclarator {
			continue
		}
		name := l.child(d, l.f.name)
		val := l.unwrap(l.child(d, l.f.value))
		if name < 0 {
			continue
		}
		if module, member, ok := l.requireOf(val); ok && val >= 0 {
			l.bindRequire(name, module, member)
			continue
		}
		if l.kind(name) == kIdentifier {
			n := l.text(name)
			switch {
			case val >= 0 && isFunctionKind(l.kind(val)):
				l.module[n] = &binding{kind: bFunc, index: l.reserve(val, n)}
				continue
			case val >= 0 && l.kind(val) == kClassExpr:
				l.module[n] = &binding{kind: bClass, index: l.addClass(n, val)}
				continue
			case isConst && val >= 0:
				if cv := l.constExpr(val); cv != nil {
					l.module[n] = &binding{kind: bConst, value: cv}
					continue
				}
			}
			l.module[n] = &binding{kind: bSymbol, index: l.addSymbol(n, name, !isConst)}
			continue
		}
		for _, id := range l.patternNames(name) {
			n := l.text(id)
			l.module[n] = &binding{kind: bSymbol, index: l.addSymbol(n, id, !isConst)}
		}
	}
}

// bindRequire binds the names a require/import() declarator introduces.
func (l *lowerer) bindRequire(name int, module, member string) {
	imp := facts.Import{Module: module, Pos: l.pos(name)}
	if isRelative(module) {
		imp.Path = l.modulePath(module)
	}
	l.file.Imports = append(l.file.Imports, imp)
	if l.kind(name) == kIdentifier {
		l.module[l.text(name)] = &binding{kind: bImport, module: module, name: member, importSym: -1}
		return
	}
	if l.kind(name) != kObjectPattern {
		return
	}
	for _, p := range l.namedChildren(name) {
		var key, local int = -1, -1
		switch l.kind(p) {
		case kShorthandPropertyPattern:
			key, local = p, p
		case kPairPattern:
			key, local = l.child(p, l.f.key), l.child(p, l.f.value)
		case kObjectAssignmentPattern:
			if lp := l.child(p, l.f.left); lp >= 0 {
				key, local = lp, lp
			}
		}
		if key < 0 || local < 0 || l.kind(local) != kIdentifier && l.kind(local) != kShorthandPropertyPattern {
			continue
		}
		imported := l.text(key)
		if member != "" {
			imported = member + "." + imported
		}
		l.module[l.text(local)] = &binding{kind: bImport, module: module, name: imported, importSym: -1}
	}
}

// reserve gives a top-level function its Functions slot ahead of lowering.
func (l *lowerer) reserve(node int, name string) int {
	if l.reserved == nil {
		l.reserved = map[int]int{}
	}
	l.file.Functions = append(l.file.Functions, facts.Function{Name: name, Kind: facts.Func, Parent: 0, Pos: l.pos(node)})
	l.reserved[node] = len(l.file.Functions) - 1
	return len(l.file.Functions) - 1
}

// constExpr evaluates a module-level constant initializer without effects:
// literals, templates and concatenations of constants, and path/os helpers
// (path.join(os.tmpdir(), 'x')). Anything else returns nil: a call such as
// randomUUID() at module level is one value per process, not per invocation,
// so it stays a symbol.
func (l *lowerer) constExpr(i int) *facts.Value {
	i = l.unwrap(i)
	p := l.pos(i)
	switch l.kind(i) {
	case kString:
		return &facts.Value{Kind: facts.String, Text: l.stringValue(i), Pos: p}
	case kNumber:
		return &facts.Value{Kind: facts.Number, Text: l.text(i), Pos: p}
	case kIdentifier:
		if b := l.module[l.text(i)]; b != nil && b.kind == bConst {
			return b.value
		}
	case kTemplate:
		v := &facts.Value{Kind: facts.Template, Pos: p}
		for c := i + 1; c < l.next(i); c = l.next(c) {
			switch l.kind(c) {
			case kStringFragment, kEscape:
				if n := len(v.Parts); n > 0 && v.Parts[n-1].Kind == facts.String {
					v.Parts[n-1] = &facts.Value{Kind: facts.String, Text: v.Parts[n-1].Text + l.text(c)}
				} else {
					v.Parts = append(v.Parts, &facts.Value{Kind: facts.String, Text: l.text(c)})
				}
			case kTemplateSubst:
				pv := l.constExpr(l.firstNamed(c))
				if pv == nil {
					return nil
				}
				v.Parts = append(v.Parts, pv)
			}
		}
		return v
	case kBinary:
		if l.text(l.child(i, l.f.operator)) != "+" {
			return nil
		}
		a, b := l.constExpr(l.child(i, l.f.left)), l.constExpr(l.child(i, l.f.right))
		if a == nil || b == nil {
			return nil
		}
		return &facts.Value{Kind: facts.Concat, Parts: []*facts.Value{a, b}, Pos: p}
	case kCall:
		fn := l.unwrap(l.child(i, l.f.function))
		var callee *facts.Callee
		switch l.kind(fn) {
		case kIdentifier:
			if b := l.module[l.text(fn)]; b != nil && b.kind == bImport {
				callee = &facts.Callee{Module: b.module, Name: b.name}
			}
		case kMember:
			o, prop := l.unwrap(l.child(fn, l.f.object)), l.child(fn, l.f.property)
			if b := l.module[l.text(o)]; l.kind(o) == kIdentifier && b != nil && b.kind == bImport && prop >= 0 {
				name := l.text(prop)
				if b.name != "" {
					name = b.name + "." + name
				}
				callee = &facts.Callee{Module: b.module, Name: name}
			}
		}
		if callee == nil {
			return nil
		}
		switch strings.TrimPrefix(callee.Module, "node:") {
		case "path", "os", "path/posix":
		default:
			return nil
		}
		v := &facts.Value{Kind: facts.CallV, Callee: callee, Pos: p, Symbol: -1}
		for _, a := range l.namedChildren(l.child(i, l.f.arguments)) {
			av := l.constExpr(a)
			if av == nil {
				return nil
			}
			v.Parts = append(v.Parts, av)
		}
		return v
	}
	return nil
}

func (l *lowerer) addSymbol(name string, node int, reassignable bool) int {
	l.file.Symbols = append(l.file.Symbols, facts.Symbol{
		Name: name, Kind: facts.ModuleVar, Reassignable: reassignable, Pos: l.pos(node),
	})
	return len(l.file.Symbols) - 1
}

// symbolFor returns (making it on first use) the symbol for a name in a
// namespace: globals ("process.env"), class fields ("Svc.cache").
func (l *lowerer) symbolFor(name string, k facts.SymbolKind, class string, node int) int {
	key := "\x00" + name
	if b, ok := l.module[key]; ok {
		return b.index
	}
	l.file.Symbols = append(l.file.Symbols, facts.Symbol{
		Name: name, Kind: k, Class: class, Reassignable: true, Pos: l.pos(node),
	})
	i := len(l.file.Symbols) - 1
	l.module[key] = &binding{kind: bSymbol, index: i}
	return i
}

func (l *lowerer) declKeyword(decl int) string {
	if k := l.child(decl, l.f.kind); k >= 0 {
		return l.text(k)
	}
	for c := decl + 1; c < l.next(decl); c = l.next(c) {
		if !l.named(c) {
			return l.text(c)
		}
	}
	return "var"
}

// patternNames returns the identifiers a binding pattern declares.
func (l *lowerer) patternNames(p int) []int {
	var out []int
	var walk func(int)
	walk = func(i int) {
		switch l.kind(i) {
		case kIdentifier, kShorthandPropertyPattern:
			out = append(out, i)
		case kObjectPattern, kArrayPattern, kRestPattern:
			for _, c := range l.namedChildren(i) {
				walk(c)
			}
		case kPairPattern:
			if v := l.child(i, l.f.value); v >= 0 {
				walk(v)
			}
		case kAssignmentPattern, kObjectAssignmentPattern:
			if v := l.child(i, l.f.left); v >= 0 {
				walk(v)
			}
		case kRequiredParam, kOptionalParam:
			if v := l.child(i, l.f.pattern); v >= 0 {
				walk(v)
			}
		}
	}
	walk(p)
	return out
}

// moduleStatement lowers one top-level statement as init code.
func (l *lowerer) moduleStatement(s int) {
	switch l.kind(s) {
	case kImport, kComment:
		return
	case kExport:
		l.exportStatement(s)
		return
	case kExpressionStatement:
		e := l.unwrap(l.firstNamed(s))
		if e >= 0 && l.kind(e) == kAssign && l.exportAssignment(e) {
			return
		}
	}
	l.expr(s)
}

// exportAssignment handles exports.x = v, module.exports.x = v and
// module.exports = v. It returns false for other assignments.
func (l *lowerer) exportAssignment(e int) bool {
	left := l.unwrap(l.child(e, l.f.left))
	right := l.unwrap(l.child(e, l.f.right))
	if left < 0 || right < 0 {
		return false
	}
	p := l.memberPath(left)
	if p == "exports" && l.kind(right) == kAssign { // exports = module.exports = …
		return l.exportAssignment(right)
	}
	switch {
	case p == "module.exports":
		if l.kind(right) == kObject {
			l.exportObject(right)
			return true
		}
		l.addExport("", right)
		return true
	case strings.HasPrefix(p, "module.exports.") && !strings.Contains(p[len("module.exports."):], "."):
		l.addExport(p[len("module.exports."):], right)
		return true
	case strings.HasPrefix(p, "exports.") && !strings.Contains(p[len("exports."):], "."):
		if _, shadowed := l.module["exports"]; shadowed {
			return false
		}
		l.addExport(p[len("exports."):], right)
		return true
	}
	return false
}

func (l *lowerer) exportObject(obj int) {
	for _, c := range l.namedChildren(obj) {
		switch l.kind(c) {
		case kShorthandProperty:
			l.addExport(l.text(c), c)
		case kPair:
			k, v := l.child(c, l.f.key), l.child(c, l.f.value)
			if k >= 0 && v >= 0 {
				l.addExport(l.propertyName(k), l.unwrap(v))
			}
		case kMethod:
			if k := l.child(c, l.f.name); k >= 0 {
				l.addExport(l.propertyName(k), c)
			}
		default:
			l.expr(c)
		}
	}
}

// addExport lowers an exported value and records what it leads to.
func (l *lowerer) addExport(name string, valueNode int) {
	var v *facts.Value
	if isFunctionKind(l.kind(valueNode)) && l.kind(valueNode) != kFunctionDecl || l.kind(valueNode) == kMethod {
		label := name
		if label == "" {
			label = "module.exports"
		}
		v = l.function(valueNode, label, facts.Func, "")
	} else {
		v = l.expr(valueNode)
	}
	e := facts.Export{Name: name, Pos: l.pos(valueNode), Direct: -1}
	if v != nil && v.Kind == facts.FuncV {
		e.Direct = v.Func
	}
	e.Refs = l.refsOf(v, nil)
	if e.Direct < 0 && len(e.Refs) == 1 && e.Refs[0].Kind == facts.FuncRef && !e.Refs[0].Result && v.Kind != facts.CallV {
		e.Direct = e.Refs[0].Index
	}
	l.file.Exports = append(l.file.Exports, e)
}

func (l *lowerer) exportStatement(s int) {
	if d := l.child(s, l.f.declaration); d >= 0 {
		l.expr(d)
		switch l.kind(d) {
		case kFunctionDecl, kGeneratorDecl, kClassDecl:
			if n := l.child(d, l.f.name); n >= 0 {
				exported := l.text(n)
				if l.hasToken(s, "default") {
					exported = "default" // export default function name() {}
				}
				l.exportBinding(l.text(n), exported, l.pos(d))
			}
		case kLexicalDecl, kVariableDecl:
			for _, dc := range l.namedChildren(d) {
				if n := l.child(dc, l.f.name); n >= 0 {
					for _, id := range l.patternNames(n) {
						l.exportBinding(l.text(id), l.text(id), l.pos(dc))
					}
				}
			}
		}
		return
	}
	if v := l.child(s, l.f.value); v >= 0 { // export default <expr>
		l.addExport("default", l.unwrap(v))
		return
	}
	src := l.child(s, l.f.source)
	clause := -1
	for c := s + 1; c < l.next(s); c = l.next(c) {
		if l.kind(c) == kExportClause {
			clause = c
		}
	}
	if src >= 0 {
		module := l.stringValue(src)
		ref := facts.Ref{Kind: facts.ImportRef, Module: module, Path: l.modulePath(module)}
		if clause < 0 { // export * from './x'
			if isRelative(module) {
				l.file.Exports = append(l.file.Exports, facts.Export{Name: "*", Pos: l.pos(s), Direct: -1, Refs: []facts.Ref{ref}})
			}
			return
		}
		for _, sp := range l.namedChildren(clause) {
			name, exported, ok := l.specifier(sp)
			if !ok || !isRelative(module) {
				continue
			}
			r := ref
			r.Name = name
			l.file.Exports = append(l.file.Exports, facts.Export{Name: exported, Pos: l.pos(sp), Direct: -1, Refs: []facts.Ref{r}})
		}
		return
	}
	if clause >= 0 {
		for _, sp := range l.namedChildren(clause) {
			if name, exported, ok := l.specifier(sp); ok {
				l.exportBinding(name, exported, l.pos(sp))
			}
		}
	}
}

// specifier reads `name` or `name as alias` of an import or export
// specifier: the name and the alias (the name again when there is none).
func (l *lowerer) specifier(sp int) (name, alias string, ok bool) {
	n, a := l.child(sp, l.f.name), l.child(sp, l.f.alias)
	if n < 0 {
		return "", "", false
	}
	name = l.stringValue(n)
	if a < 0 {
		return name, name, true
	}
	return name, l.stringValue(a), true
}

// exportBinding exports a module-scope name.
func (l *lowerer) exportBinding(local, exported string, pos facts.Pos) {
	b := l.module[local]
	if b == nil {
		return
	}
	e := facts.Export{Name: exported, Pos: pos, Direct: -1}
	switch b.kind {
	case bFunc:
		if b.index >= 0 {
			e.Direct = b.index
			e.Refs = []facts.Ref{{Kind: facts.FuncRef, Index: b.index}}
		}
	case bSymbol:
		e.Refs = []facts.Ref{{Kind: facts.SymbolRef, Index: b.index}}
	case bImport:
		if isRelative(b.module) {
			e.Refs = []facts.Ref{{Kind: facts.ImportRef, Module: b.module, Path: l.modulePath(b.module), Name: b.name}}
		}
	case bClass:
		e.Refs = l.classRefs(b.index)
	}
	l.file.Exports = append(l.file.Exports, e)
}

func (l *lowerer) classRefs(class int) []facts.Ref {
	var refs []facts.Ref
	for _, m := range l.file.Classes[class].Methods {
		refs = append(refs, facts.Ref{Kind: facts.FuncRef, Index: m})
	}
	return refs
}

// ---- helpers ------------------------------------------------------------

func isRelative(m string) bool {
	return strings.HasPrefix(m, "./") || strings.HasPrefix(m, "../") || m == "." || m == ".."
}

// resolution is how Node.js and TypeScript resolve relative imports:
// extensions in TypeScript's order, index files, and a .js specifier in
// TypeScript naming the .ts file.
var resolution = &facts.Resolution{
	Exts:  []string{".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", ".mts", ".cts", ".json"},
	Index: []string{"index.ts", "index.tsx", "index.js", "index.mjs", "index.cjs", "index.jsx"},
	ExtAliases: map[string][]string{
		".js": {".ts", ".tsx"}, ".jsx": {".tsx"}, ".mjs": {".mts"}, ".cjs": {".cts"},
	},
}

// modulePath joins a relative specifier to the importing file's folder.
func (l *lowerer) modulePath(module string) string {
	if !isRelative(module) {
		return ""
	}
	return path.Join(l.dir, module)
}

// stringValue returns the contents of a string literal (escapes kept as
// written), or the text of any other node.
func (l *lowerer) stringValue(i int) string {
	if l.kind(i) != kString {
		return l.text(i)
	}
	t := l.text(i)
	if len(t) >= 2 {
		return t[1 : len(t)-1]
	}
	return ""
}

func (l *lowerer) propertyName(k int) string {
	if l.kind(k) == kString {
		return l.stringValue(k)
	}
	return l.text(k)
}

// memberPath renders a chain of identifiers and member accesses as "a.b.c";
// subscripts render as "a[]"; anything else as "".
func (l *lowerer) memberPath(i int) string {
	i = l.unwrap(i)
	switch l.kind(i) {
	case kIdentifier, kThis:
		return l.text(i)
	case kMember:
		o, p := l.child(i, l.f.object), l.child(i, l.f.property)
		if o < 0 || p < 0 {
			return ""
		}
		base := l.memberPath(o)
		if base == "" {
			return ""
		}
		return base + "." + l.text(p)
	case kSubscript:
		o := l.child(i, l.f.object)
		if o < 0 {
			return ""
		}
		base := l.memberPath(o)
		if base == "" {
			return ""
		}
		if ix := l.child(i, l.f.index); ix >= 0 && l.kind(ix) == kString {
			return base + "." + l.stringValue(ix)
		}
		return base + "[]"
	}
	return ""
}

func isFunctionKind(k kind) bool {
	switch k {
	case kFunctionExpr, kGeneratorExpr, kArrow, kFunctionDecl, kGeneratorDecl:
		return true
	}
	return false
}

// isConstValue reports whether a local const's value can be inlined where the
// name is used: it holds no state and no parameter.
func isConstValue(v *facts.Value) bool {
	switch v.Kind {
	case facts.String, facts.Number, facts.Bool, facts.Null:
		return true
	case facts.Template, facts.Concat, facts.CallV:
		if v.Kind == facts.CallV && (v.Callee == nil || v.Object != nil) {
			return false
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
