package rules

import (
	"fmt"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

func awaitInterleaving() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI002",
			Name:    "await-interleaving-race",
			Summary: "Shared state is read before an await and written after it, or written and then read back after an await.",
			Description: "On LMI a Node.js worker (and a .NET process) runs other invocations while this one waits. " +
				"Two shapes lose data: read-await-write — `const n = counter; await save(); counter = n + 1` or " +
				"`total += await price()` — where another invocation's update made during the await is overwritten " +
				"(the lost update); and write-await-read — `state = {user}; await db(); use(state)` — where another " +
				"invocation may have replaced the state by the time this one reads it back. Only shared state is " +
				"checked: the same shapes on local variables are safe, unlike ESLint's require-atomic-updates.",
			Fix: "Do the read and the write with no await between them (compute the new value first, then apply it " +
				"in one step), or keep the value in a local variable for the whole invocation.",
			Severity: map[string]findings.Severity{"nodejs": findings.Warning, "dotnet": findings.Warning},
			Examples: []findings.Example{{Runtime: "nodejs",
				Bad: `let total = 0;
export const handler = async (event) => {
  total += await priceOf(event.item); // total was read before the await
};`,
				Good: `let total = 0;
export const handler = async (event) => {
  const price = await priceOf(event.item);
  total += price; // read and written with no await between
};`}},
		},
		check: func(ps *pass) {
			ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
				fn := &f.Functions[id.Func]
				if len(fn.Awaits) == 0 {
					return
				}
				writes := ps.p.sharedWrites(id, k)
				for _, w := range writes {
					if w.Guarded || ps.p.isEnv(w.declFile, w.declSym, k) {
						continue
					}
					decl := ps.p.Files[w.declFile].Symbols[w.declSym]
					// Read-await-write: the written value derives from a read of the
					// same state taken before an await that precedes the write.
					for _, s := range w.Sources {
						if s.Symbol != w.Symbol || s.Func != id.Func {
							continue
						}
						if a, ok := awaitBetween(fn.Awaits, s.Off, w.Seq); ok {
							ps.report(finding{
								id: id, pos: w.Pos, key: decl.Name,
								message: fmt.Sprintf("`%s` is read before the await on line %d and written after it: other "+
									"invocations that update it meanwhile are overwritten (lost update). Apply the change "+
									"with no await between the read and the write.", w.Path, a.Line),
								related: ps.symbolDecl(w.declFile, w.declSym, sharedDescription(decl)),
							})
							break
						}
					}
				}
				// Write-await-read: state replaced, then read back after an await.
				for _, w := range writes {
					if w.Guarded || w.Op != facts.Assign || w.call != nil || ps.p.isEnv(w.declFile, w.declSym, k) {
						continue
					}
					for _, r := range fn.Reads {
						if r.Symbol != w.Symbol || r.Seq <= w.Seq {
							continue
						}
						a, ok := awaitBetween(fn.Awaits, w.Seq, r.Seq)
						if !ok {
							continue
						}
						decl := ps.p.Files[w.declFile].Symbols[w.declSym]
						ps.report(finding{
							id: id, pos: r.Pos, key: decl.Name + "\x00read",
							message: fmt.Sprintf("`%s` was set on line %d and is read after the await on line %d: another "+
								"invocation may have replaced it meanwhile, so this request can act on another request's "+
								"data. Keep the value in a local variable instead.", r.Path, w.Pos.Line, a.Line),
							related: append(ps.symbolDecl(w.declFile, w.declSym, sharedDescription(decl)),
								findings.Related{Location: Loc(f.Path, w.Pos), Message: "set here"}),
						})
						break
					}
				}
			})
		},
	}
}

// awaitBetween returns the first await whose yield point lies strictly
// between two offsets.
func awaitBetween(awaits []facts.Pos, from, to int) (facts.Pos, bool) {
	for _, a := range awaits {
		if a.EndOff > from && a.EndOff <= to {
			return a, true
		}
	}
	return facts.Pos{}, false
}
