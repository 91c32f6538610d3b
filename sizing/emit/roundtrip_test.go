package emit

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/parsers/javascript"
	"github.com/lmicheck/lmicheck/parsers/templates"
	"github.com/lmicheck/lmicheck/scan"
	"github.com/lmicheck/lmicheck/sizing"
)

// naming is how a reader names what an emitter wrote, and what a format
// cannot carry.
type naming struct {
	function func(sizing.Config) string                 // the reader's function name
	provider func(sizing.CapacityProviderConfig) string // the reader's provider name
	// noMax is what MaxExecutionEnvironments reads back as when the
	// configuration sets none ("" for Absent).
	noMax string
	// scalingMode: whether the format carries ScalingMode.
	scalingMode bool
}

var cfnNaming = naming{
	function:    func(c sizing.Config) string { return pascal(c.FunctionName, "") },
	provider:    func(c sizing.CapacityProviderConfig) string { return pascal(c.Name, "") },
	scalingMode: true,
}

func TestRoundTripTemplates(t *testing.T) {
	samNaming := cfnNaming
	samNaming.noMax, samNaming.scalingMode = strconv.Itoa(samMaxEnvironments), false
	tfNaming := naming{
		function:    func(c sizing.Config) string { return "aws_lambda_function." + snake(c.FunctionName, "") },
		provider:    func(c sizing.CapacityProviderConfig) string { return snake(c.Name, "") },
		scalingMode: true,
	}
	for _, tc := range []struct {
		name, path string
		fn         Func
		parse      func(string, []byte) (*facts.Deployment, error)
		naming     naming
		kind       facts.DeploymentKind
	}{
		{"sam", "template.yaml", SAM, templates.Parse, samNaming, facts.SAM},
		{"cloudformation-yaml", "template.yaml", CloudFormationYAML, templates.Parse, cfnNaming, facts.CloudFormation},
		{"cloudformation-json", "template.json", CloudFormationJSON, templates.Parse, cfnNaming, facts.CloudFormation},
		{"terraform", "main.tf", Terraform, templates.ParseTerraform, tfNaming, facts.Terraform},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := tc.parse(tc.path, emitted(t, tc.fn))
			if err != nil {
				t.Fatal(err)
			}
			if d.Kind != tc.kind {
				t.Errorf("kind %v, want %v", d.Kind, tc.kind)
			}
			checkDeployment(t, d, tc.naming)
		})
	}
}

func TestRoundTripCDK(t *testing.T) {
	f := javascript.New(0)
	defer f.Close()
	file, err := f.Parse("infra/lib/stack.ts", emitted(t, CDK))
	if err != nil {
		t.Fatal(err)
	}
	d := file.Deployment
	if d == nil || d.Kind != facts.CDKSource {
		t.Fatalf("deployment %+v", d)
	}
	checkDeployment(t, d, naming{
		function:    func(c sizing.Config) string { return pascal(c.FunctionName, "") },        // construct id
		provider:    func(c sizing.CapacityProviderConfig) string { return camel(c.Name, "") }, // variable
		scalingMode: true,
	})
	for _, fn := range d.Functions {
		if fn.LMI == nil || fn.LMI.Publish.Value != "true" {
			t.Errorf("%s: publishToLatestPublished not read back: %+v", fn.Name, fn.LMI)
		}
	}
}

