package awsdata

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/smithy-go"

	"github.com/lmicheck/lmicheck/sizing"
)

var now = time.Date(2026, 3, 15, 12, 30, 45, 0, time.UTC)

type fakeLambda struct {
	out  *lambda.GetFunctionConfigurationOutput
	err  error
	asks []string
}

func (f *fakeLambda) GetFunctionConfiguration(_ context.Context, in *lambda.GetFunctionConfigurationInput, _ ...func(*lambda.Options)) (*lambda.GetFunctionConfigurationOutput, error) {
	f.asks = append(f.asks, aws.ToString(in.FunctionName))
	return f.out, f.err
}

// fakeCloudWatch answers GetMetricData from pages of results and checks
// every request it gets.
type fakeCloudWatch struct {
	t     *testing.T
	pages [][]cwtypes.MetricDataResult
	err   error
	calls []*cloudwatch.GetMetricDataInput
}

func (f *fakeCloudWatch) GetMetricData(_ context.Context, in *cloudwatch.GetMetricDataInput, _ ...func(*cloudwatch.Options)) (*cloudwatch.GetMetricDataOutput, error) {
	f.calls = append(f.calls, in)
	if f.err != nil {
		return nil, f.err
	}
	i := len(f.calls) - 1
	if want := pageToken(i); aws.ToString(in.NextToken) != want {
		f.t.Errorf("call %d: NextToken %q, want %q", i, aws.ToString(in.NextToken), want)
	}
	out := &cloudwatch.GetMetricDataOutput{MetricDataResults: f.pages[i]}
	if i+1 < len(f.pages) {
		out.NextToken = aws.String(pageToken(i + 1))
	}
	return out, nil
}

func pageToken(i int) string {
	if i == 0 {
		return ""
	}
	return fmt.Sprintf("page-%d", i)
}

func result(id string, values ...float64) cwtypes.MetricDataResult {
	r := cwtypes.MetricDataResult{Id: aws.String(id), StatusCode: cwtypes.StatusCodeComplete, Values: values}
	for i := range values {
		r.Timestamps = append(r.Timestamps, now.Add(-time.Duration(len(values)-i)*time.Minute).Truncate(time.Minute))
	}
	return r
}

func nodeConfig() *lambda.GetFunctionConfigurationOutput {
	return &lambda.GetFunctionConfigurationOutput{
		FunctionName:  aws.String("orders"),
		FunctionArn:   aws.String("arn:aws:lambda:eu-west-1:123456789012:function:orders"),
		Runtime:       ltypes.RuntimeNodejs22x,
		Handler:       aws.String("index.handler"),
		MemorySize:    aws.Int32(1024),
		Timeout:       aws.Int32(30),
		Architectures: []ltypes.Architecture{ltypes.ArchitectureArm64},
		PackageType:   ltypes.PackageTypeZip,
	}
}

// fullPages is a busy function with Lambda Insights, its series split over
// two pages as CloudWatch does.
func fullPages() [][]cwtypes.MetricDataResult {
	page2 := result(idConcurrency, 42, 5)
	page2.Timestamps = []time.Time{now.Add(-2 * time.Minute).Truncate(time.Minute), now.Add(-time.Minute).Truncate(time.Minute)}
	c1 := result(idConcurrency, 3, 17)
	c1.StatusCode = cwtypes.StatusCodePartialData
	c1.Timestamps = []time.Time{now.Add(-4 * time.Minute).Truncate(time.Minute), now.Add(-3 * time.Minute).Truncate(time.Minute)}
	return [][]cwtypes.MetricDataResult{
		{
			result(idInvocations, 1_000_000),
			result(idPerMinute, 100, 1200, 300),
			result(idDurationAvg, 120),
			result(idDurationP99, 850.5),
			c1,
			result(idMemoryUsedMax, 180),
			result(idMemoryUtil, 17.6),
		},
		{page2},
	}
}

