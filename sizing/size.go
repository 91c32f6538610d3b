package sizing

import (
	"fmt"
	"math"
	"time"
)

// DefaultDuration is assumed for the Lambda comparison when no duration is
// given or observed; the text output says so.
const DefaultDuration = 100 * time.Millisecond

// Options choose the model and prices of a sizing run.
type Options struct {
	// Model is "lmicheck" (default) or "sample-calculator".
	Model string
	Book  PriceBook
	// LambdaSavingsPlan is the Lambda duration discount a Compute Savings
	// Plan gives, as a fraction (the CLI's default is DefaultLambdaSavingsPlan).
	LambdaSavingsPlan float64
}

// Size plans every target (one per function) with the chosen model.
func Size(targets []Target, base Input, o Options) (*Report, error) {
	region := base.Region
	if region == "" {
		region = "us-east-1"
	}
	model := o.Model
	if model == "" {
		model = "lmicheck"
	}
	r := &Report{Version: 1, Model: model, Region: region, PriceSource: o.Book.Source(), PriceDate: o.Book.Date()}
	if rs, ok := o.Book.(RegionSourcer); ok {
		r.PriceSource, r.PriceDate = rs.SourceIn(region)
	}
	for _, t := range targets {
		in := merge(base, t.Input)
		in.Region = region
		var p Plan
		var err error
		switch model {
		case "lmicheck":
			p, err = Recommend(t.Name, in, o.Book)
			if err == nil {
				err = price(&p, in, o)
			}
		case "sample-calculator":
			p, err = calculatorPlan(t.Name, in, o.Book)
		default:
			return nil, &InputError{fmt.Sprintf("--model %q: lmicheck or sample-calculator", model)}
		}
		if err != nil {
			if len(targets) > 1 {
				return nil, fmt.Errorf("%s: %w", t.Name, err)
			}
			return nil, err
		}
		if t.Given != "" {
			p.Why = append([]string{fmt.Sprintf("the template sets %s", t.Given)}, p.Why...)
			for _, pr := range t.GivenProblems {
				p.Why = append(p.Why, "the template's settings break a limit: "+pr.String())
			}
		}
		r.Plans = append(r.Plans, p)
	}
	return r, nil
}

// merge lays what the scan knows of a function under the flags: flags win.
func merge(flags, found Input) Input {
	in := flags
	if in.Runtime == "" && in.RuntimeID == "" {
		in.Runtime, in.RuntimeID = found.Runtime, found.RuntimeID
		in.runtimeFromTemplate = true
	}
	if in.Arch == "" {
		in.Arch = found.Arch
	}
	if len(found.Scan.Blocking) > 0 || found.Scan.CPUBound || found.Scan.PerProcessMB > 0 {
		in.Scan = found.Scan
	}
	if in.LambdaMemoryMB == 0 {
		in.LambdaMemoryMB = found.LambdaMemoryMB
	}
	return in
}

// price fills the cost of a plan (and of its concurrency-1 alternative) and
// the break-even volume.
func price(p *Plan, in Input, o Options) error {
	d, err := DiscountsFor(in.Discount, o.LambdaSavingsPlan)
	if err != nil {
		return &InputError{err.Error()}
	}
	duration := in.Duration
	if duration == 0 {
		duration = DefaultDuration
		p.Why = append(p.Why, fmt.Sprintf("average duration %s (assumed for the Lambda comparison; give --duration)", duration))
	}
	memPerInv := in.MemoryPerInvocationMB
	if memPerInv == 0 {
		memPerInv = DefaultMemoryPerInvocationMB
	}
	// On Lambda each request has an environment of its own, sized for one
	// request.
	lambdaMem := max(128, memPerInv)
	if in.LambdaMemoryMB > 0 {
		lambdaMem = in.LambdaMemoryMB
	}
	requests := in.RequestsPerMonth
	if requests == 0 && in.PeakConcurrency > 0 {
		requests = float64(in.PeakConcurrency) / PeakToAverage / duration.Seconds() * HoursPerMonth * 3600
		p.Why = append(p.Why, fmt.Sprintf("%.0f requests/month assumed from the peak (peak ÷ %.0f ÷ duration); give --requests-per-month", requests, PeakToAverage))
	}
	cost := func(c Capacity, arch string) (Cost, error) {
		hourly, err := o.Book.InstanceHourly(in.Region, c.InstanceType)
		if err != nil {
			return Cost{}, &InputError{fmt.Sprintf("no price for %s in %s: %v (try --live-pricing or another --region)", c.InstanceType, in.Region, err)}
		}
		bill := LMIMonthly(c.Instances, hourly, requests, d.EC2)
		return Cost{
			LMIMonthlyUSD: round2(bill.Total()), LMIComputeUSD: round2(bill.ComputeUSD), LMIManagementFeeUSD: round2(bill.ManagementFeeUSD),
			LMIRequestsUSD: round2(bill.RequestsUSD), InstanceHourlyUSD: hourly,
			LambdaMonthlyUSD: round2(LambdaMonthly(requests, duration, lambdaMem, arch, d.Lambda)),
		}, nil
	}
	if p.Cost, err = cost(p.Capacity, p.Settings.Architecture); err != nil {
		return err
	}
	p.Cost.PriceSource, p.Cost.PriceDate = o.Book.Source(), o.Book.Date()
	if rs, ok := o.Book.(RegionSourcer); ok {
		p.Cost.PriceSource, p.Cost.PriceDate = rs.SourceIn(in.Region)
	}
	if p.AtConcurrencyOne != nil {
		if p.AtConcurrencyOne.Cost, err = cost(p.AtConcurrencyOne.Capacity, p.Settings.Architecture); err != nil {
			return err
		}
	}
	// Break-even: instances grow with volume (the peak with it), with the
	// same shape and instance type.
	c := p.Capacity
	perEnv, perInst, minEnvs := c.ConcurrencyPerEnv, c.EnvironmentsPerInstance, p.Settings.MinExecutionEnvironments
	instances := func(r float64) int {
		pk := max(1, int(math.Ceil(r/(HoursPerMonth*3600)*duration.Seconds()*PeakToAverage)))
		envs := max(minEnvs, int(math.Ceil(float64(pk)/float64(perEnv))))
		return max(minEnvs, int(math.Ceil(float64(envs)/float64(perInst))))
	}
	hourly, arch := p.Cost.InstanceHourlyUSD, p.Settings.Architecture
	p.Cost.BreakEvenRequestsPerMonth = math.Round(BreakEven(BreakEvenInput{
		Instances: instances, Hourly: hourly, EC2Discount: d.EC2,
		Duration: duration, MemoryMB: lambdaMem, Arch: arch, LambdaDiscount: d.Lambda,
	}))
	p.lmiCurve = func(r float64) float64 { return LMIMonthly(instances(r), hourly, r, d.EC2).Total() }
	p.lambdaCurve = func(r float64) float64 { return LambdaMonthly(r, duration, lambdaMem, arch, d.Lambda) }
	return nil
}

// calculatorPlan wraps the reference model in a plan.
func calculatorPlan(name string, in Input, book PriceBook) (Plan, error) {
	c, cost, err := SampleCalculator(in, book)
	if err != nil {
		return Plan{}, &InputError{err.Error()}
	}
	p := Plan{Function: name, Runtime: in.Runtime, Status: "ok", Capacity: c, Cost: cost,
		Why: []string{"the aws-samples LMI pricing calculator's steps and constants (lmi-facts §4), reproduced for comparison"}}
	if len(in.Scan.Blocking) > 0 {
		p.Status, p.Blocking = "fix-first", in.Scan.Blocking
	}
	return p, nil
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }
