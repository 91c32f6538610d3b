package emit

// Terraform for hashicorp/terraform-provider-aws ≥ 6.24.0 (lmi-facts §3):
// aws_lambda_capacity_provider, aws_lambda_function with
// capacity_provider_config, and aws_lambda_function_scaling_config as
// parsers/templates/terraform.go documents them (function_name, qualifier,
// function_scaling_config { min_execution_environments,
// max_execution_environments }). lmi-facts §3 records function scaling as
// an open provider request (issue #47770) while the reader found the
// resource in the provider's source: check your provider version has it.
//
// Argument names are the SDK's member names in snake_case (tfName), with
// the exceptions in tfRenames. Structures are blocks, as the provider's
// documentation writes them; lists of structures (scaling_policies) are
// lists of objects.

import (
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/lmicheck/lmicheck/sizing"
)

// tfRenames are the arguments whose names are not the SDK member's in
// snake_case: key "<API structure>.<API member>".
var tfRenames = map[string]string{
	"CreateCapacityProviderInput.CapacityProviderName": "name",
}

// tfName is an SDK member name in the provider's snake_case: the acronyms
// GiB and VCpu are one word each (execution_environment_memory_gib_per_vcpu,
// max_vcpu_count).
func tfName(api string) string {
	s := strings.NewReplacer("GiB", "Gib", "VCpu", "Vcpu").Replace(api)
	return strings.ToLower(strings.Join(words(s), "_"))
}

// Terraform variables for what lmicheck cannot know.
const (
	varSubnets      = "subnet_ids"
	varSGs          = "security_group_ids"
	varOperatorRole = "capacity_provider_operator_role_arn"
	varExecRole     = "execution_role_arn"
	varCodeBucket   = "code_s3_bucket"
)

// Terraform writes Terraform configuration.
func Terraform(w io.Writer, cfgs []sizing.Config) error {
	p, err := newPlan(cfgs)
	if err != nil {
		return err
	}
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(comment(generatedBy + "\nREPLACE: set the variables (terraform.tfvars) and upload each function's code to\nvar.code_s3_bucket as <function_name>.zip. Needs hashicorp/aws >= 6.24.0.\n"))
	for _, v := range []struct{ name, typ, desc string }{
		{varSubnets, "list", "REPLACE: 1 to 16 subnet IDs the capacity providers launch instances in (private subnets with a NAT gateway or VPC endpoints)."},
		{varSGs, "list", "REPLACE: security group IDs for the capacity providers' instances."},
		{varOperatorRole, "string", "REPLACE: ARN of the role Lambda uses to manage the instances (with the AWSLambdaManagedEC2ResourceOperator managed policy)."},
		{varExecRole, "string", "REPLACE: ARN of the functions' execution role."},
		{varCodeBucket, "string", "REPLACE: S3 bucket holding each function's code as <function_name>.zip."},
	} {
		b := body.AppendNewBlock("variable", []string{v.name}).Body()
		typ := hclwrite.TokensForIdentifier("string")
		if v.typ == "list" {
			typ = hclwrite.TokensForFunctionCall("list", typ)
		}
		b.SetAttributeRaw("type", typ)
		b.SetAttributeValue("description", cty.StringVal(v.desc))
		body.AppendNewline()
	}

	cpLabels, fnLabels := namer{}, namer{}
	cpLabel := map[*provider]string{}
	for _, pr := range p.providers {
		label := cpLabels.unique(snake(pr.name, "capacity_provider"))
		cpLabel[pr] = label
		tree := shapeOf(pr.input())
		tree.rename("CapacityProviderName", tfRenames["CreateCapacityProviderInput.CapacityProviderName"])
		tree.reorder("name")
		vpc := tree.get("VpcConfig")
		vpc.set("SubnetIds", ref("var."+varSubnets))
		vpc.set("SecurityGroupIds", ref("var."+varSGs))
		tree.get("PermissionsConfig").set("CapacityProviderOperatorRoleArn", ref("var."+varOperatorRole))
		b := body.AppendNewBlock("resource", []string{"aws_lambda_capacity_provider", label}).Body()
		hclBody(b, tree)
		body.AppendNewline()
	}
	for _, fn := range p.functions {
		label := fnLabels.unique(snake(fn.cfg.FunctionName, "function"))
		in := fn.input()
		in.Publish = true
		in.PublishTo = types.FunctionVersionLatestPublishedLatestPublished
		tree := shapeOf(in)
		tree.set("Role", ref("var."+varExecRole))
		// Code is flattened into s3_bucket and s3_key.
		code := tree.get("Code")
		tree.del("Code")
		code.set("S3Bucket", ref("var."+varCodeBucket))
		for i, k := range code.keys {
			tree.set(k, code.vals[i])
		}
		tree.get("CapacityProviderConfig").get("LambdaManagedInstancesCapacityProviderConfig").
			set("CapacityProviderArn", ref("aws_lambda_capacity_provider."+cpLabel[fn.cp]+".arn"))
		tree.reorder("FunctionName", "Runtime", "Handler", "MemorySize", "Architectures", "Role", "S3Bucket", "S3Key", "Publish", "PublishTo")
		b := body.AppendNewBlock("resource", []string{"aws_lambda_function", label}).Body()
		hclBody(b, tree)
		body.AppendNewline()

		sc := shapeOf(fn.scaling())
		sc.set("FunctionName", ref("aws_lambda_function."+label+".function_name"))
		sc.reorder("FunctionName", "Qualifier")
		sc.get("FunctionScalingConfig").reorder("MinExecutionEnvironments")
		b = body.AppendNewBlock("resource", []string{"aws_lambda_function_scaling_config", label}).Body()
		hclBody(b, sc)
		body.AppendNewline()
	}
	out := hclwrite.Format(f.Bytes())
	out = []byte(strings.TrimRight(string(out), "\n") + "\n")
	_, err = w.Write(out)
	return err
}

