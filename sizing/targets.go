package sizing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/lmi"
)

// Target is one function to size, as a scan found it.
type Target struct {
	Name     string
	Template string // where it is declared
	Input    Input  // runtime, architecture and what the scan found
	// GivenProblems are the limits the settings written in the template
	// break (the same checks as LMI012).
	GivenProblems []lmi.Problem
	Given         string // the written LMI settings, for the report ("" when none)
}

// Targets lists the functions the deployments declare, with what the
// findings say about each. Findings are matched to a function by the handler
// they were reached from ("Orders (src/app.js#handler)") or, for template
// findings, by the function's name.
func Targets(ds []facts.Deployment, fs []findings.Finding) []Target {
	var out []Target
	for _, d := range ds {
		for _, fn := range d.Functions {
			t := Target{Name: fn.Name, Template: d.Path}
			t.Input.RuntimeID = fn.Runtime
			t.Input.Runtime = Family(fn.Runtime)
			if fn.Architecture.State == facts.Literal {
				t.Input.Arch = fn.Architecture.Value
			}
			if m, ok := fn.Memory.Int(); ok && fn.LMI == nil {
				t.Input.LambdaMemoryMB = m // on LMI, MemorySize is the environment's, not one request's
			}
			for _, f := range fs {
				if !strings.HasPrefix(f.Handler, fn.Name+" (") {
					continue
				}
				switch {
				case f.Severity == findings.Error:
					t.Input.Scan.Blocking = append(t.Input.Scan.Blocking, fmt.Sprintf("%s %s:%d", f.RuleID, f.Location.Path, f.Location.Line))
				case f.RuleID == "LMI010":
					t.Input.Scan.CPUBound = true
				}
				if mb := f.Data["perProcessMB"]; mb > 0 {
					t.Input.Scan.PerProcessMB += mb
				}
			}
			if c := fn.LMI; c != nil {
				opt := func(s facts.Setting) lmi.Opt {
					if v, ok := s.Float(); ok {
						return lmi.Of(v)
					}
					return lmi.Opt{}
				}
				t.GivenProblems = lmi.ValidateFunction(lmi.Function{
					MemoryMB: opt(fn.Memory), Ratio: opt(c.MemoryPerVCpu), Concurrency: opt(c.MaxConcurrency),
					MinEnvironment: opt(c.MinEnvironments), MaxEnvironment: opt(c.MaxEnvironments),
				})
				var parts []string
				for _, kv := range []struct {
					k string
					s facts.Setting
				}{{"MemorySize", fn.Memory}, {"ratio", c.MemoryPerVCpu}, {"concurrency", c.MaxConcurrency}, {"min", c.MinEnvironments}, {"max", c.MaxEnvironments}} {
					if kv.s.State == facts.Literal {
						parts = append(parts, kv.k+" "+kv.s.Value)
					}
				}
				t.Given = strings.Join(parts, ", ")
				if t.Given == "" {
					t.Given = "defaults"
				}
			}
			slices.Sort(t.Input.Scan.Blocking)
			t.Input.Scan.Blocking = slices.Compact(t.Input.Scan.Blocking)
			out = append(out, t)
		}
	}
	return out
}
