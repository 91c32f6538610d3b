package java

import (
	"path"
	"strconv"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/parsers/srcpos"
	"github.com/lmicheck/lmicheck/parsers/treesitter"
)

// classInfo is what the lowering knows about a class of this file.
type classInfo struct {
	name     string
	index    int // into file.Classes
	outer    *classInfo
	fields   map[string]int // field name → symbol
	statics  map[string]bool
	methods  map[string][]int // method name → functions (overloads)
	ctor     int              // the synthetic constructor: instance initialisers
	hasSuper bool
	iface    bool // interface or annotation type: its fields are static final
}

// local is a local variable or parameter in scope.
type local struct {
	typ     string // qualified where known
	value   *facts.Value
	sources []facts.Source
	param   int // parameter index of fn, or -1
	fn      int
}

type scope struct {
	vars   map[string]*local
	parent *scope
}

func (s *scope) lookup(n string) *local {
	for ; s != nil; s = s.parent {
		if v, ok := s.vars[n]; ok {
			return v
		}
	}
	return nil
}

// guard is a null check on a field (if (x == null)) that makes writes to it
// in its branch a lazy initialisation; lockDepth is the synchronisation depth
// where the check ran (a check outside the lock makes double-checked locking).
type guard struct {
	symbol    int
	lockDepth int
}

type lowerer struct {
	gi    *grammarInfo
	f     *fieldIDs
	nodes []treesitter.Node
	src   []byte
	idx   *srcpos.Index
	file  *facts.File

	pkg           string
	root          string            // the source root: the file's folder minus the package path
	imports       map[string]string // simple name → qualified name
	wildcards     []string          // packages imported with .*
	staticImports map[string]string // member → qualified class
	classes       map[string]*classInfo
	globals       map[string]int
	// created are the file's object creations; keptNodes those stored whole
	// into a shared field at init.
	created   []createdObject
	keptNodes map[int]bool

	// per body
	fn        int
	cls       *classInfo
	static    bool
	sc        *scope
	lockDepth int
	guards    []guard
	pend      []pendingBody
}

type pendingBody struct {
	node   int // the body (block, constructor_body, expression)
	params int // formal_parameters, or -1
	fn     int
	cls    *classInfo
	static bool
	locked bool
	sc     *scope
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
		if l.named(c) && l.kind(c) != kLineComment && l.kind(c) != kBlockComment {
			out = append(out, c)
		}
	}
	return out
}

func (l *lowerer) childOfKind(i int, k kind) int {
	if i < 0 {
		return -1
	}
	for c := i + 1; c < l.next(i); c = l.next(c) {
		if l.kind(c) == k {
			return c
		}
	}
	return -1
}

// hasToken reports whether node i has a direct anonymous child with this text
// (a modifier keyword, an operator).
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

// ---- the file ----------------------------------------------------------------

func (l *lowerer) lowerFile(hasErr bool) {
	l.scanNodes(hasErr)
	top := 0
	for c := top + 1; c < l.next(top); c = l.next(c) {
		switch l.kind(c) {
		case kPackage:
			for _, n := range l.namedChildren(c) {
				if k := l.kind(n); k == kScopedIdentifier || k == kIdentifier {
					l.pkg = l.text(n)
				}
			}
		case kImport:
			l.declareImport(c)
		}
	}
	dir := path.Dir(l.file.Path)
	l.root = dir
	if l.pkg != "" {
		pp := strings.ReplaceAll(l.pkg, ".", "/")
		if dir == pp {
			l.root = "."
		} else if strings.HasSuffix(dir, "/"+pp) {
			l.root = strings.TrimSuffix(dir, "/"+pp)
		}
	}
	// Declare every class first: methods called before their declaration
	// resolve, and nested classes see their outer class's fields.
	for c := top + 1; c < l.next(top); c = l.next(c) {
		if isTypeDecl(l.kind(c)) {
			l.declareClass(c, nil)
		}
	}
	for len(l.pend) > 0 {
		p := l.pend[0]
		l.pend = l.pend[1:]
		l.lowerBody(p)
	}
	// A class of this file whose instances are only ever made to be kept in
	// a static field or a field of a shared object (the handler, a
	// singleton bean) is shared too: its methods run on every request's
	// thread against the same fields. A class also instantiated elsewhere
	// (a default instance plus one per request) is left alone: its
	// per-request instances are not shared.
	kept, other := map[string]bool{}, map[string]bool{}
	for _, c := range l.created {
		if l.keptNodes[c.node] {
			kept[c.class] = true
		} else {
			other[c.class] = true
		}
	}
	for name := range kept {
		if ci, ok := l.classes[name]; ok && !other[name] {
			l.file.Classes[ci.index].Shared = true
		}
	}
}

