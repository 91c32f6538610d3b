package pricing_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/lmicheck/lmicheck/sizing"
	"github.com/lmicheck/lmicheck/sizing/pricing"
)

func TestEmbeddedRegionsAndSources(t *testing.T) {
	for _, r := range []string{"eu-west-1", "us-east-1", "us-west-2"} {
		s, ok := pricing.SourceFor(r)
		if !ok || s.URL == "" || s.Date == "" {
			t.Errorf("%s: source %+v %v", r, s, ok)
		}
		if len(pricing.Embedded().InstanceTypes(r)) == 0 {
			t.Errorf("%s: no types", r)
		}
	}
	b := pricing.Embedded()
	if !strings.Contains(b.Source(), "karpenter-provider-aws") || !strings.Contains(b.Date(), "us-east-1: 2026-01-19") {
		t.Errorf("source %q date %q", b.Source(), b.Date())
	}
}

// lmi-facts §4 quotes the calculator's us-east-1 c7g/m7g/r7g prices. The
// table holds the Price List's values; the calculator rounds r7g to three
// decimals (0.2142 → 0.214), so they agree to the calculator's rounding.
func TestFactsPricesMatch(t *testing.T) {
	facts := map[string]float64{
		"c7g.xlarge": 0.145, "c7g.2xlarge": 0.29, "c7g.4xlarge": 0.58,
		"m7g.xlarge": 0.1632, "m7g.2xlarge": 0.3264, "m7g.4xlarge": 0.6528,
		"r7g.xlarge": 0.214, "r7g.2xlarge": 0.428, "r7g.4xlarge": 0.857,
	}
	for name, want := range facts {
		got, err := pricing.Embedded().InstanceHourly("us-east-1", name)
		if err != nil || math.Abs(got-want) > 0.0005 {
			t.Errorf("embedded %s = %v %v, lmi-facts %v", name, got, err, want)
		}
		calc, err := pricing.CalculatorBook().InstanceHourly("us-east-1", name)
		if err != nil || calc != want {
			t.Errorf("calculator %s = %v %v, lmi-facts %v", name, calc, err, want)
		}
	}
}

func TestEmbeddedCoverage(t *testing.T) {
	b := pricing.Embedded()
	var names []string
	for _, fam := range []string{"c6g", "c7g", "c8g", "c6i", "c7i", "c8i", "m6g", "m7g", "m8g", "m6i", "m7i", "r6g", "r7g", "r8g", "r6i", "r7i"} {
		for _, size := range []string{"large", "xlarge", "2xlarge", "4xlarge", "8xlarge"} {
			if fam[0] == 'c' && size == "large" {
				continue // LMI runs C from .xlarge (lmi-facts §2)
			}
			names = append(names, fam+"."+size)
		}
	}
	for _, n := range names {
		if _, err := b.InstanceHourly("us-east-1", n); err != nil {
			t.Errorf("us-east-1 %s: %v", n, err)
		}
	}
	if _, err := b.InstanceHourly("us-east-1", "c7g.large"); err == nil {
		t.Error("c7g.large priced although LMI does not run C below .xlarge")
	}
	// Coverage per Region: us-east-1 from Karpenter's file, us-west-2 and
	// eu-west-1 from the SkyPilot catalog, which has no eu-west-1 c8i rows.
	for region, want := range map[string]int{"us-east-1": 74, "us-west-2": 74, "eu-west-1": 70} {
		if got := len(b.InstanceTypes(region)); got != want {
			t.Errorf("%s: %d types priced, want %d", region, got, want)
		}
	}
	for _, n := range names {
		if _, err := b.InstanceHourly("us-west-2", n); err != nil {
			t.Errorf("us-west-2 %s: %v", n, err)
		}
		_, err := b.InstanceHourly("eu-west-1", n)
		if strings.HasPrefix(n, "c8i.") {
			// A type whose price was not found is left out, and the error says so.
			if err == nil || !strings.Contains(err.Error(), "left out") || !strings.Contains(err.Error(), "no eu-west-1 rows for c8i") ||
				!strings.Contains(err.Error(), "--live-pricing") {
				t.Errorf("missing eu-west-1 %s: %v", n, err)
			}
		} else if err != nil {
			t.Errorf("eu-west-1 %s: %v", n, err)
		}
	}
	if _, err := b.InstanceHourly("ap-south-1", "c7g.xlarge"); err == nil || !strings.Contains(err.Error(), "us-east-1") {
		t.Errorf("unknown region: %v", err)
	}
	// Specs: C 2, M 4, R 8 GiB per vCPU; g is Graviton.
	for _, c := range []struct {
		name       string
		vcpus, mib int
		arch       string
	}{{"c7g.xlarge", 4, 8192, "arm64"}, {"m6i.large", 2, 8192, "x86_64"}, {"r8g.8xlarge", 32, 262144, "arm64"}, {"c8i.2xlarge", 8, 16384, "x86_64"}} {
		s, ok := pricing.Spec(c.name)
		if !ok || s.VCpus != c.vcpus || s.MemoryMB != c.mib || s.Arch != c.arch {
			t.Errorf("%s: %+v", c.name, s)
		}
	}
	// eu-west-1 differs from us-east-1 and is not proportional by size.
	x, _ := b.InstanceHourly("eu-west-1", "c7g.2xlarge")
	y, _ := b.InstanceHourly("eu-west-1", "c7g.4xlarge")
	if x != 0.3101 || y != 0.6202 {
		t.Errorf("eu-west-1 c7g: %v %v", x, y)
	}
	// A few rows as the catalog gives them (us-west-2 equals us-east-1 for
	// these families; eu-west-1 does not).
	for _, c := range []struct {
		region, name string
		want         float64
	}{
		{"us-west-2", "m7g.xlarge", 0.1632}, {"eu-west-1", "m7g.xlarge", 0.1819},
		{"us-west-2", "r8g.2xlarge", 0.47128}, {"eu-west-1", "r8g.2xlarge", 0.52736},
		{"us-west-2", "c8i.4xlarge", 0.74968}, {"eu-west-1", "m6i.large", 0.107},
		{"eu-west-1", "r7i.large", 0.14805}, {"eu-west-1", "c6g.xlarge", 0.1459},
	} {
		if got, err := b.InstanceHourly(c.region, c.name); err != nil || got != c.want {
			t.Errorf("%s %s = %v %v, want %v", c.region, c.name, got, err, c.want)
		}
	}
}

