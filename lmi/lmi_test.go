package lmi

import (
	"strings"
	"testing"
)

func TestVCpusAndMaxConcurrency(t *testing.T) {
	for _, c := range []struct {
		mem   int
		ratio float64
		vcpu  int
		conc  int
	}{
		{2048, 2, 1, 64},  // the reported case: 1 vCPU, so at most 64
		{4096, 2, 2, 128}, // exact multiple
		{3072, 2, 2, 128}, // a fraction rounds up
		{2048, 4, 1, 64},  // below one vCPU is one
		{2048, 8, 1, 64},  // a quarter of a vCPU is one
		{32768, 2, 16, 1024},
		{32768, 4, 8, 512},
		{8192, 0, 4, 256}, // no ratio: the default of 2
	} {
		if got := VCpus(c.mem, c.ratio); got != c.vcpu {
			t.Errorf("VCpus(%d, %v) = %d, want %d", c.mem, c.ratio, got, c.vcpu)
		}
		if got := MaxConcurrency(c.mem, c.ratio); got != c.conc {
			t.Errorf("MaxConcurrency(%d, %v) = %d, want %d", c.mem, c.ratio, got, c.conc)
		}
	}
}

func fields(ps []Problem) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Field+"="+p.Nearest)
	}
	return strings.Join(out, " ")
}

