package emit

import (
	"io"

	"github.com/lmicheck/lmicheck/sizing"
)

// CloudFormation parameters for what lmicheck cannot know.
const (
	paramSubnets      = "SubnetIds"
	paramSGs          = "SecurityGroupIds"
	paramOperatorRole = "CapacityProviderOperatorRoleArn"
	paramExecRole     = "ExecutionRoleArn"
	paramCodeBucket   = "CodeS3Bucket"
)

const generatedBy = "Lambda Managed Instances configuration written by lmicheck size."

// CloudFormationYAML writes an AWS CloudFormation template in YAML:
// AWS::Lambda::CapacityProvider and AWS::Lambda::Function resources whose
// properties are the API's (the SDK's CreateCapacityProvider and
// CreateFunction inputs, FunctionScalingConfig from
// PutFunctionScalingConfig) plus PublishToLatestPublished.
func CloudFormationYAML(w io.Writer, cfgs []sizing.Config) error {
	doc, err := cloudFormation(cfgs)
	if err != nil {
		return err
	}
	return writeYAML(w, generatedBy+"\nREPLACE: fill in the Parameters when you deploy; upload each function's code to\nCodeS3Bucket as <FunctionName>.zip.", doc)
}

// CloudFormationJSON writes the same template as CloudFormationYAML in JSON.
func CloudFormationJSON(w io.Writer, cfgs []sizing.Config) error {
	doc, err := cloudFormation(cfgs)
	if err != nil {
		return err
	}
	return writeJSON(w, doc)
}

func cloudFormation(cfgs []sizing.Config) (*node, error) {
	p, err := newPlan(cfgs)
	if err != nil {
		return nil, err
	}
	cpIDs, fnIDs := logicalIDs(p, paramSubnets, paramSGs, paramOperatorRole, paramExecRole, paramCodeBucket)
	params := obj(
		paramSubnets, param("List<AWS::EC2::Subnet::Id>", "REPLACE: 1 to 16 subnets the capacity providers launch instances in (private subnets with a NAT gateway or VPC endpoints)."),
		paramSGs, param("List<AWS::EC2::SecurityGroup::Id>", "REPLACE: security groups for the capacity providers' instances."),
		paramOperatorRole, param("String", "REPLACE: ARN of the role Lambda uses to manage the instances (with the AWSLambdaManagedEC2ResourceOperator managed policy)."),
		paramExecRole, param("String", "REPLACE: ARN of the functions' execution role."),
		paramCodeBucket, param("String", "REPLACE: S3 bucket holding each function's code as <FunctionName>.zip."),
	)
	resources := &node{kind: kStruct}
	for _, pr := range p.providers {
		resources.set(cpIDs[pr], obj("Type", str("AWS::Lambda::CapacityProvider"), "Properties", cfnProvider(pr)))
	}
	for _, f := range p.functions {
		resources.set(fnIDs[f], obj("Type", str("AWS::Lambda::Function"), "Properties", cfnFunction(f, cpIDs[f.cp])))
	}
	return obj(
		"AWSTemplateFormatVersion", str("2010-09-09"),
		"Description", str(generatedBy),
		"Parameters", params,
		"Resources", resources,
	), nil
}

func param(typ, desc string) *node {
	return obj("Type", str(typ), "Description", str(desc))
}

// logicalIDs names resources: the capacity provider's or function's name in
// PascalCase, unique in the template and apart from reserved names.
func logicalIDs(p *plan, reserved ...string) (map[*provider]string, map[*function]string) {
	n := namer{}
	for _, r := range reserved {
		n[r] = true
	}
	cps := map[*provider]string{}
	for _, pr := range p.providers {
		cps[pr] = n.unique(pascal(pr.name, "CapacityProvider"))
	}
	fns := map[*function]string{}
	for _, f := range p.functions {
		fns[f] = n.unique(pascal(f.cfg.FunctionName, "Function"))
	}
	return cps, fns
}

// cfnProvider is AWS::Lambda::CapacityProvider's Properties: the SDK's
// CreateCapacityProviderInput with parameters for the network and role.
func cfnProvider(pr *provider) *node {
	props := shapeOf(pr.input())
	vpc := props.get("VpcConfig")
	vpc.set("SubnetIds", ref(paramSubnets))
	vpc.set("SecurityGroupIds", ref(paramSGs))
	props.get("PermissionsConfig").set("CapacityProviderOperatorRoleArn", ref(paramOperatorRole))
	return props
}

// cfnFunction is AWS::Lambda::Function's Properties: the SDK's
// CreateFunctionInput, FunctionScalingConfig as PutFunctionScalingConfig
// takes it, and PublishToLatestPublished.
func cfnFunction(f *function, cpID string) *node {
	props := shapeOf(f.input())
	props.set("Role", ref(paramExecRole))
	props.get("Code").set("S3Bucket", ref(paramCodeBucket))
	props.get("CapacityProviderConfig").get("LambdaManagedInstancesCapacityProviderConfig").set("CapacityProviderArn", getAtt(cpID))
	if f.cfg.Handler == "" {
		props.get("Handler").comment = "REPLACE: the handler (lmicheck was not told it)"
	}
	fsc := shapeOf(f.scaling()).get("FunctionScalingConfig")
	fsc.reorder("MinExecutionEnvironments")
	props.set("FunctionScalingConfig", fsc)
	props.set(cfnPublishToLatestPublished, boolean(true))
	props.reorder("FunctionName", "Runtime", "Handler", "MemorySize", "Architectures", "Role", "Code")
	return props
}