func checkDeployment(t *testing.T, d *facts.Deployment, n naming) {
	t.Helper()
	cfgs := fixture()
	if len(d.Functions) != len(cfgs) {
		t.Fatalf("%d functions read back, want %d: %+v", len(d.Functions), len(cfgs), d.Functions)
	}
	if len(d.CapacityProviders) != 2 {
		t.Fatalf("%d capacity providers read back, want 2 (one per provider, however many functions share it)", len(d.CapacityProviders))
	}
	for _, c := range cfgs {
		name := n.function(c)
		i := slices.IndexFunc(d.Functions, func(f facts.LambdaFunction) bool { return f.Name == name })
		if i < 0 {
			t.Errorf("function %s not read back", name)
			continue
		}
		fn := d.Functions[i]
		lit(t, name+" runtime", fn.RuntimeSetting, c.Runtime)
		lit(t, name+" memory", fn.Memory, strconv.Itoa(c.MemorySize))
		lit(t, name+" architecture", fn.Architecture, c.Architecture)
		if fn.LMI == nil {
			t.Errorf("%s: no capacity provider configuration read back", name)
			continue
		}
		lmi := fn.LMI
		if want := n.provider(c.CapacityProvider); lmi.Provider != want {
			t.Errorf("%s: attached to %q, want %q", name, lmi.Provider, want)
		}
		lit(t, name+" ratio", lmi.MemoryPerVCpu, num(c.ExecutionEnvironmentMemoryGiBPerVCpu))
		lit(t, name+" concurrency", lmi.MaxConcurrency, strconv.Itoa(c.PerExecutionEnvironmentMaxConcurrency))
		lit(t, name+" min", lmi.MinEnvironments, strconv.Itoa(c.MinExecutionEnvironments))
		wantMax := n.noMax
		if c.MaxExecutionEnvironments > 0 {
			wantMax = strconv.Itoa(c.MaxExecutionEnvironments)
		}
		if wantMax == "" {
			if lmi.MaxEnvironments.IsSet() {
				t.Errorf("%s: max environments %+v, want none", name, lmi.MaxEnvironments)
			}
		} else {
			lit(t, name+" max", lmi.MaxEnvironments, wantMax)
		}
		if b, ok := lmi.Publish.Bool(); lmi.Publish.State == facts.Literal && ok && !b {
			t.Errorf("%s: not published", name)
		}
	}
	for _, c := range cfgs {
		cpc := c.CapacityProvider
		name := n.provider(cpc)
		i := slices.IndexFunc(d.CapacityProviders, func(p facts.CapacityProvider) bool { return p.Name == name })
		if i < 0 {
			t.Errorf("capacity provider %s not read back", name)
			continue
		}
		cp := d.CapacityProviders[i]
		if cp.Architectures != 1 {
			t.Errorf("%s: %d architectures", name, cp.Architectures)
		}
		lit(t, name+" architecture", cp.Architecture, cpc.Architecture)
		var types []string
		for _, s := range cp.AllowedTypes {
			if s.State != facts.Literal {
				t.Errorf("%s: allowed type %+v not literal", name, s)
			}
			types = append(types, s.Value)
		}
		if !slices.Equal(types, cpc.AllowedInstanceTypes) {
			t.Errorf("%s: allowed types %v, want %v", name, types, cpc.AllowedInstanceTypes)
		}
		lit(t, name+" MaxVCpuCount", cp.MaxVCpuCount, strconv.Itoa(cpc.MaxVCpuCount))
		if n.scalingMode {
			lit(t, name+" scaling mode", cp.ScalingMode, cpc.ScalingMode)
		}
		if cp.Subnets.State == facts.Literal {
			t.Errorf("%s: subnets %+v should be a parameter or variable", name, cp.Subnets)
		}
	}
}

func lit(t *testing.T, what string, s facts.Setting, want string) {
	t.Helper()
	if s.State != facts.Literal || s.Value != want {
		t.Errorf("%s = %+v, want literal %q", what, s, want)
	}
}

// TestTemplateRules runs lmicheck's own scan on the emitted SAM template and
// CloudFormation templates: no unsupported-runtime (LMI011) or
// invalid-configuration (LMI012) findings.
func TestTemplateRules(t *testing.T) {
	for _, g := range []struct {
		file string
		fn   Func
	}{
		{"template.yaml", SAM},
		{"cloudformation.template.yaml", CloudFormationYAML},
		{"cloudformation.template.json", CloudFormationJSON},
		{"main.tf", Terraform},
	} {
		t.Run(g.file, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, g.file), emitted(t, g.fn), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}, Root: dir})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range res.Findings {
				if f.RuleID == "LMI011" || f.RuleID == "LMI012" {
					t.Errorf("%s %s:%d: %s", f.RuleID, f.Location.Path, f.Location.Line, f.Message)
				}
			}
			for _, nt := range res.Notices {
				if strings.Contains(nt.Message, g.file) && strings.Contains(strings.ToLower(nt.Message), "cannot") {
					t.Errorf("notice: %+v", nt)
				}
			}
		})
	}
}

// TestTemplateRulesSeeEmittedSettings makes sure TestTemplateRules can fail:
// an illegal concurrency in the emitted SAM template is reported.
func TestTemplateRulesSeeEmittedSettings(t *testing.T) {
	cfgs := fixture()
	cfgs[0].MemorySize, cfgs[0].ExecutionEnvironmentMemoryGiBPerVCpu, cfgs[0].PerExecutionEnvironmentMaxConcurrency = 2048, 2, 100
	cfgs[2].Runtime = "java17"
	var b strings.Builder
	if err := SAM(&b, cfgs); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "template.yaml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := scan.Run(context.Background(), scan.Options{Paths: []string{dir}, Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range res.Findings {
		got[f.RuleID] = true
	}
	if !got["LMI011"] || !got["LMI012"] {
		t.Errorf("findings %+v, want LMI011 and LMI012", res.Findings)
	}
}