func isTypeDecl(k kind) bool {
	return k == kClass || k == kInterface || k == kEnum || k == kRecord || k == kAnnotationType
}

// scanNodes records comments that mention lmicheck, @SuppressWarnings with
// lmicheck rule ids, and syntax errors.
func (l *lowerer) scanNodes(hasErr bool) {
	for i := 0; i < len(l.nodes); i++ {
		n := l.nodes[i]
		switch k := l.kind(i); {
		case k == kLineComment || k == kBlockComment:
			t := l.text(i)
			if strings.Contains(t, "lmicheck") {
				t = strings.TrimPrefix(t, "//")
				t = strings.TrimSuffix(strings.TrimPrefix(t, "/*"), "*/")
				var lines []string
				for _, ln := range strings.Split(t, "\n") {
					lines = append(lines, strings.TrimLeft(strings.TrimSpace(ln), "* "))
				}
				l.file.Comments = append(l.file.Comments, facts.Comment{
					Text: strings.TrimSpace(strings.Join(lines, "\n")), Pos: l.pos(i), OwnLine: l.idx.OnlySpaceBefore(int(n.Start)),
				})
			}
		case hasErr && n.Flags&(treesitter.Error|treesitter.Missing) != 0:
			if len(l.file.SyntaxErrors) < 50 {
				l.file.SyntaxErrors = append(l.file.SyntaxErrors, l.pos(i))
			}
			if n.Flags&treesitter.Error != 0 {
				i = l.next(i) - 1
			}
		}
	}
}

func (l *lowerer) declareImport(i int) {
	static := l.hasToken(i, "static")
	wild := strings.HasSuffix(strings.TrimSpace(strings.TrimSuffix(l.text(i), ";")), "*")
	name := ""
	for _, c := range l.namedChildren(i) {
		if k := l.kind(c); k == kScopedIdentifier || k == kIdentifier {
			name = l.text(c)
		}
	}
	if name == "" {
		return
	}
	l.file.Imports = append(l.file.Imports, facts.Import{Module: name, Pos: l.pos(i)})
	switch {
	case static && wild:
		// import static a.B.*: members of B; not tracked.
	case static:
		dot := strings.LastIndexByte(name, '.')
		if dot > 0 {
			l.staticImports[name[dot+1:]] = name[:dot]
		}
	case wild:
		l.wildcards = append(l.wildcards, name)
	default:
		l.imports[name[strings.LastIndexByte(name, '.')+1:]] = name
	}
}

// ---- classes -----------------------------------------------------------------

// modifierInfo is what a declaration's modifiers say.
type modifierInfo struct {
	static, final, abstract, synchronized, volatile bool
	annotations                                     []int
}

func (l *lowerer) modifiers(decl int) modifierInfo {
	var m modifierInfo
	mods := l.childOfKind(decl, kModifiers)
	if mods < 0 {
		return m
	}
	for c := mods + 1; c < l.next(mods); c = l.next(c) {
		switch l.kind(c) {
		case kAnnotation, kMarkerAnnotation:
			m.annotations = append(m.annotations, c)
		default:
			switch l.text(c) {
			case "static":
				m.static = true
			case "final":
				m.final = true
			case "abstract":
				m.abstract = true
			case "synchronized":
				m.synchronized = true
			case "volatile":
				m.volatile = true
			}
		}
	}
	return m
}

// annotationName is an annotation's simple name.
func (l *lowerer) annotationName(a int) string {
	n := l.text(l.child(a, l.f.name))
	return n[strings.LastIndexByte(n, '.')+1:]
}

// suppressions turns @SuppressWarnings("lmicheck:LMI001") on a declaration
// into a suppression covering the declaration.
func (l *lowerer) suppressions(decl int, m modifierInfo) {
	for _, a := range m.annotations {
		if l.annotationName(a) != "SuppressWarnings" {
			continue
		}
		var ids []string
		for _, s := range l.stringsIn(a) {
			if id, ok := strings.CutPrefix(s, "lmicheck:"); ok && id != "" {
				ids = append(ids, strings.TrimSpace(id))
			}
		}
		if len(ids) == 0 {
			continue
		}
		l.file.Comments = append(l.file.Comments, facts.Comment{
			Text:  "lmicheck:ignore " + strings.Join(ids, ",") + " -- @SuppressWarnings on the declaration",
			Pos:   l.pos(a),
			Scope: l.pos(decl),
		})
	}
}

