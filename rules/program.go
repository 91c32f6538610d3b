package rules

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/lmicheck/lmicheck/facts"
)

// FuncID names a function of the program.
type FuncID struct {
	File int // index into Program.Files
	Func int // index into that file's Functions
}

// Program is every file of a scan, linked: which exports handlers are, and
// which functions run during an invocation (reachable from a handler).
type Program struct {
	Files  []*facts.File
	byPath map[string]int

	// Handlers are the entry points found, sorted by name.
	Handlers []Handler
	// reachedBy maps each invocation-time function to the index of the first
	// handler (in Handlers order) that reaches it.
	reachedBy map[FuncID]int
	// roots are functions the runtime or a framework calls with request data as
	// their first arguments (the handler itself, a wrapped handler, a route).
	roots map[FuncID]bool
	// direct are handler functions exported as themselves (not wrapped): the
	// runtime calls them with (event, context[, callback]).
	direct   map[FuncID]bool
	children [][][]int // per file, per function: nested functions

	// factories are functions that ran at init and returned what runs per
	// invocation (export const handler = makeHandler()): their locals,
	// captured by the handler, are shared.
	factories map[FuncID]bool

	// Deployments are the templates and IaC files read, sorted by path;
	// Manifests the dependency manifests. scan sets both.
	Deployments []facts.Deployment
	Manifests   []facts.Manifest

	// sharedClasses are classes whose one instance serves every invocation
	// because a handler is (or derives from) them: their instance fields are
	// shared even when the front-end could not tell (a base class in another
	// file).
	sharedClasses map[classKey]bool
	// handlerChains are, per handler, its class and the classes it derives
	// from (for class-based handlers), most derived first.
	handlerChains [][]classKey

	callersOnce sync.Once
	callers     map[FuncID][]*facts.Call
	callerFile  map[*facts.Call]int
}

// Handler is an entry point.
type Handler struct {
	Name string // "src/app.js#handler", or the template's function name
	File int
	// Export is the handler's export in File.
	Export string
}

// alwaysHandlers are export names that are Lambda handlers by convention
// wherever they appear.
// (Python: handler, lambda_handler).
var alwaysHandlers = map[string]bool{"handler": true, "lambdaHandler": true, "lambda_handler": true}

// handlerLike matches other names a handler is often exported under
// (…Handler, Python's …_handler); they count only with an event-like first
// parameter.
var handlerLike = regexp.MustCompile(`^([A-Za-z0-9_$]*Handler|[A-Za-z0-9_]*_handler|main|default)$`)

// NewProgram links files and finds handlers: those the templates name, and,
// for files outside every template's code folder, exports named like handlers.
func NewProgram(files []*facts.File, specs []facts.LambdaFunction) *Program {
	p := &Program{
		Files:     files,
		byPath:    make(map[string]int, len(files)),
		reachedBy: map[FuncID]int{},
		roots:     map[FuncID]bool{},
		direct:    map[FuncID]bool{},
		factories: map[FuncID]bool{},

		sharedClasses: map[classKey]bool{},
	}
	slices.SortFunc(p.Files, func(a, b *facts.File) int { return cmp.Compare(a.Path, b.Path) })
	for i, f := range p.Files {
		p.byPath[f.Path] = i
	}
	p.children = make([][][]int, len(p.Files))
	for fi, f := range p.Files {
		ch := make([][]int, len(f.Functions))
		for i, fn := range f.Functions {
			if fn.Parent >= 0 && fn.Parent < len(f.Functions) && fn.Parent != i {
				ch[fn.Parent] = append(ch[fn.Parent], i)
			}
		}
		p.children[fi] = ch
	}
	p.findHandlers(specs)
	p.reach()
	return p
}

// resolveRef returns the file a reference held by file fi names.
func (p *Program) resolveRef(fi int, r facts.Ref) (int, bool) {
	if r.Path == "" {
		return -1, false
	}
	return p.resolve(p.Files[fi].Resolution.Candidates(r.Path))
}

// resolve returns the first candidate file that is part of the program.
func (p *Program) resolve(candidates []string) (int, bool) {
	for _, c := range candidates {
		if i, ok := p.byPath[c]; ok {
			return i, true
		}
	}
	return -1, false
}

