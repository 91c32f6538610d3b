package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/lmicheck/lmicheck/scan"
	"github.com/lmicheck/lmicheck/sizing"
	"github.com/lmicheck/lmicheck/sizing/awsdata"
	"github.com/lmicheck/lmicheck/sizing/chart"
	"github.com/lmicheck/lmicheck/sizing/emit"
	"github.com/lmicheck/lmicheck/sizing/pricing"
)

type sizeFlags struct {
	runtime, arch, region, instanceType, workload, savingsPlan, az string
	format, output, chart, model, fromAWS, profile, function       string
	concurrency, memoryPerInvocation                               int
	ratio, requests, targetCPU, lambdaDiscount                     float64
	duration                                                       time.Duration
	livePricing, noConfig                                          bool
}

func newSizeCmd(ctx context.Context, stdout, stderr io.Writer) *cobra.Command {
	var f sizeFlags
	cmd := &cobra.Command{
		Use:   "size [PATH]",
		Short: "Recommend an LMI configuration and compare its cost with Lambda",
		Long: "size turns what a scan of PATH found (functions in templates, their hazards), each runtime's\n" +
			"concurrency defaults and the workload given by flags into a Lambda Managed Instances configuration,\n" +
			"checks it against every documented limit, and compares its monthly cost with plain Lambda.\n" +
			"Without PATH it sizes one function described by the flags (--runtime is then required).\n\n" +
			"Prices come from an embedded, dated table (the output names its source and date), or from the AWS\n" +
			"Price List API with --live-pricing. AWS is contacted only with --live-pricing or --from-aws.\n\n" +
			"Exit codes: 0 sized, 2 bad input (an impossible combination names the limit and the nearest legal value),\n" +
			"4 the AWS account could not be read.",
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSize(ctx, cmd, &f, args, stdout, stderr)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.runtime, "runtime", "", "nodejs|python|java|dotnet|go|rust, or a runtime id like nodejs22.x (default: the template's)")
	fl.IntVar(&f.concurrency, "concurrency", 0, "target peak concurrent requests (default: from --requests-per-month and --duration)")
	fl.IntVar(&f.memoryPerInvocation, "memory-per-invocation", 0, "memory one invocation needs, in `MB` (default 128, assumed)")
	fl.Float64Var(&f.ratio, "memory-vcpu-ratio", 0, "memory GiB per vCPU: 2, 4 or 8 (default: chosen)")
	fl.StringVar(&f.instanceType, "instance-type", "", "instance type, e.g. c7g.xlarge (default: the cheapest per vCPU that fits)")
	fl.StringVar(&f.arch, "arch", "", "arm64 or x86_64 (default: the template's, else arm64)")
	fl.Float64Var(&f.requests, "requests-per-month", 0, "requests per month")
	fl.DurationVar(&f.duration, "duration", 0, "average duration of a request, e.g. 50ms (default 100ms for the Lambda comparison)")
	fl.StringVar(&f.savingsPlan, "savings-plan", "none", "none, compute-1yr, compute-3yr, ec2-1yr or ri-3yr")
	fl.StringVar(&f.workload, "workload", "balanced", "CPU one request uses: io (12.5% of a vCPU), balanced (25%) or cpu (50%)")
	fl.Float64Var(&f.targetCPU, "target-cpu", 70, "percent of an environment's vCPUs steady load may use (lmicheck model)")
	fl.Float64Var(&f.lambdaDiscount, "lambda-savings-plan-discount", 17, "percent a Compute Savings Plan takes off Lambda duration: AWS says up to 17, the sample calculator uses 12")
	fl.StringVar(&f.az, "az", "3", "availability zones to keep environments in: 3, 5 or none")
	fl.StringVar(&f.region, "region", "", "AWS Region for prices and --from-aws (default us-east-1)")
	fl.StringVarP(&f.format, "format", "f", "text", "text, json, cdk, sam, cloudformation, cloudformation-json, terraform or cli")
	fl.StringVarP(&f.output, "output", "o", "", "write to `FILE` instead of standard output")
	fl.StringVar(&f.chart, "chart", "", "also write a chart of monthly cost vs requests (LMI vs Lambda) to `FILE` (.svg or .png)")
	fl.StringVar(&f.model, "model", "lmicheck", "lmicheck, or sample-calculator to reproduce the public AWS sample calculator")
	fl.BoolVar(&f.livePricing, "live-pricing", false, "read instance prices from the AWS Price List API (needs pricing:GetProducts)")
	fl.StringVar(&f.fromAWS, "from-aws", "", "read `FUNCTION`'s configuration and 14 days of CloudWatch metrics from the account")
	fl.StringVar(&f.profile, "profile", "", "AWS profile for --from-aws and --live-pricing")
	fl.StringVar(&f.function, "function", "", "with PATH: size only this function (its template name)")
	fl.BoolVar(&f.noConfig, "no-config", false, "ignore .lmicheck.yaml when scanning PATH")
	return cmd
}

// exitAWS is the exit code when the AWS account cannot be read.
const exitAWS = 4

