package sizing

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// calcBook is the sample calculator's INSTANCE_TYPES (us-east-1).
type calcBook struct{}

func (calcBook) InstanceHourly(region, name string) (float64, error) {
	for _, t := range (calcBook{}).InstanceTypes(region) {
		if t.Name == name {
			return t.Hourly, nil
		}
	}
	return 0, fmt.Errorf("no price for %s", name)
}

func (calcBook) InstanceTypes(string) []InstanceType {
	return []InstanceType{
		{"c7g.xlarge", 4, 8192, "arm64", 0.145}, {"c7g.2xlarge", 8, 16384, "arm64", 0.29}, {"c7g.4xlarge", 16, 32768, "arm64", 0.58},
		{"m7g.xlarge", 4, 16384, "arm64", 0.1632}, {"m7g.2xlarge", 8, 32768, "arm64", 0.3264}, {"m7g.4xlarge", 16, 65536, "arm64", 0.6528},
		{"r7g.xlarge", 4, 32768, "arm64", 0.214}, {"r7g.2xlarge", 8, 65536, "arm64", 0.428}, {"r7g.4xlarge", 16, 131072, "arm64", 0.857},
	}
}
func (calcBook) Source() string { return "calculator.js" }
func (calcBook) Date() string   { return "undated" }

func closeTo(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-6*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.6f, want %.6f", what, got, want)
	}
}

func TestSampleCalculatorHandComputed(t *testing.T) {
	for _, c := range []struct {
		name    string
		in      Input
		cap     Capacity
		lmi     float64
		lambda  float64
		compute float64
		fee     float64
	}{
		{
			// The calculator's own "Basic Calculation" (tests/test-cases.json).
			// concPerVcpu = clamp(floor(2·1024/512)=4, 1, 16) = 4
			// fnMem = max(2048, 512·4) = 2048; vcpuPerEnv = ceil(2048/2048) = 1
			// balanced 25 % → floor(100/25) = 4 per vCPU (≤ 16) → 4 per env
			// envs = ceil(100/4) = 25
			// c7g.xlarge 4 vCPU / 8192 MB − reserve → 3 vCPU, 7168 MB:
			//   min(3/1, floor(7168/2048)=3) = 3 per instance
			// base = max(3, ceil(25/3)=9) = 9; final = max(3, ceil(9·1.5)=14) = 14
			// LMI = 14·0.145·730 = 1481.90 + 15 % 222.285 + 1M·2e-7 0.20 = 1704.385
			// Lambda = 1.7e-9·(512/128) = 6.8e-9 $/ms · 60,000 ms · 1M = 408 + 0.20 = 408.20
			name: "python balanced c7g.xlarge",
			in: Input{Runtime: "python", PeakConcurrency: 100, MemoryPerInvocationMB: 512, InstanceType: "c7g.xlarge",
				RequestsPerMonth: 1e6, Duration: 60 * time.Second, Arch: "arm64", Discount: OnDemand, Workload: Balanced, AZs: 3},
			cap:     Capacity{InstanceType: "c7g.xlarge", VCpusPerEnvironment: 1, ConcurrencyPerEnv: 4, EnvironmentsNeeded: 25, EnvironmentsPerInstance: 3, BaseInstances: 9, Instances: 14},
			lmi:     1704.385,
			lambda:  408.2,
			compute: 1481.9, fee: 222.285,
		},
		{
			// concPerVcpu = clamp(floor(4·1024/256)=16, 1, 64) = 16
			// fnMem = max(2048, 256·16=4096) = 4096; vcpuPerEnv = ceil(4096/4096) = 1
			// IO 12.5 % → floor(100/12.5) = 8 per vCPU (≤ 64) → 8 per env
			// envs = ceil(1000/8) = 125
			// m7g.2xlarge 8 vCPU / 32768 MB → 7 vCPU, 31744 MB:
			//   min(7/1, floor(31744/4096)=7) = 7 per instance
			// base = max(5, ceil(125/7)=18) = 18; final = max(5, ceil(27)) = 27
			// On-Demand = 27·0.3264·730 = 6433.344; compute-1yr 32 % → 4374.67392
			// fee 15 % of 6433.344 = 965.0016; 50M requests = 10 → LMI 5349.67552
			// Lambda x86 = 2.1e-9·(256/128) = 4.2e-9 $/ms · 200 ms · 50M = 42
			//   × (1 − 12 %) = 36.96 + 10 = 46.96
			name: "nodejs io m7g.2xlarge ratio 4, 5 AZs, compute-1yr",
			in: Input{Runtime: "nodejs", PeakConcurrency: 1000, MemoryPerInvocationMB: 256, InstanceType: "m7g.2xlarge", Ratio: 4,
				RequestsPerMonth: 50e6, Duration: 200 * time.Millisecond, Arch: "x86_64", Discount: Compute1yr, Workload: IOBound, AZs: 5},
			cap:     Capacity{InstanceType: "m7g.2xlarge", VCpusPerEnvironment: 1, ConcurrencyPerEnv: 8, EnvironmentsNeeded: 125, EnvironmentsPerInstance: 7, BaseInstances: 18, Instances: 27},
			lmi:     5349.67552,
			lambda:  46.96,
			compute: 4374.67392, fee: 965.0016,
		},
		{
			// concPerVcpu = clamp(floor(8·1024/3000)=2, 1, 32) = 2
			// fnMem = max(2048, ceil(3000·2)=6000) = 6000; vcpuPerEnv = ceil(6000/8192) = 1
			// CPU 50 % → floor(100/50) = 2 per vCPU → 2 per env; envs = ceil(50/2) = 25
			// r7g.xlarge 4 vCPU / 32768 MB → 3 vCPU, 31744 MB:
			//   min(3/1, floor(31744/6000)=5) = 3 per instance
			// no AZ buffer: base = max(1, ceil(25/3)=9) = 9; final = max(1, ceil(13.5)) = 14
			// On-Demand = 14·0.214·730 = 2187.08; RI 3 yr 65 % → 765.478
			// fee = 328.062; 10M requests = 2 → LMI 1095.54
			// Lambda arm = 1.7e-9·3000/128 = 3.984375e-8 $/ms · 1000 ms · 10M = 398.4375
			//   (an RI gives Lambda nothing) + 2 = 400.4375
			name: "java cpu r7g.xlarge ratio 8, no AZ buffer, ri-3yr",
			in: Input{Runtime: "java", PeakConcurrency: 50, MemoryPerInvocationMB: 3000, InstanceType: "r7g.xlarge", Ratio: 8,
				RequestsPerMonth: 10e6, Duration: time.Second, Arch: "arm64", Discount: RI3yr, Workload: CPUBound, AZs: 0},
			cap:     Capacity{InstanceType: "r7g.xlarge", VCpusPerEnvironment: 1, ConcurrencyPerEnv: 2, EnvironmentsNeeded: 25, EnvironmentsPerInstance: 3, BaseInstances: 9, Instances: 14},
			lmi:     1095.54,
			lambda:  400.4375,
			compute: 765.478, fee: 328.062,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			cp, cost, err := SampleCalculator(c.in, calcBook{})
			if err != nil {
				t.Fatal(err)
			}
			if cp != c.cap {
				t.Errorf("capacity %+v\nwant     %+v", cp, c.cap)
			}
			closeTo(t, "LMI", cost.LMIMonthlyUSD, c.lmi)
			closeTo(t, "LMI compute", cost.LMIComputeUSD, c.compute)
			closeTo(t, "LMI fee", cost.LMIManagementFeeUSD, c.fee)
			closeTo(t, "Lambda", cost.LambdaMonthlyUSD, c.lambda)
			// Break-even: fixed LMI = requests × Lambda duration $ per request.
			fixed := cost.LMIComputeUSD + cost.LMIManagementFeeUSD
			perReq := (cost.LambdaMonthlyUSD - cost.LMIRequestsUSD) / c.in.RequestsPerMonth
			if want := fixed / perReq; math.Abs(cost.BreakEvenRequestsPerMonth-want) > math.Max(2, want*1e-8) {
				t.Errorf("break-even %v, want %v", cost.BreakEvenRequestsPerMonth, want)
			}
		})
	}
}

