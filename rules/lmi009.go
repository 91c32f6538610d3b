package rules

import (
	"fmt"
	"math"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

// largeAllocation is the estimated size from which an allocation at import
// is worth a note (per process).
const largeAllocation = 64 << 20

func perProcessMemory() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI009",
			Name:    "per-process-memory-multiplication",
			Summary: "Memory held at module level is paid once per process, and Python on LMI runs one process per concurrent invocation.",
			Description: "On LMI a Python execution environment runs one process per concurrent invocation — 16 per vCPU by " +
				"default — and each process imports the function's modules itself. A model or data file loaded at import " +
				"(joblib.load, torch.load, pandas.read_csv, from_pretrained), a large array allocated at import, or a " +
				"module-level cache that grows with every request is therefore held once per process: the environment " +
				"needs that memory times the concurrency, and runs out of memory (MemoryUtilization, MemoryThrottles) " +
				"where a one-request-at-a-time Lambda fitted. Where the size can be read from the code it is estimated. " +
				"This is a note for sizing, not a bug: loading at import is still right, once per process.",
			Fix: "Budget memory per vCPU for it (ExecutionEnvironmentMemoryGiBPerVCpu 4 or 8) or lower " +
				"PerExecutionEnvironmentMaxConcurrency; share read-only data through a memory-mapped file (numpy.load(..., " +
				"mmap_mode='r')) written once to /tmp; bound caches (functools.lru_cache(maxsize=…)).",
			Severity: map[string]findings.Severity{"python": findings.Note},
			Examples: []findings.Example{{Runtime: "python",
				Bad: `model = joblib.load("model.joblib")      # 1.5 GB, loaded by each of 16 processes per vCPU

def handler(event, context):
    return model.predict([event["features"]]).tolist()`,
				Good: `# Same code; size the function for it: 1.5 GB × processes per environment.
# ExecutionEnvironmentMemoryGiBPerVCpu: 8, PerExecutionEnvironmentMaxConcurrency: 4
model = joblib.load("model.joblib")`}},
		},
		check: func(ps *pass) {
			ps.initCode(func(id FuncID, f *facts.File, k *Knowledge) {
				for ci := range f.Functions[id.Func].Calls {
					c := &f.Functions[id.Func].Calls[ci]
					ps.memoryAtImport(id, f, k, c)
				}
			})
			ps.growingCaches()
		},
	}
}

func (ps *pass) memoryAtImport(id FuncID, f *facts.File, k *Knowledge, c *facts.Call) {
	n := k.ConcurrencyPerVCPU
	for _, m := range k.MemoryLoads {
		if !m.matches(c.Callee) {
			continue
		}
		ps.report(finding{id: id, pos: c.Pos, key: "load\x00" + c.Callee.String(),
			message: fmt.Sprintf("%s loads %s at import: %s, and each process loads its own copy, so the environment "+
				"holds it up to %d times per vCPU. Size memory for it (ExecutionEnvironmentMemoryGiBPerVCpu) or lower "+
				"PerExecutionEnvironmentMaxConcurrency.", c.Callee.String(), m.What, runtimeSharing(f.Runtime), n)})
		return
	}
	for _, a := range k.Allocations {
		if c.Callee != a.Callee {
			continue
		}
		size, ok := allocationSize(c, a, k)
		if !ok || size < largeAllocation {
			return
		}
		ps.report(finding{id: id, pos: c.Pos, key: "alloc\x00" + c.Callee.String(), data: map[string]float64{"perProcessMB": math.Round(size / (1 << 20))},
			message: fmt.Sprintf("%s allocates about %s at import: %s, so the environment holds about %s per vCPU "+
				"(%d processes). Size memory for it (ExecutionEnvironmentMemoryGiBPerVCpu) or lower "+
				"PerExecutionEnvironmentMaxConcurrency.", c.Callee.String(), humanBytes(size), runtimeSharing(f.Runtime),
				humanBytes(size*float64(n)), n)})
		return
	}
}

// allocationSize estimates an allocation from a literal shape (a number or a
// tuple of numbers) and element type.
func allocationSize(c *facts.Call, a Allocation, k *Knowledge) (float64, bool) {
	shape := c.Arg(a.Shape.Index, a.Shape.Keyword)
	if shape == nil {
		return 0, false
	}
	elems := 1.0
	switch shape.Kind {
	case facts.Number:
		n, ok := numberValue(shape)
		if !ok {
			return 0, false
		}
		elems = n
	case facts.Array:
		if len(shape.Parts) == 0 {
			return 0, false
		}
		for _, p := range shape.Parts {
			n, ok := numberValue(p)
			if !ok {
				return 0, false
			}
			elems *= n
		}
	default:
		return 0, false
	}
	size := a.ElemBytes
	if a.DTypeArg != "" {
		if dt := c.Arg(-1, a.DTypeArg); dt != nil {
			name := dt.Text
			if dt.Kind == facts.Member || dt.Kind == facts.Ident {
				name = name[strings.LastIndexByte(name, '.')+1:]
			}
			b, ok := k.DTypeBytes[name]
			if !ok {
				return 0, false
			}
			size = b
		}
	}
	return elems * float64(size), true
}

func humanBytes(b float64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GiB", b/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.0f MiB", b/(1<<20))
	}
	return fmt.Sprintf("%.0f KiB", b/(1<<10))
}

