package rules

import (
	"fmt"
	"strings"

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
					if !ok || c.Guarded || lazy[id] || keyedCache(fn, &c) {
						continue
					}
					sev := findings.None
					msg := fmt.Sprintf("%s creates %s on every invocation: on LMI many invocations run at once in each "+
						"execution environment, so connections multiply until the server's limit is reached. %s.",
						c.Callee.String(), conn.What, capitalize(conn.Fix))
					if f.Runtime == facts.RuntimePython {
						msg = fmt.Sprintf("%s creates %s on every invocation: %s, each opening its own connections, so "+
							"connections multiply with concurrent requests until the server's limit is reached, and every request "+
							"pays the handshake. %s.", c.Callee.String(), conn.What, runtimeSharing(f.Runtime), capitalize(conn.Fix))
					}
					if conn.Kind == AWSClient {
						sev = findings.Note
						msg = fmt.Sprintf("%s builds %s on every invocation: it adds latency and credential look-ups to "+
							"each request. %s.", c.Callee.String(), conn.What, capitalize(conn.Fix))
					}
					ps.report(finding{id: id, pos: c.Pos, key: c.Callee.String(), message: msg, severity: sev})
				}
			})
			ps.poolSizes()
		},
	}
}

// keyedCache reports a client kept in a shared per-key cache: the call's
// result is stored under a key of a shared collection
// (CLIENTS[region] = client) that the function looks up first
// (CLIENTS.get(region), a `region not in CLIENTS` guard). One client is
// built per key (region, tenant), not per invocation.
func keyedCache(fn *facts.Function, c *facts.Call) bool {
	if c.AssignedTo < 0 {
		return false
	}
	keyed := false
	for _, w := range fn.Writes {
		if w.Symbol == c.AssignedTo && w.Op == facts.Assign && strings.HasSuffix(w.Path, "[]") {
			keyed = true
			break
		}
	}
	if !keyed {
		return false
	}
	if c.Guarded {
		return true
	}
	for _, l := range fn.Calls {
		if l.Receiver == c.AssignedTo && l.Pos.Off < c.Pos.Off {
			return true
		}
	}
	return false
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

// poolSizes notes module-level pools whose size, times the processes of an
// execution environment, can exceed a typical server's connection limit: on
// Python every process builds its own pool at import.
func (ps *pass) poolSizes() {
	ps.initCode(func(id FuncID, f *facts.File, k *Knowledge) {
		for ci := range f.Functions[id.Func].Calls {
			c := &f.Functions[id.Func].Calls[ci]
			for _, pool := range k.Pools {
				if c.Callee != pool.Callee {
					continue
				}
				size, ok := poolSize(c, pool)
				if !ok || size*k.ConcurrencyPerVCPU <= pool.Limit {
					continue
				}
				perVCPU := size * k.ConcurrencyPerVCPU
				ps.report(finding{id: id, pos: c.Pos, key: "pool\x00" + c.Callee.String(), severity: findings.Note,
					message: fmt.Sprintf("%s: a %s of up to %d connections is created in every process: %s, so one "+
						"execution environment can open %d × %d = %d connections per vCPU, more than a typical %s's "+
						"limit of %d. Size the pool for one request at a time (a process serves one invocation), "+
						"use a proxy such as RDS Proxy, or lower PerExecutionEnvironmentMaxConcurrency.",
						c.Callee.String(), pool.What, size, runtimeSharing(f.Runtime), size, k.ConcurrencyPerVCPU, perVCPU,
						pool.Server, pool.Limit)})
			}
		}
	})
}

// poolSize sums a pool row's size arguments; ok is false when one of them is
// neither passed as a number nor has a default.
func poolSize(c *facts.Call, pool Pool) (int, bool) {
	total := 0
	for _, s := range pool.Sizes {
		v := c.Arg(s.Index, s.Keyword)
		if v == nil {
			if s.Default < 0 {
				return 0, false
			}
			total += s.Default
			continue
		}
		n, ok := numberValue(v)
		if !ok || n < 0 || n > 1e6 {
			return 0, false
		}
		total += int(n)
	}
	return total, total > 0
}
