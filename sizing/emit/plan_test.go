package emit

import (
	"io"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/sizing"
)

func TestPlanErrors(t *testing.T) {
	conflict := fixture()
	conflict[1].CapacityProvider.MaxVCpuCount = 128
	dup := fixture()
	dup[1].FunctionName = dup[0].FunctionName
	manual := fixture()
	manual[2].CapacityProvider.TargetCPUUtilization = 0
	mode := fixture()
	mode[0].CapacityProvider.ScalingMode = "auto"
	mode[1].CapacityProvider.ScalingMode = "auto"
	unnamed := fixture()
	unnamed[0].FunctionName = ""
	for _, tc := range []struct {
		name string
		cfgs []sizing.Config
		want string
	}{
		{"none", nil, "no function configurations"},
		{"conflict", conflict, `"orders-capacity" is configured differently for orders-api and orders-worker`},
		{"duplicate", dup, `"orders-api" is configured twice`},
		{"manual without target", manual, "Manual needs a target CPU utilization"},
		{"unknown mode", mode, `ScalingMode "auto"`},
		{"unnamed", unnamed, "no FunctionName"},
	} {
		for name, fn := range Formats() {
			err := fn(io.Discard, tc.cfgs)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s/%s: error %v, want %q", tc.name, name, err, tc.want)
			}
		}
	}
}

func TestDefaults(t *testing.T) {
	// No provider name, no architecture on the provider: named after the
	// function, and it takes the function's architecture.
	cfgs := []sizing.Config{{FunctionName: "api", Runtime: "nodejs22.x", Architecture: "arm64", MemorySize: 2048,
		ExecutionEnvironmentMemoryGiBPerVCpu: 2, PerExecutionEnvironmentMaxConcurrency: 64, MinExecutionEnvironments: 3}}
	var b strings.Builder
	if err := CloudFormationYAML(&b, cfgs); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CapacityProviderName: api-capacity", "ApiCapacity:", "- arm64\n      PermissionsConfig"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
}

func TestShellQuote(t *testing.T) {
	for _, tc := range []struct {
		w    word
		want string
	}{
		{word{{lit: "orders-api"}}, "orders-api"},
		{word{{lit: "$LATEST.PUBLISHED"}}, "'$LATEST.PUBLISHED'"},
		{word{{lit: "it's"}}, `'it'\''s'`},
		{word{{lit: "A=[a,b]"}}, "'A=[a,b]'"},
		{word{{lit: ""}}, "''"},
		{word{{lit: "K=[$`\"\\"}, {v: "X"}, {lit: "]"}}, "\"K=[\\$\\`\\\"\\\\${X}]\""},
	} {
		if got := shellQuote(tc.w); got != tc.want {
			t.Errorf("shellQuote(%+v) = %s, want %s", tc.w, got, tc.want)
		}
	}
	if _, err := shorthand(str("a,b")); err == nil {
		t.Error("a value with a comma was written in shorthand")
	}
}

func TestNames(t *testing.T) {
	for _, tc := range []struct{ in, pascal, camel, snake string }{
		{"orders-api", "OrdersApi", "ordersApi", "orders_api"},
		{"ordersAPI_v2", "OrdersApiV2", "ordersApiV2", "orders_api_v2"},
		{"2fast", "F2fast", "f2fast", "_2fast"},
	} {
		if got := pascal(tc.in, "F"); got != tc.pascal {
			t.Errorf("pascal(%q) = %q, want %q", tc.in, got, tc.pascal)
		}
		if got := camel(tc.in, "F"); got != tc.camel {
			t.Errorf("camel(%q) = %q, want %q", tc.in, got, tc.camel)
		}
		if got := snake(tc.in, "f"); got != tc.snake {
			t.Errorf("snake(%q) = %q, want %q", tc.in, got, tc.snake)
		}
	}
	for api, tf := range map[string]string{
		"ExecutionEnvironmentMemoryGiBPerVCpu": "execution_environment_memory_gib_per_vcpu",
		"MaxVCpuCount":                         "max_vcpu_count",
		"SubnetIds":                            "subnet_ids",
		"LambdaManagedInstancesCapacityProviderConfig": "lambda_managed_instances_capacity_provider_config",
	} {
		if got := tfName(api); got != tf {
			t.Errorf("tfName(%s) = %s, want %s", api, got, tf)
		}
	}
}
