// Package awsdata reads what sizing needs to know about a deployed function
// from an AWS account: its configuration (Lambda GetFunctionConfiguration)
// and 14 days of CloudWatch metrics (GetMetricData), behind two small
// interfaces the SDK clients satisfy so tests use fakes or an httptest
// server and never the network.
//
// IAM actions needed: lambda:GetFunctionConfiguration and
// cloudwatch:GetMetricData.
package awsdata

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/lmicheck/lmicheck/sizing"
)

// LambdaAPI is the part of *lambda.Client that awsdata uses.
type LambdaAPI interface {
	GetFunctionConfiguration(ctx context.Context, in *lambda.GetFunctionConfigurationInput, optFns ...func(*lambda.Options)) (*lambda.GetFunctionConfigurationOutput, error)
}

// CloudWatchAPI is the part of *cloudwatch.Client that awsdata uses (the same
// method set as cloudwatch.GetMetricDataAPIClient, so the SDK paginator
// takes it).
type CloudWatchAPI interface {
	GetMetricData(ctx context.Context, in *cloudwatch.GetMetricDataInput, optFns ...func(*cloudwatch.Options)) (*cloudwatch.GetMetricDataOutput, error)
}

// Clients bundles the two APIs and the Region they talk to (used in
// messages and filled into sizing.Input).
type Clients struct {
	Lambda     LambdaAPI
	CloudWatch CloudWatchAPI
	Region     string
}

// Window is how far back metrics are read.
const Window = 14 * 24 * time.Hour

// HoursPerMonth is AWS's month for pricing (730 h); requests per month are
// the 14-day sum × 730/336.
const HoursPerMonth = 730

// Metric namespaces and the periods asked for.
const (
	NamespaceLambda   = "AWS/Lambda"
	NamespaceInsights = "LambdaInsights"
	// PeakPeriod is the period of the peak queries (ConcurrentExecutions
	// maximum and invocations per minute): 1-minute data is kept 15 days,
	// so it covers the whole 14-day window.
	PeakPeriod = 60 * time.Second
)

// LMISettings are a function's Lambda Managed Instances settings when it
// already runs on a capacity provider.
type LMISettings struct {
	CapacityProviderArn                   string
	ExecutionEnvironmentMemoryGiBPerVCpu  float64 // 0: not returned
	PerExecutionEnvironmentMaxConcurrency int     // 0: not returned
}

// Metrics are what 14 days of CloudWatch data say about a function. A Has*
// field is false when CloudWatch returned no data points for it.
type Metrics struct {
	Start, End time.Time // the window read, End = now truncated to the minute

	HasInvocations   bool
	Invocations      float64 // sum over the window
	RequestsPerMonth float64 // Invocations × 730/336

	HasDuration bool
	AvgDuration time.Duration
	P99Duration time.Duration

	// PeakConcurrency is the maximum of ConcurrentExecutions (1-minute
	// period). When that metric is absent it is estimated from the busiest
	// minute's invocations × average duration and PeakEstimated is true.
	HasPeakConcurrency bool
	PeakConcurrency    float64
	PeakEstimated      bool
	// PeakRequestsPerSecond is the busiest minute's invocations ÷ 60.
	PeakRequestsPerSecond float64

	// Lambda Insights (namespace LambdaInsights, dimension function_name),
	// present only when the function has the Insights extension.
	HasMemory              bool
	MaxMemoryUsedMB        float64 // used_memory_max, or memory_utilization × MemorySize
	MaxMemoryUtilizationPc float64 // memory_utilization, percent (0 when absent)
}

// Observed is what the account says about one function.
type Observed struct {
	FunctionName string // the name CloudWatch knows (from the configuration)
	FunctionArn  string
	Region       string
	RuntimeID    string // "nodejs22.x"; "" for container images
	PackageType  string // Zip | Image
	Architecture string // arm64 | x86_64
	MemorySizeMB int
	Handler      string
	TimeoutSec   int

	// LMI is set when the function already runs on a capacity provider.
	LMI *LMISettings

	Metrics Metrics

	// Notes say what was absent or estimated, for the person reading the
	// sizing ("Lambda Insights is not enabled: …").
	Notes []string
}