// stringsIn lists the string literals inside a node.
func (l *lowerer) stringsIn(i int) []string {
	var out []string
	for c := i + 1; c < l.next(i); c++ {
		if l.kind(c) == kString {
			out = append(out, l.stringText(c))
		}
	}
	return out
}

func (l *lowerer) declareClass(decl int, outer *classInfo) {
	name := l.text(l.child(decl, l.f.name))
	if name == "" {
		return
	}
	m := l.modifiers(decl)
	l.suppressions(decl, m)
	k := l.kind(decl)
	ci := &classInfo{name: name, index: len(l.file.Classes), outer: outer, fields: map[string]int{},
		statics: map[string]bool{}, methods: map[string][]int{}, iface: k == kInterface || k == kAnnotationType}
	if _, dup := l.classes[name]; !dup {
		l.classes[name] = ci
	}
	cl := facts.Class{Name: name, Pos: l.pos(decl), Abstract: m.abstract || k == kInterface || k == kAnnotationType}
	var baseNames []string
	if sc := l.child(decl, l.f.superclass); sc >= 0 {
		for _, t := range l.namedChildren(sc) {
			b := l.simpleType(t)
			cl.Super = b
			baseNames = append(baseNames, b)
			ci.hasSuper = true
			if e := handlerBases[b]; e != "" {
				cl.Entry = e
			}
		}
	}
	ifaces := l.child(decl, l.f.interfaces)
	if ifaces < 0 {
		ifaces = l.childOfKind(decl, kExtendsInterfaces)
	}
	if ifaces >= 0 {
		for c := ifaces + 1; c < l.next(ifaces); c++ {
			if l.kind(c) != kTypeList {
				continue
			}
			for _, t := range l.namedChildren(c) {
				b := l.simpleType(t)
				baseNames = append(baseNames, b)
				if e := handlerInterfaces[b]; e != "" && l.handlerType(l.typeName(t)) {
					cl.Entry = e
				}
			}
			break
		}
	}
	for _, b := range baseNames {
		cl.Bases = append(cl.Bases, l.typeRefs(b, "")...)
	}
	for _, a := range m.annotations {
		if singletonAnnotations[l.annotationName(a)] {
			cl.Shared = true
		}
	}
	if cl.Entry != "" && !cl.Abstract {
		cl.Shared = true // the runtime makes one instance and calls it from every thread
	}
	l.file.Classes = append(l.file.Classes, cl)
	// The synthetic constructor holding instance initialisers.
	ci.ctor = l.addFunction(facts.Function{Name: name + ".<init>", Kind: facts.Constructor, Class: name, Parent: -1, Pos: l.pos(decl)})
	l.file.Exports = append(l.file.Exports, facts.Export{Name: name + "::<init>", Pos: l.pos(decl), Direct: ci.ctor})
	body := l.child(decl, l.f.body)
	if k == kRecord {
		// Record components are final instance fields.
		for _, p := range l.namedChildren(l.child(decl, l.f.parameters)) {
			if l.kind(p) == kFormalParameter {
				fname := l.text(l.child(p, l.f.name))
				ci.fields[fname] = l.addSymbol(facts.Symbol{Name: name + "." + fname, Kind: facts.InstanceField,
					Class: name, Type: l.typeName(l.child(p, l.f.typ)), Pos: l.pos(p)})
			}
		}
	}
	if body < 0 {
		return
	}
	l.declareMembers(body, ci)
}

// handlerType reports whether a RequestHandler named in code is the AWS one:
// imported from aws-lambda-java-core, or not imported at all (a same-named
// class of the project would be imported or declared).
func (l *lowerer) handlerType(q string) bool {
	return strings.HasPrefix(q, "com.amazonaws.services.lambda.runtime.") || !strings.Contains(q, ".") ||
		(l.pkg != "" && q == l.pkg+"."+q[strings.LastIndexByte(q, '.')+1:] && l.classes[q[strings.LastIndexByte(q, '.')+1:]] == nil)
}

