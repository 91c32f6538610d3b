package sizing

import (
	"fmt"
	"math"
	"strings"

	"github.com/lmicheck/lmicheck/lmi"
)

// DefaultMemoryPerInvocationMB is assumed when the user gives none: a
// typical small handler's working set. The text output says it was assumed.
const DefaultMemoryPerInvocationMB = 128

// OS reserve per instance: the sample calculator's assumption (lmi-facts §2,
// UNCONFIRMED in AWS docs). Kept: it can only make the estimate larger.
const (
	reserveVCpus    = 1
	reserveMemoryMB = 1024
)

// shape is a chosen execution environment shape and its capacity.
type shape struct {
	ratio       float64
	vcpusPerEnv int
	memoryMB    int
	perVCpu     int
	concPerEnv  int
}

// Recommend sizes one function with lmicheck's own model.
func Recommend(name string, in Input, book PriceBook) (Plan, error) {
	if err := Validate(in); err != nil {
		return Plan{}, err
	}
	family := Family(in.RuntimeID)
	if family == "" {
		family = Family(in.Runtime)
	}
	if family == "" {
		return Plan{}, &InputError{"--runtime is required (nodejs, python, java, dotnet, go, rust, or a runtime id) when no template names it"}
	}
	runtimeID := in.RuntimeID
	if runtimeID == "" {
		runtimeID = in.Runtime
		if Family(runtimeID) == runtimeID || runtimeID == "provided" {
			runtimeID = DefaultRuntimeID(family)
		}
	}
	upgraded := ""
	if info := lmi.Runtime(runtimeID); info.Known && !info.Supported {
		if !in.runtimeFromTemplate || info.Nearest == "" {
			return Plan{}, &InputError{fmt.Sprintf("runtime %s: %s", runtimeID, info.UnsupportedReason())}
		}
		upgraded = fmt.Sprintf("runtime %s → %s: LMI does not run %s (LMI011); sized for the upgrade", runtimeID, info.Nearest, runtimeID)
		runtimeID = info.Nearest
	}
	arch := in.Arch
	if arch == "" {
		arch = "arm64"
	}
	region := in.Region
	if region == "" {
		region = "us-east-1"
	}
	p := Plan{Function: name, Runtime: runtimeID, Status: "ok"}
	why := func(f string, a ...any) { p.Why = append(p.Why, fmt.Sprintf(f, a...)) }
	if upgraded != "" {
		why("%s", upgraded)
	}

	workload := in.Workload
	if workload == "" {
		workload = Balanced
	}
	if in.Scan.CPUBound && workload != CPUBound {
		workload = CPUBound
		why("workload cpu: the scan found CPU-heavy work in invocation code (LMI010)")
	}
	memPerInv := in.MemoryPerInvocationMB
	if memPerInv == 0 {
		memPerInv = DefaultMemoryPerInvocationMB
		why("memory per invocation %d MB (assumed; give --memory-per-invocation)", memPerInv)
	} else {
		why("memory per invocation %d MB (given)", memPerInv)
	}
	if family == "python" && in.Scan.PerProcessMB > 0 {
		memPerInv += int(math.Ceil(in.Scan.PerProcessMB))
		why("+%.0f MB per process held at import (LMI009): Python runs one process per concurrent request", in.Scan.PerProcessMB)
	}
	pk, how := peak(in)
	why("%s", how)

	target := in.TargetCPU
	if target <= 0 || target > 1 {
		target = DefaultTargetCPU
	}
	s := chooseShape(family, workload, memPerInv, in.Ratio, target)
	why("%d per vCPU: the %s default is %d, CPU allows %d at %.0f%% target utilisation with %.1f%% of a vCPU per request (%s workload), memory allows %d at %g GiB per vCPU",
		s.perVCpu, family, PerVCpuDefault(family), cpuLimit(workload, target), target*100, CPUPerInvocation(workload)*100, workload, memLimit(s.ratio, memPerInv), s.ratio)

	if len(in.Scan.Blocking) > 0 {
		p.Status = "fix-first"
		p.Blocking = in.Scan.Blocking
		why("fix first: %s concurrency above 1 unsafe", hazards(len(in.Scan.Blocking)))
	}
	types := book.InstanceTypes(region)
	settings, capacity, err := build(name, runtimeID, arch, in, s, pk, types)
	if err != nil {
		return Plan{}, err
	}
	p.Settings, p.Capacity = settings, capacity
	p.Checks, p.Problems = Check(settings)
	if p.Status == "fix-first" {
		one := shape{ratio: s.ratio, vcpusPerEnv: 1, memoryMB: max(lmi.MinMemoryMB, int(s.ratio*1024)), perVCpu: 1, concPerEnv: 1}
		cfg1, cap1, err := build(name, runtimeID, arch, in, one, pk, types)
		if err == nil {
			p.AtConcurrencyOne = &Alternative{Settings: cfg1, Capacity: cap1}
		}
	}
	return p, nil
}

