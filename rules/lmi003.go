package rules

import (
	"fmt"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

func requestStateInSharedScope() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI003",
			Name:    "request-state-in-shared-scope",
			Summary: "Data of one request (the event, the context, the caller) is stored where other requests read it.",
			Description: "Storing the event, the request id, the user or the tenant in a module-scope variable, a static " +
				"field or a package variable was harmless when an environment handled one request at a time. On LMI " +
				"the next request overwrites it while the first is still running, so code that reads it back acts for " +
				"the wrong user or logs the wrong request id — a data leak between callers, not just a wrong number. " +
				"Python is not checked: each of its processes serves one invocation at a time on LMI.",
			Fix: "Pass request data as arguments. Where it must be ambient, use per-request storage: AsyncLocalStorage " +
				"or @aws/lambda-invoke-store's InvokeStore on Node.js, ThreadLocal (cleared per request) in Java, " +
				"AsyncLocal<T> in .NET, context.Context in Go.",
			Severity: map[string]findings.Severity{
				"nodejs": findings.Error, "java": findings.Error, "dotnet": findings.Error, "go": findings.Error,
			},
			Examples: []findings.Example{{Runtime: "nodejs",
				Bad: `let currentUser;
export const handler = async (event) => {
  currentUser = event.requestContext.authorizer.claims.sub;
  return loadOrders(); // reads currentUser — maybe another caller's by now
};`,
				Good: `import { AsyncLocalStorage } from 'node:async_hooks';
const requestStore = new AsyncLocalStorage();
export const handler = async (event) =>
  requestStore.run({ user: event.requestContext.authorizer.claims.sub }, () => loadOrders());`}},
		},
		check: func(ps *pass) {
			ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
				for _, w := range ps.p.sharedWrites(id, k) {
					// Assignments only: `processed += event.Records.length` is a
					// counter (LMI001), and so are counts and flags derived from
					// the event.
					if w.Op != facts.Assign || strings.Contains(w.Path, "[]") || derivedScalar(w.Value) {
						continue
					}
					if ps.p.isEnv(w.declFile, w.declSym, k) {
						continue
					}
					from, ok := ps.p.requestData(id.File, w.Sources, k)
					if !ok {
						continue
					}
					decl := ps.p.Files[w.declFile].Symbols[w.declSym]
					what := sharedDescription(decl)
					ps.report(finding{
						id: id, pos: w.Pos, key: decl.Name,
						message: fmt.Sprintf("request data (`%s`) is stored in %s `%s`: %s, so another request can "+
							"overwrite it while this one still uses it, or read this caller's data. Pass it along as an "+
							"argument, or keep it in %s.", describeValue(w.Value, from), what, w.Path, runtimeSharing(f.Runtime), requestStore(f.Runtime)),
						related: ps.symbolDecl(w.declFile, w.declSym, what),
					})
				}
			})
		},
	}
}

func requestStore(rt facts.Runtime) string {
	switch rt {
	case facts.RuntimeNode:
		return "AsyncLocalStorage or @aws/lambda-invoke-store"
	case facts.RuntimeJava:
		return "a ThreadLocal cleared per request"
	case facts.RuntimeDotNet:
		return "an AsyncLocal<T>"
	case facts.RuntimeGo:
		return "the request's context.Context"
	}
	return "per-request storage"
}

// derivedScalar reports values computed from request data that carry none of
// it: comparisons, negations, typeof, counts (.length), numbers and booleans.
func derivedScalar(v *facts.Value) bool {
	if v == nil {
		return false
	}
	switch v.Kind {
	case facts.Number, facts.Bool, facts.Null:
		return true
	case facts.Unknown:
		switch v.Text {
		case "==", "===", "!=", "!==", "<", ">", "<=", ">=", "!", "typeof", "instanceof", "in", "-", "*", "/", "%":
			return true
		}
	case facts.Member:
		return strings.HasSuffix(v.Text, ".length") || strings.HasSuffix(v.Text, ".size")
	}
	return false
}
