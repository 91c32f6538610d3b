package sizing

import (
	"fmt"
	"math"
	"time"
)

// Cost constants of lmi-facts §4.
const (
	// HoursPerMonth is the month the calculator and AWS pricing pages use.
	HoursPerMonth = 730
	// ManagementFee is LMI's fee on the On-Demand EC2 price of its
	// instances, never discounted [D-ov][D-bp][BLOG-edj].
	ManagementFee = 0.15
	// RequestUSDPerMillion is the request charge of Lambda [AWS-WP] and of
	// LMI (the calculator's value; AWS's LMI page was not readable:
	// UNCONFIRMED for LMI).
	RequestUSDPerMillion = 0.20
)

// Lambda Compute Savings Plan discounts on duration (lmi-facts §6 item 12).
const (
	// LambdaSavingsPlanCalculator is the sample calculator's 12 % for both
	// the 1- and 3-year plans.
	LambdaSavingsPlanCalculator = 0.12
	// LambdaSavingsPlanAWS is AWS's "up to 17 %" for Lambda.
	LambdaSavingsPlanAWS = 0.17
	// DefaultLambdaSavingsPlan is lmicheck's choice: AWS's 17 %. It is the
	// best case for Lambda, so a comparison that still favours LMI does not
	// rest on understating what Lambda would cost with the same commitment.
	// The sample-calculator model keeps its 12 %.
	DefaultLambdaSavingsPlan = LambdaSavingsPlanAWS
)

// Discounts are the fractions a commitment takes off EC2 (LMI instances)
// and off Lambda duration.
type Discounts struct {
	EC2    float64
	Lambda float64
}

// DiscountsFor gives a commitment's discounts: the EC2 side is the sample
// calculator's table (lmi-facts §4: Compute SP 1 yr 32 %, 3 yr 65 %, EC2
// Instance SP 1 yr 32 %, RI 3 yr 65 %); the Lambda side is lambdaSP for the
// Compute Savings Plans (which cover Lambda) and 0 for EC2 Instance Savings
// Plans and Reserved Instances (which do not). Pass DefaultLambdaSavingsPlan
// or LambdaSavingsPlanCalculator.
func DiscountsFor(d Discount, lambdaSP float64) (Discounts, error) {
	switch d {
	case OnDemand, "":
		return Discounts{}, nil
	case Compute1yr:
		return Discounts{EC2: 0.32, Lambda: lambdaSP}, nil
	case Compute3yr:
		return Discounts{EC2: 0.65, Lambda: lambdaSP}, nil
	case EC21yr:
		return Discounts{EC2: 0.32}, nil
	case RI3yr:
		return Discounts{EC2: 0.65}, nil
	}
	return Discounts{}, fmt.Errorf("unknown savings plan %q: use none, compute-1yr, compute-3yr, ec2-1yr or ri-3yr", string(d))
}

// LambdaTier is one monthly duration tier: GB-seconds up to UpToGBSeconds
// (cumulative over the month; 0 = no upper bound) cost USDPerGBSecond.
type LambdaTier struct {
	UpToGBSeconds  float64 `json:"upToGBSeconds"`
	USDPerGBSecond float64 `json:"usdPerGBSecond"`
}

// LambdaRates are Lambda's on-demand prices for one Region and
// architecture.
type LambdaRates struct {
	Region               string       `json:"region"`
	Arch                 string       `json:"arch"`
	Tiers                []LambdaTier `json:"tiers"`
	RequestUSDPerMillion float64      `json:"requestUSDPerMillion"`
	// The monthly free tier; applied only when asked (Monthly's freeTier):
	// it is per account, not per function.
	FreeRequests  float64 `json:"freeRequests"`
	FreeGBSeconds float64 `json:"freeGBSeconds"`
}

// DefaultLambdaRates are the us-east-1 rates of lmi-facts §4 ([AWS-WP]
// [BLOG-tier][CLOUDCHIPR]); arch "arm64" or anything else for x86_64. The
// embedded table of sizing/pricing holds the same rows with their sources.
func DefaultLambdaRates(arch string) LambdaRates {
	if arch == "arm64" {
		return LambdaRates{Region: "us-east-1", Arch: "arm64", RequestUSDPerMillion: RequestUSDPerMillion,
			FreeRequests: 1e6, FreeGBSeconds: 400e3,
			Tiers: []LambdaTier{{7.5e9, 0.0000133334}, {18.75e9, 0.0000120001}, {0, 0.0000106667}}}
	}
	return LambdaRates{Region: "us-east-1", Arch: "x86_64", RequestUSDPerMillion: RequestUSDPerMillion,
		FreeRequests: 1e6, FreeGBSeconds: 400e3,
		Tiers: []LambdaTier{{6e9, 0.0000166667}, {15e9, 0.0000150000}, {0, 0.0000133334}}}
}

// LambdaBill is a month of Lambda in US dollars.
type LambdaBill struct {
	GBSeconds   float64
	DurationUSD float64 // after tiers and the savings-plan discount
	RequestsUSD float64
}

// Total is the month's cost.
func (b LambdaBill) Total() float64 { return b.DurationUSD + b.RequestsUSD }

