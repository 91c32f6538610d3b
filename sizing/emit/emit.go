// Package emit writes a sizing.Config as infrastructure code: CDK
// TypeScript, AWS SAM and CloudFormation templates (YAML and JSON),
// Terraform, and AWS CLI commands. Every emitter has the signature
// func(w io.Writer, cfgs []sizing.Config) error; functions that name the same
// capacity provider share it, and it is written once.
//
// Property names are not typed by hand where the SDK has them: the API
// shapes (CreateCapacityProviderInput, CreateFunctionInput,
// PutFunctionScalingConfigInput, PublishVersionInput and the types they hold)
// are built as github.com/aws/aws-sdk-go-v2/service/lambda values and
// serialized through the SDK's own Serialize methods into a node tree whose
// member names are the SDK schema's member names. CloudFormation uses them
// as they are; SAM, Terraform and the CLI derive theirs from them by the
// documented renames in sam.go, terraform.go and cli.go. Names that exist in
// one tool only (SAM's AutoPublishAlias, CloudFormation's
// PublishToLatestPublished, CDK's props) are constants with their source.
//
// What lmicheck cannot know — subnets, security groups, roles, code — is a
// parameter, variable or placeholder marked REPLACE.
package emit

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/lmicheck/lmicheck/sizing"
)

// Func is the signature every emitter has.
type Func func(w io.Writer, cfgs []sizing.Config) error

// Formats maps each --format name to its emitter (a new map per call: no
// package-level mutable state).
func Formats() map[string]Func {
	return map[string]Func{
		"cdk":                 CDK,
		"sam":                 SAM,
		"cloudformation":      CloudFormationYAML,
		"cloudformation-json": CloudFormationJSON,
		"terraform":           Terraform,
		"cli":                 CLI,
	}
}

// Names that no SDK shape holds.
const (
	// latestPublished is the qualifier of the version that
	// PublishTo=LATEST_PUBLISHED creates; scaling set on it is inherited by
	// later publishes (lmi-facts §3, [D-ver][D-scale]).
	latestPublished = "$LATEST.PUBLISHED"
	// cfnPublishToLatestPublished is AWS::Lambda::Function's property that
	// publishes $LATEST.PUBLISHED [CFN-LMI]; the API spells it PublishTo.
	cfnPublishToLatestPublished = "PublishToLatestPublished"
	// Placeholder values, replaced by each emitter with its own parameter,
	// variable or marked literal.
	placeholderSubnet = "subnet-REPLACE_ME"
	placeholderSG     = "sg-REPLACE_ME"
	placeholderRole   = "arn:aws:iam::123456789012:role/REPLACE_ME"
	placeholderARN    = "arn:aws:lambda:REGION:123456789012:capacity-provider:REPLACE_ME"
	placeholderBucket = "REPLACE_ME-code-bucket"
)

// plan is the configurations grouped by capacity provider.
type plan struct {
	providers []*provider
	functions []*function
}

type provider struct {
	cfg  sizing.CapacityProviderConfig
	name string // the capacity provider's name in AWS
	arch string
	fns  []*function
}

type function struct {
	cfg  sizing.Config
	arch string
	cp   *provider
}

// newPlan groups configurations by capacity provider name. Two
// configurations that name the same provider must describe it the same way.
func newPlan(cfgs []sizing.Config) (*plan, error) {
	if len(cfgs) == 0 {
		return nil, errors.New("emit: no function configurations")
	}
	p := &plan{}
	byName := map[string]*provider{}
	seen := map[string]bool{}
	for _, c := range cfgs {
		if c.FunctionName == "" {
			return nil, errors.New("emit: a configuration has no FunctionName")
		}
		if seen[c.FunctionName] {
			return nil, fmt.Errorf("emit: function %q is configured twice", c.FunctionName)
		}
		seen[c.FunctionName] = true
		cp := c.CapacityProvider
		name := cp.Name
		if name == "" {
			name = c.FunctionName + "-capacity"
		}
		if err := checkScaling(cp); err != nil {
			return nil, fmt.Errorf("emit: capacity provider %q: %w", name, err)
		}
		pr, ok := byName[name]
		switch {
		case !ok:
			pr = &provider{cfg: cp, name: name}
			byName[name] = pr
			p.providers = append(p.providers, pr)
		case !reflect.DeepEqual(pr.cfg, cp):
			return nil, fmt.Errorf("emit: capacity provider %q is configured differently for %s and %s",
				name, pr.fns[0].cfg.FunctionName, c.FunctionName)
		}
		f := &function{cfg: c, cp: pr}
		pr.fns = append(pr.fns, f)
		p.functions = append(p.functions, f)
	}
	for _, pr := range p.providers {
		pr.arch = pr.cfg.Architecture
		if pr.arch == "" {
			pr.arch = pr.fns[0].cfg.Architecture
		}
		for _, f := range pr.fns {
			f.arch = f.cfg.Architecture
			if f.arch == "" {
				f.arch = pr.arch
			}
		}
	}
	return p, nil
}