// checkQueries asserts what Load asks CloudWatch for.
func checkQueries(t *testing.T, in *cloudwatch.GetMetricDataInput, function string) {
	t.Helper()
	end := now.Truncate(time.Minute)
	if !aws.ToTime(in.EndTime).Equal(end) {
		t.Errorf("EndTime %v, want %v", aws.ToTime(in.EndTime), end)
	}
	if !aws.ToTime(in.StartTime).Equal(end.Add(-14 * 24 * time.Hour)) {
		t.Errorf("StartTime %v, want 14 days before %v", aws.ToTime(in.StartTime), end)
	}
	type want struct {
		ns, metric, dim, stat string
		period                int32
	}
	const window = 14 * 24 * 3600
	wants := map[string]want{
		idInvocations:   {"AWS/Lambda", "Invocations", "FunctionName", "Sum", window},
		idPerMinute:     {"AWS/Lambda", "Invocations", "FunctionName", "Sum", 60},
		idDurationAvg:   {"AWS/Lambda", "Duration", "FunctionName", "Average", window},
		idDurationP99:   {"AWS/Lambda", "Duration", "FunctionName", "p99", window},
		idConcurrency:   {"AWS/Lambda", "ConcurrentExecutions", "FunctionName", "Maximum", 60},
		idMemoryUsedMax: {"LambdaInsights", "used_memory_max", "function_name", "Maximum", window},
		idMemoryUtil:    {"LambdaInsights", "memory_utilization", "function_name", "Maximum", window},
	}
	if len(in.MetricDataQueries) != len(wants) {
		t.Errorf("%d queries, want %d", len(in.MetricDataQueries), len(wants))
	}
	for _, q := range in.MetricDataQueries {
		id := aws.ToString(q.Id)
		w, ok := wants[id]
		if !ok {
			t.Errorf("unexpected query %q", id)
			continue
		}
		delete(wants, id)
		ms := q.MetricStat
		if ms == nil || ms.Metric == nil {
			t.Errorf("%s: no MetricStat", id)
			continue
		}
		got := want{aws.ToString(ms.Metric.Namespace), aws.ToString(ms.Metric.MetricName), "", aws.ToString(ms.Stat), aws.ToInt32(ms.Period)}
		if len(ms.Metric.Dimensions) != 1 || aws.ToString(ms.Metric.Dimensions[0].Value) != function {
			t.Errorf("%s: dimensions %+v, want one naming %q", id, ms.Metric.Dimensions, function)
		} else {
			got.dim = aws.ToString(ms.Metric.Dimensions[0].Name)
		}
		if got != w {
			t.Errorf("%s: asked %+v, want %+v", id, got, w)
		}
		if !aws.ToBool(q.ReturnData) {
			t.Errorf("%s: ReturnData false", id)
		}
	}
	for id := range wants {
		t.Errorf("query %q not asked", id)
	}
}

