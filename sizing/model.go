package sizing

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/lmicheck/lmicheck/lmi"
)

// Model constants of lmicheck's own model. Where a number comes from the
// sources, lmi-facts names the section; where it is lmicheck's choice, the
// comment says why.
const (
	// DefaultTargetCPU is the share of an execution environment's vCPUs that steady
	// load may use: AWS scales capacity on CPU and keeps headroom that absorbs
	// traffic doubling within 5 minutes (lmi-facts §2 "Scaling"); 70% is the
	// target CDK's own example uses for its CPU policy.
	DefaultTargetCPU = 0.70
	// PeakToAverage turns an average concurrency (requests × duration) into
	// a peak when the user gives no --concurrency: a daily peak at twice the
	// mean is a common shape; give --concurrency to be exact.
	PeakToAverage = 2.0
)

// CPUPerInvocation is the share of one vCPU an invocation uses while in
// flight, per workload: the sample calculator's constants (lmi-facts §4).
func CPUPerInvocation(w Workload) float64 {
	switch w {
	case IOBound:
		return 0.125
	case CPUBound:
		return 0.50
	}
	return 0.25
}

// Family is the runtime family of a runtime name or id ("nodejs22.x" →
// "nodejs"); "" when unknown.
func Family(runtime string) string {
	switch r := strings.ToLower(runtime); {
	case r == "":
		return ""
	case strings.HasPrefix(r, "nodejs") || r == "node":
		return "nodejs"
	case strings.HasPrefix(r, "python"):
		return "python"
	case strings.HasPrefix(r, "java"):
		return "java"
	case strings.HasPrefix(r, "dotnet") || r == ".net":
		return "dotnet"
	case r == "go" || strings.HasPrefix(r, "go1"):
		return "go"
	case r == "rust":
		return "rust"
	case strings.HasPrefix(r, "provided"):
		return "rust" // provided.al2023: Go or Rust, both 8 per vCPU (lmi-facts §1.1)
	}
	return ""
}

// PerVCpuDefault is the runtime's default concurrency per vCPU (lmi-facts
// §1.1; Go is undocumented, 8 like Rust on provided.al2023).
func PerVCpuDefault(family string) int {
	switch family {
	case "nodejs":
		return 64
	case "python":
		return 16
	case "java", "dotnet":
		return 32
	case "go", "rust":
		return 8
	}
	return 0
}

// DefaultRuntimeID is the runtime id a family gets when none is known.
func DefaultRuntimeID(family string) string {
	switch family {
	case "nodejs":
		return "nodejs22.x"
	case "python":
		return "python3.13"
	case "java":
		return "java21"
	case "dotnet":
		return "dotnet8"
	}
	return "provided.al2023"
}

// ratioFamilies maps a memory-to-vCPU ratio to the instance families that
// have it: C has 2 GiB per vCPU, M 4, R 8.
func ratioFamily(ratio float64) byte {
	switch ratio {
	case 4:
		return 'm'
	case 8:
		return 'r'
	}
	return 'c'
}

// Plan is one function's sizing: what to set, what it takes, what it costs.
type Plan struct {
	Function string `json:"function"`
	Runtime  string `json:"runtime"`
	// Status is "ok", or "fix-first" when error-level hazards make any
	// concurrency above 1 unsafe.
	Status   string   `json:"status"`
	Blocking []string `json:"blocking,omitempty"`
	Why      []string `json:"why"`

	Settings Config   `json:"settings"`
	Capacity Capacity `json:"capacity"`
	Cost     Cost     `json:"cost"`
	// AtConcurrencyOne is what running safely before the fixes costs: one
	// invocation per execution environment (only with fix-first).
	AtConcurrencyOne *Alternative `json:"atConcurrencyOne,omitempty"`
	// Checks are the limits the settings were validated against; Problems
	// what they break (empty for a recommendation).
	Checks   []string      `json:"checks"`
	Problems []lmi.Problem `json:"problems,omitempty"`

	// Monthly cost as a function of requests per month (for the chart).
	lmiCurve, lambdaCurve func(float64) float64
}

// Curves are the plan's monthly cost of LMI and of Lambda as functions of
// requests per month (nil before pricing, and for the reference model).
func (p Plan) Curves() (lmi, lambda func(float64) float64) { return p.lmiCurve, p.lambdaCurve }

// Alternative is a second configuration shown for comparison.
type Alternative struct {
	Settings Config   `json:"settings"`
	Capacity Capacity `json:"capacity"`
	Cost     Cost     `json:"cost"`
}

