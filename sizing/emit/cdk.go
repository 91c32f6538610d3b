package emit

// CDK TypeScript for aws-cdk-lib ≥ 2.231.0 (lmi-facts §3 CDK L2, checked
// against the aws-cdk-lib reference for aws_lambda.CapacityProvider,
// CapacityProviderProps, CapacityProviderFunctionOptions and
// LatestPublishedScalingConfig): new lambda.CapacityProvider(this, id,
// {capacityProviderName, subnets, securityGroups, architectures,
// instanceTypeFilter, maxVCpuCount, scalingOptions}) and
// capacityProvider.addFunction(fn, {perExecutionEnvironmentMaxConcurrency,
// executionEnvironmentMemoryGiBPerVCpu, publishToLatestPublished,
// latestPublishedScalingConfig: {minExecutionEnvironments,
// maxExecutionEnvironments}}). CDK props are camelCase forms of the API
// names; cdkProps lists each with the SDK member it sets, and cdk_test.go
// checks the SDK member exists.

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/lmicheck/lmicheck/sizing"
)

// cdkProps maps the CDK props lmicheck writes to the SDK shape member they
// set ("<SDK type>.<member>").
var cdkProps = map[string]string{
	"capacityProviderName":                  "CreateCapacityProviderInput.CapacityProviderName",
	"subnets":                               "CapacityProviderVpcConfig.SubnetIds",
	"securityGroups":                        "CapacityProviderVpcConfig.SecurityGroupIds",
	"architectures":                         "InstanceRequirements.Architectures",
	"instanceTypeFilter":                    "InstanceRequirements.AllowedInstanceTypes",
	"maxVCpuCount":                          "CapacityProviderScalingConfig.MaxVCpuCount",
	"scalingOptions":                        "CapacityProviderScalingConfig.ScalingMode",
	"perExecutionEnvironmentMaxConcurrency": "LambdaManagedInstancesCapacityProviderConfig.PerExecutionEnvironmentMaxConcurrency",
	"executionEnvironmentMemoryGiBPerVCpu":  "LambdaManagedInstancesCapacityProviderConfig.ExecutionEnvironmentMemoryGiBPerVCpu",
	"minExecutionEnvironments":              "FunctionScalingConfig.MinExecutionEnvironments",
	"maxExecutionEnvironments":              "FunctionScalingConfig.MaxExecutionEnvironments",
	"functionName":                          "CreateFunctionInput.FunctionName",
	"memorySize":                            "CreateFunctionInput.MemorySize",
	"handler":                               "CreateFunctionInput.Handler",
	"runtime":                               "CreateFunctionInput.Runtime",
	"architecture":                          "CreateFunctionInput.Architectures",
}

// cdkRuntimes are the lambda.Runtime constants for runtime ids LMI runs;
// other ids are written as new lambda.Runtime(id, family).
var cdkRuntimes = map[string]string{
	"nodejs22.x":      "NODEJS_22_X",
	"nodejs24.x":      "NODEJS_24_X",
	"python3.13":      "PYTHON_3_13",
	"python3.14":      "PYTHON_3_14",
	"java21":          "JAVA_21",
	"dotnet8":         "DOTNET_8",
	"provided.al2023": "PROVIDED_AL2023",
}