// Load reads a function's configuration and its last 14 days of metrics,
// the window ending at now (truncated to the minute).
func Load(ctx context.Context, c Clients, function string, now time.Time) (Observed, error) {
	if c.Lambda == nil || c.CloudWatch == nil {
		return Observed{}, fmt.Errorf("awsdata: Clients needs both Lambda and CloudWatch")
	}
	if strings.TrimSpace(function) == "" {
		return Observed{}, fmt.Errorf("awsdata: no function name given")
	}
	out, err := c.Lambda.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(function)})
	if err != nil {
		return Observed{}, explain(err, "lambda:GetFunctionConfiguration", function, c.Region)
	}
	o := fromConfiguration(out, function, c.Region)

	end := now.UTC().Truncate(time.Minute)
	m, notes, err := loadMetrics(ctx, c.CloudWatch, o.FunctionName, o.MemorySizeMB, end.Add(-Window), end)
	if err != nil {
		return Observed{}, explain(err, "cloudwatch:GetMetricData", o.FunctionName, c.Region)
	}
	o.Metrics = m
	o.Notes = append(o.Notes, notes...)
	return o, nil
}

func fromConfiguration(out *lambda.GetFunctionConfigurationOutput, asked, region string) Observed {
	o := Observed{
		FunctionName: aws.ToString(out.FunctionName),
		FunctionArn:  aws.ToString(out.FunctionArn),
		Region:       region,
		RuntimeID:    string(out.Runtime),
		PackageType:  string(out.PackageType),
		Handler:      aws.ToString(out.Handler),
		MemorySizeMB: int(aws.ToInt32(out.MemorySize)),
		TimeoutSec:   int(aws.ToInt32(out.Timeout)),
		Architecture: "x86_64", // Lambda's default when none is listed
	}
	if o.FunctionName == "" {
		o.FunctionName = nameOf(asked)
	}
	if len(out.Architectures) > 0 {
		o.Architecture = string(out.Architectures[0])
	}
	if o.Region == "" {
		o.Region = regionOf(o.FunctionArn)
	}
	if cp := out.CapacityProviderConfig; cp != nil && cp.LambdaManagedInstancesCapacityProviderConfig != nil {
		l := cp.LambdaManagedInstancesCapacityProviderConfig
		o.LMI = &LMISettings{
			CapacityProviderArn:                   aws.ToString(l.CapacityProviderArn),
			ExecutionEnvironmentMemoryGiBPerVCpu:  aws.ToFloat64(l.ExecutionEnvironmentMemoryGiBPerVCpu),
			PerExecutionEnvironmentMaxConcurrency: int(aws.ToInt32(l.PerExecutionEnvironmentMaxConcurrency)),
		}
	}
	if o.RuntimeID == "" {
		o.Notes = append(o.Notes, "the function has no runtime id (a container image): give --runtime")
	}
	if strings.HasPrefix(o.RuntimeID, "provided") {
		o.Notes = append(o.Notes, fmt.Sprintf("runtime %s does not say the language (Go or Rust): give --runtime", o.RuntimeID))
	}
	return o
}

// nameOf turns what the user gave (name, name:qualifier, full or partial
// ARN) into a function name.
func nameOf(s string) string {
	parts := strings.Split(s, ":")
	for i, p := range parts {
		if p == "function" && i+1 < len(parts) {
			return parts[i+1]
		}
	}
	return parts[0]
}

// regionOf reads the Region of a Lambda ARN ("" if it is not one).
func regionOf(arn string) string {
	parts := strings.Split(arn, ":")
	if len(parts) > 3 && parts[0] == "arn" {
		return parts[3]
	}
	return ""
}

// Family maps a runtime id to the runtime family sizing.Input.Runtime
// takes ("nodejs22.x" → "nodejs"); "" when the id does not say (provided.*
// is Go or Rust, a container image has none).
func Family(runtimeID string) string {
	if strings.HasPrefix(runtimeID, "provided") {
		return ""
	}
	return sizing.Family(runtimeID)
}

