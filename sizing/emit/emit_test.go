package emit

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/lmicheck/lmicheck/sizing"
)

// Regenerate the golden files with LMICHECK_UPDATE_GOLDEN=1 go test ./sizing/emit.
const updateEnv = "LMICHECK_UPDATE_GOLDEN"

// fixture is two functions sharing one Graviton capacity provider (auto
// scaling) and a third on an x86 provider with target tracking.
func fixture() []sizing.Config {
	orders := sizing.CapacityProviderConfig{
		Name:                 "orders-capacity",
		Architecture:         "arm64",
		AllowedInstanceTypes: []string{"c7g.xlarge", "m7g.xlarge"},
		MaxVCpuCount:         64,
		ScalingMode:          "Auto",
	}
	return []sizing.Config{
		{
			FunctionName: "orders-api", Runtime: "nodejs22.x", Handler: "index.handler", Architecture: "arm64", MemorySize: 4096,
			ExecutionEnvironmentMemoryGiBPerVCpu: 2, PerExecutionEnvironmentMaxConcurrency: 128,
			MinExecutionEnvironments: 3, MaxExecutionEnvironments: 20,
			CapacityProvider: orders,
		},
		{
			FunctionName: "orders-worker", Runtime: "python3.13", Handler: "app.handler", Architecture: "arm64", MemorySize: 8192,
			ExecutionEnvironmentMemoryGiBPerVCpu: 4, PerExecutionEnvironmentMaxConcurrency: 32,
			MinExecutionEnvironments: 3, // no maximum
			CapacityProvider:         orders,
		},
		{
			FunctionName: "reports", Runtime: "java21", Architecture: "x86_64", MemorySize: 16384,
			ExecutionEnvironmentMemoryGiBPerVCpu: 8, PerExecutionEnvironmentMaxConcurrency: 64,
			MinExecutionEnvironments: 1, MaxExecutionEnvironments: 5,
			CapacityProvider: sizing.CapacityProviderConfig{
				Name: "reports-capacity", Architecture: "x86_64", AllowedInstanceTypes: []string{"r7i.2xlarge"},
				MaxVCpuCount: 32, ScalingMode: "Manual", TargetCPUUtilization: 70,
			},
		},
	}
}

var goldens = []struct {
	file string
	fn   Func
}{
	{"stack.ts", CDK},
	{"sam.yaml", SAM},
	{"cloudformation.yaml", CloudFormationYAML},
	{"cloudformation.json", CloudFormationJSON},
	{"main.tf", Terraform},
	{"commands.sh", CLI},
}

func emitted(t *testing.T, fn Func) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := fn(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, g := range goldens {
		t.Run(g.file, func(t *testing.T) {
			got := emitted(t, g.fn)
			again := emitted(t, g.fn)
			if !bytes.Equal(got, again) {
				t.Fatal("output differs between two runs")
			}
			path := filepath.Join("testdata", "golden", g.file)
			if os.Getenv(updateEnv) != "" {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (regenerate with %s=1)", err, updateEnv)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file (regenerate with %s=1 after checking the change):\n%s", g.file, updateEnv, got)
			}
		})
	}
}
