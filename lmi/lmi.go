// Package lmi holds the documented limits of AWS Lambda Managed Instances and
// the runtimes it supports, as data and small pure functions. It is the one
// implementation of configuration validation: rules (LMI011, LMI012) check
// templates with it and sizing checks what it recommends or is given.
//
// Every number comes from ../shared/lmi-facts.md §1–§2; the comment on each
// says which source and, where sources disagree, which one was chosen.
package lmi

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Limits of lmi-facts §2.
const (
	MinMemoryMB         = 2048  // [D-scale]: 2 GB, 1 vCPU
	MaxMemoryMB         = 32768 // [SKILL][TF-46052]
	MaxConcurrencyLimit = 1600  // PerExecutionEnvironmentMaxConcurrency [API-LMI]
	MaxConcurrencyVCpu  = 64    // per vCPU [D-scale]
	MaxEnvironments     = 15000 // Min/MaxExecutionEnvironments [API-FSC]
	DefaultMinEnvs      = 3     // [API-FSC][D-scale]
	MinVCpuCount        = 2     // MaxVCpuCount [API-CPSC]; CDK validates 12 (§6 item 4)
	MinVCpuCountCDK     = 12
	MaxVCpuCount        = 15000
	DefaultMaxVCpuCount = 400 // [API-CPSC][D-cp]
	MaxSubnets          = 16  // [D-cp]
	MaxInstanceTypes    = 400 // [API-IR]
	// DefaultRatio is the memory GiB per vCPU when none is given: 2.0 as in the
	// CDK source, the Serverless Framework and the newer AWS skill (§6 item 1;
	// the AWS docs are silent, an older skill says 4).
	DefaultRatio = 2.0
)

// Ratios are the supported ExecutionEnvironmentMemoryGiBPerVCpu values.
func Ratios() []float64 { return []float64{2, 4, 8} }

// VCpus is the vCPUs of one execution environment: memory ÷ (ratio × 1024),
// at least 1 [D-scale][CALC]. A fraction is rounded up: the docs do not say
// how Lambda rounds, and rounding up never reports a legal setting as illegal.
func VCpus(memoryMB int, ratio float64) int {
	if ratio <= 0 {
		ratio = DefaultRatio
	}
	return max(1, int(math.Ceil(float64(memoryMB)/(ratio*1024)-1e-9)))
}

// MaxConcurrency is the largest legal PerExecutionEnvironmentMaxConcurrency
// for a memory size and ratio.
func MaxConcurrency(memoryMB int, ratio float64) int {
	return min(MaxConcurrencyLimit, MaxConcurrencyVCpu*VCpus(memoryMB, ratio))
}

// Problem is one limit a configuration breaks.
type Problem struct {
	// Field is the API property at fault: "MemorySize",
	// "PerExecutionEnvironmentMaxConcurrency", "MaxVCpuCount", …
	Field   string
	Message string // what is wrong and the limit, as a sentence
	// Nearest is the nearest legal value, when there is one ("2048").
	Nearest string
}

func (p Problem) String() string {
	if p.Nearest != "" {
		return fmt.Sprintf("%s (nearest legal value: %s)", p.Message, p.Nearest)
	}
	return p.Message
}

// Opt is an optional number: a setting that may be absent.
type Opt struct {
	V   float64
	Set bool
}

// Of is a present value.
func Of(v float64) Opt { return Opt{V: v, Set: true} }

// Function is what validation needs of a function's LMI settings. Unset
// fields are not checked (and take their defaults where another check needs
// them).
type Function struct {
	MemoryMB       Opt
	Ratio          Opt // ExecutionEnvironmentMemoryGiBPerVCpu
	Concurrency    Opt // PerExecutionEnvironmentMaxConcurrency
	MinEnvironment Opt
	MaxEnvironment Opt
}

