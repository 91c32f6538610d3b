package rules

import (
	"fmt"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

func nonThreadSafeSharedObject() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI004",
			Name:    "non-thread-safe-shared-object",
			Summary: "One object that cannot serve concurrent callers is shared by concurrent invocations.",
			Description: "Some objects hold per-session state and must not be used by two callers at once. On Node.js " +
				"the typical case is a single database connection (a pg Client, mysql.createConnection) kept at module " +
				"scope: on LMI concurrent invocations send their queries down the same connection, so one request's " +
				"transaction (BEGIN … COMMIT), session settings and prepared statements interleave with another's — " +
				"AWS's own LMI guide shows exactly this. On Java and .NET it is a shared SimpleDateFormat, HashMap, " +
				"StringBuilder, JDBC Connection or SqlConnection used from parallel threads.",
			Fix: "Use a pool created once at init (pg Pool, mysql2 createPool, HikariCP) and check out a connection per " +
				"request, or create the non-thread-safe object per request.",
			Severity: map[string]findings.Severity{
				"nodejs": findings.Warning, "java": findings.Warning, "dotnet": findings.Warning, "go": findings.Warning,
			},
			Examples: []findings.Example{{Runtime: "nodejs",
				Bad: `import pg from 'pg';
const client = new pg.Client();
await client.connect();
export const handler = async (event) => client.query('SELECT …', [event.id]);`,
				Good: `import pg from 'pg';
const pool = new pg.Pool({ max: 20 });
export const handler = async (event) => pool.query('SELECT …', [event.id]);`}},
		},
		check: func(ps *pass) {
			// Shared symbols changed (unsynchronised) during invocations.
			var written map[[2]int]bool
			mutated := func() map[[2]int]bool {
				if written == nil {
					written = map[[2]int]bool{}
					ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
						for _, w := range ps.p.sharedWrites(id, k) {
							if !w.Locked {
								written[[2]int{w.declFile, w.declSym}] = true
							}
						}
					})
				}
				return written
			}
			ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
				fn := &f.Functions[id.Func]
				done := map[[2]int]bool{}
				for _, c := range fn.Calls {
					if c.Receiver < 0 {
						continue
					}
					df, ds, ok := ps.p.SharedSymbol(id.File, c.Receiver)
					if !ok || done[[2]int{df, ds}] {
						continue
					}
					conn, ok := ps.p.singleConnection(df, ds, k)
					if !ok {
						if c.Locked {
							continue // used inside a lock: one thread at a time
						}
						t, ok := ps.p.unsafeType(df, ds, k)
						if !ok || (t.ReadSafe && (k.MutatingMethods[c.Method] || !mutated()[[2]int{df, ds}])) {
							continue
						}
						done[[2]int{df, ds}] = true
						decl := ps.p.Files[df].Symbols[ds]
						msg := fmt.Sprintf("`%s` is %s shared by every concurrent invocation: %s, and it is not safe for "+
							"concurrent use, so results and internal state get corrupted. %s.",
							decl.Name, t.What, runtimeSharing(f.Runtime), capitalize(t.Fix))
						if t.ReadSafe {
							msg = fmt.Sprintf("`%s` is %s shared by every concurrent invocation and changed during invocations: "+
								"%s, so this read races with those writes (a resize can lose entries or loop). %s.",
								decl.Name, t.What, runtimeSharing(f.Runtime), capitalize(t.Fix))
						}
						ps.report(finding{id: id, pos: c.Pos, key: decl.Name, message: msg,
							related: ps.symbolDecl(df, ds, sharedDescription(decl))})
						continue
					}
					done[[2]int{df, ds}] = true
					decl := ps.p.Files[df].Symbols[ds]
					ps.report(finding{
						id: id, pos: c.Pos, key: decl.Name,
						message: fmt.Sprintf("`%s` is %s shared by every concurrent invocation: %s, so their queries, "+
							"transactions and session state interleave on one connection. %s.",
							decl.Name, conn.What, runtimeSharing(f.Runtime), capitalize(conn.Fix)),
						related: ps.symbolDecl(df, ds, sharedDescription(decl)),
					})
				}
			})
		},
	}
}

// singleConnection reports whether a shared symbol holds one connection (not
// a pool): from its initializer or a (lazy) assignment anywhere.
func (p *Program) singleConnection(fi, si int, k *Knowledge) (Connection, bool) {
	check := func(v *facts.Value) (Connection, bool) {
		for v != nil && v.Kind == facts.Await && len(v.Parts) == 1 {
			v = v.Parts[0]
		}
		if v == nil || (v.Kind != facts.NewV && v.Kind != facts.CallV) || v.Callee == nil {
			return Connection{}, false
		}
		c, ok := k.ConnectionFor(facts.Call{Callee: *v.Callee, New: v.Kind == facts.NewV})
		return c, ok && c.Kind == DatabaseConn
	}
	f := p.Files[fi]
	if c, ok := check(f.Symbols[si].Init); ok {
		return c, true
	}
	for _, fn := range f.Functions {
		for _, w := range fn.Writes {
			if w.Symbol == si && w.Op == facts.Assign {
				if c, ok := check(w.Value); ok {
					return c, true
				}
			}
		}
	}
	return Connection{}, false
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// unsafeType reports whether a shared symbol holds an object of a type the
// runtime's knowledge lists as not safe for concurrent use: by its declared
// type, or the class its initializer (or first init-time assignment) builds.
func (p *Program) unsafeType(fi, si int, k *Knowledge) (UnsafeType, bool) {
	if len(k.NonThreadSafe) == 0 {
		return UnsafeType{}, false
	}
	names := []string{p.Files[fi].Symbols[si].Type}
	if v := p.symbolValue(fi, si); v != nil && v.Kind == facts.NewV && v.Callee != nil {
		names = append(names, v.Callee.Module+"."+v.Callee.Name)
	}
	for _, n := range names {
		for _, t := range k.NonThreadSafe {
			if n != "" && n == t.Type {
				return t, true
			}
		}
	}
	return UnsafeType{}, false
}
