package rules

import (
	"fmt"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/lmi"
)

func configurationRisk() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI014",
			Name:    "lmi-configuration-risk",
			Summary: "A legal Lambda Managed Instances setting that AWS guidance warns about.",
			Description: "These settings deploy, but cost availability, money or the function itself:\n" +
				"- a function on a capacity provider whose versions are never published (SAM `AutoPublishAlias`, " +
				"`PublishToLatestPublished`, Terraform `publish`, CDK `publishToLatestPublished: false`): only published " +
				"versions run on LMI — a warning when publishing is switched off, a note when it is not written;\n" +
				"- `MinExecutionEnvironments` below 3 outside a development or test stage: fewer than three environments " +
				"lose multi-AZ coverage (a warning for a production stage, a note when the stage is unknown);\n" +
				"- allowed instance types narrowed to one or two: capacity may be unavailable when those types are short (note);\n" +
				"- no `MaxVCpuCount`: the service default of 400 vCPUs is the only cost ceiling (note);\n" +
				"- an x86_64 capacity provider: Graviton (arm64) instances cost less for most code without x86-only " +
				"native dependencies (note);\n" +
				"- a function whose code writes files under /tmp while its EphemeralStorage (default 512 MB), split over " +
				"its concurrent invocations (PerExecutionEnvironmentMaxConcurrency, or the runtime default per vCPU), " +
				"leaves less than 16 MB each (note; the scan sees that requests write there, not how much).",
			Fix: "Publish a version (AutoPublishAlias or PublishToLatestPublished: true); keep at least 3 execution " +
				"environments in production; allow several instance types or families; set MaxVCpuCount to the most you " +
				"are willing to pay for; prefer arm64 when the dependencies allow it.",
			Severity: everyRuntime(findings.Warning),
			Examples: []findings.Example{{Runtime: "nodejs",
				Bad: `FunctionScalingConfig:
  MinExecutionEnvironments: 1   # one AZ: an outage takes the function down`,
				Good: `FunctionScalingConfig:
  MinExecutionEnvironments: 3`}},
		},
		check: func(ps *pass) {
			writers := tmpWriters(ps)
			for _, df := range ps.p.deployedFunctions() {
				functionRisks(ps, df)
				storageRisk(ps, df, writers)
			}
			for di := range ps.p.Deployments {
				d := &ps.p.Deployments[di]
				for ci := range d.CapacityProviders {
					providerRisks(ps, d, &d.CapacityProviders[ci])
				}
			}
		},
	}
}

func functionRisks(ps *pass, df deployedFunction) {
	fn, c := df.fn, df.fn.LMI
	if c == nil {
		return
	}
	rt := runtimeFamily(fn.Runtime)
	d := df.d
	// Publishing.
	switch b, ok := c.Publish.Bool(); {
	case ok && !b:
		ps.reportFile(fileFinding{path: d.Path, runtime: rt, pos: c.Publish.Pos, key: "publish", subject: fn.Name,
			message: fmt.Sprintf("Function `%s` is attached to a capacity provider but publishing is switched off: only published "+
				"versions run on Lambda Managed Instances, so this function never does. Publish a version ($LATEST.PUBLISHED).", fn.Name)})
	case !c.Publish.IsSet() && d.Kind != facts.CDKSource && d.Kind != facts.CDKOut && d.Kind != facts.Serverless:
		how := "AutoPublishAlias (or PublishToLatestPublished: true)"
		switch d.Kind {
		case facts.CloudFormation:
			how = "PublishToLatestPublished: true or an AWS::Lambda::Version resource"
		case facts.Terraform:
			how = "publish = true"
		}
		ps.reportFile(fileFinding{path: d.Path, runtime: rt, pos: c.Pos, key: "publish", subject: fn.Name, severity: findings.Note,
			message: fmt.Sprintf("Function `%s` is attached to a capacity provider, and only published versions run on Lambda "+
				"Managed Instances; this %s does not say it publishes one. Make it explicit with %s.", fn.Name, kindName(d.Kind), how)})
	}
	// Fewer than three environments.
	if n, ok := c.MinEnvironments.Int(); ok && n < lmi.DefaultMinEnvs {
		maxN, maxOK := c.MaxEnvironments.Int()
		deactivated := n == 0 && maxOK && maxN == 0
		if !deactivated && !nonProduction(d.Stage) {
			sev, stage := findings.Note, "no stage is named here, so this may be production"
			if production(d.Stage) {
				sev, stage = findings.Warning, fmt.Sprintf("stage %q is production", d.Stage)
			}
			ps.reportFile(fileFinding{path: fileOf(c.MinEnvironments, d), runtime: rt, pos: c.MinEnvironments.Pos, key: "MinExecutionEnvironments", subject: fn.Name, severity: sev,
				message: fmt.Sprintf("Function `%s` keeps MinExecutionEnvironments %d: below 3 the function loses multi-AZ coverage, "+
					"and one instance or zone failure takes it down while scaling catches up (%s). Use at least 3 in production.", fn.Name, n, stage)})
		}
	}
}