func checkScaling(cp sizing.CapacityProviderConfig) error {
	switch types.CapacityProviderScalingMode(cp.ScalingMode) {
	case "", types.CapacityProviderScalingModeAuto:
		if cp.TargetCPUUtilization != 0 {
			return errors.New("a target CPU utilization needs ScalingMode Manual")
		}
	case types.CapacityProviderScalingModeManual:
		if cp.TargetCPUUtilization <= 0 || cp.TargetCPUUtilization > 100 {
			return errors.New("ScalingMode Manual needs a target CPU utilization above 0 and at most 100")
		}
	default:
		return fmt.Errorf("ScalingMode %q is neither Auto nor Manual", cp.ScalingMode)
	}
	return nil
}

// ---- API shapes, built from the SDK -------------------------------------------

// providerInput is CreateCapacityProvider's input with placeholder network
// and role values.
func (pr *provider) input() *lambda.CreateCapacityProviderInput {
	in := &lambda.CreateCapacityProviderInput{
		CapacityProviderName: aws.String(pr.name),
		VpcConfig: &types.CapacityProviderVpcConfig{
			SubnetIds:        []string{placeholderSubnet},
			SecurityGroupIds: []string{placeholderSG},
		},
		PermissionsConfig: &types.CapacityProviderPermissionsConfig{
			CapacityProviderOperatorRoleArn: aws.String(placeholderRole),
		},
	}
	ir := &types.InstanceRequirements{}
	if pr.arch != "" {
		ir.Architectures = []types.Architecture{types.Architecture(pr.arch)}
	}
	if len(pr.cfg.AllowedInstanceTypes) > 0 {
		ir.AllowedInstanceTypes = append([]string(nil), pr.cfg.AllowedInstanceTypes...)
	}
	if ir.Architectures != nil || ir.AllowedInstanceTypes != nil {
		in.InstanceRequirements = ir
	}
	sc := &types.CapacityProviderScalingConfig{}
	if pr.cfg.MaxVCpuCount > 0 {
		sc.MaxVCpuCount = aws.Int32(int32(pr.cfg.MaxVCpuCount))
	}
	sc.ScalingMode = types.CapacityProviderScalingMode(pr.cfg.ScalingMode)
	if pr.cfg.TargetCPUUtilization > 0 {
		sc.ScalingPolicies = []types.TargetTrackingScalingPolicy{{
			PredefinedMetricType: types.CapacityProviderPredefinedMetricTypeLambdaCapacityProviderAverageCPUUtilization,
			TargetValue:          aws.Float64(pr.cfg.TargetCPUUtilization),
		}}
	}
	if sc.MaxVCpuCount != nil || sc.ScalingMode != "" {
		in.CapacityProviderScalingConfig = sc
	}
	return in
}

// input is CreateFunction's input: the settings lmicheck sizes, a
// placeholder role and S3 code location, and a placeholder capacity provider
// ARN.
func (f *function) input() *lambda.CreateFunctionInput {
	c := f.cfg
	in := &lambda.CreateFunctionInput{
		FunctionName: aws.String(c.FunctionName),
		Role:         aws.String(placeholderRole),
		Code:         &types.FunctionCode{S3Bucket: aws.String(placeholderBucket), S3Key: aws.String(f.codeKey())},
		CapacityProviderConfig: &types.CapacityProviderConfig{
			LambdaManagedInstancesCapacityProviderConfig: f.lmiConfig(),
		},
	}
	if c.Runtime != "" {
		in.Runtime = types.Runtime(c.Runtime)
	}
	in.Handler = aws.String(f.handler())
	if c.MemorySize > 0 {
		in.MemorySize = aws.Int32(int32(c.MemorySize))
	}
	if f.arch != "" {
		in.Architectures = []types.Architecture{types.Architecture(f.arch)}
	}
	return in
}

