package sizing

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Report is the output of `lmicheck size`: one plan per function.
type Report struct {
	Version     int    `json:"version"` // of this JSON shape
	Model       string `json:"model"`   // "lmicheck" or "sample-calculator"
	Region      string `json:"region"`
	PriceSource string `json:"priceSource"`
	PriceDate   string `json:"priceDate"`
	Plans       []Plan `json:"plans"`
}

// WriteJSON writes the report as stable, indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report for a person in a migration review.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Lambda Managed Instances sizing (%s model, %s; prices: %s, %s)\n", r.Model, r.Region, r.PriceSource, r.PriceDate)
	for _, p := range r.Plans {
		fmt.Fprintf(&b, "\n== %s (%s)\n", p.Function, p.Runtime)
		if p.Status == "fix-first" {
			fmt.Fprintf(&b, "FIX FIRST: %s running more than one invocation per environment unsafe:\n", hazards(len(p.Blocking)))
			for _, x := range p.Blocking {
				fmt.Fprintf(&b, "  - %s\n", x)
			}
			b.WriteString("The settings below apply once they are fixed.\n")
		}
		s, c := p.Settings, p.Capacity
		if s.MemorySize == 0 { // the reference model sizes capacity only
			fmt.Fprintf(&b, "  %d execution environments; %d per %s; %d instances (%d before the ×1.5 buffer)\n",
				c.EnvironmentsNeeded, c.EnvironmentsPerInstance, c.InstanceType, c.Instances, c.BaseInstances)
			for _, y := range p.Why {
				fmt.Fprintf(&b, "  - %s\n", y)
			}
			writeCost(&b, p)
			continue
		}
		b.WriteString("\nRecommended settings\n")
		fmt.Fprintf(&b, "  MemorySize                             %d MB\n", s.MemorySize)
		fmt.Fprintf(&b, "  ExecutionEnvironmentMemoryGiBPerVCpu   %g\n", s.ExecutionEnvironmentMemoryGiBPerVCpu)
		fmt.Fprintf(&b, "  PerExecutionEnvironmentMaxConcurrency  %d\n", s.PerExecutionEnvironmentMaxConcurrency)
		fmt.Fprintf(&b, "  Min/MaxExecutionEnvironments           %d / %d\n", s.MinExecutionEnvironments, s.MaxExecutionEnvironments)
		fmt.Fprintf(&b, "  Architecture                           %s\n", s.Architecture)
		fmt.Fprintf(&b, "  Capacity provider %s: %s, instance types %s, MaxVCpuCount %d, scaling %s\n",
			s.CapacityProvider.Name, s.CapacityProvider.Architecture, strings.Join(s.CapacityProvider.AllowedInstanceTypes, ", "),
			s.CapacityProvider.MaxVCpuCount, s.CapacityProvider.ScalingMode)
		b.WriteString("\nWhy\n")
		for _, y := range p.Why {
			fmt.Fprintf(&b, "  - %s\n", y)
		}
		b.WriteString("\nCapacity\n")
		fmt.Fprintf(&b, "  %d execution environments of %d vCPU%s × %d concurrent requests; %d per %s; %d instances (%d before minimums)\n",
			c.EnvironmentsNeeded, c.VCpusPerEnvironment, plural(c.VCpusPerEnvironment), c.ConcurrencyPerEnv, c.EnvironmentsPerInstance, c.InstanceType, c.Instances, c.BaseInstances)
		b.WriteString("\nLimits checked\n")
		for _, ch := range p.Checks {
			fmt.Fprintf(&b, "  ✓ %s\n", ch)
		}
		for _, pr := range p.Problems {
			fmt.Fprintf(&b, "  ✗ %s\n", pr)
		}
		writeCost(&b, p)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeCost(b *strings.Builder, p Plan) {
	c := p.Cost
	b.WriteString("\nMonthly cost (USD)\n")
	fmt.Fprintf(b, "  %-34s %12s\n", "", "per month")
	fmt.Fprintf(b, "  %-34s %12.2f\n", fmt.Sprintf("LMI instances (%d × $%.4f/h)", p.Capacity.Instances, c.InstanceHourlyUSD), c.LMIComputeUSD)
	fmt.Fprintf(b, "  %-34s %12.2f\n", "LMI management fee (15% on-demand)", c.LMIManagementFeeUSD)
	fmt.Fprintf(b, "  %-34s %12.2f\n", "LMI requests", c.LMIRequestsUSD)
	fmt.Fprintf(b, "  %-34s %12.2f\n", "LMI total", c.LMIMonthlyUSD)
	fmt.Fprintf(b, "  %-34s %12.2f\n", "Lambda (default compute)", c.LambdaMonthlyUSD)
	if p.AtConcurrencyOne != nil {
		a := p.AtConcurrencyOne
		fmt.Fprintf(b, "  %-34s %12.2f   (%d environments on %d instances until the hazards are fixed)\n", "LMI at concurrency 1 (safe now)", a.Cost.LMIMonthlyUSD, a.Capacity.EnvironmentsNeeded, a.Capacity.Instances)
	}
	switch {
	case c.BreakEvenRequestsPerMonth > 0:
		fmt.Fprintf(b, "  Break-even: LMI is cheaper from about %s requests/month.\n", humanCount(c.BreakEvenRequestsPerMonth))
	default:
		b.WriteString("  Break-even: none in range — at this shape Lambda stays cheaper.\n")
	}
}

func humanCount(n float64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f billion", n/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f million", n/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.0f thousand", n/1e3)
	}
	return fmt.Sprintf("%.0f", n)
}

func hazards(n int) string {
	if n == 1 {
		return "1 error-level hazard makes"
	}
	return fmt.Sprintf("%d error-level hazards make", n)
}
