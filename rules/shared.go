package rules

import (
	"path"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
)

// sharedWrite is a change to state that outlives an invocation: an assignment,
// or a call that mutates a shared collection.
type sharedWrite struct {
	facts.Write
	declFile, declSym int // where the state is declared (through imports)
	call              *facts.Call
}

// builtinCollections are constructors whose instances mutate through the
// methods in Knowledge.MutatingMethods. Other objects with a set() or
// delete() method (clients, services) are not assumed to be state.
var builtinCollections = map[string]bool{
	"Map": true, "Set": true, "WeakMap": true, "WeakSet": true, "Array": true, "Object": true,
}

// symbolValue returns what a symbol holds: its initializer, or the value first
// assigned to it by init code or a constructor.
func (p *Program) symbolValue(fi, si int) *facts.Value {
	f := p.Files[fi]
	s := f.Symbols[si]
	if s.Init != nil {
		return s.Init
	}
	for _, fn := range f.Functions {
		if fn.Kind != facts.InitCode && fn.Kind != facts.Constructor {
			continue
		}
		for _, w := range fn.Writes {
			if w.Symbol == si && w.Op == facts.Assign && w.Value != nil {
				return w.Value
			}
		}
	}
	return nil
}

// collectionLike reports whether a symbol holds plain data (an array, an
// object literal, a Map or Set) whose mutating methods change shared state.
func (p *Program) collectionLike(fi, si int, k *Knowledge) bool {
	v := p.symbolValue(fi, si)
	if v == nil {
		return false
	}
	switch v.Kind {
	case facts.Array, facts.Object:
		return true
	case facts.NewV, facts.CallV:
		if v.Callee != nil && calleeIn(*v.Callee, k.Collections) {
			return true
		}
		return v.Callee != nil && v.Callee.Module == "" && builtinCollections[v.Callee.Name]
	}
	return false
}

// sharedWrites returns the writes a function makes to shared state, resolved
// through imports, including mutating calls on shared collections.
func (p *Program) sharedWrites(id FuncID, k *Knowledge) []sharedWrite {
	f := p.Files[id.File]
	fn := &f.Functions[id.Func]
	var out []sharedWrite
	for _, w := range fn.Writes {
		if w.Symbol < 0 {
			continue
		}
		df, ds, ok := p.SharedSymbol(id.File, w.Symbol)
		if !ok {
			continue
		}
		out = append(out, sharedWrite{Write: w, declFile: df, declSym: ds})
	}
	for ci := range fn.Calls {
		c := &fn.Calls[ci]
		// x.push(v) on a shared collection.
		if c.Receiver >= 0 && k.MutatingMethods[c.Method] {
			df, ds, ok := p.SharedSymbol(id.File, c.Receiver)
			if ok && p.collectionLike(df, ds, k) {
				out = append(out, sharedWrite{
					Write: facts.Write{Symbol: c.Receiver, Param: -1, Path: receiverPath(c), Op: facts.MutatingCall,
						Method: c.Method, Pos: c.Pos, Sources: flatten(c.ArgSources), Seq: c.Pos.EndOff, Locked: c.Locked},
					declFile: df, declSym: ds, call: c,
				})
			}
			continue
		}
		// Object.assign(shared, …).
		if ac, ok := argCallFor(c.Callee, k.MutatingFuncs); ok {
			for _, ai := range ac.Args {
				if ai >= len(c.Args) {
					continue
				}
				a := c.Args[ai]
				if a == nil || (a.Kind != facts.SymbolV && a.Kind != facts.Member) || a.Symbol < 0 {
					continue
				}
				df, ds, ok := p.SharedSymbol(id.File, a.Symbol)
				if !ok {
					continue
				}
				out = append(out, sharedWrite{
					Write: facts.Write{Symbol: a.Symbol, Param: -1, Path: a.Text, Op: facts.MutatingCall,
						Method: c.Callee.Name, Pos: c.Pos, Sources: flatten(c.ArgSources), Seq: c.Pos.EndOff},
					declFile: df, declSym: ds, call: c,
				})
			}
		}
	}
	return out
}

func flatten(srcs [][]facts.Source) []facts.Source {
	var out []facts.Source
	for _, s := range srcs {
		out = append(out, s...)
	}
	return out
}

func receiverPath(c *facts.Call) string {
	if c.Object != nil && c.Object.Text != "" {
		return c.Object.Text
	}
	return strings.TrimSuffix(c.Callee.Name, "."+c.Method)
}