func (f *function) lmiConfig() *types.LambdaManagedInstancesCapacityProviderConfig {
	c := f.cfg
	mi := &types.LambdaManagedInstancesCapacityProviderConfig{CapacityProviderArn: aws.String(placeholderARN)}
	if c.ExecutionEnvironmentMemoryGiBPerVCpu > 0 {
		mi.ExecutionEnvironmentMemoryGiBPerVCpu = aws.Float64(c.ExecutionEnvironmentMemoryGiBPerVCpu)
	}
	if c.PerExecutionEnvironmentMaxConcurrency > 0 {
		mi.PerExecutionEnvironmentMaxConcurrency = aws.Int32(int32(c.PerExecutionEnvironmentMaxConcurrency))
	}
	return mi
}

// scaling is PutFunctionScalingConfig's input on $LATEST.PUBLISHED. A
// maximum of 0 means "no maximum" and is left out.
func (f *function) scaling() *lambda.PutFunctionScalingConfigInput {
	fsc := &types.FunctionScalingConfig{MinExecutionEnvironments: aws.Int32(int32(f.cfg.MinExecutionEnvironments))}
	if f.cfg.MaxExecutionEnvironments > 0 {
		fsc.MaxExecutionEnvironments = aws.Int32(int32(f.cfg.MaxExecutionEnvironments))
	}
	in := &lambda.PutFunctionScalingConfigInput{
		FunctionName:          aws.String(f.cfg.FunctionName),
		Qualifier:             aws.String(latestPublished),
		FunctionScalingConfig: fsc,
	}
	return in
}

// publish is PublishVersion's input that publishes $LATEST.PUBLISHED.
func (f *function) publish() *lambda.PublishVersionInput {
	return &lambda.PublishVersionInput{
		FunctionName: aws.String(f.cfg.FunctionName),
		PublishTo:    types.FunctionVersionLatestPublishedLatestPublished,
	}
}

// handler is the configured handler, or a marked placeholder.
func (f *function) handler() string {
	if f.cfg.Handler != "" {
		return f.cfg.Handler
	}
	return "index.handler"
}

// codeKey is the S3 key the templates expect the function's code under.
func (f *function) codeKey() string { return f.cfg.FunctionName + ".zip" }

// ---- naming -------------------------------------------------------------------

// words splits a name into words at non-alphanumerics and lower-to-upper
// case changes: "orders-api" and "ordersApi" give [orders api].
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = nil
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)):
			flush()
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// pascal turns a name into a CloudFormation logical ID: "orders-api" →
// "OrdersApi". A name with no letters or digits gives fallback.
func pascal(s, fallback string) string {
	var b strings.Builder
	for _, w := range words(s) {
		b.WriteString(strings.ToUpper(w[:1]) + strings.ToLower(w[1:]))
	}
	if b.Len() == 0 {
		return fallback
	}
	out := b.String()
	if out[0] >= '0' && out[0] <= '9' {
		out = fallback + out
	}
	return out
}

// camel turns a name into a TypeScript identifier: "orders-api" → "ordersApi".
func camel(s, fallback string) string {
	p := pascal(s, pascal(fallback, "x"))
	return strings.ToLower(p[:1]) + p[1:]
}

// snake turns a name into a Terraform label or shell variable stem.
func snake(s, fallback string) string {
	ws := words(s)
	if len(ws) == 0 {
		ws = words(fallback)
	}
	out := strings.ToLower(strings.Join(ws, "_"))
	if out != "" && out[0] >= '0' && out[0] <= '9' {
		out = "_" + out
	}
	return out
}

// namer hands out unique names.
type namer map[string]bool

func (n namer) unique(base string) string {
	name := base
	for i := 2; n[name]; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	n[name] = true
	return name
}
