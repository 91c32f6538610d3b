package rules

import (
	"path"
	"slices"

	"github.com/lmicheck/lmicheck/facts"
)

// LinkFacts returns a copy of f that keeps only what NewProgram reads to link
// the program and find handlers: exports, imports, classes, comments, the
// functions' names, parents, parameters, positions and refs, the symbols
// (with an initializer kept only as the class a `new` builds), and the calls
// that make functions reachable (methods of this file's classes, `new` of a
// class of this file) or that name a relative module. Writes, reads, awaits,
// call arguments and values are dropped: they are most of a file's facts.
//
// A program linked from link facts has the same handlers, reached functions,
// roots and factories as one linked from the full facts. Rules need the full
// facts of the files NeedFullFacts lists; a scan re-reads those.
func LinkFacts(f *facts.File) *facts.File {
	out := *f
	out.Symbols = make([]facts.Symbol, len(f.Symbols))
	for i, s := range f.Symbols {
		if s.Init != nil {
			if s.Init.Kind == facts.NewV {
				s.Init = &facts.Value{Kind: facts.NewV, Callee: s.Init.Callee}
			} else {
				s.Init = nil
			}
		}
		out.Symbols[i] = s
	}
	out.Functions = make([]facts.Function, len(f.Functions))
	for i := range f.Functions {
		fn := &f.Functions[i]
		lf := facts.Function{
			Name: fn.Name, Kind: fn.Kind, Class: fn.Class, Parent: fn.Parent,
			Params: fn.Params, Arity: fn.Arity, Async: fn.Async, Pos: fn.Pos, Refs: fn.Refs,
		}
		for _, c := range fn.Calls {
			if !linkCall(f, fn, c) {
				continue
			}
			lf.Calls = append(lf.Calls, facts.Call{
				Callee: c.Callee, New: c.New, Receiver: c.Receiver, Method: c.Method,
				Func: c.Func, AssignedTo: c.AssignedTo, Guarded: c.Guarded, Locked: c.Locked,
			})
		}
		out.Functions[i] = lf
	}
	return &out
}

// linkCall reports whether linking (reach) or NeedFullFacts reads a call.
func linkCall(f *facts.File, fn *facts.Function, c facts.Call) bool {
	if isRelativeModule(c.Callee.Module) || methodTarget(f, fn, c) >= 0 {
		return true
	}
	if c.New && c.Callee.Module == "" {
		for _, cl := range f.Classes {
			if cl.Name == c.Callee.Name {
				return true
			}
		}
	}
	return false
}

// NeedFullFacts lists (ascending) the files whose full facts the rules may
// read: every handler's file, every file with a reached function, and every
// file those reach through a reference the linker resolves (imports, imported
// symbols, exports, re-exports, base classes, calls of relative modules),
// transitively — rules reach other files only through such references
// (SharedSymbol, exportsNamed, bases, callersOf). The other files may hold
// link facts only (LinkFacts) without changing any finding.
func (p *Program) NeedFullFacts() []int {
	need := map[int]bool{}
	var queue []int
	add := func(fi int) {
		if fi >= 0 && fi < len(p.Files) && !need[fi] {
			need[fi] = true
			queue = append(queue, fi)
		}
	}
	for _, h := range p.Handlers {
		add(h.File)
	}
	for id := range p.reachedBy {
		add(id.File)
	}
	for len(queue) > 0 {
		fi := queue[0]
		queue = queue[1:]
		f := p.Files[fi]
		ref := func(r facts.Ref) {
			if ti, ok := p.resolveRef(fi, r); ok {
				add(ti)
			}
		}
		refs := func(rs []facts.Ref) {
			for _, r := range rs {
				ref(r)
			}
		}
		for _, im := range f.Imports {
			ref(facts.Ref{Kind: facts.ImportRef, Module: im.Module, Path: im.Path})
		}
		for _, s := range f.Symbols {
			refs(s.Refs)
			if s.From != nil {
				ref(*s.From)
			}
		}
		for _, fn := range f.Functions {
			refs(fn.Refs)
			for _, c := range fn.Calls {
				if isRelativeModule(c.Callee.Module) {
					ref(facts.Ref{Kind: facts.ImportRef, Path: path.Join(path.Dir(f.Path), c.Callee.Module)})
				}
			}
		}
		for _, e := range f.Exports {
			refs(e.Refs)
		}
		for _, c := range f.Classes {
			refs(c.Bases)
		}
	}
	out := make([]int, 0, len(need))
	for fi := range need {
		out = append(out, fi)
	}
	slices.Sort(out)
	return out
}