func comment(text string) hclwrite.Tokens {
	var toks hclwrite.Tokens
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenComment, Bytes: []byte("# " + line + "\n")})
	}
	return append(toks, &hclwrite.Token{Type: hclsyntax.TokenNewline, Bytes: []byte("\n")})
}

// hclBody writes a structure's members: structures as blocks, everything
// else as arguments.
func hclBody(b *hclwrite.Body, n *node) {
	for i, k := range n.keys {
		v := n.vals[i]
		name := tfName(k)
		if v.kind == kStruct {
			hclBody(b.AppendNewBlock(name, nil).Body(), v)
			continue
		}
		b.SetAttributeRaw(name, hclTokens(v))
	}
}

func hclTokens(n *node) hclwrite.Tokens {
	switch n.kind {
	case kStruct:
		var attrs []hclwrite.ObjectAttrTokens
		for i, k := range n.keys {
			attrs = append(attrs, hclwrite.ObjectAttrTokens{Name: hclwrite.TokensForIdentifier(tfName(k)), Value: hclTokens(n.vals[i])})
		}
		return hclwrite.TokensForObject(attrs)
	case kList:
		var els []hclwrite.Tokens
		for _, it := range n.items {
			els = append(els, hclTokens(it))
		}
		return hclwrite.TokensForTuple(els)
	case kString:
		return hclwrite.TokensForValue(cty.StringVal(n.s))
	case kNumber:
		v, err := cty.ParseNumberVal(n.s)
		if err != nil {
			panic(err) // numbers come from strconv
		}
		return hclwrite.TokensForValue(v)
	case kBool:
		return hclwrite.TokensForValue(cty.BoolVal(n.s == "true"))
	case kRef:
		parts := strings.Split(n.s, ".")
		tr := hcl.Traversal{hcl.TraverseRoot{Name: parts[0]}}
		for _, p := range parts[1:] {
			tr = append(tr, hcl.TraverseAttr{Name: p})
		}
		return hclwrite.TokensForTraversal(tr)
	}
	panic("emit: no Terraform form for this value")
}