// Input fills the workload fields of base that the user did not set (zero
// values) from what was observed; what the user gave on the command line
// wins.
func (o Observed) Input(base sizing.Input) sizing.Input {
	in := base
	if in.RuntimeID == "" {
		in.RuntimeID = o.RuntimeID
	}
	if in.Runtime == "" {
		in.Runtime = Family(o.RuntimeID)
	}
	if in.Arch == "" {
		in.Arch = o.Architecture
	}
	if in.Region == "" {
		in.Region = o.Region
	}
	if in.Ratio == 0 && o.LMI != nil {
		in.Ratio = o.LMI.ExecutionEnvironmentMemoryGiBPerVCpu
	}
	m := o.Metrics
	if in.PeakConcurrency == 0 && m.HasPeakConcurrency && m.PeakConcurrency > 0 {
		in.PeakConcurrency = int(math.Ceil(m.PeakConcurrency))
	}
	if in.RequestsPerMonth == 0 && m.HasInvocations {
		in.RequestsPerMonth = m.RequestsPerMonth
	}
	if in.Duration == 0 && m.HasDuration {
		in.Duration = m.AvgDuration
	}
	// On plain Lambda one environment serves one request at a time, so its
	// maximum memory used is what one invocation needs. On LMI it is many
	// invocations' together and says nothing per invocation.
	if in.MemoryPerInvocationMB == 0 && m.HasMemory && o.LMI == nil && m.MaxMemoryUsedMB > 0 {
		in.MemoryPerInvocationMB = int(math.Ceil(m.MaxMemoryUsedMB))
	}
	if in.LambdaMemoryMB == 0 && o.LMI == nil && o.MemorySizeMB > 0 {
		in.LambdaMemoryMB = o.MemorySizeMB // what Lambda bills it at today
	}
	return in
}

// Query ids in the GetMetricData request.
const (
	idInvocations   = "invocations"
	idPerMinute     = "invocations_per_minute"
	idDurationAvg   = "duration_avg"
	idDurationP99   = "duration_p99"
	idConcurrency   = "concurrent_executions"
	idMemoryUsedMax = "used_memory_max"
	idMemoryUtil    = "memory_utilization"
)

// Queries are the metric queries Load asks for, over [start, end).
// Whole-window statistics use one period as long as the window, so
// CloudWatch computes the sum, average and p99 over all 14 days itself;
// peaks use 1-minute periods.
func Queries(function string, start, end time.Time) []cwtypes.MetricDataQuery {
	window := int32(end.Sub(start) / time.Second)
	peak := int32(PeakPeriod / time.Second)
	lambdaDim := []cwtypes.Dimension{{Name: aws.String("FunctionName"), Value: aws.String(function)}}
	insightsDim := []cwtypes.Dimension{{Name: aws.String("function_name"), Value: aws.String(function)}}
	q := func(id, ns, metric string, dims []cwtypes.Dimension, stat string, period int32) cwtypes.MetricDataQuery {
		return cwtypes.MetricDataQuery{
			Id: aws.String(id),
			MetricStat: &cwtypes.MetricStat{
				Metric: &cwtypes.Metric{Namespace: aws.String(ns), MetricName: aws.String(metric), Dimensions: dims},
				Period: aws.Int32(period),
				Stat:   aws.String(stat),
			},
			ReturnData: aws.Bool(true),
		}
	}
	return []cwtypes.MetricDataQuery{
		q(idInvocations, NamespaceLambda, "Invocations", lambdaDim, "Sum", window),
		q(idPerMinute, NamespaceLambda, "Invocations", lambdaDim, "Sum", peak),
		q(idDurationAvg, NamespaceLambda, "Duration", lambdaDim, "Average", window),
		q(idDurationP99, NamespaceLambda, "Duration", lambdaDim, "p99", window),
		q(idConcurrency, NamespaceLambda, "ConcurrentExecutions", lambdaDim, "Maximum", peak),
		q(idMemoryUsedMax, NamespaceInsights, "used_memory_max", insightsDim, "Maximum", window),
		q(idMemoryUtil, NamespaceInsights, "memory_utilization", insightsDim, "Maximum", window),
	}
}

// series is one query's data points, gathered across pages.
type series struct {
	times  []time.Time
	values []float64
}

func (s series) sum() float64 {
	t := 0.0
	for _, v := range s.values {
		t += v
	}
	return t
}

func (s series) max() float64 {
	m := math.Inf(-1)
	for _, v := range s.values {
		m = math.Max(m, v)
	}
	return m
}