// CDK writes a CDK TypeScript stack: the capacity providers, the functions
// and the addFunction calls that attach them. The VPC, security group and
// code are placeholders marked REPLACE.
func CDK(w io.Writer, cfgs []sizing.Config) error {
	p, err := newPlan(cfgs)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("// " + generatedBy + "\n")
	b.WriteString("// REPLACE: the VPC, security group and each function's code are placeholders;\n")
	b.WriteString("// merge this into your stack. Needs aws-cdk-lib >= 2.231.0.\n")
	b.WriteString("import * as path from 'path';\n")
	b.WriteString("import { Stack, StackProps } from 'aws-cdk-lib';\n")
	b.WriteString("import * as ec2 from 'aws-cdk-lib/aws-ec2';\n")
	b.WriteString("import * as lambda from 'aws-cdk-lib/aws-lambda';\n")
	b.WriteString("import { Construct } from 'constructs';\n\n")
	b.WriteString("export class LmiStack extends Stack {\n")
	b.WriteString("  constructor(scope: Construct, id: string, props?: StackProps) {\n")
	b.WriteString("    super(scope, id, props);\n\n")
	b.WriteString("    // REPLACE: your VPC (private subnets with a NAT gateway or VPC endpoints) and security group.\n")
	b.WriteString("    const vpc = ec2.Vpc.fromLookup(this, 'Vpc', { vpcId: 'vpc-REPLACE_ME' });\n")
	b.WriteString("    const securityGroup = ec2.SecurityGroup.fromSecurityGroupId(this, 'CapacitySecurityGroup', '" + placeholderSG + "');\n")

	vars := namer{"vpc": true, "securityGroup": true, "path": true, "ec2": true, "lambda": true, "scope": true, "id": true, "props": true}
	ids := namer{"Vpc": true, "CapacitySecurityGroup": true}
	cpVar := map[*provider]string{}
	for _, pr := range p.providers {
		v := vars.unique(camel(pr.name, "capacityProvider"))
		cpVar[pr] = v
		c := pr.cfg
		fmt.Fprintf(&b, "\n    const %s = new lambda.CapacityProvider(this, %s, {\n", v, tsString(ids.unique(pascal(pr.name, "CapacityProvider"))))
		fmt.Fprintf(&b, "      capacityProviderName: %s,\n", tsString(pr.name))
		b.WriteString("      subnets: vpc.privateSubnets, // REPLACE if the instances belong in other subnets\n")
		b.WriteString("      securityGroups: [securityGroup],\n")
		if pr.arch != "" {
			fmt.Fprintf(&b, "      architectures: [%s],\n", tsArch(pr.arch))
		}
		if len(c.AllowedInstanceTypes) > 0 {
			b.WriteString("      instanceTypeFilter: lambda.InstanceTypeFilter.allow([\n")
			for _, t := range c.AllowedInstanceTypes {
				fmt.Fprintf(&b, "        new ec2.InstanceType(%s),\n", tsString(t))
			}
			b.WriteString("      ]),\n")
		}
		if c.MaxVCpuCount > 0 {
			fmt.Fprintf(&b, "      maxVCpuCount: %d,\n", c.MaxVCpuCount)
		}
		switch c.ScalingMode {
		case "Auto":
			b.WriteString("      scalingOptions: lambda.ScalingOptions.auto(),\n")
		case "Manual":
			fmt.Fprintf(&b, "      scalingOptions: lambda.ScalingOptions.manual([\n        lambda.TargetTrackingScalingPolicy.cpuUtilization(%s),\n      ]),\n", num(c.TargetCPUUtilization))
		}
		b.WriteString("    });\n")
	}
	for _, f := range p.functions {
		c := f.cfg
		v := vars.unique(camel(c.FunctionName, "fn"))
		fmt.Fprintf(&b, "\n    const %s = new lambda.Function(this, %s, {\n", v, tsString(ids.unique(pascal(c.FunctionName, "Function"))))
		fmt.Fprintf(&b, "      functionName: %s,\n", tsString(c.FunctionName))
		if c.Runtime != "" {
			fmt.Fprintf(&b, "      runtime: %s,\n", tsRuntime(c.Runtime))
		}
		fmt.Fprintf(&b, "      handler: %s,", tsString(f.handler()))
		if c.Handler == "" {
			b.WriteString(" // REPLACE: the handler")
		}
		b.WriteString("\n")
		b.WriteString("      code: lambda.Code.fromAsset(path.join(__dirname, 'REPLACE_ME')), // REPLACE: the function's code\n")
		if f.arch != "" {
			fmt.Fprintf(&b, "      architecture: %s,\n", tsArch(f.arch))
		}
		if c.MemorySize > 0 {
			fmt.Fprintf(&b, "      memorySize: %d,\n", c.MemorySize)
		}
		b.WriteString("    });\n")
		fmt.Fprintf(&b, "    %s.addFunction(%s, {\n", cpVar[f.cp], v)
		if c.PerExecutionEnvironmentMaxConcurrency > 0 {
			fmt.Fprintf(&b, "      perExecutionEnvironmentMaxConcurrency: %d,\n", c.PerExecutionEnvironmentMaxConcurrency)
		}
		if c.ExecutionEnvironmentMemoryGiBPerVCpu > 0 {
			fmt.Fprintf(&b, "      executionEnvironmentMemoryGiBPerVCpu: %s,\n", num(c.ExecutionEnvironmentMemoryGiBPerVCpu))
		}
		b.WriteString("      publishToLatestPublished: true,\n")
		b.WriteString("      latestPublishedScalingConfig: {\n")
		fmt.Fprintf(&b, "        minExecutionEnvironments: %d,\n", c.MinExecutionEnvironments)
		if c.MaxExecutionEnvironments > 0 {
			fmt.Fprintf(&b, "        maxExecutionEnvironments: %d,\n", c.MaxExecutionEnvironments)
		}
		b.WriteString("      },\n    });\n")
	}
	b.WriteString("  }\n}\n")
	_, err = io.WriteString(w, b.String())
	return err
}

// tsString is a single-quoted TypeScript string literal.
func tsString(s string) string {
	q := strconv.Quote(s) // escapes \, ", control characters
	q = q[1 : len(q)-1]
	q = strings.ReplaceAll(q, `\"`, `"`)
	q = strings.ReplaceAll(q, "'", `\'`)
	return "'" + q + "'"
}

func tsArch(a string) string {
	switch a {
	case "arm64":
		return "lambda.Architecture.ARM_64"
	case "x86_64":
		return "lambda.Architecture.X86_64"
	}
	return "lambda.Architecture.custom(" + tsString(a) + ")"
}

func tsRuntime(id string) string {
	if c, ok := cdkRuntimes[id]; ok {
		return "lambda.Runtime." + c
	}
	family := "OTHER"
	switch {
	case strings.HasPrefix(id, "nodejs"):
		family = "NODEJS"
	case strings.HasPrefix(id, "python"):
		family = "PYTHON"
	case strings.HasPrefix(id, "java"):
		family = "JAVA"
	case strings.HasPrefix(id, "dotnet"):
		family = "DOTNET_CORE"
	}
	return "new lambda.Runtime(" + tsString(id) + ", lambda.RuntimeFamily." + family + ")"
}