func (p *Program) findHandlers(specs []facts.LambdaFunction) {
	var codeDirs []string
	seen := map[string]bool{}
	for _, s := range specs {
		if len(s.Candidates) == 0 {
			// Code not in the tree, or a handler that names a framework's
			// class (Spring's FunctionInvoker): convention finds the code.
			continue
		}
		codeDirs = append(codeDirs, s.CodeDir)
		fi, ok := p.resolve(s.Candidates)
		if !ok {
			continue
		}
		if class, _, ok := strings.Cut(s.Export, "::"); ok && len(p.exportsNamed(fi, s.Export, 0)) == 0 {
			// com.acme.Fn names a class whose framework base calls another
			// method per request (Micronaut's execute).
			if m := p.entryMethod(fi, class); m != "" {
				s.Export = class + "::" + m
			}
		}
		key := p.Files[fi].Path + "#" + s.Export
		if seen[key] {
			continue
		}
		seen[key] = true
		name := key
		if s.Name != "" {
			name = s.Name + " (" + key + ")"
		}
		p.Handlers = append(p.Handlers, Handler{Name: name, File: fi, Export: s.Export})
	}
	covered := func(file string) bool {
		for _, d := range codeDirs {
			if d == "." || file == d || strings.HasPrefix(file, strings.TrimSuffix(d, "/")+"/") {
				return true
			}
		}
		return false
	}
	for fi, f := range p.Files {
		if covered(f.Path) {
			continue
		}
		for _, e := range f.Exports {
			if !p.conventionalHandler(f, e) {
				continue
			}
			key := f.Path + "#" + e.Name
			if e.Name == "" {
				key = f.Path + "#module.exports"
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			p.Handlers = append(p.Handlers, Handler{Name: key, File: fi, Export: e.Name})
		}
		// Class-based handlers: a concrete class implementing a handler
		// interface, itself or through a base class in any file.
		for _, c := range f.Classes {
			if c.Abstract {
				continue
			}
			m := p.entryMethod(fi, c.Name)
			if m == "" {
				continue
			}
			key := f.Path + "#" + c.Name + "::" + m
			if seen[key] {
				continue
			}
			seen[key] = true
			p.Handlers = append(p.Handlers, Handler{Name: key, File: fi, Export: c.Name + "::" + m})
		}
	}
	slices.SortFunc(p.Handlers, func(a, b Handler) int { return cmp.Compare(a.Name, b.Name) })
}

// eventParams are first-parameter names that mark a function as taking a
// Lambda event. Generic names (e, req, input) are left out on purpose: on a
// library's default export they are noise.
var eventParams = map[string]bool{"event": true, "evt": true, "_event": true, "_evt": true, "lambdaEvent": true}

// conventionalHandler decides, for files no template covers, whether an export
// is a handler: `handler` and `lambdaHandler` always; `…Handler`, `main`, a
// default export or module.exports only when the function it is (or wraps:
// middy(fn)) takes an event-like first parameter. Libraries export many
// functions; treating each as a handler would report their internals.
func (p *Program) conventionalHandler(f *facts.File, e facts.Export) bool {
	if e.Entry {
		return true
	}
	if strings.Contains(e.Name, "::") {
		return false // a class member: class-based handlers are found by their class
	}
	if alwaysHandlers[e.Name] {
		return true
	}
	if e.Name != "" && !handlerLike.MatchString(e.Name) {
		return false
	}
	takesEvent := func(fn int) bool {
		if fn < 0 || fn >= len(f.Functions) || len(f.Functions[fn].Params) == 0 {
			return false
		}
		first := strings.TrimSpace(strings.SplitN(f.Functions[fn].Params[0], ":", 2)[0])
		return eventParams[strings.TrimSuffix(first, "?")]
	}
	if e.Direct >= 0 {
		return takesEvent(e.Direct)
	}
	for _, r := range e.Refs {
		switch {
		case r.Kind == facts.FuncRef && takesEvent(r.Index):
			return true
		case r.Kind == facts.SymbolRef && r.Index >= 0 && r.Index < len(f.Symbols):
			// const wrapped = middy(async (event) => …); export { wrapped }
			for _, sr := range f.Symbols[r.Index].Refs {
				if sr.Kind == facts.FuncRef && takesEvent(sr.Index) {
					return true
				}
			}
		}
	}
	return false
}

// reach walks from every handler, in order, marking what runs per invocation.
func (p *Program) reach() {
	p.handlerChains = make([][]classKey, len(p.Handlers))
	for hi, h := range p.Handlers {
		if class, _, ok := strings.Cut(h.Export, "::"); ok {
			p.handlerChains[hi] = p.classChain(h.File, class)
			for _, k := range p.handlerChains[hi] {
				p.sharedClasses[k] = true
			}
		}
	}
	for hi, h := range p.Handlers {
		w := &reachWalk{p: p, handler: hi, seen: map[refKey]bool{}}
		for _, e := range p.exportsNamed(h.File, h.Export, 0) {
			if e.export.Direct >= 0 {
				id := FuncID{e.file, e.export.Direct}
				p.direct[id] = true
				w.mark(id, true)
			}
			w.follow(e.file, e.export.Refs, true, true)
		}
		for len(w.queue) > 0 {
			id := w.queue[0]
			w.queue = w.queue[1:]
			fn := &p.Files[id.File].Functions[id.Func]
			for _, c := range p.children[id.File][id.Func] {
				w.mark(FuncID{id.File, c}, false)
			}
			w.overrides(id, fn)
			w.follow(id.File, fn.Refs, false, false)
			// Method calls on shared instances, on this, on a class (static).
			for _, c := range fn.Calls {
				if m := methodTarget(p.Files[id.File], fn, c); m >= 0 {
					w.mark(FuncID{id.File, m}, false)
				}
				// new C() during an invocation runs C's constructor, and the
				// instance's methods may be called through it.
				if c.New && c.Callee.Module == "" {
					for _, cl := range p.Files[id.File].Classes {
						if cl.Name == c.Callee.Name {
							for _, m := range cl.Methods {
								w.mark(FuncID{id.File, m}, false)
							}
						}
					}
				}
			}
		}
	}
}

// refKey identifies a symbol or an imported name already followed, so each
// is followed once per walk (refs can be cyclic: app.use(app), export * loops).
type refKey struct {
	file  int
	kind  facts.RefKind
	index int
	name  string
	root  bool
	res   bool
}

type reachWalk struct {
	p       *Program
	handler int
	queue   []FuncID
	seen    map[refKey]bool
}

func (w *reachWalk) mark(id FuncID, root bool) {
	if root {
		w.p.roots[id] = true
	}
	if _, ok := w.p.reachedBy[id]; ok {
		return
	}
	w.p.reachedBy[id] = w.handler
	w.queue = append(w.queue, id)
}

// follow marks what refs lead to. Refs found directly from an export are
// roots. atInit says the refs come from code that ran at init (an exported
// value, a module-level initializer): there, wrap(fn) ran once and what it
// returned runs per invocation; in a function body it runs per invocation.
func (w *reachWalk) follow(fi int, refs []facts.Ref, root, atInit bool) {
	p := w.p
	f := p.Files[fi]
	for _, r := range refs {
		switch r.Kind {
		case facts.FuncRef:
			if r.Index < 0 || r.Index >= len(f.Functions) {
				continue
			}
			if r.Result && atInit {
				// wrap(fn) at init: the closures wrap returns run per invocation.
				p.factories[FuncID{fi, r.Index}] = true
				for _, c := range p.children[fi][r.Index] {
					w.mark(FuncID{fi, c}, root)
				}
				continue
			}
			w.mark(FuncID{fi, r.Index}, root)
		case facts.SymbolRef:
			if r.Index < 0 || r.Index >= len(f.Symbols) {
				continue
			}
			k := refKey{file: fi, kind: facts.SymbolRef, index: r.Index, root: root}
			if w.seen[k] {
				continue
			}
			w.seen[k] = true
			s := &f.Symbols[r.Index]
			w.follow(fi, s.Refs, root, true) // a symbol's refs come from init code
			if s.From != nil {
				w.follow(fi, []facts.Ref{*s.From}, root, true)
			}
			// An instance of a class of this file: its methods may be called.
			if s.Init != nil && s.Init.Kind == facts.NewV && s.Init.Callee != nil && s.Init.Callee.Module == "" {
				for _, c := range f.Classes {
					if c.Name == s.Init.Callee.Name {
						for _, m := range c.Methods {
							if f.Functions[m].Kind != facts.Constructor {
								w.mark(FuncID{fi, m}, root)
							}
						}
					}
				}
			}
		case facts.ImportRef:
			ti, ok := p.resolveRef(fi, r)
			if !ok {
				continue
			}
			name := r.Name
			if i := strings.IndexByte(name, '.'); i >= 0 {
				name = name[:i]
			}
			k := refKey{file: ti, kind: facts.ImportRef, name: name, root: root, res: r.Result && atInit}
			if w.seen[k] {
				continue
			}
			w.seen[k] = true
			for _, e := range p.exportsNamed(ti, name, 0) {
				if e.export.Direct >= 0 {
					if r.Result && atInit {
						p.factories[FuncID{e.file, e.export.Direct}] = true
						for _, c := range p.children[e.file][e.export.Direct] {
							w.mark(FuncID{e.file, c}, root)
						}
					} else {
						w.mark(FuncID{e.file, e.export.Direct}, root)
					}
				}
				w.follow(e.file, e.export.Refs, root, true) // an export's value is init code
			}
		}
	}
}

type fileExport struct {
	file   int
	export facts.Export
}

// exportsNamed finds a file's exports of a name, through `export * from`.
// Name "" (the module object) and "default" stand in for each other, as
// CommonJS interop does; the module object of a file without one stands for
// all its exports.
func (p *Program) exportsNamed(fi int, name string, depth int) []fileExport {
	return p.exportsNamedSeen(fi, name, map[int]bool{})
}

func (p *Program) exportsNamedSeen(fi int, name string, seen map[int]bool) []fileExport {
	if seen[fi] {
		return nil
	}
	seen[fi] = true
	f := p.Files[fi]
	var out []fileExport
	for _, e := range f.Exports {
		if e.Name == name {
			out = append(out, fileExport{fi, e})
		}
	}
	if len(out) > 0 {
		return out
	}
	if class, member, ok := strings.Cut(name, "::"); ok {
		// A member the class inherits: look in its base classes.
		for _, b := range p.bases(fi, class) {
			if found := p.exportsNamedSeen(b.file, b.class+"::"+member, seen); len(found) > 0 {
				return found
			}
		}
		return nil
	}
	if name == "" || name == "default" {
		alt := "default"
		if name == "default" {
			alt = ""
		}
		for _, e := range f.Exports {
			if e.Name == alt {
				out = append(out, fileExport{fi, e})
			}
		}
		if len(out) > 0 || name == "default" {
			return out
		}
		for _, e := range f.Exports {
			if e.Name != "*" {
				out = append(out, fileExport{fi, e})
			}
		}
	}
	for _, e := range f.Exports {
		if e.Name != "*" || len(e.Refs) == 0 {
			continue
		}
		if ti, ok := p.resolveRef(fi, e.Refs[0]); ok && ti != fi {
			out = append(out, p.exportsNamedSeen(ti, name, seen)...)
		}
	}
	return out
}

// methodTarget resolves obj.method() where obj is a shared instance of a
// class of this file, and this.method() inside a class, to the method.
func methodTarget(f *facts.File, fn *facts.Function, c facts.Call) int {
	class := ""
	switch {
	case c.Receiver >= 0 && c.Receiver < len(f.Symbols):
		s := f.Symbols[c.Receiver]
		if s.Init != nil && s.Init.Kind == facts.NewV && s.Init.Callee != nil && s.Init.Callee.Module == "" {
			class = s.Init.Callee.Name
		}
	case strings.HasPrefix(c.Callee.Name, "this.") && fn.Class != "":
		class = fn.Class
	case c.Callee.Module == "" && c.Receiver < 0 && strings.Count(c.Callee.Name, ".") == 1:
		// Config.reset(): a static method of a class of this file.
		class = c.Callee.Name[:strings.IndexByte(c.Callee.Name, '.')]
	}
	if class == "" || c.Method == "" {
		return -1
	}
	want := class + "." + c.Method
	for i, g := range f.Functions {
		if g.Class == class && g.Name == want {
			return i
		}
	}
	return -1
}

// Reachable reports whether a function runs during invocations, and the
// handler that reaches it first.
func (p *Program) Reachable(id FuncID) (Handler, bool) {
	hi, ok := p.reachedBy[id]
	if !ok {
		return Handler{}, false
	}
	return p.Handlers[hi], true
}

// Root reports whether the runtime or a framework calls the function with
// request data (event, context, request) as its first arguments.
func (p *Program) Root(id FuncID) bool { return p.roots[id] }

// Direct reports whether the function is a handler exported as itself.
func (p *Program) Direct(id FuncID) bool { return p.direct[id] }

// ReachedFunctions lists invocation-time functions in file and source order.
func (p *Program) ReachedFunctions() []FuncID {
	ids := make([]FuncID, 0, len(p.reachedBy))
	for id := range p.reachedBy {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b FuncID) int {
		return cmp.Or(cmp.Compare(a.File, b.File),
			cmp.Compare(p.Files[a.File].Functions[a.Func].Pos.Off, p.Files[b.File].Functions[b.Func].Pos.Off),
			cmp.Compare(a.Func, b.Func))
	})
	return ids
}

// SharedSymbol resolves a symbol through imports to the file and symbol that
// hold the state. ok is false for symbols that are not shared between
// invocations (an instance field of a per-invocation object).
func (p *Program) SharedSymbol(fi, si int) (int, int, bool) {
	for depth := 0; depth < 8; depth++ {
		f := p.Files[fi]
		if si < 0 || si >= len(f.Symbols) {
			return fi, si, false
		}
		s := f.Symbols[si]
		switch s.Kind {
		case facts.Captured:
			return fi, si, p.factories[FuncID{fi, s.Func}]
		case facts.InstanceField:
			if p.sharedClasses[classKey{fi, s.Class}] {
				return fi, si, true
			}
			for _, c := range f.Classes {
				if c.Name == s.Class {
					return fi, si, c.Shared
				}
			}
			return fi, si, false
		case facts.Imported:
			if s.From == nil {
				return fi, si, true
			}
			ti, ok := p.resolveRef(fi, *s.From)
			if !ok {
				return fi, si, true // state in a module we did not scan: still module state
			}
			name := s.From.Name
			if i := strings.IndexByte(name, '.'); i >= 0 {
				name = name[:i]
			}
			found := false
			for _, e := range p.exportsNamed(ti, name, 0) {
				for _, r := range e.export.Refs {
					if r.Kind == facts.SymbolRef {
						fi, si, found = e.file, r.Index, true
						break
					}
				}
				if found {
					break
				}
			}
			if !found {
				return fi, si, true
			}
		default:
			return fi, si, true
		}
	}
	return fi, si, true
}

