package emit

import (
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/lmicheck/lmicheck/sizing"
)

// AWS CLI: a POSIX shell script. Each command's options are its SDK input's
// top-level members in kebab-case (the CLI's own rule: FunctionName →
// --function-name); structures are written in the CLI's shorthand syntax
// (Key=value,Key=[a,b],Key={…}) with the SDK's member names; lists of
// strings are separate arguments.

// Shell variables for what lmicheck cannot know.
const (
	shSubnets      = "SUBNET_IDS"
	shSGs          = "SECURITY_GROUP_IDS"
	shOperatorRole = "OPERATOR_ROLE_ARN"
	shExecRole     = "EXECUTION_ROLE_ARN"
	shCodeBucket   = "CODE_S3_BUCKET"
)

// cliProviderArnQuery is the --query that prints the new capacity
// provider's ARN: CreateCapacityProviderOutput.CapacityProvider.CapacityProviderArn
// (checked against the SDK in cli_test.go).
const cliProviderArnQuery = "CapacityProvider.CapacityProviderArn"

// cliProviderStateQuery prints a capacity provider's state:
// GetCapacityProviderOutput.CapacityProvider.State. The SDK has no waiter for
// it, so the script polls.
const cliProviderStateQuery = "CapacityProvider.State"

// CLI writes AWS CLI commands that create the capacity providers and
// functions, publish $LATEST.PUBLISHED and set its scaling.
func CLI(w io.Writer, cfgs []sizing.Config) error {
	p, err := newPlan(cfgs)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("#!/bin/sh\n# " + generatedBy + "\n")
	b.WriteString("# REPLACE the values below before running: lmicheck cannot know them.\n# Upload each function's code to the bucket as <function-name>.zip first.\nset -eu\nexport AWS_PAGER=\"\"\n\n")
	for _, v := range [][3]string{
		{shSubnets, "subnet-REPLACE_ME_1,subnet-REPLACE_ME_2", "1 to 16 subnets, comma-separated (private, with a NAT gateway or VPC endpoints)"},
		{shSGs, placeholderSG, "security groups, comma-separated"},
		{shOperatorRole, placeholderRole, "role with the AWSLambdaManagedEC2ResourceOperator policy"},
		{shExecRole, placeholderRole, "the functions' execution role"},
		{shCodeBucket, placeholderBucket, "bucket holding <function-name>.zip"},
	} {
		fmt.Fprintf(&b, "%s=%s # REPLACE: %s\n", v[0], shellQuote(word{{lit: v[1]}}), v[2])
	}
	fmt.Fprintf(&b, `
# wait_active NAME: poll until the capacity provider is %s (fail if %s).
wait_active() {
  while :; do
    state=$(aws lambda get-capacity-provider --capacity-provider-name "$1" --query %s --output text)
    case "$state" in
      %s) return 0 ;;
      %s) echo "capacity provider $1 is $state" >&2; return 1 ;;
    esac
    sleep 10
  done
}
`, types.CapacityProviderStateActive, types.CapacityProviderStateFailed, cliProviderStateQuery,
		types.CapacityProviderStateActive, types.CapacityProviderStateFailed)
	vars := namer{shSubnets: true, shSGs: true, shOperatorRole: true, shExecRole: true, shCodeBucket: true}
	arnVar := map[*provider]string{}
	for _, pr := range p.providers {
		v := vars.unique(strings.ToUpper(snake(pr.name, "capacity_provider")) + "_ARN")
		arnVar[pr] = v
		tree := shapeOf(pr.input())
		tree.reorder("CapacityProviderName")
		tree.get("VpcConfig").set("SubnetIds", &node{kind: kList, items: []*node{ref(shSubnets)}})
		tree.get("VpcConfig").set("SecurityGroupIds", &node{kind: kList, items: []*node{ref(shSGs)}})
		tree.get("PermissionsConfig").set("CapacityProviderOperatorRoleArn", ref(shOperatorRole))
		args, err := cliArgs(tree)
		if err != nil {
			return fmt.Errorf("emit: capacity provider %q: %w", pr.name, err)
		}
		fmt.Fprintf(&b, "\n# Capacity provider %s.\n", pr.name)
		fmt.Fprintf(&b, "%s=$(aws lambda create-capacity-provider", v)
		writeArgs(&b, args)
		fmt.Fprintf(&b, " \\\n  --query %s --output text)\n", cliProviderArnQuery)
		fmt.Fprintf(&b, "wait_active %s\n", shellQuote(word{{lit: pr.name}}))
	}
	for _, f := range p.functions {
		fmt.Fprintf(&b, "\n# Function %s on capacity provider %s.\n", f.cfg.FunctionName, f.cp.name)
		in := shapeOf(f.input())
		in.reorder("FunctionName")
		in.set("Role", ref(shExecRole))
		in.get("Code").set("S3Bucket", ref(shCodeBucket))
		in.get("CapacityProviderConfig").get("LambdaManagedInstancesCapacityProviderConfig").set("CapacityProviderArn", ref(arnVar[f.cp]))
		name := shellQuote(word{{lit: f.cfg.FunctionName}})
		steps := []struct {
			cmd  string
			tree *node
		}{
			{"create-function", in},
			{"publish-version", shapeOf(f.publish())},
			{"put-function-scaling-config", shapeOf(f.scaling())},
		}
		steps[2].tree.get("FunctionScalingConfig").reorder("MinExecutionEnvironments")
		for i, s := range steps {
			s.tree.reorder("FunctionName")
			args, err := cliArgs(s.tree)
			if err != nil {
				return fmt.Errorf("emit: function %q: %w", f.cfg.FunctionName, err)
			}
			b.WriteString("aws lambda " + s.cmd)
			writeArgs(&b, args)
			b.WriteString("\n")
			if i == 0 {
				b.WriteString("aws lambda wait function-active-v2 --function-name " + name + "\n")
			}
		}
	}
	_, err = io.WriteString(w, b.String())
	return err
}

