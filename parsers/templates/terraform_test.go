package templates

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/facts"
)

// at returns the 1-based line and column where needle first occurs in src
// (ASCII sources) and the needle itself. "anchor»needle" looks for needle
// after anchor.
func at(t *testing.T, src, needle string) (int, int, string) {
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
	return line, i - strings.LastIndex(src[:i], "\n"), needle
}

func wantSetting(t *testing.T, what string, s facts.Setting, state facts.SettingState, value string) {
	t.Helper()
	if s.State != state || s.Value != value {
		t.Errorf("%s = %+v, want state %d value %q", what, s, state, value)
	}
}

// wantAt checks that a setting starts where needle starts and ends after it.
func wantAt(t *testing.T, what string, src string, p facts.Pos, needle string) {
	t.Helper()
	l, c, needle := at(t, src, needle)
	el, ec := l, c+len(needle)
	if p.Line != l || p.Col != c || p.EndLine != el || p.EndCol != ec {
		t.Errorf("%s at %d:%d-%d:%d, want %d:%d-%d:%d (%q)", what, p.Line, p.Col, p.EndLine, p.EndCol, l, c, el, ec, needle)
	}
}

func TestIsTerraform(t *testing.T) {
	for name, want := range map[string]bool{
		"main.tf": true, "infra/LAMBDA.TF": true, "main.tf.json": false, "x.tfvars": false, "tf": false,
	} {
		if IsTerraform(name) != want {
			t.Errorf("IsTerraform(%q) = %v", name, !want)
		}
	}
}

