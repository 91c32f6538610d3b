package sizing

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// The sample calculator's constants (lmi-facts §4 [CALC]: aws-samples/
// sample-aws-lambda-managed-instances tools/pricing-calculator/web/src/utils/
// calculator.js).
const (
	calcMinFunctionMB  = 2048
	calcReserveVCpus   = 1    // per instance, for the OS (UNCONFIRMED by AWS)
	calcReserveMB      = 1024 // per instance, for the OS
	calcScalingBuffer  = 1.5
	calcMaxInstances   = 5000
	calcDefaultRatio   = 2
	calcDefaultType    = "c7g.xlarge"
	calcDefaultReqs    = 1_000_000
	calcDefaultSeconds = 60
	// Lambda USD per millisecond at 128 MB (web/src/assets/
	// lambda-pricing-by-memory.json), scaled linearly by memory, no tiers.
	calcLambdaPerMs128X86 = 2.1e-9
	calcLambdaPerMs128ARM = 1.7e-9
)

// calcRuntimeCap is the calculator's RUNTIME_LIMITS: concurrency per vCPU.
// It has no Go or Rust entry.
func calcRuntimeCap(runtime string) (int, bool) {
	switch runtime {
	case "nodejs":
		return 64, true
	case "java", "dotnet":
		return 32, true
	case "python":
		return 16, true
	}
	return 0, false
}

// calcCPUShare is the CPU one invocation uses by workload (WORKLOAD_TYPES
// utilizationFactor); an unknown workload is balanced, as in the calculator.
func calcCPUShare(w Workload) float64 {
	switch w {
	case IOBound:
		return 0.125
	case CPUBound:
		return 0.50
	}
	return 0.25
}

// calcMinInstances is AZ_CONFIGS minInstances: 3 (3 AZs), 5 (5 AZs), 1
// (none). The calculator's per-AZ buffers (1.5, 1.25) are documented but not
// applied: only its fixed ×1.5 is (lmi-facts §6 item 12).
func calcMinInstances(azs int) (int, error) {
	switch azs {
	case 3:
		return 3, nil
	case 5:
		return 5, nil
	case 0:
		return 1, nil
	}
	return 0, fmt.Errorf("the sample calculator knows 3 AZs, 5 AZs or none (0), not %d", azs)
}

