package templates

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/facts"
)

func TestSAMCapacityProviderSettings(t *testing.T) {
	src := `Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: prod
Mappings:
  Sizes:
    prod:
      Memory: 4096
Globals:
  Function:
    Runtime: nodejs22.x
    Architectures: [arm64]
    CapacityProviderConfig:
      PerExecutionEnvironmentMaxConcurrency: 32
Resources:
  Capacity:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      VpcConfig:
        SubnetIds: [subnet-a, subnet-b]
        SecurityGroupIds: [sg-1]
      InstanceRequirements:
        Architectures: [arm64]
        AllowedTypes: [c7g.xlarge, m7g.xlarge]
      ScalingConfig:
        MaxVCpuCount: 64
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: orders/
      Handler: app.handler
      MemorySize: !FindInMap [Sizes, prod, Memory]
      AutoPublishAlias: live
      EphemeralStorage:
        Size: 1024
      CapacityProviderConfig:
        Arn: !GetAtt Capacity.Arn
        ExecutionEnvironmentMemoryGiBPerVCpu: !Ref Ratio
      FunctionScalingConfig:
        MinExecutionEnvironments: 3
        MaxExecutionEnvironments: 30
`
	d, err := Parse("app/template.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != facts.SAM || d.Stage != "prod" || len(d.Functions) != 1 || len(d.CapacityProviders) != 1 {
		t.Fatalf("%+v", d)
	}
	cp := d.CapacityProviders[0]
	if cp.Name != "Capacity" || cp.Architecture.Value != "arm64" || cp.Architectures != 1 || len(cp.AllowedTypes) != 2 ||
		cp.AllowedTypes[1].Value != "m7g.xlarge" || cp.MaxVCpuCount.Value != "64" || cp.Subnets.Value != "2" {
		t.Errorf("capacity provider: %+v", cp)
	}
	if cp.MaxVCpuCount.Pos.Line != 27 || cp.MaxVCpuCount.Pos.Col != 9 || cp.MaxVCpuCount.Pos.EndCol != 25 {
		t.Errorf("MaxVCpuCount spans the key and value: %+v", cp.MaxVCpuCount.Pos)
	}
	fn := d.Functions[0]
	if fn.Runtime != "nodejs22.x" || fn.RuntimeSetting.Pos.Line != 12 {
		t.Errorf("runtime from Globals, positioned there: %+v", fn.RuntimeSetting)
	}
	if fn.Memory.State != facts.Literal || fn.Memory.Value != "4096" || fn.Memory.Pos.Line != 33 {
		t.Errorf("FindInMap with literal keys resolves: %+v", fn.Memory)
	}
	if fn.Architecture.Value != "arm64" || fn.EphemeralStorage.Value != "1024" {
		t.Errorf("architecture %+v, storage %+v", fn.Architecture, fn.EphemeralStorage)
	}
	c := fn.LMI
	if c == nil || c.Provider != "Capacity" || c.Pos.Line != 37 {
		t.Fatalf("LMI: %+v", c)
	}
	if c.MemoryPerVCpu.State != facts.Unresolved || c.MaxConcurrency.Value != "32" || c.MaxConcurrency.Pos.Line != 15 {
		t.Errorf("ratio is a Ref (unresolved); concurrency from Globals: %+v %+v", c.MemoryPerVCpu, c.MaxConcurrency)
	}
	if c.MinEnvironments.Value != "3" || c.MaxEnvironments.Value != "30" || c.Publish.Value != "live" {
		t.Errorf("scaling/publish: %+v", c)
	}
	if len(fn.Candidates) == 0 || fn.Candidates[0] != "app/orders/app.js" {
		t.Errorf("candidates: %v", fn.Candidates)
	}
}

