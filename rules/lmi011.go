package rules

import (
	"fmt"

	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/lmi"
)

func unsupportedRuntime() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI011",
			Name:    "unsupported-runtime-version",
			Summary: "A function on a capacity provider uses a runtime Lambda Managed Instances does not support.",
			Description: "Lambda Managed Instances runs nodejs22.x and later, python3.13 and later, java21 and later, " +
				"dotnet8 and later, and provided.al2023 (Rust, Go). A function attached to a capacity provider with an " +
				"older runtime (nodejs20.x, python3.12, java17, dotnet6, provided.al2, go1.x) or a language LMI does not " +
				"run at all (Ruby) fails to deploy. With `--target lmi` (a migration audit), functions not yet on LMI " +
				"are reported too, at note level, with the runtime they would need.",
			Fix: "Move the function to the nearest supported runtime named in the finding and test it; for Ruby, " +
				"keep the function on Lambda's default compute.",
			Severity: everyRuntime(findings.Error),
			Examples: []findings.Example{{Runtime: "nodejs",
				Bad: `OrdersFunction:
  Type: AWS::Serverless::Function
  Properties:
    Runtime: nodejs20.x
    CapacityProviderConfig:
      Arn: !GetAtt Capacity.Arn`,
				Good: `OrdersFunction:
  Type: AWS::Serverless::Function
  Properties:
    Runtime: nodejs22.x
    CapacityProviderConfig:
      Arn: !GetAtt Capacity.Arn`}},
		},
		check: func(ps *pass) {
			for _, df := range ps.p.deployedFunctions() {
				fn := df.fn
				if fn.Runtime == "" {
					continue
				}
				info := lmi.Runtime(fn.Runtime)
				if !info.Known || info.Supported {
					continue
				}
				fd := fileFinding{
					path: df.d.Path, runtime: runtimeFamily(fn.Runtime), pos: at(fn.RuntimeSetting, fn.DeclPos),
					key: fn.Runtime, subject: fn.Name,
				}
				switch {
				case fn.LMI != nil:
					fd.message = fmt.Sprintf("Function `%s` is attached to a capacity provider but runs %s: %s. "+
						"The deployment fails until the runtime is upgraded.", fn.Name, fn.Runtime, info.UnsupportedReason())
				case ps.targetLMI:
					fd.severity = findings.Note
					fd.message = fmt.Sprintf("To move `%s` to Lambda Managed Instances its runtime must change: %s.", fn.Name, info.UnsupportedReason())
				default:
					continue
				}
				ps.reportFile(fd)
			}
		},
	}
}