func runSize(ctx context.Context, cmd *cobra.Command, f *sizeFlags, args []string, stdout, stderr io.Writer) error {
	in := sizing.Input{
		Runtime: f.runtime, Arch: f.arch, Region: f.region, InstanceType: f.instanceType, Ratio: f.ratio,
		PeakConcurrency: f.concurrency, MemoryPerInvocationMB: f.memoryPerInvocation,
		RequestsPerMonth: f.requests, Duration: f.duration,
		Workload: sizing.Workload(f.workload), Discount: sizing.Discount(f.savingsPlan),
		TargetCPU: f.targetCPU / 100,
	}
	if f.targetCPU <= 0 || f.targetCPU > 100 {
		return fmt.Errorf("--target-cpu %g: a percentage above 0 and at most 100", f.targetCPU)
	}
	if f.lambdaDiscount < 0 || f.lambdaDiscount >= 100 {
		return fmt.Errorf("--lambda-savings-plan-discount %g: a percentage from 0 to below 100", f.lambdaDiscount)
	}
	if strings.Contains(f.runtime, ".") || strings.HasPrefix(f.runtime, "python3") {
		in.RuntimeID = f.runtime
	}
	switch f.az {
	case "3", "":
		in.AZs = 3
	case "5":
		in.AZs = 5
	case "none", "0", "1":
		in.AZs = 0
	default:
		return fmt.Errorf("--az %q: 3, 5 or none", f.az)
	}
	switch in.Workload {
	case sizing.IOBound, sizing.Balanced, sizing.CPUBound:
	default:
		return fmt.Errorf("--workload %q: io, balanced or cpu", f.workload)
	}
	if _, err := sizing.DiscountsFor(in.Discount, 0); err != nil {
		return fmt.Errorf("--savings-plan: %v", err)
	}
	emitter, isIaC := emit.Formats()[f.format]
	if !isIaC && f.format != "text" && f.format != "json" {
		return fmt.Errorf("--format %q: text, json, cdk, sam, cloudformation, cloudformation-json, terraform or cli", f.format)
	}
	if isIaC && f.model == "sample-calculator" {
		return errors.New("--model sample-calculator sizes capacity and cost only; use --format text or json")
	}

	book := pricing.Embedded()
	if f.model == "sample-calculator" {
		book = pricing.CalculatorBook()
	}
	if f.livePricing {
		live, err := pricing.NewLive(ctx, f.profile)
		if err != nil {
			fmt.Fprintf(stderr, "lmicheck: %v\n", err)
			return &exitError{exitAWS}
		}
		book = live
	}

	var targets []sizing.Target
	if len(args) == 1 {
		var cfg *scan.Config
		if !f.noConfig {
			c, err := scan.DiscoverConfig(args[0])
			if err != nil {
				return err
			}
			cfg = c
		}
		out, err := scan.Scan(ctx, scan.Options{Paths: args, Config: cfg})
		if err != nil {
			return err
		}
		targets = sizing.Targets(out.Deployments, out.Result.Findings)
		if f.function != "" {
			targets = slices.DeleteFunc(targets, func(t sizing.Target) bool { return t.Name != f.function })
			if len(targets) == 0 {
				return fmt.Errorf("--function %q: no such function in %s's templates", f.function, args[0])
			}
		}
		if len(targets) == 0 {
			fmt.Fprintf(stderr, "lmicheck: no functions declared in templates under %s; sizing one function from the flags\n", args[0])
		}
	}
	if f.fromAWS != "" {
		clients, err := awsdata.NewClients(ctx, f.region, f.profile)
		if err != nil {
			fmt.Fprintf(stderr, "lmicheck: %v\n", err)
			return &exitError{exitAWS}
		}
		obs, err := awsdata.Load(ctx, clients, f.fromAWS, time.Now())
		if err != nil {
			fmt.Fprintf(stderr, "lmicheck: %v\n", err)
			return &exitError{exitAWS}
		}
		for _, n := range obs.Notes {
			fmt.Fprintf(stderr, "lmicheck: %s: %s\n", f.fromAWS, n)
		}
		in = obs.Input(in)
		if len(targets) == 0 {
			targets = []sizing.Target{{Name: f.fromAWS}}
		}
	}
	if len(targets) == 0 {
		name := "function"
		targets = []sizing.Target{{Name: name}}
	}

	rep, err := sizing.Size(targets, in, sizing.Options{Model: f.model, Book: book, LambdaSavingsPlan: f.lambdaDiscount / 100})
	if err != nil {
		var ie *sizing.InputError
		if errors.As(err, &ie) {
			return err // exit 2: the message names the limit
		}
		return err
	}

	w := stdout
	if f.output != "" {
		file, err := os.Create(f.output)
		if err != nil {
			return err
		}
		defer file.Close()
		w = file
	}
	switch {
	case isIaC:
		var cfgs []sizing.Config
		for _, p := range rep.Plans {
			cfgs = append(cfgs, p.Settings)
			if p.Status == "fix-first" {
				fmt.Fprintf(stderr, "lmicheck: %s: fix the error-level hazards first (%s); the configuration assumes they are fixed\n", p.Function, strings.Join(p.Blocking, "; "))
			}
		}
		if err := emitter(w, cfgs); err != nil {
			return err
		}
	case f.format == "json":
		if err := rep.WriteJSON(w); err != nil {
			return err
		}
	default:
		if err := rep.WriteText(w); err != nil {
			return err
		}
	}
	if f.chart != "" && len(rep.Plans) > 0 {
		p := rep.Plans[0]
		lmiCost, lambdaCost := p.Curves()
		if lmiCost == nil {
			return errors.New("--chart: the chart needs the lmicheck model")
		}
		if err := chart.Write(f.chart, lmiCost, lambdaCost, 1e5, 1e11, chart.Options{
			Title: fmt.Sprintf("%s: monthly cost vs requests (%s)", p.Function, rep.PriceSource), BreakEven: p.Cost.BreakEvenRequestsPerMonth,
		}); err != nil {
			return fmt.Errorf("--chart: %v", err)
		}
	}
	return nil
}