// describeValue names a written value for messages: its path when it is a
// read of a parameter or member ("event.requestContext.authorizer"), else def.
func describeValue(v *facts.Value, def string) string {
	for v != nil && v.Kind == facts.Await && len(v.Parts) == 1 {
		v = v.Parts[0]
	}
	if v != nil && (v.Kind == facts.Member || v.Kind == facts.ParamV) && v.Text != "" && len(v.Text) <= 60 {
		return v.Text
	}
	return def
}

// requestData reports whether sources carry request data: a parameter
// through which the runtime or a framework passes the event, context or
// request; a member that names request data; or a parameter of a helper that
// a reached call passes request data to (followed a few calls deep, within
// the file).
func (p *Program) requestData(fi int, srcs []facts.Source, k *Knowledge) (string, bool) {
	return p.requestDataIn(fi, srcs, k, 0)
}

// requestDataIn checks sources that belong to file fi (a caller's arguments
// belong to the caller's file).
func (p *Program) requestDataIn(fi int, srcs []facts.Source, k *Knowledge, depth int) (string, bool) {
	for _, s := range srcs {
		if s.Param >= 0 && s.Param <= 1 && p.Root(FuncID{fi, s.Func}) {
			fn := p.Files[fi].Functions[s.Func]
			if s.Param < len(fn.Params) {
				return fn.Params[s.Param], true
			}
			return "the event", true
		}
	}
	for _, s := range srcs {
		if s.Member != "" && k.RequestMembers[s.Member] {
			return s.Member, true
		}
	}
	if depth >= 3 {
		return "", false
	}
	for _, s := range srcs {
		if s.Param < 0 || p.Root(FuncID{fi, s.Func}) {
			continue
		}
		for _, cl := range p.callersOf(FuncID{fi, s.Func}) {
			if s.Param < len(cl.ArgSources) {
				if from, ok := p.requestDataIn(p.callerFile[cl], cl.ArgSources[s.Param], k, depth+1); ok {
					return from, true
				}
			}
		}
	}
	return "", false
}

// callersOf returns the reached calls to a function: calls of a function of
// the same file, and calls of a function another file exports (through a
// relative import).
func (p *Program) callersOf(id FuncID) []*facts.Call {
	p.callersOnce.Do(func() {
		p.callers = map[FuncID][]*facts.Call{}
		p.callerFile = map[*facts.Call]int{}
		for _, from := range p.ReachedFunctions() {
			f := p.Files[from.File]
			fn := &f.Functions[from.Func]
			for ci := range fn.Calls {
				c := &fn.Calls[ci]
				p.callerFile[c] = from.File
				if c.Func >= 0 {
					to := FuncID{from.File, c.Func}
					p.callers[to] = append(p.callers[to], c)
					continue
				}
				if !isRelativeModule(c.Callee.Module) {
					continue
				}
				ref := facts.Ref{Kind: facts.ImportRef, Path: path.Join(path.Dir(f.Path), c.Callee.Module)}
				ti, ok := p.resolveRef(from.File, ref)
				if !ok {
					continue
				}
				name, _, _ := strings.Cut(c.Callee.Name, ".")
				for _, e := range p.exportsNamed(ti, name, 0) {
					if e.export.Direct >= 0 {
						to := FuncID{e.file, e.export.Direct}
						p.callers[to] = append(p.callers[to], c)
					}
				}
			}
		}
	})
	return p.callers[id]
}

// isEnv reports whether a symbol is the process environment.
func (p *Program) isEnv(fi, si int, k *Knowledge) bool {
	s := p.Files[fi].Symbols[si]
	return s.Kind == facts.Global && s.Name == k.EnvGlobal
}

// runtimeSharing says, per runtime, who shares module state: the "why" of messages.
func runtimeSharing(rt facts.Runtime) string {
	switch rt {
	case facts.RuntimeNode:
		return "on LMI a Node.js worker interleaves many invocations at every await, all sharing module scope"
	case facts.RuntimeJava:
		return "on LMI one handler instance serves many invocations at once on separate threads"
	case facts.RuntimeDotNet:
		return "on LMI one handler object serves many invocations at once as concurrent Tasks"
	case facts.RuntimeGo:
		return "on LMI one process serves many invocations at once on separate goroutines"
	case facts.RuntimePython:
		return "on LMI a Python execution environment runs one process per concurrent invocation (16 per vCPU by default)"
	}
	return "on LMI one execution environment serves many invocations at once"
}