// growingCaches notes module-level collections that every invocation adds
// to (a list appended to, a dict keyed by request data) and that nothing
// empties: each process's copy grows for the life of the environment.
func (ps *pass) growingCaches() {
	type growth struct {
		id  FuncID
		pos facts.Pos
		sym string
		how string
	}
	var found []growth
	shrinks := map[[2]int]bool{}
	reported := map[[2]int]bool{}
	// Anything that removes entries or checks the size bounds the cache.
	for fi, f := range ps.p.Files {
		if _, checked := ps.info.Severity[string(f.Runtime)]; !checked {
			continue // only runtimes with a process per invocation multiply memory
		}
		for _, fn := range f.Functions {
			for _, w := range fn.Writes {
				if w.Symbol >= 0 && (w.Op == facts.Delete || w.Op == facts.Assign && !strings.Contains(w.Path, "[]") && !strings.Contains(w.Path, ".")) && fn.Kind != facts.InitCode {
					shrinks[[2]int{fi, w.Symbol}] = true // deleted from, or replaced by a new object
				}
			}
			for _, c := range fn.Calls {
				switch c.Method {
				case "pop", "popitem", "clear", "remove", "popleft", "discard":
					if c.Receiver >= 0 {
						shrinks[[2]int{fi, c.Receiver}] = true
					}
				}
				if c.Callee.Module == "" && c.Callee.Name == "len" {
					for _, a := range c.Args {
						if a != nil && a.Symbol >= 0 {
							shrinks[[2]int{fi, a.Symbol}] = true
						}
					}
				}
			}
		}
	}
	ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
		if k.ConcurrencyPerVCPU == 0 {
			return
		}
		fn := &f.Functions[id.Func]
		for _, w := range fn.Writes {
			if w.Symbol < 0 || w.Op != facts.Assign || !strings.HasSuffix(w.Path, "[]") {
				continue
			}
			if f.Symbols[w.Symbol].Kind != facts.ModuleVar || !ps.p.collectionLike(id.File, w.Symbol, k) {
				continue
			}
			// Clients cached per key (region, tenant) are few.
			if v := w.Value; v != nil && (v.Kind == facts.CallV || v.Kind == facts.NewV) && v.Callee != nil {
				if _, ok := k.ConnectionFor(facts.Call{Callee: *v.Callee, New: v.Kind == facts.NewV, Args: v.Parts}); ok {
					continue
				}
			}
			// A client built in this function and cached under the key
			// (CLIENTS[region] = client, client a local).
			cachedClient := false
			for _, c := range fn.Calls {
				if c.AssignedTo == w.Symbol {
					if _, ok := k.ConnectionFor(c); ok {
						cachedClient = true
						break
					}
				}
			}
			if cachedClient {
				continue
			}
			// Keyed by request data: one entry per distinct request.
			if _, ok := ps.p.requestData(id.File, w.Sources, k); !ok && !ps.p.keyedByParam(id, w) {
				continue
			}
			found = append(found, growth{id, w.Pos, f.Symbols[w.Symbol].Name, "stores an entry per request in"})
		}
		for _, c := range fn.Calls {
			if c.Receiver < 0 || c.Guarded {
				continue
			}
			switch c.Method {
			case "append", "extend", "insert", "appendleft", "extendleft":
			default:
				continue
			}
			if f.Symbols[c.Receiver].Kind != facts.ModuleVar || !ps.p.collectionLike(id.File, c.Receiver, k) {
				continue
			}
			found = append(found, growth{id, c.Pos, f.Symbols[c.Receiver].Name, "appends on every invocation to"})
		}
	})
	for _, g := range found {
		f := ps.p.Files[g.id.File]
		si := -1
		for i, s := range f.Symbols {
			if s.Name == g.sym && s.Kind == facts.ModuleVar {
				si = i
				break
			}
		}
		key := [2]int{g.id.File, si}
		if si < 0 || shrinks[key] || reported[key] {
			continue
		}
		reported[key] = true
		k := KnowledgeFor(f.Runtime)
		ps.report(finding{id: g.id, pos: g.pos, key: "cache\x00" + g.sym,
			related: ps.symbolDecl(g.id.File, si, "module-level collection"),
			message: fmt.Sprintf("this %s the module-level collection `%s`, which nothing empties: %s, and each "+
				"process's copy keeps growing for the life of the environment, so memory use is this growth times %d "+
				"per vCPU. Bound it (functools.lru_cache(maxsize=…), an LRU dict) or keep the data per request.",
				g.how, g.sym, runtimeSharing(f.Runtime), k.ConcurrencyPerVCPU)})
	}
}

// keyedByParam reports a keyed write whose value derives from a parameter
// of the function (CACHE[key] = compute(event)). A parameter every reached
// caller passes a literal for (table("orders"), table("users")) takes a few
// values fixed in the code: the cache holds one entry per call site, not
// per request.
func (p *Program) keyedByParam(id FuncID, w facts.Write) bool {
	for _, s := range w.Sources {
		if s.Member != "" {
			return true
		}
		if s.Param >= 0 && !p.literalParam(FuncID{id.File, s.Func}, s.Param) {
			return true
		}
	}
	return false
}

// literalParam reports whether every reached call of a function passes a
// literal for one of its parameters (and there is at least one such call).
func (p *Program) literalParam(id FuncID, param int) bool {
	if p.Root(id) {
		return false
	}
	fn := &p.Files[id.File].Functions[id.Func]
	name := ""
	if param < len(fn.Params) {
		name = strings.TrimSpace(strings.SplitN(strings.SplitN(fn.Params[param], ":", 2)[0], "=", 2)[0])
	}
	callers := p.callersOf(id)
	if len(callers) == 0 {
		return false
	}
	for _, c := range callers {
		a := c.Arg(param, name)
		if a == nil || (a.Kind != facts.String && a.Kind != facts.Number) {
			return false
		}
	}
	return true
}
