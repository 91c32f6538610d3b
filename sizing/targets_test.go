package sizing

import (
	"testing"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

func TestTargetsTakeWhatTheScanFound(t *testing.T) {
	ds := []facts.Deployment{{Path: "template.yaml", Functions: []facts.LambdaFunction{
		{Name: "Api", Runtime: "python3.13", Architecture: facts.Lit("x86_64", facts.Pos{}), Memory: facts.Lit("1024", facts.Pos{})},
		{Name: "Worker", Runtime: "nodejs22.x", Memory: facts.Lit("2048", facts.Pos{}), LMI: &facts.LMIConfig{
			MaxConcurrency: facts.Lit("100", facts.Pos{}), MemoryPerVCpu: facts.Lit("2", facts.Pos{})}},
	}}}
	fs := []findings.Finding{
		{RuleID: "LMI009", Severity: findings.Note, Handler: "Api (app.py#handler)", Data: map[string]float64{"perProcessMB": 700}},
		{RuleID: "LMI010", Severity: findings.Note, Handler: "Api (app.py#handler)"},
		{RuleID: "LMI003", Severity: findings.Error, Handler: "Worker (src/index.js#handler)", Location: findings.Location{Path: "src/index.js", Line: 4}},
		{RuleID: "LMI003", Severity: findings.Error, Handler: "Worker (src/index.js#handler)", Location: findings.Location{Path: "src/index.js", Line: 4}},
		{RuleID: "LMI001", Severity: findings.Warning, Handler: "Worker (src/index.js#handler)"},
		{RuleID: "LMI003", Severity: findings.Error, Handler: "WorkerTwo (src/two.js#handler)"},
	}
	ts := Targets(ds, fs)
	if len(ts) != 2 {
		t.Fatalf("%+v", ts)
	}
	api, worker := ts[0].Input, ts[1].Input
	if api.Runtime != "python" || api.RuntimeID != "python3.13" || api.Arch != "x86_64" || api.LambdaMemoryMB != 1024 ||
		!api.Scan.CPUBound || api.Scan.PerProcessMB != 700 || len(api.Scan.Blocking) != 0 {
		t.Errorf("Api: %+v", api)
	}
	if len(worker.Scan.Blocking) != 1 || worker.Scan.Blocking[0] != "LMI003 src/index.js:4" || worker.LambdaMemoryMB != 0 {
		t.Errorf("Worker: errors only, once each, from its own handler; no Lambda memory for an LMI function: %+v", worker)
	}
	if len(ts[1].GivenProblems) != 1 || ts[1].GivenProblems[0].Nearest != "64" || ts[1].Given != "MemorySize 2048, ratio 2, concurrency 100" {
		t.Errorf("the template's settings are validated: %+v %q", ts[1].GivenProblems, ts[1].Given)
	}
}