func TestLoadFromFakes(t *testing.T) {
	lf := &fakeLambda{out: nodeConfig()}
	cf := &fakeCloudWatch{t: t, pages: fullPages()}
	// The user gives a full ARN; metrics use the name the configuration says.
	o, err := Load(context.Background(), Clients{Lambda: lf, CloudWatch: cf, Region: "eu-west-1"}, "arn:aws:lambda:eu-west-1:123456789012:function:orders", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(cf.calls) != 2 {
		t.Fatalf("%d GetMetricData calls, want 2 (paginated)", len(cf.calls))
	}
	for _, c := range cf.calls {
		checkQueries(t, c, "orders")
	}
	if o.FunctionName != "orders" || o.RuntimeID != "nodejs22.x" || o.Architecture != "arm64" || o.MemorySizeMB != 1024 ||
		o.Handler != "index.handler" || o.Region != "eu-west-1" || o.LMI != nil || o.TimeoutSec != 30 {
		t.Errorf("configuration: %+v", o)
	}
	m := o.Metrics
	if !m.HasInvocations || m.Invocations != 1_000_000 {
		t.Errorf("invocations %v %v", m.HasInvocations, m.Invocations)
	}
	if want := 1_000_000 * 730.0 / 336; math.Abs(m.RequestsPerMonth-want) > 1e-6 {
		t.Errorf("requests/month %v, want %v", m.RequestsPerMonth, want)
	}
	if m.AvgDuration != 120*time.Millisecond || m.P99Duration != 850500*time.Microsecond {
		t.Errorf("durations %v %v", m.AvgDuration, m.P99Duration)
	}
	if !m.HasPeakConcurrency || m.PeakConcurrency != 42 || m.PeakEstimated {
		t.Errorf("peak %+v (want 42 from page 2)", m)
	}
	if m.PeakRequestsPerSecond != 20 {
		t.Errorf("peak rps %v", m.PeakRequestsPerSecond)
	}
	if !m.HasMemory || m.MaxMemoryUsedMB != 180 || m.MaxMemoryUtilizationPc != 17.6 {
		t.Errorf("memory %+v", m)
	}
	if len(o.Notes) != 0 {
		t.Errorf("notes %q", o.Notes)
	}

	in := o.Input(sizing.Input{})
	want := sizing.Input{Runtime: "nodejs", RuntimeID: "nodejs22.x", Arch: "arm64", Region: "eu-west-1",
		PeakConcurrency: 42, MemoryPerInvocationMB: 180, RequestsPerMonth: m.RequestsPerMonth, Duration: 120 * time.Millisecond,
		LambdaMemoryMB: 1024}
	if fmt.Sprint(in) != fmt.Sprint(want) {
		t.Errorf("Input:\n got %+v\nwant %+v", in, want)
	}

	// Flags win.
	flags := sizing.Input{Runtime: "nodejs", RuntimeID: "nodejs24.x", Arch: "x86_64", Region: "us-east-1", Ratio: 4,
		PeakConcurrency: 500, MemoryPerInvocationMB: 64, RequestsPerMonth: 9, Duration: time.Second, Workload: sizing.CPUBound, AZs: 3,
		LambdaMemoryMB: 512}
	if got := o.Input(flags); fmt.Sprint(got) != fmt.Sprint(flags) {
		t.Errorf("flags lost:\n got %+v\nwant %+v", got, flags)
	}
}

func TestLoadWithoutInsightsOrConcurrency(t *testing.T) {
	lf := &fakeLambda{out: nodeConfig()}
	cf := &fakeCloudWatch{t: t, pages: [][]cwtypes.MetricDataResult{{
		result(idInvocations, 33_600),
		result(idPerMinute, 30, 600, 60),
		result(idDurationAvg, 250),
		result(idDurationP99, 900),
		{Id: aws.String(idConcurrency), StatusCode: cwtypes.StatusCodeComplete},
		{Id: aws.String(idMemoryUsedMax), StatusCode: cwtypes.StatusCodeComplete},
		{Id: aws.String(idMemoryUtil), StatusCode: cwtypes.StatusCodeComplete},
	}}}
	o, err := Load(context.Background(), Clients{Lambda: lf, CloudWatch: cf, Region: "eu-west-1"}, "orders", now)
	if err != nil {
		t.Fatal(err)
	}
	checkQueries(t, cf.calls[0], "orders")
	m := o.Metrics
	if m.RequestsPerMonth != 33_600*730.0/336 {
		t.Errorf("requests/month %v", m.RequestsPerMonth)
	}
	// 600 per minute = 10/s × 0.25 s = 2.5 concurrent.
	if !m.PeakEstimated || math.Abs(m.PeakConcurrency-2.5) > 1e-9 {
		t.Errorf("estimated peak %+v", m)
	}
	if m.HasMemory {
		t.Errorf("memory without Insights: %+v", m)
	}
	notes := strings.Join(o.Notes, "\n")
	for _, w := range []string{"Lambda Insights", "LambdaInsights", "ConcurrentExecutions", "estimated"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
	in := o.Input(sizing.Input{})
	if in.PeakConcurrency != 3 || in.MemoryPerInvocationMB != 0 || in.Duration != 250*time.Millisecond {
		t.Errorf("Input %+v", in)
	}
}

func TestLoadMemoryFromUtilization(t *testing.T) {
	cf := &fakeCloudWatch{t: t, pages: [][]cwtypes.MetricDataResult{{result(idMemoryUtil, 25)}}}
	o, err := Load(context.Background(), Clients{Lambda: &fakeLambda{out: nodeConfig()}, CloudWatch: cf}, "orders", now)
	if err != nil {
		t.Fatal(err)
	}
	if !o.Metrics.HasMemory || o.Metrics.MaxMemoryUsedMB != 256 {
		t.Errorf("memory %+v", o.Metrics)
	}
	if o.Region != "eu-west-1" {
		t.Errorf("region from ARN: %q", o.Region)
	}
	notes := strings.Join(o.Notes, "\n")
	for _, w := range []string{"--requests-per-month", "--duration", "--concurrency"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
	if in := o.Input(sizing.Input{}); in.RequestsPerMonth != 0 || in.Duration != 0 || in.PeakConcurrency != 0 {
		t.Errorf("filled what was not observed: %+v", in)
	}
}

func TestLoadLMIFunction(t *testing.T) {
	cfg := nodeConfig()
	cfg.MemorySize = aws.Int32(4096)
	cfg.CapacityProviderConfig = &ltypes.CapacityProviderConfig{
		LambdaManagedInstancesCapacityProviderConfig: &ltypes.LambdaManagedInstancesCapacityProviderConfig{
			CapacityProviderArn:                   aws.String("arn:aws:lambda:eu-west-1:123456789012:capacity-provider:cp"),
			ExecutionEnvironmentMemoryGiBPerVCpu:  aws.Float64(4),
			PerExecutionEnvironmentMaxConcurrency: aws.Int32(64),
		},
	}
	cf := &fakeCloudWatch{t: t, pages: fullPages()}
	o, err := Load(context.Background(), Clients{Lambda: &fakeLambda{out: cfg}, CloudWatch: cf, Region: "eu-west-1"}, "orders", now)
	if err != nil {
		t.Fatal(err)
	}
	want := LMISettings{"arn:aws:lambda:eu-west-1:123456789012:capacity-provider:cp", 4, 64}
	if o.LMI == nil || *o.LMI != want {
		t.Fatalf("LMI %+v", o.LMI)
	}
	in := o.Input(sizing.Input{})
	if in.Ratio != 4 {
		t.Errorf("ratio %v", in.Ratio)
	}
	// An LMI environment's memory is many invocations': not per invocation.
	if in.MemoryPerInvocationMB != 0 {
		t.Errorf("memory per invocation %d from an LMI environment", in.MemoryPerInvocationMB)
	}
}

func TestConfigurationNotes(t *testing.T) {
	for _, c := range []struct {
		runtime ltypes.Runtime
		family  string
		note    string
	}{
		{ltypes.RuntimeProvidedal2023, "", "Go or Rust"},
		{"", "", "container image"},
		{ltypes.RuntimePython313, "python", ""},
		{ltypes.RuntimeJava21, "java", ""},
		{ltypes.RuntimeDotnet8, "dotnet", ""},
	} {
		cfg := nodeConfig()
		cfg.Runtime = c.runtime
		cfg.Architectures = nil
		o := fromConfiguration(cfg, "orders", "")
		if Family(o.RuntimeID) != c.family {
			t.Errorf("%q: family %q, want %q", c.runtime, Family(o.RuntimeID), c.family)
		}
		if got := strings.Join(o.Notes, ""); (c.note == "") != (got == "") || !strings.Contains(got, c.note) {
			t.Errorf("%q: notes %q, want %q", c.runtime, got, c.note)
		}
		if o.Architecture != "x86_64" {
			t.Errorf("default architecture %q", o.Architecture)
		}
	}
}

func TestNameOf(t *testing.T) {
	for in, want := range map[string]string{
		"orders":                       "orders",
		"orders:prod":                  "orders",
		"123456789012:function:orders": "orders",
		"arn:aws:lambda:us-east-1:123456789012:function:orders:7": "orders",
	} {
		if got := nameOf(in); got != want {
			t.Errorf("nameOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name     string
		lambda   error
		cw       error
		kind     error
		contains []string
	}{
		{"not found", &ltypes.ResourceNotFoundException{Message: aws.String("Function not found")}, nil, ErrNotFound,
			[]string{`"orders"`, "eu-west-1", "ResourceNotFoundException"}},
		{"lambda denied", &smithy.GenericAPIError{Code: "AccessDeniedException", Message: "not authorized"}, nil, ErrAccessDenied,
			[]string{"lambda:GetFunctionConfiguration", "cloudwatch:GetMetricData", "eu-west-1"}},
		{"cloudwatch denied", nil, &smithy.GenericAPIError{Code: "AccessDenied", Message: "not authorized"}, ErrAccessDenied,
			[]string{"access denied to cloudwatch:GetMetricData", "lambda:GetFunctionConfiguration"}},
		{"throttled", &ltypes.TooManyRequestsException{Message: aws.String("Rate exceeded")}, nil, ErrThrottled,
			[]string{"TooManyRequestsException", "try again"}},
		{"cloudwatch throttled", nil, &smithy.GenericAPIError{Code: "Throttling"}, ErrThrottled, []string{"Throttling"}},
		{"expired", &smithy.GenericAPIError{Code: "ExpiredTokenException"}, nil, ErrCredentials, []string{"aws sso login", "AWS_PROFILE"}},
		{"no credentials", &v4.SigningError{Err: errors.New("failed to retrieve credentials: no EC2 IMDS role found")}, nil, ErrCredentials,
			[]string{"no AWS credentials found", "aws sso login", "AWS_PROFILE"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cf := &fakeCloudWatch{t: t, pages: fullPages(), err: c.cw}
			_, err := Load(ctx, Clients{Lambda: &fakeLambda{out: nodeConfig(), err: c.lambda}, CloudWatch: cf, Region: "eu-west-1"}, "orders", now)
			if !errors.Is(err, c.kind) {
				t.Fatalf("error %v is not %v", err, c.kind)
			}
			for _, w := range c.contains {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err, w)
				}
			}
			sdkErr := c.lambda
			if sdkErr == nil {
				sdkErr = c.cw
			}
			if !errors.Is(err, sdkErr) {
				t.Errorf("SDK error not wrapped: %v", err)
			}
			var api smithy.APIError
			if _, signing := sdkErr.(*v4.SigningError); !signing && !errors.As(err, &api) {
				t.Errorf("errors.As(smithy.APIError) fails on %v", err)
			}
		})
	}
	// Anything else keeps the SDK error and says what was being done.
	other := &smithy.GenericAPIError{Code: "InvalidParameterValueException"}
	_, err := Load(ctx, Clients{Lambda: &fakeLambda{err: other}, CloudWatch: &fakeCloudWatch{t: t}}, "orders", now)
	if !errors.Is(err, other) || !strings.Contains(err.Error(), "lambda:GetFunctionConfiguration") {
		t.Errorf("other error: %v", err)
	}
	if _, err := Load(ctx, Clients{}, "orders", now); err == nil {
		t.Error("no clients: no error")
	}
	if _, err := Load(ctx, Clients{Lambda: &fakeLambda{}, CloudWatch: &fakeCloudWatch{t: t}}, " ", now); err == nil {
		t.Error("no function: no error")
	}
}