func TestCloudFormationLMIAndVersion(t *testing.T) {
	src := `{
  "Resources": {
    "Cp": {"Type": "AWS::Lambda::CapacityProvider", "Properties": {
      "VpcConfig": {"SubnetIds": {"Ref": "Subnets"}},
      "InstanceRequirements": {"Architectures": ["x86_64", "arm64"], "ExcludedInstanceTypes": ["r*"]},
      "CapacityProviderScalingConfig": {"MaxVCpuCount": 1, "ScalingMode": "Auto"}}},
    "Fn": {"Type": "AWS::Lambda::Function", "Properties": {
      "Runtime": "python3.12", "Handler": "app.handler", "Code": {"S3Bucket": "b", "S3Key": "k"},
      "MemorySize": {"Fn::Join": ["", ["20", "48"]]},
      "CapacityProviderConfig": {"LambdaManagedInstancesCapacityProviderConfig": {
        "CapacityProviderArn": {"Fn::GetAtt": ["Cp", "Arn"]}, "PerExecutionEnvironmentMaxConcurrency": 100}}}},
    "V": {"Type": "AWS::Lambda::Version", "Properties": {"FunctionName": {"Ref": "Fn"}}}
  }
}`
	d, err := Parse("cfn.template.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != facts.CloudFormation || len(d.Functions) != 1 || len(d.CapacityProviders) != 1 {
		t.Fatalf("%+v", d)
	}
	cp := d.CapacityProviders[0]
	if cp.Architectures != 2 || cp.Subnets.State != facts.Unresolved || len(cp.ExcludedTypes) != 1 || cp.MaxVCpuCount.Value != "1" {
		t.Errorf("cp: %+v", cp)
	}
	fn := d.Functions[0]
	if fn.Memory.Value != "2048" || fn.LMI == nil || fn.LMI.Provider != "Cp" || fn.LMI.MaxConcurrency.Value != "100" {
		t.Errorf("fn: %+v / %+v", fn, fn.LMI)
	}
	if fn.LMI.Publish.Value != "true" {
		t.Errorf("an AWS::Lambda::Version publishes the function: %+v", fn.LMI.Publish)
	}
	if fn.CodeDir != "" {
		t.Errorf("S3 code is not in the tree: %q", fn.CodeDir)
	}
	if fn.LMI.MaxConcurrency.Pos.Line != 11 {
		t.Errorf("JSON positions: %+v", fn.LMI.MaxConcurrency.Pos)
	}
}

func TestServerlessCapacityProviders(t *testing.T) {
	src := `service: shop
provider:
  name: aws
  stage: dev
  runtime: nodejs24.x
  architecture: arm64
  memorySize: ${self:custom.memory}
  capacityProviders:
    main:
      scaling:
        maxVCpuCount: 100
functions:
  api:
    handler: src/api.handler
    capacityProvider: main
  worker:
    handler: src/worker.handler
    memorySize: 4096
    capacityProvider:
      name: main
      maxConcurrency: 200
      memoryPerVCpu: 2
      scaling:
        min: 1
        max: 10
  plain:
    handler: src/plain.handler
`
	d, err := Parse("serverless.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != facts.Serverless || d.Stage != "dev" || len(d.CapacityProviders) != 1 || d.CapacityProviders[0].MaxVCpuCount.Value != "100" {
		t.Fatalf("%+v", d)
	}
	api, worker, plain := d.Functions[0], d.Functions[1], d.Functions[2]
	if api.LMI == nil || api.LMI.Provider != "main" || api.Memory.State != facts.Unresolved || api.Architecture.Value != "arm64" {
		t.Errorf("api: %+v %+v", api, api.LMI)
	}
	w := worker.LMI
	if w == nil || w.Provider != "main" || w.MaxConcurrency.Value != "200" || w.MemoryPerVCpu.Value != "2" || w.MinEnvironments.Value != "1" || w.MaxEnvironments.Value != "10" || worker.Memory.Value != "4096" {
		t.Errorf("worker: %+v %+v", worker, w)
	}
	if plain.LMI != nil {
		t.Errorf("plain is not on LMI")
	}
}

func TestCDKOutKindAndConstruct(t *testing.T) {
	src := `{"Resources": {"OrdersFnABC": {"Type": "AWS::Lambda::Function",
  "Metadata": {"aws:cdk:path": "Shop/OrdersFn/Resource", "aws:asset:path": "asset.123"},
  "Properties": {"Runtime": "nodejs20.x", "Handler": "index.handler", "Code": {"S3Bucket": "x", "S3Key": "y.zip"}}}}}`
	d, err := Parse("cdk.out/Shop.template.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != facts.CDKOut || d.Functions[0].Construct != "Shop/OrdersFn/Resource" || d.Functions[0].CodeDir != "" {
		t.Errorf("%+v", d)
	}
}

func TestYAMLSuppressionComments(t *testing.T) {
	src := "Resources: # lmicheck:ignore LMI014 -- not here\n  # lmicheck:ignore LMI012 -- own line\n  X: {Type: 'a#b'} # plain comment\n  Y: \"lmicheck:ignore # LMI001\"\n"
	cs := hashComments([]byte(src))
	if len(cs) != 2 || cs[0].OwnLine || cs[0].Pos.Line != 1 || !cs[1].OwnLine || cs[1].Pos.Line != 2 || cs[1].Text != "lmicheck:ignore LMI012 -- own line" {
		t.Errorf("%+v", cs)
	}
}