func loadMetrics(ctx context.Context, cw CloudWatchAPI, function string, memoryMB int, start, end time.Time) (Metrics, []string, error) {
	m := Metrics{Start: start, End: end}
	in := &cloudwatch.GetMetricDataInput{
		StartTime:         aws.Time(start),
		EndTime:           aws.Time(end),
		ScanBy:            cwtypes.ScanByTimestampAscending,
		MetricDataQueries: Queries(function, start, end),
	}
	got := map[string]series{}
	var notes []string
	p := cloudwatch.NewGetMetricDataPaginator(cw, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return m, nil, err
		}
		for _, r := range page.MetricDataResults {
			id := aws.ToString(r.Id)
			s := got[id]
			s.times = append(s.times, r.Timestamps...)
			s.values = append(s.values, r.Values...)
			got[id] = s
			if r.StatusCode == cwtypes.StatusCodeForbidden || r.StatusCode == cwtypes.StatusCodeInternalError {
				notes = append(notes, fmt.Sprintf("CloudWatch returned %s for %s", r.StatusCode, id))
			}
		}
	}

	hours := end.Sub(start).Hours() // 336 for 14 days
	if s := got[idInvocations]; len(s.values) > 0 {
		m.HasInvocations = true
		m.Invocations = s.sum()
		m.RequestsPerMonth = m.Invocations * HoursPerMonth / hours
	} else {
		notes = append(notes, "no Invocations in the last 14 days: give --requests-per-month")
	}
	if s := got[idDurationAvg]; len(s.values) > 0 {
		m.HasDuration = true
		m.AvgDuration = weightedAverage(s, got[idInvocations])
		if p := got[idDurationP99]; len(p.values) > 0 {
			m.P99Duration = ms(p.max())
		}
	} else {
		notes = append(notes, "no Duration in the last 14 days: give --duration")
	}
	if s := got[idPerMinute]; len(s.values) > 0 {
		m.PeakRequestsPerSecond = s.max() / 60
	}
	if s := got[idConcurrency]; len(s.values) > 0 {
		m.HasPeakConcurrency = true
		m.PeakConcurrency = s.max()
	} else if m.PeakRequestsPerSecond > 0 && m.HasDuration {
		// Little's law over the busiest minute: an average, so bursts
		// inside that minute go higher.
		m.HasPeakConcurrency = true
		m.PeakEstimated = true
		m.PeakConcurrency = m.PeakRequestsPerSecond * m.AvgDuration.Seconds()
		notes = append(notes, fmt.Sprintf("no ConcurrentExecutions for the function: peak concurrency %.1f estimated from the busiest minute's invocations × average duration", m.PeakConcurrency))
	} else {
		notes = append(notes, "no concurrency data: give --concurrency")
	}

	used, util := got[idMemoryUsedMax], got[idMemoryUtil]
	if len(util.values) > 0 {
		m.MaxMemoryUtilizationPc = util.max()
	}
	switch {
	case len(used.values) > 0:
		m.HasMemory = true
		m.MaxMemoryUsedMB = used.max()
	case len(util.values) > 0 && memoryMB > 0:
		m.HasMemory = true
		m.MaxMemoryUsedMB = m.MaxMemoryUtilizationPc / 100 * float64(memoryMB)
	default:
		notes = append(notes, "max memory used is unknown: Lambda Insights (namespace LambdaInsights) has no data for the function; enable it or give --memory-per-invocation")
	}
	return m, notes, nil
}

// weightedAverage combines per-period averages, weighting each by the
// invocations of the same period when known (with one whole-window period
// there is one point and this is that point).
func weightedAverage(avg, count series) time.Duration {
	byTime := map[int64]float64{}
	for i, t := range count.times {
		if i < len(count.values) {
			byTime[t.Unix()] = count.values[i]
		}
	}
	var num, den, plain float64
	weighted := true
	for i, v := range avg.values {
		plain += v
		if i >= len(avg.times) {
			weighted = false
			continue
		}
		w, ok := byTime[avg.times[i].Unix()]
		if !ok {
			weighted = false
			continue
		}
		num += v * w
		den += w
	}
	if weighted && den > 0 {
		return ms(num / den)
	}
	return ms(plain / float64(len(avg.values)))
}

// ms converts CloudWatch's milliseconds (Duration's unit) to a Duration.
func ms(v float64) time.Duration {
	return time.Duration(math.Round(v * float64(time.Millisecond)))
}