// ValidateFunction checks a function's settings against lmi-facts §2.
func ValidateFunction(f Function) []Problem {
	var out []Problem
	if f.MemoryMB.Set {
		m := f.MemoryMB.V
		switch {
		case m < MinMemoryMB:
			out = append(out, Problem{"MemorySize", fmt.Sprintf("MemorySize %s MB is below the %d MB (2 GB, 1 vCPU) minimum for Lambda Managed Instances", num(m), MinMemoryMB), strconv.Itoa(MinMemoryMB)})
		case m > MaxMemoryMB:
			out = append(out, Problem{"MemorySize", fmt.Sprintf("MemorySize %s MB is above the %d MB maximum for Lambda Managed Instances", num(m), MaxMemoryMB), strconv.Itoa(MaxMemoryMB)})
		}
	}
	ratioOK := true
	if f.Ratio.Set {
		if !validRatio(f.Ratio.V) {
			ratioOK = false
			out = append(out, Problem{"ExecutionEnvironmentMemoryGiBPerVCpu", fmt.Sprintf("ExecutionEnvironmentMemoryGiBPerVCpu %s is not a supported ratio (2, 4 or 8 GiB per vCPU)", num(f.Ratio.V)), num(NearestRatio(f.Ratio.V))})
		}
	}
	if f.Concurrency.Set {
		c := f.Concurrency.V
		switch {
		case c < 1 || c != math.Trunc(c):
			out = append(out, Problem{"PerExecutionEnvironmentMaxConcurrency", fmt.Sprintf("PerExecutionEnvironmentMaxConcurrency %s must be a whole number from 1 to %d", num(c), MaxConcurrencyLimit), "1"})
		case c > MaxConcurrencyLimit:
			out = append(out, Problem{"PerExecutionEnvironmentMaxConcurrency", fmt.Sprintf("PerExecutionEnvironmentMaxConcurrency %s is above the limit of %d", num(c), MaxConcurrencyLimit), strconv.Itoa(MaxConcurrencyLimit)})
		case f.MemoryMB.Set && f.MemoryMB.V >= MinMemoryMB && f.MemoryMB.V <= MaxMemoryMB && ratioOK:
			ratio, how := DefaultRatio, "the default ratio of 2 GiB per vCPU"
			if f.Ratio.Set {
				ratio, how = f.Ratio.V, fmt.Sprintf("a ratio of %s GiB per vCPU", num(f.Ratio.V))
			}
			v := VCpus(int(f.MemoryMB.V), ratio)
			if limit := MaxConcurrency(int(f.MemoryMB.V), ratio); c > float64(limit) {
				out = append(out, Problem{"PerExecutionEnvironmentMaxConcurrency", fmt.Sprintf(
					"PerExecutionEnvironmentMaxConcurrency %s exceeds the limit of %d per vCPU: MemorySize %s MB with %s gives %d vCPU%s, so at most %d",
					num(c), MaxConcurrencyVCpu, num(f.MemoryMB.V), how, v, plural(v), limit), strconv.Itoa(limit)})
			}
		}
	}
	for _, e := range []struct {
		name string
		o    Opt
	}{{"MinExecutionEnvironments", f.MinEnvironment}, {"MaxExecutionEnvironments", f.MaxEnvironment}} {
		if !e.o.Set {
			continue
		}
		if e.o.V < 0 || e.o.V > MaxEnvironments || e.o.V != math.Trunc(e.o.V) {
			out = append(out, Problem{e.name, fmt.Sprintf("%s %s must be a whole number from 0 to %d", e.name, num(e.o.V), MaxEnvironments), num(math.Max(0, math.Min(MaxEnvironments, math.Round(e.o.V))))})
		}
	}
	if f.MinEnvironment.Set && f.MaxEnvironment.Set && f.MinEnvironment.V > f.MaxEnvironment.V {
		out = append(out, Problem{"MinExecutionEnvironments", fmt.Sprintf("MinExecutionEnvironments %s is greater than MaxExecutionEnvironments %s", num(f.MinEnvironment.V), num(f.MaxEnvironment.V)), num(f.MaxEnvironment.V)})
	}
	if f.MinEnvironment.Set && f.MinEnvironment.V == 0 && f.MaxEnvironment.Set && f.MaxEnvironment.V > 0 {
		// [API-FSC]: a minimum of 0 is allowed only with a maximum of 0
		// (which deactivates the function).
		out = append(out, Problem{"MinExecutionEnvironments", "MinExecutionEnvironments 0 is allowed only together with MaxExecutionEnvironments 0 (which deactivates the function)", "1"})
	}
	return out
}

func validRatio(r float64) bool {
	for _, v := range Ratios() {
		if r == v {
			return true
		}
	}
	return false
}

// NearestRatio is the supported ratio closest to r (the smaller on a tie).
func NearestRatio(r float64) float64 {
	best := Ratios()[0]
	for _, v := range Ratios() {
		if math.Abs(v-r) < math.Abs(best-r) {
			best = v
		}
	}
	return best
}

// CapacityProvider is what validation needs of a capacity provider.
type CapacityProvider struct {
	Architectures int // how many are listed (0: the default, x86_64)
	Allowed       []string
	Excluded      []string
	// AllowedListed, ExcludedListed: the list is written even if its names
	// are not literal (only one of the two lists may be given).
	AllowedListed, ExcludedListed bool
	MaxVCpuCount                  Opt
	// MinVCpuCount is the lower bound to check MaxVCpuCount against:
	// MinVCpuCount (the API) or MinVCpuCountCDK for CDK code.
	MinVCpuCount int
	ScalingMode  string // "" when not set or not a literal
	// Subnets is the number of subnets when known; SubnetsKnown is false when
	// the list is not literal. NoVpc: no VPC configuration at all.
	Subnets      int
	SubnetsKnown bool
	NoVpc        bool
}