// GBSeconds is the monthly compute of requests of a duration at a memory
// size: requests × seconds × MB/1024.
func GBSeconds(requests float64, duration time.Duration, memoryMB int) float64 {
	return requests * duration.Seconds() * float64(memoryMB) / 1024
}

// Monthly prices a month: duration through the tiers, then the savings-plan
// discount on duration only (Savings Plans do not cover requests), plus
// requests. freeTier subtracts the free requests and GB-seconds first.
func (r LambdaRates) Monthly(requests float64, duration time.Duration, memoryMB int, discount float64, freeTier bool) LambdaBill {
	requests = math.Max(0, requests)
	gbs := GBSeconds(requests, duration, memoryMB)
	billedGBs, billedReq := gbs, requests
	if freeTier {
		billedGBs = math.Max(0, gbs-r.FreeGBSeconds)
		billedReq = math.Max(0, requests-r.FreeRequests)
	}
	var usd, lo float64
	for _, t := range r.Tiers {
		if billedGBs <= lo {
			break
		}
		hi := t.UpToGBSeconds
		if hi <= 0 || billedGBs < hi {
			hi = billedGBs
		}
		usd += (hi - lo) * t.USDPerGBSecond
		lo = hi
	}
	return LambdaBill{
		GBSeconds:   gbs,
		DurationUSD: usd * (1 - discount),
		RequestsUSD: billedReq * r.RequestUSDPerMillion / 1e6,
	}
}

// LambdaMonthly is the monthly cost of plain Lambda in USD (us-east-1 rates,
// tiered, no free tier): requests per month of an average duration at
// memoryMB, with discount (a fraction, e.g. DefaultLambdaSavingsPlan) off
// duration.
func LambdaMonthly(requests float64, duration time.Duration, memoryMB int, arch string, discount float64) float64 {
	return DefaultLambdaRates(arch).Monthly(requests, duration, memoryMB, discount, false).Total()
}

// LMIBill is a month of Lambda Managed Instances in US dollars.
type LMIBill struct {
	ComputeUSD       float64 // instances after the EC2 discount
	ManagementFeeUSD float64 // 15 % of the On-Demand price
	RequestsUSD      float64
}

// Total is the month's cost.
func (b LMIBill) Total() float64 { return b.ComputeUSD + b.ManagementFeeUSD + b.RequestsUSD }

// LMIMonthly is instances × hourly × 730 × (1 − discount) + 15 % of the
// On-Demand instance cost (never discounted) + requests × $0.20 per million
// (lmi-facts §4). hourly is the On-Demand price; discount the EC2 fraction
// (DiscountsFor(...).EC2).
func LMIMonthly(instances int, hourly, requests, discount float64) LMIBill {
	od := float64(max(0, instances)) * hourly * HoursPerMonth
	return LMIBill{
		ComputeUSD:       od * (1 - discount),
		ManagementFeeUSD: od * ManagementFee,
		RequestsUSD:      math.Max(0, requests) * RequestUSDPerMillion / 1e6,
	}
}

// BreakEvenInput describes the two sides compared by BreakEven.
type BreakEvenInput struct {
	// Instances maps requests per month to the instances LMI needs for them
	// (instances grow with load).
	Instances   func(requestsPerMonth float64) int
	Hourly      float64 // On-Demand USD per instance-hour
	EC2Discount float64

	Duration       time.Duration
	MemoryMB       int // Lambda function memory
	Arch           string
	LambdaDiscount float64

	// Max is the largest volume searched (0: 1e13 requests a month, about
	// 3.8 million per second).
	Max float64
}

// BreakEven is the smallest requests per month at which LMI costs no more
// than Lambda, or 0 when LMI is never cheaper up to in.Max. It scans volumes
// on a logarithmic grid (48 points a decade from 1 request) for the first at
// which LMI is cheaper, then bisects between it and the point before.
func BreakEven(in BreakEvenInput) float64 {
	lmi := func(r float64) float64 {
		return LMIMonthly(in.Instances(r), in.Hourly, r, in.EC2Discount).Total()
	}
	lambda := func(r float64) float64 {
		return LambdaMonthly(r, in.Duration, in.MemoryMB, in.Arch, in.LambdaDiscount)
	}
	return Crossover(lmi, lambda, in.Max)
}

// Crossover is BreakEven's search for any two monthly cost functions of
// requests per month: the smallest volume in (0, max] at which cheaper(r) ≤
// dearer(r) after having been above it, or 0 when there is none. When
// cheaper is already no dearer at 1 request, the answer is 1.
func Crossover(cheaper, dearer func(float64) float64, max float64) float64 {
	if max <= 0 {
		max = 1e13
	}
	below := func(r float64) bool { return cheaper(r) <= dearer(r) }
	const perDecade = 48
	step := math.Pow(10, 1.0/perDecade)
	prev := 1.0
	if below(prev) {
		return prev
	}
	for r := prev * step; ; r *= step {
		if r > max {
			r = max
		}
		if below(r) {
			lo, hi := prev, r
			for hi-lo > math.Max(1, lo*1e-9) {
				mid := lo + (hi-lo)/2
				if below(mid) {
					hi = mid
				} else {
					lo = mid
				}
			}
			return math.Ceil(hi)
		}
		if r >= max {
			return 0
		}
		prev = r
	}
}
