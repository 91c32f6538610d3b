package facts

import (
	"strconv"
	"strings"
)

// This file is the vocabulary of deployment inputs: templates and IaC code
// (SAM, CloudFormation, serverless.yml, cdk.out, CDK source, Terraform) and
// dependency manifests. Every setting keeps where it is written, so a finding
// lands on the key the user edits.

// SettingState says what a template says about a setting.
type SettingState uint8

// Setting states.
const (
	// Absent: not written; the service default applies.
	Absent SettingState = iota
	// Literal: written as a plain value.
	Literal
	// Unresolved: written, but as an intrinsic function, a variable or an
	// expression lmicheck does not evaluate (!Ref, ${self:…}, var.x).
	Unresolved
)

// Setting is one value as written in a template.
type Setting struct {
	Value string // the literal value ("2048", "arm64"); "" unless State is Literal
	State SettingState
	// Pos spans the key and its value (the key alone when the value spans lines).
	Pos Pos
	// File is the file it is written in when that is not the deployment's own
	// (a Terraform module spreads one function over several files).
	File string
}

// Lit returns a literal setting.
func Lit(v string, p Pos) Setting { return Setting{Value: v, State: Literal, Pos: p} }

// IsSet reports whether the setting is written at all (literal or not).
func (s Setting) IsSet() bool { return s.State != Absent }

// Int returns the setting as a whole number, when it is a literal one.
func (s Setting) Int() (int, bool) {
	if s.State != Literal {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(s.Value))
	return n, err == nil
}

// Float returns the setting as a number, when it is a literal one.
func (s Setting) Float() (float64, bool) {
	if s.State != Literal {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s.Value), 64)
	return f, err == nil
}

// Bool returns the setting as a boolean, when it is a literal one.
func (s Setting) Bool() (bool, bool) {
	if s.State != Literal {
		return false, false
	}
	b, err := strconv.ParseBool(strings.TrimSpace(s.Value))
	return b, err == nil
}

// DeploymentKind names the kind of template or IaC source.
type DeploymentKind string

// Deployment kinds.
const (
	SAM            DeploymentKind = "sam"
	CloudFormation DeploymentKind = "cloudformation"
	Serverless     DeploymentKind = "serverless"
	CDKOut         DeploymentKind = "cdk-out"   // synthesized cdk.out/*.template.json
	CDKSource      DeploymentKind = "cdk"       // CDK app source (TypeScript)
	Terraform      DeploymentKind = "terraform" // *.tf
)

// Deployment is what one template or IaC file declares.
type Deployment struct {
	Path string // relative to the scan root
	Kind DeploymentKind
	// Stage is the deployment stage when the file names one literally
	// (serverless provider.stage, a Stage/Environment parameter default).
	Stage             string
	Functions         []LambdaFunction
	CapacityProviders []CapacityProvider
	// Comments carry suppressions (# lmicheck:ignore LMI014 -- reason).
	Comments []Comment
	// Scaling is scaling written apart from a function this file does not
	// declare (Terraform aws_lambda_function_scaling_config); scan attaches it
	// to the function in another file of the same module.
	Scaling []FunctionScaling
}

// FunctionScaling is a function's Min/MaxExecutionEnvironments written in a
// separate resource.
type FunctionScaling struct {
	Function string // the function's Name ("aws_lambda_function.api")
	Pos      Pos
	Min, Max Setting
}

// LMIConfig is a function's attachment to a capacity provider and its
// Lambda Managed Instances settings.
type LMIConfig struct {
	Pos Pos // of the CapacityProviderConfig key (or the addFunction call)
	// Provider is the capacity provider's name in the same deployment
	// (logical id, Terraform resource name, CDK variable) when the reference
	// resolves to one; "" when it is an ARN or cannot be resolved.
	Provider    string
	ProviderRef Setting // the reference as written
	// MemoryPerVCpu is ExecutionEnvironmentMemoryGiBPerVCpu.
	MemoryPerVCpu Setting
	// MaxConcurrency is PerExecutionEnvironmentMaxConcurrency.
	MaxConcurrency   Setting
	MinEnvironments  Setting
	MaxEnvironments  Setting
	ScalingConfigPos Pos // of FunctionScalingConfig, when written
	// Publish says whether a version is published: SAM AutoPublishAlias (a
	// name), CloudFormation/CDK PublishToLatestPublished (true/false).
	Publish Setting
}

// CapacityProvider is a declared capacity provider.
type CapacityProvider struct {
	Name string // logical id, Terraform resource name, or CDK variable
	Pos  Pos    // of its declaration
	// Construct is the CDK construct path or id (see LambdaFunction.Construct).
	Construct string
	// Architecture is its single architecture; Architectures counts how many
	// are listed (exactly one is allowed).
	Architecture  Setting
	Architectures int
	AllowedTypes  []Setting
	AllowedPos    Pos // of the allowed-types key
	ExcludedTypes []Setting
	ExcludedPos   Pos
	MaxVCpuCount  Setting
	ScalingMode   Setting
	// Subnets is the number of subnets as a literal ("2"), Unresolved when the
	// list is an intrinsic or variable, Absent when there is no VPC config.
	Subnets Setting
}

// Ecosystem is a package ecosystem a manifest belongs to.
type Ecosystem string

// Ecosystems.
const (
	Npm   Ecosystem = "npm"
	PyPI  Ecosystem = "pypi"
	Maven Ecosystem = "maven"
	NuGet Ecosystem = "nuget"
	GoMod Ecosystem = "go"
	Cargo Ecosystem = "cargo"
)

// Manifest is one dependency manifest (package.json, requirements.txt,
// pom.xml, *.csproj, go.mod, Cargo.toml …), with versions resolved from a lock
// file beside it where there is one. Only what is deployed is listed (no
// devDependencies, test scopes or dev groups). go.mod's `go` and `toolchain`
// directives are listed as dependencies named "go" and "toolchain".
type Manifest struct {
	Path      string // relative to the scan root
	Ecosystem Ecosystem
	Deps      []Dependency
	Comments  []Comment
}

// Dependency is one declared dependency.
type Dependency struct {
	Name string // as its ecosystem names it: "@aws-sdk/client-s3", "software.amazon.awssdk:s3"
	// Constraint is the version requirement as written ("^3.500.0", ">=2,<3",
	// "[1.0,2.0)"); "" when none is written.
	Constraint string
	// Resolved is the version a lock file pins ("" without one); Lock names it.
	Resolved string
	Lock     string
	Pos      Pos // of the version as written, else of the name
	// Features are the Cargo features or Python extras enabled, as written.
	Features []string
}