// FuzzTemplates: no YAML or JSON input may panic the CloudFormation, SAM or
// serverless.yml reader.
func FuzzTemplates(f *testing.F) {
	for _, s := range []string{
		"Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      CapacityProviderConfig: {Arn: !GetAtt C.Arn}\n",
		"Resources: {C: {Type: AWS::Lambda::CapacityProvider, Properties: {VpcConfig: {SubnetIds: !Split [',', x]}}}}",
		"service: s\nprovider: {capacityProviders: {a: {instanceRequirements: {architectures: !If [x]}}}}\nfunctions: {f: {handler: a.b, capacityProvider: {scaling: 7}}}",
		"Mappings: {M: {a: {b: 1}}}\nResources: {F: {Type: AWS::Lambda::Function, Properties: {MemorySize: !FindInMap [M, a, !Select [0, [b]]]}}}",
		`{"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": {"Fn::Join": [1, [2]]}}}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Parse("template.yaml", src)
		if err == nil && d == nil {
			t.Fatal("no deployment and no error")
		}
	})
}

// BenchmarkParseSynthesizedTemplate reads a template the size of a large
// synthesized CDK app: 300 functions on LMI and 10 capacity providers.
func BenchmarkParseSynthesizedTemplate(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"Resources": {`)
	for i := range 10 {
		fmt.Fprintf(&sb, `"Cp%d": {"Type": "AWS::Lambda::CapacityProvider", "Properties": {"VpcConfig": {"SubnetIds": ["a", "b"]}, "InstanceRequirements": {"Architectures": ["arm64"]}, "CapacityProviderScalingConfig": {"MaxVCpuCount": 64}}},`, i)
	}
	for i := range 300 {
		fmt.Fprintf(&sb, `"Fn%d": {"Type": "AWS::Lambda::Function", "Metadata": {"aws:cdk:path": "Stack/Fn%d/Resource"}, "Properties": {"Runtime": "nodejs22.x", "Handler": "index.handler", "MemorySize": 4096, "Code": {"S3Bucket": "b", "S3Key": "k"}, "CapacityProviderConfig": {"LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": {"Fn::GetAtt": ["Cp%d", "Arn"]}, "PerExecutionEnvironmentMaxConcurrency": 64}}}},`, i, i, i%10)
	}
	sb.WriteString(`"Last": {"Type": "AWS::SNS::Topic"}}}`)
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := Parse("cdk.out/Stack.template.json", src)
		if err != nil || len(d.Functions) != 300 {
			b.Fatal(err)
		}
	}
}

func TestYAMLAnchorsAndMergeKeys(t *testing.T) {
	src := `Resources:
  Cap:
    Type: AWS::Serverless::CapacityProvider
    Properties:
      VpcConfig: {SubnetIds: [a]}
      ScalingConfig:
        MaxVCpuCount: &cap 64
  One:
    Type: AWS::Serverless::Function
    Properties: &common
      InlineCode: x
      Runtime: nodejs22.x
      MemorySize: 4096
      CapacityProviderConfig:
        Arn: !GetAtt Cap.Arn
        PerExecutionEnvironmentMaxConcurrency: 100
  Two:
    Type: AWS::Serverless::Function
    Properties:
      <<: *common
      MemorySize: 2048
  Three:
    Type: AWS::Serverless::Function
    Properties: *common
`
	d, err := Parse("template.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Functions) != 3 || d.CapacityProviders[0].MaxVCpuCount.Value != "64" {
		t.Fatalf("%+v", d)
	}
	two, three := d.Functions[1], d.Functions[2]
	if two.Memory.Value != "2048" || two.Runtime != "nodejs22.x" || two.LMI == nil || two.LMI.MaxConcurrency.Value != "100" || two.LMI.Provider != "Cap" {
		t.Errorf("merge key: own keys win, the rest is merged: %+v %+v", two, two.LMI)
	}
	if three.Memory.Value != "4096" || three.LMI == nil {
		t.Errorf("alias: %+v", three)
	}
}

func TestMergeKeyFanOutIsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 {x: 1}\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&b, "a%d: &a%d\n  <<: [", i, i)
		for j := 0; j < 30; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: *a11\n")
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := Parse("template.yaml", []byte(b.String())); err != nil {
			t.Log(err)
		}
	}()
	<-done // without a budget this lookup would visit 30^11 mappings
}