// SampleCalculator reproduces the public AWS sample LMI pricing calculator
// step by step (lmi-facts §4) so lmicheck's results can be checked against
// it. It prices instances with book (pricing.CalculatorBook reproduces the
// calculator's own us-east-1 numbers exactly) and prices Lambda the
// calculator's way: a $/ms rate at 128 MB scaled linearly by the memory per
// invocation, no tiers, its 12 % Savings Plan discount. Zero values take the
// calculator's defaults: ratio 2, c7g.xlarge, 1,000,000 requests, 60 s,
// arm64; AZs 0 means its "no AZ buffer".
func SampleCalculator(in Input, book PriceBook) (Capacity, Cost, error) {
	family := strings.ToLower(in.Runtime)
	limit, ok := calcRuntimeCap(family)
	if !ok {
		return Capacity{}, Cost{}, fmt.Errorf("the sample calculator models nodejs, python, java and dotnet, not %q", in.Runtime)
	}
	if in.PeakConcurrency <= 0 {
		return Capacity{}, Cost{}, fmt.Errorf("target concurrency must be above 0")
	}
	if in.MemoryPerInvocationMB <= 0 {
		return Capacity{}, Cost{}, fmt.Errorf("memory per invocation must be above 0 MB")
	}
	ratio := in.Ratio
	if ratio == 0 {
		ratio = calcDefaultRatio
	}
	itype := in.InstanceType
	if itype == "" {
		itype = calcDefaultType
	}
	region := in.Region
	if region == "" {
		region = "us-east-1"
	}
	requests := in.RequestsPerMonth
	if requests == 0 {
		requests = calcDefaultReqs
	}
	duration := in.Duration
	if duration == 0 {
		duration = calcDefaultSeconds * time.Second
	}
	if requests < 0 || duration < 0 {
		return Capacity{}, Cost{}, fmt.Errorf("requests per month and duration must be above 0")
	}
	arch := in.Arch
	if arch == "" {
		arch = "arm64"
	}
	minInst, err := calcMinInstances(in.AZs)
	if err != nil {
		return Capacity{}, Cost{}, err
	}
	disc, err := DiscountsFor(in.Discount, LambdaSavingsPlanCalculator)
	if err != nil {
		return Capacity{}, Cost{}, err
	}

	// Step 1: concurrency per vCPU the memory allows, 1..runtime cap.
	memPerExec := float64(in.MemoryPerInvocationMB)
	concPerVCpu := max(1, min(limit, int(math.Floor(ratio*1024/memPerExec))))
	// Step 2: function memory.
	fnMem := max(calcMinFunctionMB, int(math.Ceil(memPerExec*float64(concPerVCpu))))
	// Step 3: vCPUs per execution environment.
	vcpuPerEnv := int(math.Ceil(float64(fnMem) / (ratio * 1024)))
	// Step 4: sustainable concurrency per environment from the workload's CPU.
	share := calcCPUShare(in.Workload) * 100
	perVCpu := min(int(math.Floor(100/share)), limit)
	perEnv := perVCpu * vcpuPerEnv
	// Step 5: environments.
	envs := int(math.Ceil(float64(in.PeakConcurrency) / float64(perEnv)))
	// Step 6: environments per instance after the OS reserve.
	spec, hourly, err := calcInstance(book, region, itype)
	if err != nil {
		return Capacity{}, Cost{}, err
	}
	usableVCpus := spec.VCpus - calcReserveVCpus
	usableMB := spec.MemoryMB - calcReserveMB
	if usableVCpus <= 0 || usableMB <= 0 {
		return Capacity{}, Cost{}, fmt.Errorf("cannot fit environments on %s: nothing is left after the OS reserve of 1 vCPU and 1024 MB", itype)
	}
	// The calculator takes at least 1 even when an environment does not fit.
	perInstance := max(1, min(usableVCpus/vcpuPerEnv, usableMB/fnMem))
	// Step 7: base instances; step 8: the fixed ×1.5 buffer.
	base := max(minInst, int(math.Ceil(float64(envs)/float64(perInstance))))
	final := max(minInst, int(math.Ceil(float64(base)*calcScalingBuffer)))
	if final > calcMaxInstances {
		return Capacity{}, Cost{}, fmt.Errorf("requires %d instances — unrealistic (the calculator stops at %d)", final, calcMaxInstances)
	}

	capacity := Capacity{
		InstanceType:            itype,
		VCpusPerEnvironment:     vcpuPerEnv,
		ConcurrencyPerEnv:       perEnv,
		EnvironmentsNeeded:      envs,
		EnvironmentsPerInstance: perInstance,
		BaseInstances:           base,
		Instances:               final,
	}
	lmi := LMIMonthly(final, hourly, requests, disc.EC2)
	lambda := calcLambda(requests, duration, in.MemoryPerInvocationMB, arch, disc.Lambda)
	fixed := LMIMonthly(final, hourly, 0, disc.EC2).Total()
	cost := Cost{
		LMIMonthlyUSD:       lmi.Total(),
		LMIComputeUSD:       lmi.ComputeUSD,
		LMIManagementFeeUSD: lmi.ManagementFeeUSD,
		LMIRequestsUSD:      lmi.RequestsUSD,
		LambdaMonthlyUSD:    lambda,
		InstanceHourlyUSD:   hourly,
		PriceSource:         book.Source(),
		PriceDate:           book.Date(),
		// The calculator's instance count does not depend on requests, so
		// LMI is fixed + requests × $0.20/M and Lambda is linear: they cross
		// where fixed = requests × (Lambda duration cost per request).
		BreakEvenRequestsPerMonth: Crossover(
			func(r float64) float64 { return fixed + r*RequestUSDPerMillion/1e6 },
			func(r float64) float64 {
				return calcLambda(r, duration, in.MemoryPerInvocationMB, arch, disc.Lambda)
			}, 0),
	}
	return capacity, cost, nil
}

// calcLambda is the calculator's calcStandardLambdaCost.
func calcLambda(requests float64, duration time.Duration, memoryMB int, arch string, discount float64) float64 {
	perMs := calcLambdaPerMs128X86
	if arch == "arm64" {
		perMs = calcLambdaPerMs128ARM
	}
	perMs *= float64(memoryMB) / 128
	ms := float64(duration) / float64(time.Millisecond)
	return requests*ms*perMs*(1-discount) + requests*RequestUSDPerMillion/1e6
}

func calcInstance(book PriceBook, region, name string) (InstanceType, float64, error) {
	hourly, err := book.InstanceHourly(region, name)
	if err != nil {
		return InstanceType{}, 0, err
	}
	for _, t := range book.InstanceTypes(region) {
		if t.Name == name {
			return t, hourly, nil
		}
	}
	return InstanceType{}, 0, fmt.Errorf("%s: the price book has a price but no vCPU and memory figures in %s", name, region)
}