func writeArgs(b *strings.Builder, args []string) {
	for _, a := range args {
		b.WriteString(" \\\n  " + a)
	}
}

// cliArgs turns an operation input into options: --kebab-name value.
func cliArgs(in *node) ([]string, error) {
	var out []string
	for i, k := range in.keys {
		v := in.vals[i]
		opt := "--" + strings.ReplaceAll(tfName(k), "_", "-")
		switch v.kind {
		case kList:
			parts := []string{opt}
			for _, it := range v.items {
				wd, err := shorthand(it)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", opt, err)
				}
				parts = append(parts, shellQuote(wd))
			}
			out = append(out, strings.Join(parts, " "))
		case kStruct:
			wd, err := shorthandMembers(v)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", opt, err)
			}
			out = append(out, opt+" "+shellQuote(wd))
		default:
			wd := word{{lit: v.s}}
			if v.kind == kRef {
				wd = word{{v: v.s}}
			}
			out = append(out, opt+" "+shellQuote(wd))
		}
	}
	return out, nil
}

// seg is part of a shell word: literal text, or a variable's value.
type seg struct{ lit, v string }

type word []seg

// shorthand writes a value in the CLI's shorthand syntax.
func shorthand(n *node) (word, error) {
	switch n.kind {
	case kStruct:
		m, err := shorthandMembers(n)
		if err != nil {
			return nil, err
		}
		return append(append(word{{lit: "{"}}, m...), seg{lit: "}"}), nil
	case kList:
		out := word{{lit: "["}}
		for i, it := range n.items {
			if i > 0 {
				out = append(out, seg{lit: ","})
			}
			w, err := shorthand(it)
			if err != nil {
				return nil, err
			}
			out = append(out, w...)
		}
		return append(out, seg{lit: "]"}), nil
	case kRef:
		return word{{v: n.s}}, nil
	}
	if n.s == "" || strings.ContainsAny(n.s, ",=[]{}\"' \t\n\\") {
		return nil, fmt.Errorf("%q cannot be written in shorthand syntax", n.s)
	}
	return word{{lit: n.s}}, nil
}

func shorthandMembers(n *node) (word, error) {
	var out word
	for i, k := range n.keys {
		if i > 0 {
			out = append(out, seg{lit: ","})
		}
		v, err := shorthand(n.vals[i])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out = append(out, seg{lit: k + "="})
		out = append(out, v...)
	}
	return out, nil
}

// shellQuote quotes a word for a POSIX shell: bare when every character is
// safe, in single quotes when it has no variables, else in double quotes
// with ${VAR} references.
func shellQuote(w word) string {
	hasVar := false
	var lit strings.Builder
	for _, s := range w {
		hasVar = hasVar || s.v != ""
		lit.WriteString(s.lit)
	}
	if !hasVar {
		t := lit.String()
		if t != "" && strings.Trim(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+:,./-") == "" {
			return t
		}
		return "'" + strings.ReplaceAll(t, "'", `'\''`) + "'"
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, s := range w {
		if s.v != "" {
			b.WriteString("${" + s.v + "}")
			continue
		}
		for _, r := range s.lit {
			if strings.ContainsRune("$`\"\\", r) {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
