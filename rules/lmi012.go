package rules

import (
	"fmt"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/lmi"
)

func invalidConfiguration() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI012",
			Name:    "invalid-lmi-configuration",
			Summary: "A Lambda Managed Instances setting breaks a documented limit; the deployment will fail.",
			Description: "Every limit of Lambda Managed Instances is checked where it is written: memory from 2,048 to " +
				"32,768 MB; a memory-to-vCPU ratio of 2, 4 or 8 GiB; at most 64 concurrent invocations per vCPU of the " +
				"execution environment (vCPUs = memory ÷ (ratio × 1024), so 2048 MB at ratio 2 allows 64) and at most " +
				"1,600 in all; minimum and maximum execution environments from 0 to 15,000 with the minimum not above the " +
				"maximum; MaxVCpuCount from 2 to 15,000 (12 in CDK); exactly one architecture, the same for the function " +
				"and its capacity provider; allowed or excluded instance types but not both, each a well-formed name; and " +
				"a VPC with 1 to 16 subnets. Values written as intrinsics or variables are not evaluated and not " +
				"reported. sizing validates its recommendations with the same code.",
			Fix: "Use the nearest legal value the finding names, or change the setting it depends on (more memory " +
				"gives more vCPUs and so more concurrency).",
			Severity: everyRuntime(findings.Error),
			Examples: []findings.Example{{Runtime: "nodejs",
				Bad: `MemorySize: 2048
CapacityProviderConfig:
  Arn: !GetAtt Capacity.Arn
  ExecutionEnvironmentMemoryGiBPerVCpu: 2
  PerExecutionEnvironmentMaxConcurrency: 100   # 1 vCPU allows 64`,
				Good: `MemorySize: 4096                                # 2 vCPUs at ratio 2
CapacityProviderConfig:
  Arn: !GetAtt Capacity.Arn
  ExecutionEnvironmentMemoryGiBPerVCpu: 2
  PerExecutionEnvironmentMaxConcurrency: 100`}},
		},
		check: func(ps *pass) {
			for _, df := range ps.p.deployedFunctions() {
				checkFunctionLimits(ps, df)
			}
			for di := range ps.p.Deployments {
				d := &ps.p.Deployments[di]
				for ci := range d.CapacityProviders {
					checkProviderLimits(ps, d, &d.CapacityProviders[ci])
				}
			}
		},
	}
}

func checkFunctionLimits(ps *pass, df deployedFunction) {
	fn, c := df.fn, df.fn.LMI
	if c == nil {
		return
	}
	rt := runtimeFamily(fn.Runtime)
	problems := lmi.ValidateFunction(lmi.Function{
		MemoryMB: opt(fn.Memory), Ratio: opt(c.MemoryPerVCpu), Concurrency: opt(c.MaxConcurrency),
		MinEnvironment: opt(c.MinEnvironments), MaxEnvironment: opt(c.MaxEnvironments),
	})
	for _, pr := range problems {
		var s facts.Setting
		switch pr.Field {
		case "MemorySize":
			s = fn.Memory
		case "ExecutionEnvironmentMemoryGiBPerVCpu":
			s = c.MemoryPerVCpu
		case "PerExecutionEnvironmentMaxConcurrency":
			s = c.MaxConcurrency
		case "MinExecutionEnvironments":
			s = c.MinEnvironments
		case "MaxExecutionEnvironments":
			s = c.MaxEnvironments
		}
		ps.reportFile(fileFinding{
			path: fileOf(s, df.d), runtime: rt, pos: at(s, c.Pos), key: pr.Field, subject: fn.Name,
			message: fmt.Sprintf("Function `%s`: %s. The deployment fails with this value.", fn.Name, pr),
		})
	}
	if df.cp == nil || fn.Architecture.State == facts.Unresolved || df.cp.Architecture.State == facts.Unresolved || df.cp.Architectures > 1 {
		return
	}
	if m := lmi.ArchitectureMismatch(fn.Architecture.Value, df.cp.Architecture.Value); m != "" {
		want := df.cp.Architecture.Value
		if want == "" {
			want = "x86_64"
		}
		ps.reportFile(fileFinding{
			path: df.d.Path, runtime: rt, pos: at(fn.Architecture, c.Pos), key: "Architectures", subject: fn.Name,
			message: fmt.Sprintf("Function `%s`: %s. Build and deploy it for %s, or attach it to a capacity provider of its architecture.", fn.Name, m, want),
			related: providerRelated(df.cpIn, df.cp, df.cp.Architecture.Pos, " sets the architecture here"),
		})
	}
}

func checkProviderLimits(ps *pass, d *facts.Deployment, cp *facts.CapacityProvider) {
	in := lmi.CapacityProvider{Architectures: cp.Architectures, MinVCpuCount: lmi.MinVCpuCount}
	if d.Kind == facts.CDKSource {
		in.MinVCpuCount = lmi.MinVCpuCountCDK
	}
	itemPos := map[string]facts.Pos{}
	for _, s := range cp.AllowedTypes {
		if s.State == facts.Literal {
			in.Allowed = append(in.Allowed, s.Value)
			itemPos["InstanceType:"+s.Value] = s.Pos
		}
	}
	for _, s := range cp.ExcludedTypes {
		if s.State == facts.Literal {
			in.Excluded = append(in.Excluded, s.Value)
			if _, ok := itemPos["InstanceType:"+s.Value]; !ok {
				itemPos["InstanceType:"+s.Value] = s.Pos
			}
		}
	}
	in.AllowedListed, in.ExcludedListed = len(cp.AllowedTypes) > 0, len(cp.ExcludedTypes) > 0
	in.MaxVCpuCount = opt(cp.MaxVCpuCount)
	if cp.ScalingMode.State == facts.Literal {
		in.ScalingMode = cp.ScalingMode.Value
	}
	switch cp.Subnets.State {
	case facts.Literal:
		n, _ := cp.Subnets.Int()
		in.Subnets, in.SubnetsKnown = n, true
	case facts.Absent:
		// serverless.yml falls back to provider.vpc, and CDK's subnets
		// property is required by its types.
		in.NoVpc = d.Kind != facts.Serverless && d.Kind != facts.CDKSource
	}
	for _, pr := range lmi.ValidateCapacityProvider(in) {
		var p facts.Pos
		switch {
		case pr.Field == "Architectures":
			p = cp.Architecture.Pos
		case pr.Field == "ExcludedInstanceTypes" || pr.Field == "AllowedInstanceTypes":
			p = cp.ExcludedPos
			if pr.Field == "AllowedInstanceTypes" {
				p = cp.AllowedPos
			}
		case strings.HasPrefix(pr.Field, "InstanceType:"):
			p = itemPos[pr.Field]
		case pr.Field == "MaxVCpuCount":
			p = cp.MaxVCpuCount.Pos
		case pr.Field == "ScalingMode":
			p = cp.ScalingMode.Pos
		case pr.Field == "SubnetIds":
			p = cp.Subnets.Pos
		}
		ps.reportFile(fileFinding{
			path: d.Path, pos: at(facts.Setting{Pos: p}, cp.Pos), key: pr.Field, subject: cp.Name,
			message: fmt.Sprintf("Capacity provider `%s`: %s. The deployment fails with this value.", cp.Name, pr),
		})
	}
}