func (l *lowerer) declareMembers(body int, ci *classInfo) {
	for c := body + 1; c < l.next(body); c = l.next(c) {
		switch l.kind(c) {
		case kEnumBodyDecls:
			l.declareMembers(c, ci)
		case kEnumConstant:
			// An enum constant is a static final instance, built at init.
			n := l.text(l.child(c, l.f.name))
			ci.fields[n] = l.addSymbol(facts.Symbol{Name: ci.name + "." + n, Kind: facts.StaticField, Class: ci.name,
				Type: l.qualify(ci.name), Pos: l.pos(c)})
			ci.statics[n] = true
		case kField, kConstant:
			l.declareField(c, ci)
		case kMethod:
			l.declareMethod(c, ci)
		case kConstructor, kCompactConstructor:
			m := l.modifiers(c)
			l.suppressions(c, m)
			fi := l.addFunction(facts.Function{Name: ci.name + ".<init>", Kind: facts.Constructor, Class: ci.name,
				Parent: -1, Pos: l.pos(c), Params: l.paramNames(l.child(c, l.f.parameters))})
			l.file.Exports = append(l.file.Exports, facts.Export{Name: ci.name + "::<init>", Pos: l.pos(c), Direct: fi})
			l.pend = append(l.pend, pendingBody{node: l.child(c, l.f.body), params: l.child(c, l.f.parameters), fn: fi, cls: ci})
		case kStaticInit:
			l.pend = append(l.pend, pendingBody{node: l.childOfKind(c, kBlock), params: -1, fn: 0, cls: ci, static: true})
		case kBlock:
			l.pend = append(l.pend, pendingBody{node: c, params: -1, fn: ci.ctor, cls: ci})
		default:
			if isTypeDecl(l.kind(c)) {
				l.declareClass(c, ci)
			}
		}
	}
}

func (l *lowerer) declareField(decl int, ci *classInfo) {
	m := l.modifiers(decl)
	l.suppressions(decl, m)
	if l.kind(decl) == kConstant || l.classIsInterface(ci) {
		m.static, m.final = true, true
	}
	typ := l.typeName(l.child(decl, l.f.typ))
	for _, d := range l.children(decl, l.f.declarator) {
		n := l.text(l.child(d, l.f.name))
		if n == "" {
			continue
		}
		kind := facts.InstanceField
		if m.static {
			kind = facts.StaticField
		}
		si := l.addSymbol(facts.Symbol{Name: ci.name + "." + n, Kind: kind, Class: ci.name, Reassignable: !m.final,
			Type: typ, Volatile: m.volatile, Pos: l.pos(d)})
		ci.fields[n] = si
		if m.static {
			ci.statics[n] = true
		}
		if v := l.child(d, l.f.value); v >= 0 {
			fn := ci.ctor
			if m.static {
				fn = 0
			}
			l.pend = append(l.pend, pendingBody{node: v, params: -1, fn: fn, cls: ci, static: m.static, sc: &scope{vars: map[string]*local{}}})
			// The initializer is lowered with the bodies; remember where.
			l.pend[len(l.pend)-1].params = -2 - si
		}
	}
}

func (l *lowerer) classIsInterface(ci *classInfo) bool { return ci.iface }

func (l *lowerer) declareMethod(decl int, ci *classInfo) {
	m := l.modifiers(decl)
	l.suppressions(decl, m)
	name := l.text(l.child(decl, l.f.name))
	params := l.child(decl, l.f.parameters)
	fi := l.addFunction(facts.Function{Name: ci.name + "." + name, Kind: facts.Method, Class: ci.name, Parent: -1,
		Pos: l.pos(decl), Params: l.paramNames(params)})
	f := &l.file.Functions[fi]
	f.Arity = len(f.Params)
	ci.methods[name] = append(ci.methods[name], fi)
	l.file.Classes[ci.index].Methods = append(l.file.Classes[ci.index].Methods, fi)
	exp := facts.Export{Name: ci.name + "::" + name, Pos: l.pos(decl), Direct: fi}
	// Spring Cloud Function: a @Bean method returning a Function, Consumer or
	// Supplier; the adapter calls what it returns once per request.
	for _, a := range m.annotations {
		if l.annotationName(a) == "Bean" && functionalTypes[l.simpleType(l.child(decl, l.f.typ))] {
			exp.Entry = true
			exp.Direct = -1
			exp.Refs = []facts.Ref{{Kind: facts.FuncRef, Index: fi, Result: true}}
		}
	}
	l.file.Exports = append(l.file.Exports, exp)
	if body := l.child(decl, l.f.body); body >= 0 {
		l.pend = append(l.pend, pendingBody{node: body, params: params, fn: fi, cls: ci, static: m.static, locked: m.synchronized})
	}
}

func (l *lowerer) addFunction(f facts.Function) int {
	l.file.Functions = append(l.file.Functions, f)
	return len(l.file.Functions) - 1
}

func (l *lowerer) addSymbol(s facts.Symbol) int {
	l.file.Symbols = append(l.file.Symbols, s)
	return len(l.file.Symbols) - 1
}