func TestSampleCalculatorEdges(t *testing.T) {
	base := Input{Runtime: "python", PeakConcurrency: 10, MemoryPerInvocationMB: 512, InstanceType: "c7g.xlarge", AZs: 3}
	// Ratio 8: concPerVcpu = min(16, floor(8192/512)=16) = 16, fnMem = 8192,
	// which does not fit 8192 − 1024 MB; the calculator still counts 1 per
	// instance (max(1, 0)).
	in := base
	in.Ratio = 8
	cp, _, err := SampleCalculator(in, calcBook{})
	if err != nil || cp.EnvironmentsPerInstance != 1 {
		t.Errorf("oversized environment: %+v %v", cp, err)
	}
	// Defaults: 1M requests, 60 s, arm64, ratio 2 → Lambda 408.20 as above.
	if _, cost, err := SampleCalculator(base, calcBook{}); err != nil || math.Abs(cost.LambdaMonthlyUSD-408.2) > 1e-6 {
		t.Errorf("defaults: %v %v", cost.LambdaMonthlyUSD, err)
	}
	for _, bad := range []struct {
		in   Input
		want string
	}{
		{Input{Runtime: "go", PeakConcurrency: 1, MemoryPerInvocationMB: 512}, "nodejs, python, java and dotnet"},
		{Input{Runtime: "python", PeakConcurrency: 0, MemoryPerInvocationMB: 512}, "concurrency"},
		{Input{Runtime: "python", PeakConcurrency: 1, MemoryPerInvocationMB: 0}, "memory"},
		{Input{Runtime: "python", PeakConcurrency: 1, MemoryPerInvocationMB: 512, InstanceType: "c6i.xlarge"}, "c6i.xlarge"},
		{Input{Runtime: "python", PeakConcurrency: 1, MemoryPerInvocationMB: 512, AZs: 4}, "AZs"},
		{Input{Runtime: "python", PeakConcurrency: 1, MemoryPerInvocationMB: 512, Discount: "ri-1yr"}, "savings plan"},
		{Input{Runtime: "python", PeakConcurrency: 1e6, MemoryPerInvocationMB: 512}, "unrealistic"},
	} {
		if _, _, err := SampleCalculator(bad.in, calcBook{}); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%+v: error %v, want one naming %q", bad.in, err, bad.want)
		}
	}
}
