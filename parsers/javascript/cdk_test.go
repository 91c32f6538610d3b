package javascript

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/facts"
)

func parseCDK(t *testing.T, rel, src string) *facts.Deployment {
	t.Helper()
	f := New(0)
	defer f.Close()
	file, err := f.Parse(rel, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return file.Deployment
}

// spans checks that p covers exactly the first occurrence of needle (after
// anchor, when given as "anchor»needle") on one line.
func spans(t *testing.T, what, src string, p facts.Pos, needle string) {
	t.Helper()
	from := 0
	if anchor, rest, ok := strings.Cut(needle, "»"); ok {
		from = strings.Index(src, anchor)
		needle = rest
	}
	i := strings.Index(src[max(from, 0):], needle)
	if from < 0 || i < 0 {
		t.Fatalf("%q not in source", needle)
	}
	i += from
	line := strings.Count(src[:i], "\n") + 1
	col := i - strings.LastIndex(src[:i], "\n")
	if p.Line != line || p.Col != col || p.EndLine != line || p.EndCol != col+len(needle) || p.Off != i {
		t.Errorf("%s at %+v, want %d:%d-%d (%q)", what, p, line, col, col+len(needle), needle)
	}
}

func lit(t *testing.T, what string, s facts.Setting, want string) {
	t.Helper()
	if s.State != facts.Literal || s.Value != want {
		t.Errorf("%s = %+v, want literal %q", what, s, want)
	}
}

func TestCDKFixture(t *testing.T) {
	b, err := os.ReadFile("../../testdata/rules/templates/cdk-basic/lib/stack.ts")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	d := parseCDK(t, "infra/lib/stack.ts", src)
	if d == nil || d.Kind != facts.CDKSource || d.Path != "infra/lib/stack.ts" {
		t.Fatalf("deployment %+v", d)
	}
	if len(d.Functions) != 1 || len(d.CapacityProviders) != 1 {
		t.Fatalf("functions %+v, providers %+v", d.Functions, d.CapacityProviders)
	}
	cp := d.CapacityProviders[0]
	if cp.Name != "capacityProvider" || cp.Architectures != 1 {
		t.Errorf("provider %+v", cp)
	}
	if !strings.HasPrefix(src[cp.Pos.Off:], "new lambda.CapacityProvider(this, 'OrdersCapacity'") {
		t.Errorf("provider at %+v", cp.Pos)
	}
	lit(t, "cp architecture", cp.Architecture, "arm64")
	spans(t, "cp architecture", src, cp.Architecture.Pos, "architectures: [lambda.Architecture.ARM_64]")
	if cp.Subnets.State != facts.Unresolved {
		t.Errorf("subnets %+v", cp.Subnets)
	}
	spans(t, "subnets", src, cp.Subnets.Pos, "subnets: vpc.privateSubnets")
	if len(cp.AllowedTypes) != 2 || cp.ExcludedTypes != nil {
		t.Fatalf("types %+v", cp.AllowedTypes)
	}
	lit(t, "allowed[0]", cp.AllowedTypes[0], "c7g.xlarge")
	lit(t, "allowed[1]", cp.AllowedTypes[1], "m7g.xlarge")
	spans(t, "allowed[1]", src, cp.AllowedTypes[1].Pos, "new ec2.InstanceType('m7g.xlarge')")
	spans(t, "allowed", src, cp.AllowedPos, "instanceTypeFilter")
	lit(t, "max vcpu", cp.MaxVCpuCount, "64")
	spans(t, "max vcpu", src, cp.MaxVCpuCount.Pos, "maxVCpuCount: 64")

	fn := d.Functions[0]
	if fn.Name != "OrdersApi" || fn.Template != "infra/lib/stack.ts" || fn.Handler != "index.handler" || fn.Runtime != "nodejs22.x" {
		t.Errorf("function %+v", fn)
	}
	if fn.CodeDir != "infra/src" || fn.Export != "handler" || !slices.Contains(fn.Candidates, "infra/src/index.ts") {
		t.Errorf("code %q %v %q", fn.CodeDir, fn.Candidates, fn.Export)
	}
	spans(t, "Pos", src, fn.Pos, "handler: 'index.handler'")
	if !strings.HasPrefix(src[fn.DeclPos.Off:], "new lambda.Function(this, 'OrdersApi'") {
		t.Errorf("DeclPos %+v", fn.DeclPos)
	}
	lit(t, "runtime", fn.RuntimeSetting, "nodejs22.x")
	spans(t, "runtime", src, fn.RuntimeSetting.Pos, "runtime: lambda.Runtime.NODEJS_22_X")
	lit(t, "memory", fn.Memory, "4096")
	spans(t, "memory", src, fn.Memory.Pos, "memorySize: 4096")
	lit(t, "architecture", fn.Architecture, "arm64")
	lit(t, "ephemeral", fn.EphemeralStorage, "1024")
	spans(t, "ephemeral", src, fn.EphemeralStorage.Pos, "ephemeralStorageSize: Size.mebibytes(1024)")

	lmi := fn.LMI
	if lmi == nil || lmi.Provider != "capacityProvider" {
		t.Fatalf("LMI %+v", lmi)
	}
	if !strings.HasPrefix(src[lmi.Pos.Off:], "capacityProvider.addFunction(api, {") || lmi.ProviderRef.State != facts.Unresolved {
		t.Errorf("LMI at %+v, ref %+v", lmi.Pos, lmi.ProviderRef)
	}
	lit(t, "concurrency", lmi.MaxConcurrency, "64")
	spans(t, "concurrency", src, lmi.MaxConcurrency.Pos, "perExecutionEnvironmentMaxConcurrency: 64")
	lit(t, "ratio", lmi.MemoryPerVCpu, "2")
	lit(t, "publish", lmi.Publish, "true")
	lit(t, "min", lmi.MinEnvironments, "3")
	lit(t, "max", lmi.MaxEnvironments, "20")
	spans(t, "max", src, lmi.MaxEnvironments.Pos, "maxExecutionEnvironments: 20")
	spans(t, "scaling", src, lmi.ScalingConfigPos, "latestPublishedScalingConfig")
}

func TestCDKNamedImportAndNodejsFunction(t *testing.T) {
	src := `import { aws_lambda as lambda, aws_lambda_nodejs as nodejs, aws_ec2 as ec2, Size } from 'aws-cdk-lib';
import { Construct } from 'constructs';

const MEMORY = 2048;

export function build(scope: Construct, props: { mem: number }) {
  const cp = new lambda.CapacityProvider(scope, 'Cp', {
    subnets: [subnetA, subnetB],
    securityGroups: [sg],
    architectures: [lambda.Architecture.X86_64],
    instanceTypeFilter: lambda.InstanceTypeFilter.exclude([ec2.InstanceType.of(ec2.InstanceClass.M5, ec2.InstanceSize.XLARGE2), other]),
    scalingOptions: lambda.ScalingOptions.manual([lambda.TargetTrackingScalingPolicy.cpuUtilization(70)]),
  });
  const worker = new nodejs.NodejsFunction(scope, 'Worker', {
    entry: 'handlers/worker.ts',
    memorySize: props.mem,
    ephemeralStorageSize: Size.gibibytes(2),
    runtime: lambda.Runtime.NODEJS_LATEST,
  });
  const other2 = new nodejs.NodejsFunction(scope, 'Jobs', { memorySize: MEMORY });
  cp.addFunction(worker, { perExecutionEnvironmentMaxConcurrency: props.max });
}
`
	d := parseCDK(t, "app/lib/build.ts", src)
	if d == nil || len(d.Functions) != 2 || len(d.CapacityProviders) != 1 {
		t.Fatalf("deployment %+v", d)
	}
	cp := d.CapacityProviders[0]
	if cp.Name != "cp" {
		t.Errorf("name %q", cp.Name)
	}
	lit(t, "subnets", cp.Subnets, "2")
	lit(t, "architecture", cp.Architecture, "x86_64")
	lit(t, "mode", cp.ScalingMode, "Manual")
	if len(cp.ExcludedTypes) != 2 || cp.AllowedTypes != nil {
		t.Fatalf("types %+v %+v", cp.ExcludedTypes, cp.AllowedTypes)
	}
	lit(t, "excluded[0]", cp.ExcludedTypes[0], "m5.2xlarge")
	if cp.ExcludedTypes[1].State != facts.Unresolved {
		t.Errorf("excluded[1] %+v", cp.ExcludedTypes[1])
	}

	w := d.Functions[0]
	if w.Name != "Worker" || w.CodeDir != "app/handlers" || w.Export != "handler" || w.Handler != "worker.handler" ||
		!slices.Equal(w.Candidates, []string{"app/handlers/worker.ts"}) {
		t.Errorf("worker %+v", w)
	}
	spans(t, "worker Pos", src, w.Pos, "entry: 'handlers/worker.ts'")
	if w.Memory.State != facts.Unresolved || w.RuntimeSetting.State != facts.Unresolved || w.Runtime != "" {
		t.Errorf("guessed: memory %+v runtime %+v", w.Memory, w.RuntimeSetting)
	}
	spans(t, "memory", src, w.Memory.Pos, "memorySize: props.mem")
	lit(t, "ephemeral", w.EphemeralStorage, "2048")
	if w.LMI == nil || w.LMI.Provider != "cp" || w.LMI.MaxConcurrency.State != facts.Unresolved || w.LMI.MemoryPerVCpu.IsSet() {
		t.Errorf("LMI %+v", w.LMI)
	}
	j := d.Functions[1]
	if j.Name != "Jobs" || !slices.Equal(j.Candidates, []string{"app/lib/build.Jobs.ts", "app/lib/build.Jobs.js"}) || j.LMI != nil {
		t.Errorf("jobs %+v", j)
	}
	if j.Memory.State != facts.Unresolved {
		t.Errorf("a named constant is not a literal: %+v", j.Memory)
	}
}

func TestCDKRequire(t *testing.T) {
	src := `const cdk = require('aws-cdk-lib');
const { Function, Runtime, Code } = require('aws-cdk-lib/aws-lambda');
const { PythonFunction } = require('@aws-cdk/aws-lambda-python-alpha');

class Stack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    this.cp = new cdk.aws_lambda.CapacityProvider(this, 'Pool', { subnets: vpc.privateSubnets, maxVCpuCount: 16 });
    this.fn = new Function(this, 'Fn', {
      runtime: Runtime.PYTHON_3_13,
      handler: 'app.main',
      code: Code.fromAsset('functions/fn'),
      memorySize: 3008,
    });
    this.cp.addFunction(this.fn, { executionEnvironmentMemoryGiBPerVCpu: 4.0, publishToLatestPublished: false });
    new PythonFunction(this, 'Py', { entry: 'py', runtime: Runtime.PYTHON_3_13, index: 'main.py' });
  }
}
module.exports = { Stack };
`
	d := parseCDK(t, "cdk/stack.js", src)
	if d == nil || len(d.Functions) != 2 || len(d.CapacityProviders) != 1 {
		t.Fatalf("deployment %+v", d)
	}
	if cp := d.CapacityProviders[0]; cp.Name != "cp" || cp.MaxVCpuCount.Value != "16" {
		t.Errorf("provider %+v", cp)
	}
	fn := d.Functions[0]
	if fn.Name != "Fn" || fn.Runtime != "python3.13" || fn.CodeDir != "cdk/functions/fn" || fn.Export != "main" ||
		!slices.Equal(fn.Candidates, []string{"cdk/functions/fn/app.py"}) {
		t.Errorf("fn %+v", fn)
	}
	if fn.LMI == nil || fn.LMI.Provider != "cp" {
		t.Fatalf("LMI %+v", fn.LMI)
	}
	lit(t, "ratio", fn.LMI.MemoryPerVCpu, "4.0")
	lit(t, "publish", fn.LMI.Publish, "false")
	py := d.Functions[1]
	if py.Name != "Py" || py.Handler != "main.handler" || !slices.Equal(py.Candidates, []string{"cdk/py/main.py"}) {
		t.Errorf("python %+v", py)
	}
}

func TestCDKNegatives(t *testing.T) {
	for name, src := range map[string]string{
		// A class named Function, no CDK import.
		"no import": `class Function { constructor(a, b, c) {} }
const f = new Function(this, 'X', { handler: 'index.handler', memorySize: 2048 });
const cp = { addFunction() {} };
cp.addFunction(f, { perExecutionEnvironmentMaxConcurrency: 8 });
`,
		// CDK imported, but Function is a local class, not the construct.
		"local class": `import { Stack } from 'aws-cdk-lib';
class Function {}
new Function(this, 'X', { handler: 'index.handler' });
new Stack();
`,
	} {
		if d := parseCDK(t, "lib/x.ts", src); d != nil {
			t.Errorf("%s: deployment %+v", name, d)
		}
	}
}

func TestCDKUTF16Columns(t *testing.T) {
	src := "import * as lambda from 'aws-cdk-lib/aws-lambda';\n" +
		"const f = new lambda.Function(this, 'Fn', { description: 'é🚀', memorySize: 2048 });\n"
	d := parseCDK(t, "a.ts", src)
	if d == nil || len(d.Functions) != 1 {
		t.Fatalf("deployment %+v", d)
	}
	p := d.Functions[0].Memory.Pos
	// Byte column 68, UTF-16 column 65: "é" is 2 bytes / 1 unit, "🚀" 4 / 2.
	if p.Line != 2 || p.Col != 65 || p.EndCol != 81 {
		t.Errorf("memory at %+v", p)
	}
}

func TestCDKTruncatedNeverPanics(t *testing.T) {
	b, err := os.ReadFile("../../testdata/rules/templates/cdk-basic/lib/stack.ts")
	if err != nil {
		t.Fatal(err)
	}
	f := New(0)
	defer f.Close()
	for i := 0; i <= len(b); i += 5 {
		if _, err := f.Parse("lib/stack.ts", b[:i]); err != nil {
			t.Fatal(err)
		}
	}
}