func cpuLimit(w Workload, target float64) int {
	return max(1, int(math.Floor(target/CPUPerInvocation(w)+1e-9)))
}

func memLimit(ratio float64, memPerInv int) int {
	return max(1, int(ratio*1024)/max(1, memPerInv))
}

// chooseShape picks the ratio (the smallest whose memory does not limit
// concurrency below what CPU allows, unless given) and the environment size.
func chooseShape(family string, w Workload, memPerInv int, ratio, target float64) shape {
	limit := min(PerVCpuDefault(family), cpuLimit(w, target))
	if ratio == 0 {
		ratio = lmi.Ratios()[len(lmi.Ratios())-1]
		for _, r := range lmi.Ratios() {
			if memLimit(r, memPerInv) >= limit {
				ratio = r
				break
			}
		}
	}
	perVCpu := max(1, min(limit, memLimit(ratio, memPerInv)))
	vcpus := max(1, int(math.Ceil(float64(memPerInv)/(ratio*1024))))
	mem := max(lmi.MinMemoryMB, int(float64(vcpus)*ratio*1024))
	vcpus = lmi.VCpus(mem, ratio)
	conc := max(1, min(perVCpu*vcpus, lmi.MaxConcurrency(mem, ratio)))
	return shape{ratio: ratio, vcpusPerEnv: vcpus, memoryMB: mem, perVCpu: perVCpu, concPerEnv: conc}
}

// build turns a shape and a peak into settings and capacity.
func build(name, runtimeID, arch string, in Input, s shape, pk int, types []InstanceType) (Config, Capacity, error) {
	var it InstanceType
	if in.InstanceType != "" {
		found := false
		for _, t := range types {
			if t.Name == in.InstanceType {
				it, found = t, true
			}
		}
		if !found {
			return Config{}, Capacity{}, &InputError{fmt.Sprintf("--instance-type %q: not an instance type LMI runs in this price table (C from .xlarge, M and R from .large, 6th–8th generation; see `lmicheck size --list-types`)", in.InstanceType)}
		}
		if it.Arch != arch && in.Arch != "" {
			return Config{}, Capacity{}, &InputError{fmt.Sprintf("--instance-type %s is %s but --arch is %s", it.Name, it.Arch, arch)}
		}
		arch = it.Arch
	} else {
		var ok bool
		if it, ok = chooseType(types, arch, s.ratio, s.vcpusPerEnv+reserveVCpus); !ok {
			return Config{}, Capacity{}, &InputError{fmt.Sprintf("no %s instance type in the price table holds an environment of %d vCPUs at %g GiB per vCPU", arch, s.vcpusPerEnv, s.ratio)}
		}
	}
	perInst := min((it.VCpus-reserveVCpus)/s.vcpusPerEnv, (it.MemoryMB-reserveMemoryMB)/s.memoryMB)
	if perInst < 1 {
		return Config{}, Capacity{}, &InputError{fmt.Sprintf("%s (%d vCPUs, %d MB) cannot hold an execution environment of %d vCPUs and %d MB after the instance's own reserve; choose a larger type", it.Name, it.VCpus, it.MemoryMB, s.vcpusPerEnv, s.memoryMB)}
	}
	minEnvs := in.AZs
	if minEnvs == 0 {
		minEnvs = 1
	}
	needed := max(1, int(math.Ceil(float64(pk)/float64(s.concPerEnv))))
	envs := max(needed, minEnvs)
	base := int(math.Ceil(float64(envs) / float64(perInst)))
	instances := max(base, minEnvs)
	capacity := Capacity{
		InstanceType: it.Name, VCpusPerEnvironment: s.vcpusPerEnv, ConcurrencyPerEnv: s.concPerEnv,
		EnvironmentsNeeded: envs, EnvironmentsPerInstance: perInst, BaseInstances: base, Instances: instances,
	}
	cfg := Config{
		FunctionName: name, Runtime: runtimeID, Architecture: arch, MemorySize: s.memoryMB,
		ExecutionEnvironmentMemoryGiBPerVCpu:  s.ratio,
		PerExecutionEnvironmentMaxConcurrency: s.concPerEnv,
		MinExecutionEnvironments:              minEnvs,
		// Room for the peak to double before the maximum stops scaling.
		MaxExecutionEnvironments: min(lmi.MaxEnvironments, max(2*envs, minEnvs)),
		CapacityProvider: CapacityProviderConfig{
			Name:                 capacityProviderName(name),
			Architecture:         arch,
			AllowedInstanceTypes: allowedTypes(types, it, s.vcpusPerEnv+reserveVCpus),
			// A ceiling at twice the capacity sized: a cost cap that still lets
			// traffic double (CDK's minimum is 12).
			MaxVCpuCount: min(lmi.MaxVCpuCount, max(lmi.MinVCpuCountCDK, 2*instances*it.VCpus)),
			ScalingMode:  "Auto",
		},
	}
	return cfg, capacity, nil
}