func TestLambdaPricesMatchCostModel(t *testing.T) {
	for _, arch := range []string{"x86_64", "arm64"} {
		got, src, date, ok := pricing.LambdaPrices("us-east-1", arch)
		if !ok || src == "" || date == "" {
			t.Fatalf("%s: no row", arch)
		}
		want := sizing.DefaultLambdaRates(arch)
		if got.RequestUSDPerMillion != want.RequestUSDPerMillion || got.FreeRequests != want.FreeRequests ||
			got.FreeGBSeconds != want.FreeGBSeconds || len(got.Tiers) != len(want.Tiers) {
			t.Fatalf("%s: %+v vs %+v", arch, got, want)
		}
		for i := range got.Tiers {
			if got.Tiers[i] != want.Tiers[i] {
				t.Errorf("%s tier %d: %+v vs %+v", arch, i, got.Tiers[i], want.Tiers[i])
			}
		}
	}
	if _, _, _, ok := pricing.LambdaPrices("eu-west-1", "arm64"); ok {
		t.Error("eu-west-1 Lambda row present but unsourced")
	}
}

// With the calculator's own table SampleCalculator gives the numbers in the
// calculator's tests/test-cases.json ("Basic", "IO-Heavy", "CPU-Heavy").
func TestSampleCalculatorMatchesItsTestCases(t *testing.T) {
	for _, c := range []struct {
		w                  sizing.Workload
		envs, base, inst   int
		lmi, lambda, lmi3y float64
	}{
		{sizing.Balanced, 25, 9, 14, 1704.385, 408.2, 741.15},
		{sizing.IOBound, 13, 5, 8, 974.02, 408.2, 423.6},
		{sizing.CPUBound, 50, 17, 26, 3165.115, 408.2, 1376.25},
	} {
		in := sizing.Input{Runtime: "python", PeakConcurrency: 100, MemoryPerInvocationMB: 512, InstanceType: "c7g.xlarge",
			RequestsPerMonth: 1e6, Duration: time.Minute, Arch: "arm64", Workload: c.w, AZs: 3}
		cp, cost, err := sizing.SampleCalculator(in, pricing.CalculatorBook())
		if err != nil {
			t.Fatal(err)
		}
		if cp.EnvironmentsNeeded != c.envs || cp.BaseInstances != c.base || cp.Instances != c.inst {
			t.Errorf("%s: %+v", c.w, cp)
		}
		if math.Abs(cost.LMIMonthlyUSD-c.lmi) > 1e-6 || math.Abs(cost.LambdaMonthlyUSD-c.lambda) > 1e-6 {
			t.Errorf("%s: LMI %v Lambda %v", c.w, cost.LMIMonthlyUSD, cost.LambdaMonthlyUSD)
		}
		in.Discount = sizing.Compute3yr
		_, cost, _ = sizing.SampleCalculator(in, pricing.CalculatorBook())
		if math.Abs(cost.LMIMonthlyUSD-c.lmi3y) > 1e-6 {
			t.Errorf("%s compute-3yr: LMI %v, want %v", c.w, cost.LMIMonthlyUSD, c.lmi3y)
		}
	}
}
