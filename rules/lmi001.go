package rules

import (
	"fmt"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

func sharedMutableState() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI001",
			Name:    "shared-mutable-state",
			Summary: "State that outlives an invocation is written while handling one.",
			Description: "Under Lambda Managed Instances one execution environment runs many invocations at the same " +
				"time. A module-scope variable (Node.js), a static or handler-instance field (Java, .NET) or a package " +
				"variable (Go) is one copy shared by all of them, so a write made while handling one request is seen by " +
				"— and races with — every other request in flight. Node.js interleaves invocations at each await; Java, " +
				".NET and Go run them on parallel threads, where unsynchronised writes can also corrupt the object. " +
				"Writes made while the module loads (init code) and one-time lazy initialisation " +
				"(`client ??= new Client()`) are not reported. Python is not checked, on purpose: LMI runs one process per " +
				"concurrent invocation on Python and each process serves one invocation at a time, so module globals, " +
				"counters, caches, os.environ writes and request data kept in globals are not shared between concurrent " +
				"requests (what is shared there — /tmp and the database's connection limit — is LMI005 and LMI006; " +
				"memory paid per process is LMI009).",
			Fix: "Keep per-request data in local variables and pass it along. If the state really is shared (a cache, " +
				"a counter), make it safe for concurrent use: atomic types or concurrent collections on threaded " +
				"runtimes; on Node.js, never hold a shared value across an await.",
			Severity: map[string]findings.Severity{
				"nodejs": findings.Warning, "java": findings.Warning, "dotnet": findings.Warning,
				"go": findings.Warning, "rust": findings.Warning,
			},
			Examples: []findings.Example{{Runtime: "nodejs",
				Bad: `let results = [];
export const handler = async (event) => {
  results.push(await lookup(event.id)); // every concurrent request appends here
  return results;
};`,
				Good: `export const handler = async (event) => {
  const results = [await lookup(event.id)]; // one array per request
  return results;
};`}},
		},
		check: func(ps *pass) {
			ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
				for _, w := range ps.p.sharedWrites(id, k) {
					if w.Locked || ps.p.isEnv(w.declFile, w.declSym, k) {
						continue // synchronised; LMI008 reports the environment
					}
					if w.Guarded && k.Threaded && w.Op == facts.Assign {
						// Check-then-assign on parallel threads: two threads can
						// both see null and both build the object, or one can see
						// it half built (double-checked locking without volatile).
						decl := ps.p.Files[w.declFile].Symbols[w.declSym]
						what := sharedDescription(decl)
						ps.report(finding{
							id: id, pos: w.Pos, key: decl.Name,
							message: fmt.Sprintf("%s `%s` is initialised lazily without synchronisation: %s, so two threads "+
								"can both see it unset and both create it, or one can see a half-built object (double-checked "+
								"locking is safe only on a volatile field). Initialise it at declaration or in a static block, use "+
								"the holder idiom (a static nested class holding the instance), or make the initialising method "+
								"synchronized.", what, w.Path, runtimeSharing(f.Runtime)),
							related: ps.symbolDecl(w.declFile, w.declSym, what),
						})
						continue
					}
					if w.Guarded {
						continue // lazy init: a one-time write
					}
					if w.Op == facts.Assign && !strings.Contains(w.Path, "[]") && !derivedScalar(w.Value) {
						if _, ok := ps.p.requestData(id.File, w.Sources, k); ok {
							continue // LMI003 reports request data stored in shared scope
						}
					}
					decl := ps.p.Files[w.declFile].Symbols[w.declSym]
					what := sharedDescription(decl)
					sev := findings.None
					msg := fmt.Sprintf("%s `%s` %s during an invocation: %s, so other requests see and race with this write. "+
						"Keep per-request data in locals, or make the shared state safe for concurrent use.",
						what, w.Path, verb(w.Write), runtimeSharing(f.Runtime))
					if ps.p.memoCache(id, w) {
						sev = findings.Note
						msg = fmt.Sprintf("%s `%s` is used as a cache shared by concurrent invocations; that is safe only if "+
							"every request would store the same value for a key and the cache is bounded.", what, decl.Name)
					}
					ps.report(finding{
						id: id, pos: w.Pos, key: decl.Name, message: msg, severity: sev,
						related: ps.symbolDecl(w.declFile, w.declSym, what),
					})
				}
			})
		},
	}
}

func verb(w facts.Write) string {
	switch w.Op {
	case facts.Compound:
		return "is updated"
	case facts.Update:
		return "is incremented"
	case facts.Delete:
		return "has a property deleted"
	case facts.MutatingCall:
		return "is mutated (" + w.Method + ")"
	}
	return "is assigned"
}

// memoCache reports the memoisation idiom: a keyed write (cache.set(k, v),
// cache[k] = v) to a collection the same function also looks up.
func (p *Program) memoCache(id FuncID, w sharedWrite) bool {
	keyed := (w.Op == facts.MutatingCall && (w.Method == "set" || w.Method == "add" || w.Method == "delete")) ||
		(w.Op == facts.Assign && strings.Contains(w.Path, "[]"))
	if !keyed {
		return false
	}
	fn := &p.Files[id.File].Functions[id.Func]
	for _, r := range fn.Reads {
		if r.Symbol == w.Symbol && r.Seq < w.Pos.Off {
			return true
		}
	}
	return false
}