func (l *lowerer) paramNames(params int) []string {
	var out []string
	for _, p := range l.namedChildren(params) {
		switch l.kind(p) {
		case kFormalParameter:
			out = append(out, l.text(l.child(p, l.f.name)))
		case kSpreadParameter:
			out = append(out, l.text(l.child(l.childOfKind(p, kVarDeclarator), l.f.name)))
		case kIdentifier:
			out = append(out, l.text(p))
		}
	}
	return out
}

// ---- types -------------------------------------------------------------------

// simpleType is a type node's simple name without type arguments or
// package: Map for java.util.Map<String, X>.
func (l *lowerer) simpleType(t int) string {
	s := l.typeText(t)
	return s[strings.LastIndexByte(s, '.')+1:]
}

// typeText is a type as written without type arguments and array brackets.
func (l *lowerer) typeText(t int) string {
	switch l.kind(t) {
	case kGenericType:
		for _, c := range l.namedChildren(t) {
			if k := l.kind(c); k == kTypeIdentifier || k == kScopedTypeIdentifier {
				return l.typeText(c)
			}
		}
	case kArrayType:
		return l.typeText(l.namedChildren(t)[0]) + "[]"
	}
	s := l.text(t)
	if i := strings.IndexByte(s, '<'); i >= 0 {
		s = s[:i]
	}
	return strings.Join(strings.Fields(s), "")
}

// typeName is a type node resolved to a qualified name where possible.
func (l *lowerer) typeName(t int) string {
	if t < 0 {
		return ""
	}
	return l.qualify(l.typeText(t))
}

// qualify resolves a type name as written.
func (l *lowerer) qualify(s string) string {
	if s == "" || s == "var" || strings.HasSuffix(s, "[]") {
		return s
	}
	first, rest, dotted := strings.Cut(s, ".")
	if dotted {
		if q, ok := l.imports[first]; ok {
			return q + "." + rest
		}
		return s // already qualified (or a nested type of an unknown class)
	}
	if q, ok := l.imports[s]; ok {
		return q
	}
	if _, ok := l.classes[s]; ok {
		if l.pkg == "" {
			return s
		}
		return l.pkg + "." + s
	}
	if javaLang[s] {
		return "java.lang." + s
	}
	if len(l.wildcards) == 1 {
		return l.wildcards[0] + "." + s
	}
	if l.pkg != "" && len(l.wildcards) == 0 {
		return l.pkg + "." + s
	}
	return s
}

// projectType reports whether a qualified type may be declared in the
// scanned tree (not the JDK).
func projectType(q string) bool {
	for _, p := range []string{"java.", "javax.", "jdk.", "sun.", "com.sun."} {
		if strings.HasPrefix(q, p) {
			return false
		}
	}
	return q != "" && !strings.HasSuffix(q, "[]")
}

// typeRefs are references to class simple in its candidate files: this file
// when it declares it, else where the type resolves (import, package), with
// member "name::member" (or the class name when member is "").
func (l *lowerer) typeRefs(simple, member string) []facts.Ref {
	name := simple
	if member != "" {
		name = simple + "::" + member
	}
	self := strings.TrimSuffix(l.file.Path, ".java")
	if _, ok := l.classes[simple]; ok {
		return []facts.Ref{{Kind: facts.ImportRef, Module: simple, Path: self, Name: name}}
	}
	var out []facts.Ref
	add := func(q string) {
		if !projectType(q) {
			return
		}
		p := path.Join(l.root, strings.ReplaceAll(q, ".", "/"))
		if p == self {
			return
		}
		out = append(out, facts.Ref{Kind: facts.ImportRef, Module: q, Path: p, Name: name})
	}
	if q, ok := l.imports[simple]; ok {
		add(q)
		return out
	}
	if javaLang[simple] {
		return nil
	}
	if l.pkg != "" {
		add(l.pkg + "." + simple)
	} else {
		add(simple)
	}
	for _, w := range l.wildcards {
		add(w + "." + simple)
	}
	return out
}

// ---- values --------------------------------------------------------------

func (l *lowerer) stringText(i int) string {
	var b strings.Builder
	for c := i + 1; c < l.next(i); c = l.next(c) {
		switch l.kind(c) {
		case kStringFragment, kMultilineFragment:
			b.WriteString(l.text(c))
		case kEscape:
			t := l.text(c)
			if u, err := strconv.Unquote(`"` + t + `"`); err == nil {
				b.WriteString(u)
			}
		}
	}
	return b.String()
}