func TestValidateFunctionEdges(t *testing.T) {
	for _, c := range []struct {
		name string
		f    Function
		want string // Field=Nearest of each problem
	}{
		{"nothing set", Function{}, ""},
		{"memory at minimum", Function{MemoryMB: Of(2048)}, ""},
		{"memory below minimum", Function{MemoryMB: Of(2047)}, "MemorySize=2048"},
		{"memory at maximum", Function{MemoryMB: Of(32768)}, ""},
		{"memory above maximum", Function{MemoryMB: Of(32769)}, "MemorySize=32768"},
		{"ratios", Function{Ratio: Of(4)}, ""},
		{"ratio 3", Function{Ratio: Of(3)}, "ExecutionEnvironmentMemoryGiBPerVCpu=2"},
		{"ratio 7", Function{Ratio: Of(7)}, "ExecutionEnvironmentMemoryGiBPerVCpu=8"},
		{"ratio 1", Function{Ratio: Of(1)}, "ExecutionEnvironmentMemoryGiBPerVCpu=2"},
		{"64 per vCPU at the limit", Function{MemoryMB: Of(2048), Ratio: Of(2), Concurrency: Of(64)}, ""},
		{"65 on 1 vCPU", Function{MemoryMB: Of(2048), Ratio: Of(2), Concurrency: Of(65)}, "PerExecutionEnvironmentMaxConcurrency=64"},
		{"default ratio", Function{MemoryMB: Of(2048), Concurrency: Of(100)}, "PerExecutionEnvironmentMaxConcurrency=64"},
		{"2 vCPUs", Function{MemoryMB: Of(4096), Ratio: Of(2), Concurrency: Of(128)}, ""},
		{"no memory, no vCPU check", Function{Concurrency: Of(500)}, ""},
		{"concurrency 0", Function{Concurrency: Of(0)}, "PerExecutionEnvironmentMaxConcurrency=1"},
		{"concurrency 1600", Function{MemoryMB: Of(32768), Concurrency: Of(1024)}, ""},
		{"concurrency 1601", Function{Concurrency: Of(1601)}, "PerExecutionEnvironmentMaxConcurrency=1600"},
		{"fractional concurrency", Function{Concurrency: Of(2.5)}, "PerExecutionEnvironmentMaxConcurrency=1"},
		{"invalid ratio skips the vCPU check", Function{MemoryMB: Of(2048), Ratio: Of(3), Concurrency: Of(100)}, "ExecutionEnvironmentMemoryGiBPerVCpu=2"},
		{"min equals max", Function{MinEnvironment: Of(5), MaxEnvironment: Of(5)}, ""},
		{"min above max", Function{MinEnvironment: Of(6), MaxEnvironment: Of(5)}, "MinExecutionEnvironments=5"},
		{"0/0 deactivates", Function{MinEnvironment: Of(0), MaxEnvironment: Of(0)}, ""},
		{"min 0 with max", Function{MinEnvironment: Of(0), MaxEnvironment: Of(5)}, "MinExecutionEnvironments=1"},
		{"max 15000", Function{MaxEnvironment: Of(15000)}, ""},
		{"max 15001", Function{MaxEnvironment: Of(15001)}, "MaxExecutionEnvironments=15000"},
		{"negative min", Function{MinEnvironment: Of(-1)}, "MinExecutionEnvironments=0"},
	} {
		if got := fields(ValidateFunction(c.f)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestValidateCapacityProviderEdges(t *testing.T) {
	vpc := func(c CapacityProvider) CapacityProvider { c.Subnets, c.SubnetsKnown = 2, true; return c }
	for _, c := range []struct {
		name string
		cp   CapacityProvider
		want string
	}{
		{"minimal", vpc(CapacityProvider{}), ""},
		{"no vpc", CapacityProvider{NoVpc: true}, "VpcConfig="},
		{"zero subnets", CapacityProvider{SubnetsKnown: true}, "SubnetIds="},
		{"16 subnets", CapacityProvider{Subnets: 16, SubnetsKnown: true}, ""},
		{"17 subnets", CapacityProvider{Subnets: 17, SubnetsKnown: true}, "SubnetIds="},
		{"unknown subnets", CapacityProvider{}, ""},
		{"two architectures", vpc(CapacityProvider{Architectures: 2}), "Architectures="},
		{"both lists", vpc(CapacityProvider{Allowed: []string{"c7g.xlarge"}, Excluded: []string{"r*"}}), "ExcludedInstanceTypes="},
		{"wildcard excluded", vpc(CapacityProvider{Excluded: []string{"c5.*"}}), ""},
		{"wildcard allowed", vpc(CapacityProvider{Allowed: []string{"c5.*"}}), "InstanceType:c5.*="},
		{"family only", vpc(CapacityProvider{Allowed: []string{"c7g"}}), "InstanceType:c7g="},
		{"bad name", vpc(CapacityProvider{Allowed: []string{"c7g xlarge"}}), "InstanceType:c7g xlarge="},
		{"max vcpu 2", vpc(CapacityProvider{MaxVCpuCount: Of(2)}), ""},
		{"max vcpu 1", vpc(CapacityProvider{MaxVCpuCount: Of(1)}), "MaxVCpuCount=2"},
		{"max vcpu 15000", vpc(CapacityProvider{MaxVCpuCount: Of(15000)}), ""},
		{"max vcpu 15001", vpc(CapacityProvider{MaxVCpuCount: Of(15001)}), "MaxVCpuCount=15000"},
		{"cdk minimum 12", vpc(CapacityProvider{MaxVCpuCount: Of(11), MinVCpuCount: MinVCpuCountCDK}), "MaxVCpuCount=12"},
		{"scaling mode", vpc(CapacityProvider{ScalingMode: "Manual"}), ""},
		{"scaling mode case", vpc(CapacityProvider{ScalingMode: "manual"}), "ScalingMode=Manual"},
	} {
		if got := fields(ValidateCapacityProvider(c.cp)); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestReportedCaseMessage(t *testing.T) {
	ps := ValidateFunction(Function{MemoryMB: Of(2048), Ratio: Of(2), Concurrency: Of(100)})
	if len(ps) != 1 || !strings.Contains(ps[0].String(), "exceeds the limit of 64 per vCPU") || !strings.Contains(ps[0].String(), "nearest legal value: 64") {
		t.Fatalf("%v", ps)
	}
}

func TestRuntimes(t *testing.T) {
	for id, want := range map[string]string{ // "" supported, else the nearest
		"nodejs22.x": "", "nodejs24.x": "", "nodejs26.x": "", "nodejs20.x": "nodejs22.x", "nodejs18.x": "nodejs22.x",
		"python3.13": "", "python3.14": "", "python3.12": "python3.13", "python3.9": "python3.13", "python2.7": "python3.13",
		"java21": "", "java25": "", "java17": "java21", "java8.al2": "java21", "java11": "java21",
		"dotnet8": "", "dotnet10": "", "dotnet6": "dotnet8", "dotnetcore3.1": "dotnet8",
		"provided.al2023": "", "provided.al2": "provided.al2023", "go1.x": "provided.al2023",
		"ruby3.3": "none",
	} {
		r := Runtime(id)
		switch {
		case !r.Known:
			t.Errorf("%s: not recognised", id)
		case want == "" && !r.Supported:
			t.Errorf("%s: should be supported", id)
		case want == "none" && (r.Supported || r.Nearest != ""):
			t.Errorf("%s: %+v, want unsupported with no nearest", id, r)
		case want != "" && want != "none" && (r.Supported || r.Nearest != want):
			t.Errorf("%s: %+v, want nearest %s", id, r, want)
		}
	}
	if r := Runtime("cobol9"); r.Known || r.UnsupportedReason() != "" {
		t.Errorf("unknown ids are not judged: %+v", r)
	}
	if Runtime("nodejs22.x").PerVCpu != 64 || Runtime("python3.13").PerVCpu != 16 || Runtime("java21").PerVCpu != 32 {
		t.Error("per-vCPU defaults")
	}
}
