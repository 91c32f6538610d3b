package sizing

import (
	"errors"
	"strings"
	"testing"
)

// fakeBook is a small price book for tests (us-east-1 prices of lmi-facts §4
// for the Graviton 7th generation; others made up but consistent).
type fakeBook struct{}

func (fakeBook) InstanceTypes(string) []InstanceType {
	return []InstanceType{
		{"c7g.xlarge", 4, 8192, "arm64", 0.145}, {"c7g.2xlarge", 8, 16384, "arm64", 0.29}, {"c7g.4xlarge", 16, 32768, "arm64", 0.58},
		{"m7g.large", 2, 8192, "arm64", 0.0816}, {"m7g.xlarge", 4, 16384, "arm64", 0.1632}, {"m7g.2xlarge", 8, 32768, "arm64", 0.3264},
		{"r7g.large", 2, 16384, "arm64", 0.107}, {"r7g.xlarge", 4, 32768, "arm64", 0.214}, {"r7g.4xlarge", 16, 131072, "arm64", 0.857},
		{"c7i.xlarge", 4, 8192, "x86_64", 0.1785}, {"c7i.2xlarge", 8, 16384, "x86_64", 0.357},
	}
}
func (b fakeBook) InstanceHourly(region, name string) (float64, error) {
	for _, t := range b.InstanceTypes(region) {
		if t.Name == name {
			return t.Hourly, nil
		}
	}
	return 0, errors.New("unknown type")
}
func (fakeBook) Source() string { return "test" }
func (fakeBook) Date() string   { return "2026-01-01" }

func TestRecommendBalancedNode(t *testing.T) {
	p, err := Recommend("Orders", Input{Runtime: "nodejs", PeakConcurrency: 200, AZs: 3}, fakeBook{})
	if err != nil {
		t.Fatal(err)
	}
	// balanced: 25% of a vCPU per request at a 70% target → 2 per vCPU;
	// 128 MB per request fits 16 per vCPU at ratio 2, so ratio 2, 1 vCPU,
	// 2048 MB, 2 per environment → 100 environments; c7g.2xlarge holds
	// (8−1)/1 = 7 → 15 instances.
	s, c := p.Settings, p.Capacity
	if s.ExecutionEnvironmentMemoryGiBPerVCpu != 2 || s.MemorySize != 2048 || s.PerExecutionEnvironmentMaxConcurrency != 2 ||
		c.EnvironmentsNeeded != 100 || c.InstanceType != "c7g.2xlarge" || c.EnvironmentsPerInstance != 7 || c.BaseInstances != 15 || c.Instances != 15 {
		t.Fatalf("settings %+v\ncapacity %+v", s, c)
	}
	if s.MinExecutionEnvironments != 3 || s.MaxExecutionEnvironments != 200 || s.CapacityProvider.MaxVCpuCount != 240 ||
		len(s.CapacityProvider.AllowedInstanceTypes) < 3 || s.Architecture != "arm64" || p.Runtime != "nodejs22.x" {
		t.Errorf("settings %+v", s)
	}
	if len(p.Problems) != 0 || p.Status != "ok" {
		t.Errorf("a recommendation passes its own validation: %+v", p.Problems)
	}
}