// InputError is a workload or setting that cannot be sized; it names the
// limit and the nearest legal value.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// Validate checks an input before sizing.
func Validate(in Input) error {
	if in.Runtime != "" && Family(in.Runtime) == "" {
		return &InputError{fmt.Sprintf("--runtime %q: unknown runtime (nodejs, python, java, dotnet, go, rust, or a runtime id like nodejs22.x)", in.Runtime)}
	}
	if in.Ratio != 0 && !slices.Contains(lmi.Ratios(), in.Ratio) {
		return &InputError{fmt.Sprintf("--memory-vcpu-ratio %v: LMI supports 2, 4 or 8 GiB per vCPU; the nearest is %v", in.Ratio, lmi.NearestRatio(in.Ratio))}
	}
	if in.MemoryPerInvocationMB < 0 {
		return &InputError{"--memory-per-invocation must be positive"}
	}
	if in.MemoryPerInvocationMB > lmi.MaxMemoryMB {
		return &InputError{fmt.Sprintf("--memory-per-invocation %d MB: one invocation cannot use more than a function's maximum of %d MB; the nearest legal value is %d", in.MemoryPerInvocationMB, lmi.MaxMemoryMB, lmi.MaxMemoryMB)}
	}
	if in.Arch != "" && in.Arch != "arm64" && in.Arch != "x86_64" {
		return &InputError{fmt.Sprintf("--arch %q: LMI runs arm64 or x86_64", in.Arch)}
	}
	if in.PeakConcurrency < 0 || in.RequestsPerMonth < 0 || in.Duration < 0 {
		return &InputError{"concurrency, requests and duration cannot be negative"}
	}
	switch in.AZs {
	case 0, 3, 5:
	default:
		return &InputError{fmt.Sprintf("--az %d: 3, 5 or none", in.AZs)}
	}
	return nil
}

// peak is the target peak concurrency: given, or from requests × duration.
func peak(in Input) (int, string) {
	if in.PeakConcurrency > 0 {
		return in.PeakConcurrency, fmt.Sprintf("peak concurrency %d (given)", in.PeakConcurrency)
	}
	if in.RequestsPerMonth > 0 && in.Duration > 0 {
		avg := in.RequestsPerMonth / (HoursPerMonth * 3600) * in.Duration.Seconds()
		p := max(1, int(math.Ceil(avg*PeakToAverage)))
		return p, fmt.Sprintf("peak concurrency %d: %.0f requests/month × %s average = %.2f on average, ×%.0f for the peak", p, in.RequestsPerMonth, in.Duration, avg, PeakToAverage)
	}
	return 1, "peak concurrency 1 (no --concurrency, requests or duration given)"
}

// chooseType picks the instance type for a ratio and architecture: the
// cheapest per vCPU of the ratio's family among types that hold at least one
// environment, preferring the newest generation on a tie.
func chooseType(types []InstanceType, arch string, ratio float64, vcpusPerEnv int) (InstanceType, bool) {
	fam := ratioFamily(ratio)
	var cands []InstanceType
	for _, t := range types {
		if t.Arch != arch || len(t.Name) == 0 || t.Name[0] != fam || t.VCpus < vcpusPerEnv || t.Hourly <= 0 {
			continue
		}
		cands = append(cands, t)
	}
	if len(cands) == 0 {
		return InstanceType{}, false
	}
	slices.SortFunc(cands, func(a, b InstanceType) int {
		if c := cmp.Compare(a.Hourly/float64(a.VCpus), b.Hourly/float64(b.VCpus)); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Name, a.Name); c != 0 { // c8g before c7g
			return c
		}
		return cmp.Compare(a.VCpus, b.VCpus)
	})
	// Among equally cheap sizes, the smallest that fits four environments
	// packs without stranding capacity.
	best := cands[0]
	for _, c := range cands {
		if c.Hourly/float64(c.VCpus) > best.Hourly/float64(best.VCpus)*1.0001 {
			break
		}
		if c.VCpus >= 4*vcpusPerEnv && (best.VCpus < 4*vcpusPerEnv || c.VCpus < best.VCpus) {
			best = c
		}
	}
	return best, true
}

// family of an instance type name ("c7g.xlarge" → "c7g").
func typeFamily(name string) string {
	f, _, _ := strings.Cut(name, ".")
	return f
}

// allowedTypes lists the chosen type and its family's other sizes that hold
// an environment, so the provider is not narrowed to one type (LMI014).
func allowedTypes(types []InstanceType, chosen InstanceType, vcpusPerEnv int) []string {
	var out []string
	for _, t := range types {
		if typeFamily(t.Name) == typeFamily(chosen.Name) && t.VCpus >= vcpusPerEnv && t.VCpus <= 4*chosen.VCpus {
			out = append(out, t.Name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
