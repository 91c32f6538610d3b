package rules

import (
	"fmt"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

func perInvocationConnection() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI006",
			Name:    "per-invocation-connection",
			Summary: "A database, cache or broker connection (or client) is created while handling each request.",
			Description: "Opening a connection per request was slow but bounded when an environment handled one request " +
				"at a time. On LMI one environment runs up to 64 invocations per vCPU at once (Node.js), so per-request " +
				"connections multiply: a few environments exhaust a database's connection limit, and every request pays " +
				"the TLS and authentication handshake. AWS SDK clients for other services built per request are a note: " +
				"they cost latency and credential look-ups, not correctness. Clients created once at module scope, pool " +
				"checkouts (pool.connect(), pool.getConnection()) and lazily created module-level clients are fine.",
			Fix: "Create the pool or client once, at module scope or through a lazy module-level cache, size the pool for " +
				"the environment's concurrency, and reuse it in every request.",
			Severity: everyRuntime(findings.Warning),
			Examples: []findings.Example{{Runtime: "nodejs",
				Bad: `export const handler = async (event) => {
  const client = new pg.Client();      // a new connection per request
  await client.connect();
  try { return await client.query('SELECT 1'); } finally { await client.end(); }
};`,
				Good: `const pool = new pg.Pool({ max: 10 }); // once per environment
export const handler = async (event) => pool.query('SELECT 1');`}},
		},
		check: func(ps *pass) {
			lazy := ps.p.lazyOnlyFunctions()
			ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
				fn := &f.Functions[id.Func]
				for _, c := range fn.Calls {
					conn, ok := k.ConnectionFor(c)
					if !ok || c.Guarded || lazy[id] {
						continue
					}
					sev := findings.None
					msg := fmt.Sprintf("%s creates %s on every invocation: on LMI many invocations run at once in each "+
						"execution environment, so connections multiply until the server's limit is reached. %s.",
						c.Callee.String(), conn.What, capitalize(conn.Fix))
					if conn.Kind == AWSClient {
						sev = findings.Note
						msg = fmt.Sprintf("%s builds %s on every invocation: it adds latency and credential look-ups to "+
							"each request. %s.", c.Callee.String(), conn.What, capitalize(conn.Fix))
					}
					ps.report(finding{id: id, pos: c.Pos, key: c.Callee.String(), message: msg, severity: sev})
				}
			})
		},
	}
}

// lazyOnlyFunctions are functions called only as lazy initialisers
// (if (!pool) pool = createPool()): what they create is made once.
func (p *Program) lazyOnlyFunctions() map[FuncID]bool {
	calls := map[FuncID][2]int{} // [guarded, total]
	for _, id := range p.ReachedFunctions() {
		for _, c := range p.Files[id.File].Functions[id.Func].Calls {
			if c.Func < 0 {
				continue
			}
			t := FuncID{id.File, c.Func}
			n := calls[t]
			n[1]++
			if c.Guarded && c.AssignedTo >= 0 {
				n[0]++
			}
			calls[t] = n
		}
	}
	out := map[FuncID]bool{}
	for id, n := range calls {
		if n[1] > 0 && n[0] == n[1] {
			out[id] = true
		}
	}
	return out
}
