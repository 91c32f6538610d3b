package rules

import (
	"fmt"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

func envMutation() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI008",
			Name:    "env-mutation-during-invocation",
			Summary: "The process environment is changed while handling a request.",
			Description: "Environment variables belong to the process (on Node.js, to the worker thread's copy), which on " +
				"LMI serves many invocations at once. Setting process.env (System.setProperty in Java, " +
				"Environment.SetEnvironmentVariable in .NET, os.Setenv in Go) during one request changes it under every " +
				"other request in flight — a common way per-request settings, credentials or tenant ids leak between " +
				"callers. Writes at init time are fine. Python's os.environ is not checked: each process has its own " +
				"and serves one invocation at a time on LMI.",
			Fix: "Pass per-request values as arguments or SDK options instead of through the environment; set " +
				"environment defaults once, at init.",
			Severity: map[string]findings.Severity{
				"nodejs": findings.Warning, "java": findings.Warning, "dotnet": findings.Warning, "go": findings.Warning,
			},
			Examples: []findings.Example{{Runtime: "nodejs",
				Bad: `export const handler = async (event) => {
  process.env.TENANT = event.tenant; // every concurrent request sees this tenant
  return work();
};`,
				Good: `export const handler = async (event) => work({ tenant: event.tenant });`}},
		},
		check: func(ps *pass) {
			ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
				for _, w := range ps.p.sharedWrites(id, k) {
					if !ps.p.isEnv(w.declFile, w.declSym, k) {
						continue
					}
					ps.report(finding{
						id: id, pos: w.Pos, key: w.Path,
						message: fmt.Sprintf("`%s` %s during an invocation: %s, and the environment is theirs too, so "+
							"this change applies to requests already running. Pass the value along instead.",
							w.Path, verb(w.Write), runtimeSharing(f.Runtime)),
					})
				}
			})
		},
	}
}