func providerRisks(ps *pass, d *facts.Deployment, cp *facts.CapacityProvider) {
	if n := len(cp.AllowedTypes); n > 0 && n <= 2 && allLiteral(cp.AllowedTypes) {
		ps.reportFile(fileFinding{path: d.Path, pos: at(facts.Setting{Pos: cp.AllowedPos}, cp.Pos), key: "AllowedInstanceTypes", subject: cp.Name, severity: findings.Note,
			message: fmt.Sprintf("Capacity provider `%s` allows only %d instance type%s: when %s short in a zone, Lambda cannot "+
				"launch capacity and invocations are throttled. Allow several sizes or families, or exclude the types you must avoid instead.",
				cp.Name, n, plural(n), map[bool]string{true: "it is", false: "they are"}[n == 1])})
	}
	if !cp.MaxVCpuCount.IsSet() {
		ps.reportFile(fileFinding{path: d.Path, pos: cp.Pos, key: "MaxVCpuCount", subject: cp.Name, severity: findings.Note,
			message: fmt.Sprintf("Capacity provider `%s` sets no MaxVCpuCount: the service default of %d vCPUs is the only ceiling "+
				"on how many instances a traffic spike or a retry storm can start. Set the most you are willing to pay for.", cp.Name, lmi.DefaultMaxVCpuCount)})
	}
	arch := cp.Architecture
	if arch.State == facts.Absent || (arch.State == facts.Literal && arch.Value == "x86_64") {
		what := "runs x86_64 instances (the default when no architecture is given)"
		if arch.IsSet() {
			what = "runs x86_64 instances"
		}
		ps.reportFile(fileFinding{path: d.Path, pos: at(arch, cp.Pos), key: "Architectures", subject: cp.Name, severity: findings.Note,
			message: fmt.Sprintf("Capacity provider `%s` %s: Graviton (arm64) instances cost less for the same work. Unless a "+
				"dependency ships x86-only native code, use arm64 for the provider and its functions.", cp.Name, what)})
	}
}

func allLiteral(ss []facts.Setting) bool {
	for _, s := range ss {
		if s.State != facts.Literal {
			return false
		}
	}
	return true
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// tmpBudgetMB is the /tmp space per concurrent invocation below which a
// function that writes files under /tmp gets a note: the scan cannot measure
// file sizes, only that requests write there.
const tmpBudgetMB = 16

// tmpWriters returns the handlers (by name) whose invocation code writes
// files under /tmp, with the first such call.
func tmpWriters(ps *pass) map[string]facts.Pos {
	out := map[string]facts.Pos{}
	ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
		if _, done := out[h.Name]; done {
			return
		}
		for _, c := range f.Functions[id.Func].Calls {
			op, ok := argCallFor(c.Callee, k.FileOps)
			if !ok || !op.Write {
				continue
			}
			for _, ai := range op.Args {
				if ai < len(c.Args) && ps.p.evalPath(id.File, c.Args[ai], k).underTmp() {
					out[h.Name] = c.Pos
					return
				}
			}
		}
	})
	return out
}

// underTmp reports whether a path starts with a literal /tmp/.
func (pv pathValue) underTmp() bool {
	var b strings.Builder
	for _, p := range pv {
		if p.dynamic || p.shared {
			break
		}
		b.WriteString(p.text)
	}
	s := strings.ReplaceAll(b.String(), "//", "/")
	return strings.HasPrefix(s, "/tmp/") || (s == "/tmp" && len(pv) > 1)
}

// storageRisk notes a function whose /tmp, split over its concurrent
// invocations, leaves little room for the files its code writes there.
func storageRisk(ps *pass, df deployedFunction, writers map[string]facts.Pos) {
	fn, c := df.fn, df.fn.LMI
	if c == nil || fn.EphemeralStorage.State == facts.Unresolved || c.MaxConcurrency.State == facts.Unresolved {
		return
	}
	var writes facts.Pos
	for name, p := range writers {
		if strings.HasPrefix(name, fn.Name+" (") {
			writes = p
		}
	}
	if writes.Line == 0 {
		return
	}
	storage := 512 // EphemeralStorage default [SDK-op]
	if n, ok := fn.EphemeralStorage.Int(); ok {
		storage = n
	}
	conc, how := 0, ""
	if n, ok := c.MaxConcurrency.Int(); ok {
		conc, how = n, "PerExecutionEnvironmentMaxConcurrency"
	} else if info := lmi.Runtime(fn.Runtime); info.PerVCpu > 0 {
		mem, ratio := 2048, lmi.DefaultRatio
		if m, ok := fn.Memory.Int(); ok {
			mem = m
		}
		if r, ok := c.MemoryPerVCpu.Float(); ok {
			ratio = r
		}
		conc, how = min(lmi.MaxConcurrencyLimit, info.PerVCpu*lmi.VCpus(mem, ratio)), fmt.Sprintf("the %s default of %d per vCPU", fn.Runtime, info.PerVCpu)
	}
	if conc <= 0 || storage/conc >= tmpBudgetMB {
		return
	}
	ps.reportFile(fileFinding{path: df.d.Path, runtime: runtimeFamily(fn.Runtime), pos: at(fn.EphemeralStorage, c.Pos), key: "EphemeralStorage", subject: fn.Name, severity: findings.Note,
		message: fmt.Sprintf("Function `%s` writes files under /tmp, and its %d MB of /tmp is shared by up to %d concurrent invocations (%s): "+
			"about %d MB each. Raise EphemeralStorage (up to 10,240 MB), or clean up each request's files as soon as it is done; "+
			"a full /tmp throttles invocations (DiskThrottles).", fn.Name, storage, conc, how, storage/conc)})
}
