package emit

import (
	"io"

	"github.com/lmicheck/lmicheck/sizing"
)

// samRenames are where AWS SAM names a property differently from
// CloudFormation (and the API): key is "<API structure>.<API member>", value
// the SAM name. Sources: lmi-facts §3 [SAM-cp][SAM-fn][SAM-ir][SAM-sc].
var samRenames = map[string]string{
	"InstanceRequirements.AllowedInstanceTypes":                        "AllowedTypes",
	"InstanceRequirements.ExcludedInstanceTypes":                       "ExcludedTypes",
	"CreateCapacityProviderInput.CapacityProviderScalingConfig":        "ScalingConfig",
	"LambdaManagedInstancesCapacityProviderConfig.CapacityProviderArn": "Arn",
}

// SAM-only names.
const (
	// samAverageCPUUtilization in ScalingConfig stands for ScalingMode
	// Manual with one LambdaCapacityProviderAverageCPUUtilization target
	// tracking policy [SAM-sc].
	samAverageCPUUtilization = "AverageCPUUtilization"
	// samAutoPublishAlias publishes a version and points an alias at it.
	samAutoPublishAlias = "AutoPublishAlias"
	samAlias            = "live"
	// samMaxEnvironments is written when the configuration sets no maximum:
	// SAM documents a default maximum of 3 (lmi-facts §6 item 5), so leaving
	// it out could pin the function at 3 environments. 15,000 is the API's
	// largest value.
	samMaxEnvironments = 15000
)

// SAM writes an AWS SAM template: AWS::Serverless::CapacityProvider and
// AWS::Serverless::Function. Properties are the CloudFormation ones under
// SAM's names (samRenames); SAM generates the operator and execution roles.
func SAM(w io.Writer, cfgs []sizing.Config) error {
	p, err := newPlan(cfgs)
	if err != nil {
		return err
	}
	cpIDs, fnIDs := logicalIDs(p, paramSubnets, paramSGs)
	params := obj(
		paramSubnets, param("List<AWS::EC2::Subnet::Id>", "REPLACE: 1 to 16 subnets the capacity providers launch instances in (private subnets with a NAT gateway or VPC endpoints)."),
		paramSGs, param("List<AWS::EC2::SecurityGroup::Id>", "REPLACE: security groups for the capacity providers' instances."),
	)
	resources := &node{kind: kStruct}
	for _, pr := range p.providers {
		resources.set(cpIDs[pr], obj("Type", str("AWS::Serverless::CapacityProvider"), "Properties", samProvider(pr)))
	}
	for _, f := range p.functions {
		resources.set(fnIDs[f], obj("Type", str("AWS::Serverless::Function"), "Properties", samFunction(f, cpIDs[f.cp])))
	}
	doc := obj(
		"AWSTemplateFormatVersion", str("2010-09-09"),
		"Transform", str("AWS::Serverless-2016-10-31"),
		"Description", str(generatedBy),
		"Parameters", params,
		"Resources", resources,
	)
	return writeYAML(w, generatedBy+"\nREPLACE: fill in the Parameters when you deploy and point each CodeUri at the function's code.", doc)
}

func samProvider(pr *provider) *node {
	props := cfnProvider(pr)
	props.del("PermissionsConfig") // SAM's OperatorRole: omitted, SAM creates one [SAM-cp]
	if ir := props.get("InstanceRequirements"); ir != nil {
		ir.rename("AllowedInstanceTypes", samRenames["InstanceRequirements.AllowedInstanceTypes"])
		ir.rename("ExcludedInstanceTypes", samRenames["InstanceRequirements.ExcludedInstanceTypes"])
	}
	if sc := props.get("CapacityProviderScalingConfig"); sc != nil {
		sam := &node{kind: kStruct}
		if v := sc.get("MaxVCpuCount"); v != nil {
			sam.set("MaxVCpuCount", v)
		}
		if pols := sc.get("ScalingPolicies"); pols != nil && len(pols.items) > 0 {
			sam.set(samAverageCPUUtilization, pols.items[0].get("TargetValue"))
		}
		props.del("CapacityProviderScalingConfig")
		if len(sam.keys) > 0 {
			props.set(samRenames["CreateCapacityProviderInput.CapacityProviderScalingConfig"], sam)
		}
	}
	return props
}

func samFunction(f *function, cpID string) *node {
	props := cfnFunction(f, cpID)
	props.del("Role") // SAM creates the execution role
	props.del("Code")
	props.del(cfnPublishToLatestPublished)
	code := str("src/")
	code.comment = "REPLACE: the folder holding this function's code"
	props.set("CodeUri", code)
	cpc := props.get("CapacityProviderConfig").get("LambdaManagedInstancesCapacityProviderConfig")
	cpc.rename("CapacityProviderArn", samRenames["LambdaManagedInstancesCapacityProviderConfig.CapacityProviderArn"])
	props.set("CapacityProviderConfig", cpc) // SAM has no LambdaManagedInstancesCapacityProviderConfig level
	if fsc := props.get("FunctionScalingConfig"); fsc.get("MaxExecutionEnvironments") == nil {
		m := number(samMaxEnvironments)
		m.comment = "no maximum was set; SAM's default maximum is 3"
		fsc.set("MaxExecutionEnvironments", m)
	}
	props.set(samAutoPublishAlias, str(samAlias))
	props.reorder("FunctionName", "Runtime", "Handler", "MemorySize", "Architectures", "CodeUri")
	return props
}
