package sizing

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestSizeIOHeavyHighVolumeBreaksEven(t *testing.T) {
	in := Input{Runtime: "nodejs", AZs: 3, Workload: IOBound, RequestsPerMonth: 1e9, Duration: 200 * time.Millisecond, LambdaMemoryMB: 2048}
	r, err := Size([]Target{{Name: "Api"}}, in, Options{Book: fakeBook{}})
	if err != nil {
		t.Fatal(err)
	}
	p := r.Plans[0]
	// 1e9 requests × 0.2 s over 2,628,000 s = 76.1 on average, ×2 = 153 at
	// peak; IO: 5 per 1-vCPU environment → 31 environments; c7g.2xlarge holds
	// 7 → 5 instances × $0.29 × 730 = $1058.50 + 15% = $158.78 + $200.
	if p.Capacity.EnvironmentsNeeded != 31 || p.Capacity.Instances != 5 || p.Capacity.InstanceType != "c7g.2xlarge" {
		t.Fatalf("capacity %+v", p.Capacity)
	}
	if p.Cost.LMIComputeUSD != 1058.5 || p.Cost.LMIManagementFeeUSD != 158.78 || p.Cost.LMIRequestsUSD != 200 || p.Cost.LMIMonthlyUSD != 1417.28 {
		t.Errorf("LMI cost %+v", p.Cost)
	}
	// Lambda: 4e8 GB-s at the arm64 first tier ($0.0000133334) + $200.
	if p.Cost.LambdaMonthlyUSD != 5533.36 {
		t.Errorf("Lambda cost %v", p.Cost.LambdaMonthlyUSD)
	}
	be := p.Cost.BreakEvenRequestsPerMonth
	if be <= 0 || be >= 1e9 {
		t.Fatalf("break-even %v: LMI is cheaper at 1e9, so it breaks even below", be)
	}
	lmi, lambda := p.Curves()
	if lmi(be*1.05) > lambda(be*1.05) || lmi(be*0.95) < lambda(be*0.95) {
		t.Errorf("break-even %v is not where the curves cross", be)
	}
}

func TestSizeFlagsWinOverTheTemplate(t *testing.T) {
	targets := []Target{{Name: "Fn", Input: Input{Runtime: "python", RuntimeID: "python3.12", Arch: "x86_64"}}}
	r, err := Size(targets, Input{AZs: 3, PeakConcurrency: 10}, Options{Book: fakeBook{}})
	if err != nil {
		t.Fatal(err)
	}
	p := r.Plans[0]
	if p.Runtime != "python3.13" || p.Settings.Architecture != "x86_64" || !strings.Contains(strings.Join(p.Why, "\n"), "python3.12 → python3.13") {
		t.Errorf("a template's python3.12 is sized for the upgrade: %+v %v", p.Settings, p.Why)
	}
	r, err = Size(targets, Input{Runtime: "java21", Arch: "arm64", AZs: 3, PeakConcurrency: 10}, Options{Book: fakeBook{}})
	if err != nil || r.Plans[0].Runtime != "java21" || r.Plans[0].Settings.Architecture != "arm64" {
		t.Errorf("flags win: %v %+v", err, r)
	}
}

func TestSizeJSONContract(t *testing.T) {
	r, err := Size([]Target{{Name: "Fn"}}, Input{Runtime: "nodejs", AZs: 3, PeakConcurrency: 50, RequestsPerMonth: 1e7, Duration: 50 * time.Millisecond}, Options{Book: fakeBook{}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version int
		Plans   []map[string]json.RawMessage
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil || doc.Version != 1 || len(doc.Plans) != 1 {
		t.Fatalf("%v %s", err, buf.String())
	}
	p := map[string]map[string]any{}
	for _, sect := range []string{"capacity", "cost", "settings"} {
		m := map[string]any{}
		if err := json.Unmarshal(doc.Plans[0][sect], &m); err != nil {
			t.Fatalf("%s: %v", sect, err)
		}
		p[sect] = m
	}
	for _, k := range []string{"environmentsNeeded", "environmentsPerInstance", "baseInstances", "instances"} {
		if _, ok := p["capacity"][k]; !ok {
			t.Errorf("capacity.%s missing", k)
		}
	}
	for _, k := range []string{"lmiMonthlyUSD", "lambdaMonthlyUSD", "breakEvenRequestsPerMonth"} {
		if _, ok := p["cost"][k]; !ok {
			t.Errorf("cost.%s missing", k)
		}
	}
	for _, k := range []string{"MemorySize", "ExecutionEnvironmentMemoryGiBPerVCpu", "PerExecutionEnvironmentMaxConcurrency", "MinExecutionEnvironments", "MaxExecutionEnvironments", "CapacityProvider"} {
		if _, ok := p["settings"][k]; !ok {
			t.Errorf("settings.%s missing", k)
		}
	}
	var again bytes.Buffer
	r2, _ := Size([]Target{{Name: "Fn"}}, Input{Runtime: "nodejs", AZs: 3, PeakConcurrency: 50, RequestsPerMonth: 1e7, Duration: 50 * time.Millisecond}, Options{Book: fakeBook{}})
	_ = r2.WriteJSON(&again)
	if again.String() != buf.String() {
		t.Error("JSON is not deterministic")
	}
}

func TestSizeTextSaysWhatAMigrationReviewNeeds(t *testing.T) {
	in := Input{Runtime: "nodejs", AZs: 3, PeakConcurrency: 100, RequestsPerMonth: 5e8, Duration: 100 * time.Millisecond,
		Scan: ScanSummary{Blocking: []string{"LMI003 src/app.ts:19"}}}
	r, err := Size([]Target{{Name: "Orders"}}, in, Options{Book: fakeBook{}})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"FIX FIRST", "LMI003 src/app.ts:19", "Recommended settings", "Why", "Limits checked", "✓ PerExecutionEnvironmentMaxConcurrency",
		"LMI total", "Lambda (default compute)", "LMI at concurrency 1 (safe now)", "Break-even", "prices: test, 2026-01-01"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, b.String())
		}
	}
}

func TestSizeSampleCalculatorModel(t *testing.T) {
	r, err := Size([]Target{{Name: "Fn"}}, Input{Runtime: "python", PeakConcurrency: 100, MemoryPerInvocationMB: 512, InstanceType: "c7g.xlarge", AZs: 3}, Options{Model: "sample-calculator", Book: fakeBook{}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Model != "sample-calculator" || r.Plans[0].Capacity.Instances != 14 {
		t.Errorf("the calculator's basic case gives 14 instances: %+v", r.Plans[0].Capacity)
	}
	if _, err := Size([]Target{{Name: "Fn"}}, Input{Runtime: "python"}, Options{Model: "guess", Book: fakeBook{}}); err == nil {
		t.Error("unknown model accepted")
	}
}