// classKey names a class of a file.
type classKey struct {
	file  int
	class string
}

// bases resolves a class's declared bases (facts.Class.Bases) to classes of
// the program, in declaration order; the first candidate that declares the
// class wins for each base.
func (p *Program) bases(fi int, class string) []classKey {
	var out []classKey
	for _, c := range p.Files[fi].Classes {
		if c.Name != class {
			continue
		}
		done := map[string]bool{}
		for _, b := range c.Bases {
			if done[b.Name] {
				continue
			}
			ti, ok := p.resolveRef(fi, b)
			if !ok {
				continue
			}
			for _, tc := range p.Files[ti].Classes {
				if tc.Name == b.Name {
					out = append(out, classKey{ti, b.Name})
					done[b.Name] = true
					break
				}
			}
		}
		break
	}
	return out
}

// classChain is a class and every class it derives from, most derived first.
func (p *Program) classChain(fi int, class string) []classKey {
	out := []classKey{{fi, class}}
	seen := map[classKey]bool{{fi, class}: true}
	for i := 0; i < len(out) && i < 32; i++ {
		for _, b := range p.bases(out[i].file, out[i].class) {
			if !seen[b] {
				seen[b] = true
				out = append(out, b)
			}
		}
	}
	return out
}

// entryMethod returns the method the runtime calls on a handler class: its
// own Entry or one it inherits ("" when the class is not a handler).
func (p *Program) entryMethod(fi int, class string) string {
	for _, k := range p.classChain(fi, class) {
		for _, c := range p.Files[k.file].Classes {
			if c.Name == k.class && c.Entry != "" {
				return c.Entry
			}
		}
	}
	return ""
}

// overrides: when a method of a handler's base class runs, the handler
// object's own overrides of the methods it calls run instead (an abstract
// template method in a base class calling process(), which the handler
// class implements). Every class of the handler's chain that declares a
// method of the same name as a reached method of the chain is reached.
func (w *reachWalk) overrides(id FuncID, fn *facts.Function) {
	chain := w.p.handlerChains[w.handler]
	if len(chain) < 2 || fn.Class == "" {
		return
	}
	inChain := false
	for _, k := range chain {
		if k.file == id.File && k.class == fn.Class {
			inChain = true
			break
		}
	}
	if !inChain {
		return
	}
	method := strings.TrimPrefix(fn.Name, fn.Class+".")
	for _, k := range chain {
		for _, e := range w.p.Files[k.file].Exports {
			if e.Name == k.class+"::"+method && e.Direct >= 0 {
				w.mark(FuncID{k.file, e.Direct}, false)
			}
		}
	}
}