func TestTerraformFixture(t *testing.T) {
	b, err := os.ReadFile("../../testdata/rules/templates/terraform-basic/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	d, err := ParseTerraform("infra/main.tf", b)
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != facts.Terraform || d.Path != "infra/main.tf" {
		t.Errorf("deployment %q %q", d.Kind, d.Path)
	}
	if len(d.Functions) != 1 || len(d.CapacityProviders) != 1 {
		t.Fatalf("functions %d, capacity providers %d", len(d.Functions), len(d.CapacityProviders))
	}
	fn := d.Functions[0]
	if fn.Name != "aws_lambda_function.api" || fn.Template != "infra/main.tf" || fn.Handler != "index.handler" || fn.Runtime != "nodejs22.x" {
		t.Errorf("function %+v", fn)
	}
	if fn.CodeDir != "infra/src" || fn.Export != "handler" || !slices.Contains(fn.Candidates, "infra/src/index.mjs") {
		t.Errorf("code %q %v %q", fn.CodeDir, fn.Candidates, fn.Export)
	}
	wantAt(t, "Pos", src, fn.Pos, `handler          = "index.handler"`)
	wantAt(t, "DeclPos", src, fn.DeclPos, `resource "aws_lambda_function" "api"`)
	wantSetting(t, "runtime", fn.RuntimeSetting, facts.Literal, "nodejs22.x")
	wantAt(t, "runtime", src, fn.RuntimeSetting.Pos, `runtime          = "nodejs22.x"`)
	wantSetting(t, "architecture", fn.Architecture, facts.Literal, "arm64")
	wantAt(t, "architecture", src, fn.Architecture.Pos, `architectures    = ["arm64"]`)
	wantSetting(t, "memory", fn.Memory, facts.Literal, "4096")
	wantAt(t, "memory", src, fn.Memory.Pos, `memory_size      = 4096`)
	wantSetting(t, "ephemeral", fn.EphemeralStorage, facts.Literal, "1024")
	wantAt(t, "ephemeral", src, fn.EphemeralStorage.Pos, `size = 1024`)

	lmi := fn.LMI
	if lmi == nil {
		t.Fatal("no LMI config")
	}
	if lmi.Provider != "main" {
		t.Errorf("provider %q", lmi.Provider)
	}
	wantAt(t, "LMI", src, lmi.Pos, "capacity_provider_config")
	wantSetting(t, "provider ref", lmi.ProviderRef, facts.Unresolved, "")
	wantAt(t, "provider ref", src, lmi.ProviderRef.Pos, "capacity_provider_arn                     = aws_lambda_capacity_provider.main.arn")
	wantSetting(t, "ratio", lmi.MemoryPerVCpu, facts.Literal, "2")
	wantAt(t, "ratio", src, lmi.MemoryPerVCpu.Pos, "execution_environment_memory_gib_per_vcpu = 2")
	wantSetting(t, "concurrency", lmi.MaxConcurrency, facts.Literal, "64")
	wantSetting(t, "publish", lmi.Publish, facts.Literal, "true")
	wantAt(t, "publish", src, lmi.Publish.Pos, "publish    = true")
	wantSetting(t, "min", lmi.MinEnvironments, facts.Literal, "3")
	wantSetting(t, "max", lmi.MaxEnvironments, facts.Literal, "20")
	wantAt(t, "max", src, lmi.MaxEnvironments.Pos, "max_execution_environments = 20")
	wantAt(t, "scaling", src, lmi.ScalingConfigPos, "qualifier»function_scaling_config")

	cp := d.CapacityProviders[0]
	if cp.Name != "main" || cp.Architectures != 1 {
		t.Errorf("capacity provider %+v", cp)
	}
	wantAt(t, "cp", src, cp.Pos, `resource "aws_lambda_capacity_provider" "main"`)
	wantSetting(t, "cp architecture", cp.Architecture, facts.Literal, "arm64")
	if len(cp.AllowedTypes) != 2 || cp.AllowedTypes[1].Value != "m7g.xlarge" || cp.ExcludedTypes != nil {
		t.Errorf("types %+v / %+v", cp.AllowedTypes, cp.ExcludedTypes)
	}
	wantAt(t, "allowed[1]", src, cp.AllowedTypes[1].Pos, `"m7g.xlarge"`)
	wantAt(t, "allowed", src, cp.AllowedPos, `allowed_instance_types = ["c7g.xlarge", "m7g.xlarge"]`)
	wantSetting(t, "max vcpu", cp.MaxVCpuCount, facts.Literal, "64")
	wantSetting(t, "mode", cp.ScalingMode, facts.Literal, "Auto")
	wantSetting(t, "subnets", cp.Subnets, facts.Literal, "2")
	wantAt(t, "subnets", src, cp.Subnets.Pos, "subnet_ids         = [var.private_subnet_ids[0], var.private_subnet_ids[1]]")
}

func TestTerraformUnresolved(t *testing.T) {
	src := `
locals {
  mem = 2048
}

resource "aws_lambda_function" "f" {
  function_name = "f"
  handler       = var.handler
  runtime       = "${var.lang}22.x"
  memory_size   = local.mem
  architectures = var.archs
  filename      = "dist/f.zip"

  ephemeral_storage {
    size = var.big ? 10240 : 512
  }

  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn                     = "arn:aws:lambda:us-east-1:123456789012:capacity-provider:shared"
      per_execution_environment_max_concurrency = max(8, var.n)
      execution_environment_memory_gib_per_vcpu = null
    }
  }
}

resource "aws_lambda_capacity_provider" "p" {
  name = "p"
  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.x.id]
  }
  instance_requirements = [{
    architectures           = ["x86_64", "arm64"]
    excluded_instance_types = var.excluded
  }]
  capacity_provider_scaling_config = {
    max_vcpu_count = -1
    scaling_mode   = "Manual"
  }
}
`
	d, err := ParseTerraform("main.tf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fn := d.Functions[0]
	if fn.Handler != "" || fn.Runtime != "" || fn.CodeDir != "" || fn.Candidates != nil {
		t.Errorf("guessed: %+v", fn)
	}
	wantAt(t, "Pos", src, fn.Pos, "handler       = var.handler")
	wantSetting(t, "runtime", fn.RuntimeSetting, facts.Unresolved, "")
	wantSetting(t, "memory", fn.Memory, facts.Unresolved, "")
	wantAt(t, "memory", src, fn.Memory.Pos, "memory_size   = local.mem")
	wantSetting(t, "architecture", fn.Architecture, facts.Unresolved, "")
	wantSetting(t, "ephemeral", fn.EphemeralStorage, facts.Unresolved, "")
	lmi := fn.LMI
	if lmi == nil || lmi.Provider != "" {
		t.Fatalf("LMI %+v", lmi)
	}
	wantSetting(t, "arn", lmi.ProviderRef, facts.Literal, "arn:aws:lambda:us-east-1:123456789012:capacity-provider:shared")
	wantSetting(t, "concurrency", lmi.MaxConcurrency, facts.Unresolved, "")
	wantSetting(t, "ratio (null)", lmi.MemoryPerVCpu, facts.Absent, "")
	wantSetting(t, "publish", lmi.Publish, facts.Absent, "")

	cp := d.CapacityProviders[0]
	wantSetting(t, "subnets", cp.Subnets, facts.Unresolved, "")
	if cp.Architectures != 2 {
		t.Errorf("architectures %d", cp.Architectures)
	}
	wantSetting(t, "cp architecture", cp.Architecture, facts.Literal, "x86_64")
	wantAt(t, "cp architecture", src, cp.Architecture.Pos, `architectures           = ["x86_64", "arm64"]`)
	if len(cp.ExcludedTypes) != 1 || cp.ExcludedTypes[0].State != facts.Unresolved {
		t.Errorf("excluded %+v", cp.ExcludedTypes)
	}
	wantAt(t, "excluded", src, cp.ExcludedPos, "excluded_instance_types = var.excluded")
	wantSetting(t, "max vcpu", cp.MaxVCpuCount, facts.Literal, "-1")
	wantSetting(t, "mode", cp.ScalingMode, facts.Literal, "Manual")
	wantAt(t, "mode", src, cp.ScalingMode.Pos, `scaling_mode   = "Manual"`)
}

func TestTerraformModuleAndSourceFile(t *testing.T) {
	src := `
module "worker" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 8.0"

  function_name = "worker"
  handler       = "app.handler"
  runtime       = "python3.13"
  source_path   = "../functions/worker"
  architectures = ["arm64"]
  memory_size   = 2048
}

module "other" {
  source = "./modules/lambda"
  handler = "x.y"
}

data "archive_file" "one" {
  type        = "zip"
  source_file = "lambda/handler.js"
  output_path = "out.zip"
}

resource "aws_lambda_function" "one" {
  function_name = "one"
  handler       = "handler.main"
  runtime       = "nodejs22.x"
  filename      = data.archive_file.one.output_path
}
`
	d, err := ParseTerraform("infra/prod/main.tf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Functions) != 2 {
		t.Fatalf("functions %+v", d.Functions)
	}
	m := d.Functions[0]
	if m.Name != "module.worker" || m.Handler != "app.handler" || m.Runtime != "python3.13" || m.CodeDir != "infra/functions/worker" {
		t.Errorf("module %+v", m)
	}
	if len(m.Candidates) != 1 || m.Candidates[0] != "infra/functions/worker/app.py" || m.LMI != nil {
		t.Errorf("module candidates %v, LMI %v", m.Candidates, m.LMI)
	}
	wantSetting(t, "module memory", m.Memory, facts.Literal, "2048")
	wantSetting(t, "module architecture", m.Architecture, facts.Literal, "arm64")
	wantAt(t, "module decl", src, m.DeclPos, `module "worker"`)
	one := d.Functions[1]
	if one.CodeDir != "infra/prod/lambda" || one.LMI != nil || one.Candidates[0] != "infra/prod/lambda/handler.js" {
		t.Errorf("one %+v", one)
	}
}

func TestTerraformComments(t *testing.T) {
	src := "# lmicheck:ignore LMI012 -- sized for a batch job\r\n" +
		"resource \"aws_lambda_function\" \"f\" {\n" +
		"  memory_size = 1024 // lmicheck:ignore LMI013 -- legacy\n" +
		"  # an ordinary comment\n" +
		"  /* lmicheck:ignore LMI014 */\n" +
		"}\n"
	d, err := ParseTerraform("main.tf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Comments) != 3 {
		t.Fatalf("comments %+v", d.Comments)
	}
	c := d.Comments[0]
	if c.Text != "lmicheck:ignore LMI012 -- sized for a batch job" || !c.OwnLine || c.Pos.Line != 1 || c.Pos.Col != 1 || c.Pos.EndLine != 1 {
		t.Errorf("first %+v", c)
	}
	c = d.Comments[1]
	if c.Text != "lmicheck:ignore LMI013 -- legacy" || c.OwnLine || c.Pos.Line != 3 || c.Pos.Col != 22 || c.Pos.EndLine != 3 {
		t.Errorf("second %+v", c)
	}
	if c := d.Comments[2]; c.Text != "lmicheck:ignore LMI014" || !c.OwnLine || c.Pos.Line != 5 {
		t.Errorf("third %+v", c)
	}
}

func TestTerraformUTF16Columns(t *testing.T) {
	// "é" is one UTF-16 unit (two bytes), "🚀" two units (four bytes).
	src := "resource \"aws_lambda_function\" \"é🚀\" { memory_size = 2048 }\n"
	d, err := ParseTerraform("main.tf", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p := d.Functions[0].Memory.Pos
	if p.Line != 1 || p.Col != 40 || p.EndCol != 58 {
		t.Errorf("memory at %+v, want 1:40-58", p)
	}
	if p.Off != strings.Index(src, "memory_size") {
		t.Errorf("offset %d", p.Off)
	}
}

func TestTerraformMalformed(t *testing.T) {
	for _, src := range []string{
		"resource \"aws_lambda_function\" \"f\" {\n  handler = \n}\n",
		"resource \"aws_lambda_function\" \"f\" {\n  handler = \"x\"\n",
		"resource {",
	} {
		_, err := ParseTerraform("infra/bad.tf", []byte(src))
		if err == nil || !strings.HasPrefix(err.Error(), "infra/bad.tf:") {
			t.Errorf("%q: error %v", src, err)
		}
	}
	// Truncations of a real file never panic.
	b, err := os.ReadFile("../../testdata/rules/templates/terraform-basic/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(b); i += 7 {
		ParseTerraform("main.tf", b[:i])
	}
}

// FuzzTerraform: no input may panic, and positions stay inside the file.
func FuzzTerraform(f *testing.F) {
	if b, err := os.ReadFile("../../testdata/rules/templates/terraform-basic/main.tf"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{"", "{", "resource \"aws_lambda_function\" \"f\" { handler = \"${\" }", "# lmicheck\n", "/* lmicheck"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := ParseTerraform("main.tf", src)
		if err != nil {
			return
		}
		check := func(p facts.Pos) {
			if p.Off < 0 || p.EndOff > len(src) || p.Off > p.EndOff {
				t.Fatalf("position %+v outside %d bytes", p, len(src))
			}
		}
		for _, fn := range d.Functions {
			check(fn.Pos)
			check(fn.DeclPos)
			check(fn.Memory.Pos)
		}
		for _, c := range d.Comments {
			check(c.Pos)
		}
	})
}