func capacityProviderName(function string) string {
	var b strings.Builder
	for _, r := range function {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Capacity"
	}
	return b.String() + "Capacity"
}

// Check validates settings against every documented limit and lists what
// was checked.
func Check(c Config) ([]string, []lmi.Problem) {
	checks := []string{
		fmt.Sprintf("MemorySize %d MB within %d–%d", c.MemorySize, lmi.MinMemoryMB, lmi.MaxMemoryMB),
		fmt.Sprintf("ExecutionEnvironmentMemoryGiBPerVCpu %g is 2, 4 or 8", c.ExecutionEnvironmentMemoryGiBPerVCpu),
		fmt.Sprintf("PerExecutionEnvironmentMaxConcurrency %d within 1–%d and ≤ 64 × %d vCPU%s = %d",
			c.PerExecutionEnvironmentMaxConcurrency, lmi.MaxConcurrencyLimit, lmi.VCpus(c.MemorySize, c.ExecutionEnvironmentMemoryGiBPerVCpu),
			plural(lmi.VCpus(c.MemorySize, c.ExecutionEnvironmentMemoryGiBPerVCpu)), lmi.MaxConcurrency(c.MemorySize, c.ExecutionEnvironmentMemoryGiBPerVCpu)),
		fmt.Sprintf("Min/MaxExecutionEnvironments %d/%d within 0–%d, min ≤ max", c.MinExecutionEnvironments, c.MaxExecutionEnvironments, lmi.MaxEnvironments),
		fmt.Sprintf("MaxVCpuCount %d within %d–%d (CDK: from %d)", c.CapacityProvider.MaxVCpuCount, lmi.MinVCpuCount, lmi.MaxVCpuCount, lmi.MinVCpuCountCDK),
		fmt.Sprintf("architecture %s matches the capacity provider's %s", c.Architecture, c.CapacityProvider.Architecture),
		fmt.Sprintf("%d allowed instance type%s, well-formed", len(c.CapacityProvider.AllowedInstanceTypes), plural(len(c.CapacityProvider.AllowedInstanceTypes))),
	}
	f := lmi.Function{
		MemoryMB: lmi.Of(float64(c.MemorySize)), Ratio: lmi.Of(c.ExecutionEnvironmentMemoryGiBPerVCpu),
		Concurrency: lmi.Of(float64(c.PerExecutionEnvironmentMaxConcurrency)), MinEnvironment: lmi.Of(float64(c.MinExecutionEnvironments)),
	}
	if c.MaxExecutionEnvironments > 0 {
		f.MaxEnvironment = lmi.Of(float64(c.MaxExecutionEnvironments))
	}
	problems := lmi.ValidateFunction(f)
	cp := lmi.CapacityProvider{Architectures: 1, Allowed: c.CapacityProvider.AllowedInstanceTypes, ScalingMode: c.CapacityProvider.ScalingMode, MinVCpuCount: lmi.MinVCpuCount}
	if c.CapacityProvider.MaxVCpuCount > 0 {
		cp.MaxVCpuCount = lmi.Of(float64(c.CapacityProvider.MaxVCpuCount))
	}
	problems = append(problems, lmi.ValidateCapacityProvider(cp)...)
	if m := lmi.ArchitectureMismatch(c.Architecture, c.CapacityProvider.Architecture); m != "" {
		problems = append(problems, lmi.Problem{Field: "Architectures", Message: m})
	}
	return checks, problems
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
