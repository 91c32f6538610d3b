package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/parsers/templates"
)

func TestSizeBadInputExits2NamingTheLimit(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"size", "--runtime", "nodejs", "--memory-vcpu-ratio", "3"}, "nearest is 2"},
		{[]string{"size", "--runtime", "nodejs", "--memory-per-invocation", "40000"}, "maximum of 32768 MB"},
		{[]string{"size", "--runtime", "nodejs", "--instance-type", "z9.huge"}, "not an instance type LMI runs"},
		{[]string{"size", "--runtime", "nodejs20.x"}, "nearest supported runtime is nodejs22.x"},
		{[]string{"size", "--runtime", "nodejs", "--workload", "heavy"}, "io, balanced or cpu"},
		{[]string{"size", "--runtime", "nodejs", "--savings-plan", "forever"}, "unknown savings plan"},
		{[]string{"size", "--runtime", "nodejs", "--format", "pulumi"}, "--format"},
		{[]string{"size"}, "--runtime is required"},
	} {
		code, _, errOut := lmicheck(t, "", c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errOut, c.want)
		}
	}
}

func TestSizeJSONFromFlags(t *testing.T) {
	code, out, errOut := lmicheck(t, "", "size", "--runtime", "java", "--concurrency", "120", "--requests-per-month", "3e8", "--duration", "80ms", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Region, PriceDate string
		Plans             []struct {
			Runtime  string
			Capacity struct{ Instances, EnvironmentsNeeded int }
			Cost     struct{ LmiMonthlyUSD, LambdaMonthlyUSD float64 }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	p := rep.Plans[0]
	if rep.Region != "us-east-1" || rep.PriceDate == "" || p.Runtime != "java21" || p.Capacity.Instances < 3 || p.Cost.LmiMonthlyUSD <= 0 || p.Cost.LambdaMonthlyUSD <= 0 {
		t.Errorf("%+v", rep)
	}
}

func TestSizeDemoEmitsTemplatesThatReadBack(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	dir := t.TempDir()
	for _, format := range []string{"sam", "cloudformation", "cloudformation-json", "terraform", "cdk", "cli"} {
		out := filepath.Join(dir, "out."+format)
		code, _, errOut := lmicheck(t, root, "size", "testdata/demo", "--concurrency", "200", "--format", format, "-o", out)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, errOut)
		}
		if !strings.Contains(errOut, "fix the error-level hazards first") {
			t.Errorf("%s: the demo's hazards are named on stderr: %q", format, errOut)
		}
		b, err := os.ReadFile(out)
		if err != nil || len(b) == 0 {
			t.Fatalf("%s: %v", format, err)
		}
		switch format {
		case "sam", "cloudformation", "cloudformation-json":
			d, err := templates.Parse("template.yaml", b)
			if err != nil || len(d.Functions) != 4 || len(d.CapacityProviders) != 4 {
				t.Errorf("%s reads back: %v %+v", format, err, d)
			}
		case "terraform":
			d, err := templates.ParseTerraform("main.tf", b)
			if err != nil || len(d.Functions) != 4 {
				t.Errorf("terraform reads back: %v", err)
			}
		}
	}
}

func TestSizeChart(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cost.svg")
	code, _, errOut := lmicheck(t, "", "size", "--runtime", "nodejs", "--workload", "io", "--requests-per-month", "1e9", "--duration", "200ms", "--chart", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.Contains(string(b), "<svg") {
		t.Errorf("chart: %v", err)
	}
}
