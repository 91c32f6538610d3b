package sizing

import (
	"math"
	"testing"
	"time"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

// gbsReq is the requests that make exactly gbs GB-seconds at 1 s and 1024 MB.
func gbsReq(gbs float64) float64 { return gbs }

func TestLambdaMonthlyTiers(t *testing.T) {
	const x1, x2, x3 = 0.0000166667, 0.0000150000, 0.0000133334
	const a1, a2, a3 = 0.0000133334, 0.0000120001, 0.0000106667
	req := func(r float64) float64 { return r * 0.20 / 1e6 }
	for _, c := range []struct {
		name     string
		requests float64
		arch     string
		discount float64
		want     float64
	}{
		{"zero requests", 0, "x86_64", 0, 0},
		{"one request", 1, "x86_64", 0, x1 + req(1)},
		{"x86 at the first boundary exactly", gbsReq(6e9), "x86_64", 0, 6e9*x1 + req(6e9)},
		{"x86 one GB-s into tier 2", gbsReq(6e9 + 1), "x86_64", 0, 6e9*x1 + x2 + req(6e9+1)},
		{"x86 at the second boundary exactly", gbsReq(15e9), "x86_64", 0, 6e9*x1 + 9e9*x2 + req(15e9)},
		{"x86 into tier 3", gbsReq(20e9), "x86_64", 0, 6e9*x1 + 9e9*x2 + 5e9*x3 + req(20e9)},
		{"arm at the first boundary exactly", gbsReq(7.5e9), "arm64", 0, 7.5e9*a1 + req(7.5e9)},
		{"arm at the second boundary exactly", gbsReq(18.75e9), "arm64", 0, 7.5e9*a1 + 11.25e9*a2 + req(18.75e9)},
		{"arm into tier 3", gbsReq(20e9), "arm64", 0, 7.5e9*a1 + 11.25e9*a2 + 1.25e9*a3 + req(20e9)},
		{"savings plan on duration only", 1e6, "x86_64", 0.17, 1e6*x1*0.83 + req(1e6)},
		{"calculator's 12 %", 1e6, "arm64", LambdaSavingsPlanCalculator, 1e6*a1*0.88 + req(1e6)},
	} {
		got := LambdaMonthly(c.requests, time.Second, 1024, c.arch, c.discount)
		if !near(got, c.want) {
			t.Errorf("%s: LambdaMonthly = %.6f, want %.6f", c.name, got, c.want)
		}
	}
}

func TestLambdaGBSecondsAndFreeTier(t *testing.T) {
	// 3M requests × 0.1 s × 512/1024 = 150,000 GB-s.
	if got := GBSeconds(3e6, 100*time.Millisecond, 512); !near(got, 150000) {
		t.Fatalf("GBSeconds = %v", got)
	}
	r := DefaultLambdaRates("x86_64")
	// Inside the free tier entirely: 150,000 GB-s < 400,000 and 1M requests.
	if b := r.Monthly(1e6, 100*time.Millisecond, 512, 0, true); b.Total() != 0 {
		t.Errorf("inside the free tier: %+v", b)
	}
	// 5M requests × 0.2 s × 1 GB = 1,000,000 GB-s: 600,000 billed, 4M requests.
	b := r.Monthly(5e6, 200*time.Millisecond, 1024, 0, true)
	if want := 600000*0.0000166667 + 4*0.20; !near(b.Total(), want) {
		t.Errorf("free tier applied: %v, want %v", b.Total(), want)
	}
	// Not applied by default.
	if got, want := LambdaMonthly(5e6, 200*time.Millisecond, 1024, "x86_64", 0), 1e6*0.0000166667+5*0.20; !near(got, want) {
		t.Errorf("default without free tier: %v, want %v", got, want)
	}
}

func TestLMIMonthly(t *testing.T) {
	for _, c := range []struct {
		name      string
		instances int
		hourly    float64
		requests  float64
		discount  float64
		compute   float64
		fee       float64
		req       float64
	}{
		// 14 × 0.145 × 730 = 1481.90; fee 15 % = 222.285; 1M requests = $0.20.
		{"on demand", 14, 0.145, 1e6, 0, 1481.9, 222.285, 0.2},
		// The fee stays on the On-Demand price: 1481.90 × 0.35 = 518.665.
		{"3-year discount leaves the fee", 14, 0.145, 1e6, 0.65, 518.665, 222.285, 0.2},
		{"zero requests", 3, 0.1632, 0, 0, 3 * 0.1632 * 730, 3 * 0.1632 * 730 * 0.15, 0},
		{"zero instances", 0, 0.145, 2e6, 0.32, 0, 0, 0.4},
	} {
		b := LMIMonthly(c.instances, c.hourly, c.requests, c.discount)
		if !near(b.ComputeUSD, c.compute) || !near(b.ManagementFeeUSD, c.fee) || !near(b.RequestsUSD, c.req) {
			t.Errorf("%s: %+v, want compute %v fee %v requests %v", c.name, b, c.compute, c.fee, c.req)
		}
		if !near(b.Total(), c.compute+c.fee+c.req) {
			t.Errorf("%s: total %v", c.name, b.Total())
		}
	}
}

func TestDiscountsFor(t *testing.T) {
	for _, c := range []struct {
		d    Discount
		want Discounts
	}{
		{OnDemand, Discounts{}},
		{"", Discounts{}},
		{Compute1yr, Discounts{EC2: 0.32, Lambda: DefaultLambdaSavingsPlan}},
		{Compute3yr, Discounts{EC2: 0.65, Lambda: DefaultLambdaSavingsPlan}},
		{EC21yr, Discounts{EC2: 0.32}},
		{RI3yr, Discounts{EC2: 0.65}},
	} {
		got, err := DiscountsFor(c.d, DefaultLambdaSavingsPlan)
		if err != nil || got != c.want {
			t.Errorf("%q: %+v %v, want %+v", c.d, got, err, c.want)
		}
	}
	if DefaultLambdaSavingsPlan != 0.17 {
		t.Errorf("default Lambda savings plan %v", DefaultLambdaSavingsPlan)
	}
	if _, err := DiscountsFor("ri-1yr", 0.12); err == nil {
		t.Error("unknown plan accepted")
	}
}

func TestBreakEvenFixedInstances(t *testing.T) {
	// 3 × c7g.xlarge on demand: 3 × 0.145 × 730 × 1.15 = 365.1825 a month
	// plus $0.20/M. Lambda arm64, 100 ms at 1024 MB: 0.1 GB-s per request ×
	// 0.0000133334 = 1.33334e-6 $/request plus $0.20/M. Requests cancel, so
	// LMI wins from 365.1825 / 1.33334e-6 = 273,883,105.3 requests a month
	// (inside the first tier: 27.4 M GB-s).
	in := BreakEvenInput{
		Instances: func(float64) int { return 3 },
		Hourly:    0.145, Duration: 100 * time.Millisecond, MemoryMB: 1024, Arch: "arm64",
	}
	got := BreakEven(in)
	if want := 365.1825 / 1.33334e-6; math.Abs(got-want) > 2 {
		t.Fatalf("BreakEven = %v, want %v", got, want)
	}
	lmi := LMIMonthly(3, 0.145, got, 0).Total()
	lambda := LambdaMonthly(got, 100*time.Millisecond, 1024, "arm64", 0)
	if lmi > lambda {
		t.Errorf("at the break-even LMI %v > Lambda %v", lmi, lambda)
	}
}

func TestBreakEvenGrowingInstances(t *testing.T) {
	// One instance per 100 M requests, at least 3: LMI steps up as load
	// grows. Each instance costs 0.145 × 730 × 1.15 = 121.7275 and carries
	// 100 M requests that cost Lambda 133.334, so LMI catches up only once
	// the minimum of 3 is filled: first at 3 instances (≤ 300 M) the crossing
	// is 273.88 M as above.
	in := BreakEvenInput{
		Instances: func(r float64) int { return max(3, int(math.Ceil(r/1e8))) },
		Hourly:    0.145, Duration: 100 * time.Millisecond, MemoryMB: 1024, Arch: "arm64",
	}
	if got, want := BreakEven(in), 365.1825/1.33334e-6; math.Abs(got-want) > 2 {
		t.Errorf("BreakEven = %v, want %v", got, want)
	}
}

func TestBreakEvenNever(t *testing.T) {
	// An instance per 10 M requests: each costs 121.73 but saves only
	// 13.33 of Lambda, so LMI never catches up.
	in := BreakEvenInput{
		Instances: func(r float64) int { return max(3, int(math.Ceil(r/1e7))) },
		Hourly:    0.145, Duration: 100 * time.Millisecond, MemoryMB: 1024, Arch: "arm64",
		Max: 1e12,
	}
	if got := BreakEven(in); got != 0 {
		t.Errorf("BreakEven = %v, want 0 (never)", got)
	}
	// Zero instances are never dearer: the answer is the first volume.
	in.Instances = func(float64) int { return 0 }
	if got := BreakEven(in); got != 1 {
		t.Errorf("free LMI: BreakEven = %v, want 1", got)
	}
}
