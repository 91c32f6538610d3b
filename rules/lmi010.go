package rules

import (
	"fmt"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

func cpuBoundHandler() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI010",
			Name:    "cpu-bound-handler",
			Summary: "CPU-heavy work runs during an invocation, while LMI's default concurrency assumes mostly waiting requests.",
			Description: "LMI's default concurrency packs many invocations onto each vCPU (16 per vCPU on Python, 64 on " +
				"Node.js): right for requests that mostly wait on the network, wrong for requests that compute. Image " +
				"and PDF processing, compression, password hashing and key derivation, or a pure-Python loop over " +
				"millions of items keep a CPU busy — on Node.js, synchronous zlib and crypto calls, image and PDF libraries " +
				"block the worker's event loop that every other request on it waits for; with the default setting concurrent requests queue for the same " +
				"vCPU, each runs several times slower, and timeouts follow. The call is reported once per function and " +
				"kind of work, as a note for sizing.",
			Fix: "Set PerExecutionEnvironmentMaxConcurrency near the number of vCPUs per environment (1–2 per vCPU for " +
				"purely CPU-bound work), or give the function more vCPUs (a lower ExecutionEnvironmentMemoryGiBPerVCpu); " +
				"keep CPU-heavy work out of functions that serve latency-sensitive requests.",
			Severity: everyRuntime(findings.Note),
			Examples: []findings.Example{{Runtime: "python",
				Bad: `def handler(event, context):
    img = Image.open(io.BytesIO(download(event["key"])))
    img.thumbnail((512, 512))            # CPU-bound, 16 of these share one vCPU by default`,
				Good: `# Same code, sized for it in the template:
#   PerExecutionEnvironmentMaxConcurrency: 2   # per environment of 2 vCPUs`},
				{Runtime: "nodejs",
					Bad: `export const handler = async (event) => {
  const packed = zlib.gzipSync(Buffer.from(event.body)); // blocks the worker's event loop
  return packed.toString('base64');
};`,
					Good: `const gzipAsync = promisify(zlib.gzip); // runs on libuv's thread pool
export const handler = async (event) => (await gzipAsync(Buffer.from(event.body))).toString('base64');`}},
		},
		check: func(ps *pass) {
			ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
				if len(k.CPUHeavy) == 0 {
					return
				}
				seen := map[string]bool{}
				for ci := range f.Functions[id.Func].Calls {
					c := &f.Functions[id.Func].Calls[ci]
					for _, cpu := range k.CPUHeavy {
						// One note per kind of work: "compression (zlib)" and
						// "compression (gzip)" are one kind.
						kind, _, _ := strings.Cut(cpu.What, " (")
						if !cpu.matches(*c) || seen[kind] {
							continue
						}
						seen[kind] = true
						ps.report(finding{id: id, pos: c.Pos, key: cpu.What,
							message: fmt.Sprintf("%s does %s, CPU-bound work, during an invocation: %s, so concurrent "+
								"requests queue for the CPU and each takes several times longer. Set "+
								"PerExecutionEnvironmentMaxConcurrency near the environment's vCPU count (or give it more "+
								"vCPUs) for this function.", calleeLabel(c), cpu.What, concurrencyNote(f.Runtime, k))})
						break
					}
				}
			})
		},
	}
}

func calleeLabel(c *facts.Call) string {
	if s := c.Callee.String(); s != "" {
		return s
	}
	return "this call"
}

// concurrencyNote says how many invocations share a vCPU by default.
func concurrencyNote(rt facts.Runtime, k *Knowledge) string {
	if k.ConcurrencyPerVCPU > 0 {
		return fmt.Sprintf("LMI runs up to %d invocations per vCPU by default on %s", k.ConcurrencyPerVCPU, runtimeName(rt))
	}
	return "LMI runs many invocations per vCPU by default"
}

func runtimeName(rt facts.Runtime) string {
	switch rt {
	case facts.RuntimePython:
		return "Python"
	case facts.RuntimeNode:
		return "Node.js"
	case facts.RuntimeJava:
		return "Java"
	case facts.RuntimeDotNet:
		return ".NET"
	}
	return string(rt)
}
