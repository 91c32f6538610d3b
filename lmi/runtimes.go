package lmi

import (
	"fmt"
	"regexp"
	"strconv"
)

// RuntimeInfo is what lmicheck knows about a Lambda runtime id on LMI.
type RuntimeInfo struct {
	ID     string // as given: "nodejs20.x"
	Family string // "nodejs", "python", "java", "dotnet", "provided", "ruby", …
	// Supported: LMI runs this runtime (lmi-facts §1.1 [D-rt]).
	Supported bool
	// Nearest is the closest supported runtime id ("" when the language has
	// none on LMI).
	Nearest string
	// PerVCpu is the default PerExecutionEnvironmentMaxConcurrency per vCPU
	// (0 when not documented).
	PerVCpu int
	// Known: the id was recognised at all.
	Known bool
}

// runtimeFamily describes one language's minimum on LMI.
type runtimeFamily struct {
	re      *regexp.Regexp // captures the version number
	family  string
	min     float64 // lowest supported version number; 0: none supported
	nearest string  // the minimum's runtime id
	perVCpu int
}

func families() []runtimeFamily {
	return []runtimeFamily{
		{regexp.MustCompile(`^nodejs(\d+)(?:\.x)?$`), "nodejs", 22, "nodejs22.x", 64},
		{regexp.MustCompile(`^python3\.(\d+)$`), "python", 13, "python3.13", 16},
		{regexp.MustCompile(`^python2\.(\d+)$`), "python", 99, "python3.13", 16},
		{regexp.MustCompile(`^java(\d+)(?:\.al2)?$`), "java", 21, "java21", 32},
		{regexp.MustCompile(`^dotnet(?:core)?(\d+)(?:\.\d+)?$`), "dotnet", 8, "dotnet8", 32},
		{regexp.MustCompile(`^ruby(\d+)\.\d+$`), "ruby", 0, "", 0},
		{regexp.MustCompile(`^go(1)\.x$`), "go", 99, "provided.al2023", 0},
	}
}

// Runtime describes a runtime id. Ids newer than the minimum are supported
// (nodejs26.x), so the table does not need a row per release.
func Runtime(id string) RuntimeInfo {
	info := RuntimeInfo{ID: id}
	switch id {
	case "provided.al2023":
		// Rust's documented default is 8 per vCPU; Go's is not documented
		// (lmi-facts §1.1), 8 is the likely value.
		return RuntimeInfo{ID: id, Family: "provided", Supported: true, Known: true, PerVCpu: 8}
	case "provided.al2", "provided":
		return RuntimeInfo{ID: id, Family: "provided", Nearest: "provided.al2023", Known: true}
	}
	for _, f := range families() {
		m := f.re.FindStringSubmatch(id)
		if m == nil {
			continue
		}
		v, _ := strconv.ParseFloat(m[1], 64)
		info.Family, info.Known, info.PerVCpu = f.family, true, f.perVCpu
		info.Supported = f.min > 0 && v >= f.min
		if !info.Supported {
			info.Nearest = f.nearest
		}
		return info
	}
	return info
}

// UnsupportedReason says why a runtime cannot run on LMI and what to move to.
func (r RuntimeInfo) UnsupportedReason() string {
	switch {
	case r.Supported || !r.Known:
		return ""
	case r.Nearest == "":
		return fmt.Sprintf("Lambda Managed Instances does not support %s (%s has no LMI runtime)", r.ID, r.Family)
	default:
		return fmt.Sprintf("Lambda Managed Instances does not support %s; the nearest supported runtime is %s", r.ID, r.Nearest)
	}
}