func TestRecommendMemoryBoundPickRatio(t *testing.T) {
	// 1500 MB per request: at ratio 2 memory allows 1 per vCPU, below the 2
	// CPU allows; ratio 4 allows 2 → ratio 4 on M instances.
	p, err := Recommend("Big", Input{Runtime: "java21", PeakConcurrency: 10, MemoryPerInvocationMB: 1500, AZs: 3}, fakeBook{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Settings.ExecutionEnvironmentMemoryGiBPerVCpu != 4 || p.Settings.MemorySize != 4096 || p.Capacity.InstanceType[0] != 'm' {
		t.Errorf("%+v %+v", p.Settings, p.Capacity)
	}
}

func TestRecommendFindingsGateIt(t *testing.T) {
	in := Input{Runtime: "nodejs", PeakConcurrency: 64, AZs: 3, Workload: IOBound, Scan: ScanSummary{Blocking: []string{"LMI003 app.ts:19"}}}
	p, err := Recommend("Orders", in, fakeBook{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != "fix-first" || p.AtConcurrencyOne == nil || p.AtConcurrencyOne.Settings.PerExecutionEnvironmentMaxConcurrency != 1 ||
		p.AtConcurrencyOne.Capacity.EnvironmentsNeeded != 64 || p.AtConcurrencyOne.Capacity.Instances <= p.Capacity.Instances {
		t.Errorf("fix-first shows concurrency 1 needing more: %+v / %+v", p.Capacity, p.AtConcurrencyOne)
	}
	if p.Settings.PerExecutionEnvironmentMaxConcurrency != 5 { // IO: 12.5% of a vCPU at 70% → 5
		t.Errorf("after the fixes: %+v", p.Settings)
	}
	in.Scan = ScanSummary{CPUBound: true}
	if p, err = Recommend("Orders", in, fakeBook{}); err != nil {
		t.Fatal(err)
	}
	if p.Status != "ok" || !strings.Contains(strings.Join(p.Why, "\n"), "LMI010") || p.Settings.PerExecutionEnvironmentMaxConcurrency != 1 {
		t.Errorf("CPU-bound finding lowers concurrency: %v %+v", p.Why, p.Settings)
	}
}

func TestRecommendPythonMemoryMultiplication(t *testing.T) {
	// A 700 MB model per process: 828 MB per request → ratio 8 allows 9, CPU
	// allows 2 → ratio 2 allows only 2, so ratio 2 is kept… unless memory
	// limits: 2048/828 = 2 per vCPU; fine at ratio 2.
	p, err := Recommend("Py", Input{Runtime: "python3.13", PeakConcurrency: 20, AZs: 3, Scan: ScanSummary{PerProcessMB: 700}}, fakeBook{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(p.Why, "\n"), "LMI009") || p.Settings.PerExecutionEnvironmentMaxConcurrency != 2 {
		t.Errorf("%v %+v", p.Why, p.Settings)
	}
	p, err = Recommend("Py", Input{Runtime: "python3.13", PeakConcurrency: 20, AZs: 3, Workload: IOBound, Scan: ScanSummary{PerProcessMB: 1900}}, fakeBook{})
	if err != nil {
		t.Fatal(err)
	}
	// 2028 MB per request: ratio 2 allows 1, IO allows 5 → ratio 8 (4 per vCPU).
	if p.Settings.ExecutionEnvironmentMemoryGiBPerVCpu != 8 || p.Settings.PerExecutionEnvironmentMaxConcurrency != 4 {
		t.Errorf("%+v", p.Settings)
	}
}

func TestBadInputNamesTheLimit(t *testing.T) {
	for _, c := range []struct {
		in   Input
		want string
	}{
		{Input{Runtime: "nodejs", Ratio: 3}, "nearest is 2"},
		{Input{Runtime: "nodejs", MemoryPerInvocationMB: 40000}, "maximum of 32768 MB"},
		{Input{Runtime: "nodejs", InstanceType: "t3.micro"}, "not an instance type LMI runs"},
		{Input{Runtime: "cobol"}, "unknown runtime"},
		{Input{Runtime: "nodejs20.x"}, "nearest supported runtime is nodejs22.x"},
		{Input{Runtime: "nodejs", AZs: 4}, "--az 4"},
		{Input{}, "--runtime is required"},
	} {
		_, err := Recommend("f", c.in, fakeBook{})
		var ie *InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.in, err, c.want)
		}
	}
}

func TestPeakFromRequests(t *testing.T) {
	// 100 M requests/month at 200 ms: 100e6/2,628,000 s × 0.2 s = 7.61 on
	// average, ×2 → 16.
	p, _ := peak(Input{RequestsPerMonth: 100e6, Duration: 200e6})
	if p != 16 {
		t.Errorf("peak %d", p)
	}
}