var instanceTypeRE = regexp.MustCompile(`^[a-zA-Z0-9.-]{1,30}$`)
var excludedTypeRE = regexp.MustCompile(`^[a-zA-Z0-9.*-]{1,30}$`)

// ValidInstanceType reports whether a name is a well-formed instance type
// for the allowed (wildcards false) or excluded (true) list [API-IR].
func ValidInstanceType(name string, wildcards bool) bool {
	if wildcards {
		return excludedTypeRE.MatchString(name)
	}
	return instanceTypeRE.MatchString(name)
}

// ValidateCapacityProvider checks a capacity provider against lmi-facts §2.
// Problems about a single instance type name carry Field "InstanceType:<name>".
func ValidateCapacityProvider(c CapacityProvider) []Problem {
	var out []Problem
	if c.Architectures > 1 {
		out = append(out, Problem{"Architectures", fmt.Sprintf("a capacity provider has exactly one architecture; %d are listed", c.Architectures), ""})
	}
	if (len(c.Allowed) > 0 || c.AllowedListed) && (len(c.Excluded) > 0 || c.ExcludedListed) {
		out = append(out, Problem{"ExcludedInstanceTypes", "allowed and excluded instance types cannot both be given: use one list", ""})
	}
	for _, l := range []struct {
		field string
		names []string
		wild  bool
	}{{"AllowedInstanceTypes", c.Allowed, false}, {"ExcludedInstanceTypes", c.Excluded, true}} {
		if len(l.names) > MaxInstanceTypes {
			out = append(out, Problem{l.field, fmt.Sprintf("%s lists %d instance types; at most %d are allowed", l.field, len(l.names), MaxInstanceTypes), ""})
		}
		for _, n := range l.names {
			if !ValidInstanceType(n, l.wild) {
				what := "letters, digits, '.' and '-'"
				if l.wild {
					what = "letters, digits, '.', '-' and '*'"
				}
				out = append(out, Problem{"InstanceType:" + n, fmt.Sprintf("%q is not a well-formed instance type name (1–30 characters: %s)", n, what), ""})
			} else if !l.wild && !strings.Contains(n, ".") {
				out = append(out, Problem{"InstanceType:" + n, fmt.Sprintf("%q names no instance size: allowed types are full names such as c7g.xlarge", n), ""})
			}
		}
	}
	if c.MaxVCpuCount.Set {
		lo := c.MinVCpuCount
		if lo == 0 {
			lo = MinVCpuCount
		}
		v := c.MaxVCpuCount.V
		switch {
		case v != math.Trunc(v) || v < float64(lo):
			out = append(out, Problem{"MaxVCpuCount", fmt.Sprintf("MaxVCpuCount %s is below the minimum of %d", num(v), lo), strconv.Itoa(lo)})
		case v > MaxVCpuCount:
			out = append(out, Problem{"MaxVCpuCount", fmt.Sprintf("MaxVCpuCount %s is above the maximum of %d", num(v), MaxVCpuCount), strconv.Itoa(MaxVCpuCount)})
		}
	}
	if c.ScalingMode != "" && c.ScalingMode != "Auto" && c.ScalingMode != "Manual" {
		out = append(out, Problem{"ScalingMode", fmt.Sprintf("ScalingMode %q is not Auto or Manual", c.ScalingMode), nearestMode(c.ScalingMode)})
	}
	switch {
	case c.NoVpc:
		out = append(out, Problem{"VpcConfig", "a capacity provider needs a VPC configuration with 1 to 16 subnets: its instances run in your VPC", ""})
	case c.SubnetsKnown && c.Subnets == 0:
		out = append(out, Problem{"SubnetIds", "a capacity provider needs at least one subnet (1 to 16)", ""})
	case c.SubnetsKnown && c.Subnets > MaxSubnets:
		out = append(out, Problem{"SubnetIds", fmt.Sprintf("%d subnets are listed; at most %d are allowed", c.Subnets, MaxSubnets), ""})
	}
	return out
}

func nearestMode(s string) string {
	if strings.EqualFold(s, "manual") {
		return "Manual"
	}
	return "Auto"
}

// ArchitectureMismatch describes a function whose architecture differs from
// its capacity provider's ("" when they match). Absent values are x86_64.
func ArchitectureMismatch(function, provider string) string {
	if function == "" {
		function = "x86_64"
	}
	if provider == "" {
		provider = "x86_64"
	}
	if function == provider {
		return ""
	}
	return fmt.Sprintf("the function is %s but its capacity provider runs %s instances: they must match", function, provider)
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
