package rules

import (
	"fmt"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

func callbackHandler() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI007",
			Name:    "callback-handler",
			Summary: "A Node.js handler uses the callback style the LMI runtime refuses.",
			Description: "The Node.js runtime for LMI rejects any non-streaming handler declared with three or more " +
				"parameters (event, context, callback) with \"AWS Lambda does not support callback-based function handlers " +
				"when using Node.js 22 with Managed Instances\", and its context object has no succeed(), fail() or done() " +
				"and ignores callbackWaitsForEmptyEventLoop. The function fails at its first invocation. Callback handlers " +
				"are also deprecated for Node.js 24 everywhere.",
			Fix: "Make the handler async and return the result (or throw the error) instead of calling the callback; " +
				"drop context.callbackWaitsForEmptyEventLoop.",
			Severity: map[string]findings.Severity{"nodejs": findings.Error},
			Examples: []findings.Example{{Runtime: "nodejs",
				Bad: `exports.handler = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = false;
  db.get(event.id, (err, item) => callback(err, item));
};`,
				Good: `exports.handler = async (event) => {
  return await db.get(event.id);
};`}},
		},
		check: func(ps *pass) {
			ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
				fn := &f.Functions[id.Func]
				if ps.p.Direct(id) && fn.Arity >= 3 {
					ps.report(finding{
						id: id, pos: fn.Pos, key: "arity",
						message: fmt.Sprintf("handler `%s` takes a callback (%s): the LMI Node.js runtime refuses callback "+
							"handlers, so the function fails at its first invocation. Make it async and return the result.",
							h.Name, strings.Join(fn.Params, ", ")),
					})
				}
				for _, c := range fn.Calls {
					if c.Object == nil || c.Object.Kind != facts.ParamV || c.Object.Param != 1 || !k.ContextCallbacks[c.Method] {
						continue
					}
					if !ps.p.Root(FuncID{id.File, c.Object.Func}) {
						continue
					}
					ps.report(finding{
						id: id, pos: c.Pos, key: "context." + c.Method,
						message: fmt.Sprintf("`%s.%s()` does not exist on the LMI Node.js runtime's context: the call throws. "+
							"Return the result (or throw) from an async handler instead.", c.Object.Text, c.Method),
					})
				}
				for _, w := range fn.Writes {
					if w.Symbol >= 0 || w.Param != 1 || !ps.p.Root(id) {
						continue
					}
					member := w.Path[strings.LastIndexByte(w.Path, '.')+1:]
					if !k.ContextFlags[member] {
						continue
					}
					var fix *findings.Fix
					if w.Stmt.Line > 0 {
						fix = &findings.Fix{
							Description: "Remove the assignment: the LMI runtime has no such setting.",
							Edits:       []findings.Edit{{Location: Loc(f.Path, w.Stmt), NewText: ""}},
						}
					}
					ps.report(finding{
						id: id, pos: w.Pos, key: "context." + member, fix: fix,
						message: fmt.Sprintf("`%s` is a callback-handler setting the LMI Node.js runtime does not have; "+
							"remove it and make sure the handler is async.", w.Path),
					})
				}
			})
		},
	}
}
