package awsdata

// End-to-end tests: the real SDK clients against an httptest server that
// answers as Lambda (REST-JSON) and CloudWatch do. The CloudWatch client of
// this SDK version (service/cloudwatch v1.75) speaks Smithy RPC v2 CBOR:
// POST /service/GraniteServiceVersion20100801/operation/GetMetricData with
// Smithy-Protocol: rpc-v2-cbor, a CBOR body, and CBOR answers; the test
// fails if the SDK sends anything else.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/encoding/cbor"
)

const getMetricDataPath = "/service/GraniteServiceVersion20100801/operation/GetMetricData"

// fakeAWS is an httptest server playing Lambda and CloudWatch.
type fakeAWS struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	cwCalls  []*cloudwatch.GetMetricDataInput
	lambdaOK int
}

func newFakeAWS(t *testing.T) *fakeAWS {
	f := &fakeAWS{t: t}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAWS) serve(w http.ResponseWriter, r *http.Request) {
	auth := r.Header.Get("Authorization")
	switch {
	case strings.HasPrefix(r.URL.Path, "/2015-03-31/functions/"):
		if r.Method != http.MethodGet || !strings.HasSuffix(r.URL.Path, "/configuration") {
			f.t.Errorf("lambda: %s %s", r.Method, r.URL.Path)
		}
		if !strings.Contains(auth, "/eu-west-1/lambda/aws4_request") || !strings.Contains(auth, "Credential=AKIDTEST/") {
			f.t.Errorf("lambda: Authorization %q", auth)
		}
		f.lambda(w, strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/2015-03-31/functions/"), "/configuration"))
	case r.URL.Path == getMetricDataPath:
		if r.Method != http.MethodPost || r.Header.Get("Smithy-Protocol") != "rpc-v2-cbor" || r.Header.Get("Content-Type") != "application/cbor" {
			f.t.Errorf("cloudwatch: %s, Smithy-Protocol %q, Content-Type %q", r.Method, r.Header.Get("Smithy-Protocol"), r.Header.Get("Content-Type"))
		}
		if !strings.Contains(auth, "/eu-west-1/monitoring/aws4_request") {
			f.t.Errorf("cloudwatch: Authorization %q", auth)
		}
		f.cloudwatch(w, r)
	default:
		f.t.Errorf("unexpected request %s %s", r.Method, r.URL)
		http.NotFound(w, r)
	}
}

// lambda answers GetFunctionConfiguration as Lambda's REST-JSON API does.
func (f *fakeAWS) lambda(w http.ResponseWriter, name string) {
	switch name {
	case "missing":
		w.Header().Set("X-Amzn-ErrorType", "ResourceNotFoundException")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"Type":"User","Message":"Function not found: arn:aws:lambda:eu-west-1:123456789012:function:missing"}`)
	case "denied":
		w.Header().Set("X-Amzn-ErrorType", "AccessDeniedException")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, `{"Message":"User: arn:aws:iam::123456789012:user/dev is not authorized to perform: lambda:GetFunctionConfiguration"}`)
	case "throttled":
		w.Header().Set("X-Amzn-ErrorType", "TooManyRequestsException")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		io.WriteString(w, `{"Type":"User","Reason":"CallerRateLimitExceeded","message":"Rate exceeded"}`)
	case "orders", "cwdenied":
		f.mu.Lock()
		f.lambdaOK++
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"FunctionName":  name,
			"FunctionArn":   "arn:aws:lambda:eu-west-1:123456789012:function:" + name,
			"Runtime":       "python3.13",
			"Handler":       "app.handler",
			"MemorySize":    2048,
			"Timeout":       60,
			"Architectures": []string{"x86_64"},
			"PackageType":   "Zip",
			"CapacityProviderConfig": map[string]any{
				"LambdaManagedInstancesCapacityProviderConfig": map[string]any{
					"CapacityProviderArn":                   "arn:aws:lambda:eu-west-1:123456789012:capacity-provider:cp",
					"ExecutionEnvironmentMemoryGiBPerVCpu":  2.0,
					"PerExecutionEnvironmentMaxConcurrency": 16,
				},
			},
		})
	default:
		f.t.Errorf("lambda: function %q", name)
	}
}

// cloudwatch answers GetMetricData in RPC v2 CBOR, in two pages.
func (f *fakeAWS) cloudwatch(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	in, err := decodeGetMetricData(body)
	if err != nil {
		f.t.Errorf("cloudwatch: decoding the request: %v", err)
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.cwCalls = append(f.cwCalls, in)
	f.mu.Unlock()
	w.Header().Set("Smithy-Protocol", "rpc-v2-cbor")
	w.Header().Set("Content-Type", "application/cbor")
	if name := queryFunction(in); name == "cwdenied" {
		// A query-compatible service also names the old awsQuery code.
		w.Header().Set("X-Amzn-Query-Error", "AccessDenied;Sender")
		w.WriteHeader(http.StatusBadRequest)
		w.Write(cbor.Encode(cbor.Map{
			"__type":  cbor.String("com.amazonaws.cloudwatch#AccessDeniedException"),
			"message": cbor.String("User: arn:aws:iam::123456789012:user/dev is not authorized to perform: cloudwatch:GetMetricData"),
		}))
		return
	}
	ts := func(d time.Duration) cbor.Value {
		return &cbor.Tag{ID: 1, Value: cbor.Float64(float64(now.Truncate(time.Minute).Add(-d).Unix()))}
	}
	res := func(id string, status string, times []time.Duration, values ...float64) cbor.Value {
		tl, vl := cbor.List{}, cbor.List{}
		for i, v := range values {
			tl = append(tl, ts(times[i]))
			vl = append(vl, cbor.Float64(v))
		}
		return cbor.Map{"Id": cbor.String(id), "Label": cbor.String(id), "StatusCode": cbor.String(status), "Timestamps": tl, "Values": vl}
	}
	whole := []time.Duration{14 * 24 * time.Hour}
	var out cbor.Map
	switch aws.ToString(in.NextToken) {
	case "":
		out = cbor.Map{
			"MetricDataResults": cbor.List{
				res(idInvocations, "Complete", whole, 336_000),
				res(idPerMinute, "Complete", []time.Duration{3 * time.Minute, 2 * time.Minute}, 1800, 60),
				res(idDurationAvg, "Complete", whole, 40),
				res(idDurationP99, "Complete", whole, 310),
				res(idConcurrency, "PartialData", []time.Duration{5 * time.Minute, 4 * time.Minute}, 7, 11),
				res(idMemoryUsedMax, "Complete", nil),
				res(idMemoryUtil, "Complete", nil),
			},
			"NextToken": cbor.String("t2"),
			"Messages":  cbor.List{},
		}
	case "t2":
		out = cbor.Map{"MetricDataResults": cbor.List{
			res(idConcurrency, "Complete", []time.Duration{3 * time.Minute}, 19),
		}}
	default:
		f.t.Errorf("cloudwatch: NextToken %q", aws.ToString(in.NextToken))
	}
	w.Write(cbor.Encode(out))
}

func queryFunction(in *cloudwatch.GetMetricDataInput) string {
	for _, q := range in.MetricDataQueries {
		if q.MetricStat != nil && q.MetricStat.Metric != nil {
			for _, d := range q.MetricStat.Metric.Dimensions {
				return aws.ToString(d.Value)
			}
		}
	}
	return ""
}

// decodeGetMetricData reads the CBOR request body into the SDK's input type
// so checkQueries can assert it like the fakes' requests.
func decodeGetMetricData(body []byte) (*cloudwatch.GetMetricDataInput, error) {
	v, err := cbor.Decode(body)
	if err != nil {
		return nil, err
	}
	m, ok := v.(cbor.Map)
	if !ok {
		return nil, errors.New("body is not a map")
	}
	in := &cloudwatch.GetMetricDataInput{}
	for k, v := range m {
		switch k {
		case "StartTime", "EndTime":
			t, err := cbor.AsTime(v)
			if err != nil {
				return nil, err
			}
			if k == "StartTime" {
				in.StartTime = aws.Time(t.UTC())
			} else {
				in.EndTime = aws.Time(t.UTC())
			}
		case "NextToken":
			in.NextToken = aws.String(str(v))
		case "ScanBy":
			in.ScanBy = cwtypes.ScanBy(str(v))
		case "MetricDataQueries":
			for _, qv := range v.(cbor.List) {
				qm := qv.(cbor.Map)
				q := cwtypes.MetricDataQuery{Id: aws.String(str(qm["Id"]))}
				if b, ok := qm["ReturnData"].(cbor.Bool); ok {
					q.ReturnData = aws.Bool(bool(b))
				}
				if sm, ok := qm["MetricStat"].(cbor.Map); ok {
					p, err := cbor.AsInt32(sm["Period"])
					if err != nil {
						return nil, err
					}
					mm := sm["Metric"].(cbor.Map)
					metric := &cwtypes.Metric{Namespace: aws.String(str(mm["Namespace"])), MetricName: aws.String(str(mm["MetricName"]))}
					if dl, ok := mm["Dimensions"].(cbor.List); ok {
						for _, dv := range dl {
							dm := dv.(cbor.Map)
							metric.Dimensions = append(metric.Dimensions, cwtypes.Dimension{Name: aws.String(str(dm["Name"])), Value: aws.String(str(dm["Value"]))})
						}
					}
					q.MetricStat = &cwtypes.MetricStat{Metric: metric, Period: aws.Int32(p), Stat: aws.String(str(sm["Stat"]))}
				}
				in.MetricDataQueries = append(in.MetricDataQueries, q)
			}
		}
	}
	return in, nil
}

func str(v cbor.Value) string {
	s, _ := v.(cbor.String)
	return string(s)
}

func (f *fakeAWS) config() aws.Config {
	return aws.Config{
		Region:           "eu-west-1",
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDTEST", "SECRET", ""),
		BaseEndpoint:     aws.String(f.srv.URL),
		HTTPClient:       f.srv.Client(),
		RetryMaxAttempts: 1,
	}
}

func TestLoadOverHTTP(t *testing.T) {
	f := newFakeAWS(t)
	o, err := Load(context.Background(), FromConfig(f.config()), "orders", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.cwCalls) != 2 {
		t.Fatalf("%d GetMetricData requests, want 2", len(f.cwCalls))
	}
	for _, c := range f.cwCalls {
		checkQueries(t, c, "orders")
		if c.ScanBy != cwtypes.ScanByTimestampAscending {
			t.Errorf("ScanBy %q", c.ScanBy)
		}
	}
	want := LMISettings{"arn:aws:lambda:eu-west-1:123456789012:capacity-provider:cp", 2, 16}
	if o.RuntimeID != "python3.13" || o.Architecture != "x86_64" || o.MemorySizeMB != 2048 || o.Handler != "app.handler" ||
		o.TimeoutSec != 60 || o.Region != "eu-west-1" || o.LMI == nil || *o.LMI != want {
		t.Errorf("configuration %+v LMI %+v", o, o.LMI)
	}
	m := o.Metrics
	if m.Invocations != 336_000 || m.RequestsPerMonth != 730_000 || m.AvgDuration != 40*time.Millisecond ||
		m.P99Duration != 310*time.Millisecond || m.PeakConcurrency != 19 || m.PeakEstimated || m.PeakRequestsPerSecond != 30 {
		t.Errorf("metrics %+v", m)
	}
	if m.HasMemory || !strings.Contains(strings.Join(o.Notes, "\n"), "Lambda Insights") {
		t.Errorf("memory %+v notes %q", m, o.Notes)
	}
}

func TestNotFoundOverHTTP(t *testing.T) {
	f := newFakeAWS(t)
	_, err := Load(context.Background(), FromConfig(f.config()), "missing", now)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("error %v", err)
	}
	var nf *types.ResourceNotFoundException
	var api smithy.APIError
	if !errors.As(err, &nf) || !errors.As(err, &api) || api.ErrorCode() != "ResourceNotFoundException" {
		t.Errorf("SDK error not kept: %v", err)
	}
	for _, w := range []string{`function "missing" not found in Region eu-west-1`, "--region"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%q lacks %q", err, w)
		}
	}
	if len(f.cwCalls) != 0 {
		t.Errorf("metrics read for a missing function")
	}
}

func TestAccessDeniedOverHTTP(t *testing.T) {
	for _, c := range []struct{ function, code, action string }{
		{"denied", "AccessDeniedException", "lambda:GetFunctionConfiguration"},
		{"cwdenied", "AccessDenied", "cloudwatch:GetMetricData"},
	} {
		t.Run(c.function, func(t *testing.T) {
			f := newFakeAWS(t)
			_, err := Load(context.Background(), FromConfig(f.config()), c.function, now)
			if !errors.Is(err, ErrAccessDenied) {
				t.Fatalf("error %v", err)
			}
			var api smithy.APIError
			if !errors.As(err, &api) || api.ErrorCode() != c.code {
				t.Errorf("SDK error code: %v", err)
			}
			for _, w := range []string{"access denied to " + c.action, "lambda:GetFunctionConfiguration", "cloudwatch:GetMetricData", "not authorized"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err, w)
				}
			}
		})
	}
}

func TestThrottledOverHTTP(t *testing.T) {
	f := newFakeAWS(t)
	_, err := Load(context.Background(), FromConfig(f.config()), "throttled", now)
	var tooMany *types.TooManyRequestsException
	if !errors.Is(err, ErrThrottled) || !errors.As(err, &tooMany) || !strings.Contains(err.Error(), "try again") {
		t.Fatalf("error %v", err)
	}
}

// isolateEnv points the SDK's credential chain at nothing on this machine.
func isolateEnv(t *testing.T) string {
	dir := t.TempDir()
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_ENDPOINT_URL",
		"AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL_CLOUDWATCH"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return dir
}

func TestNewClientsNoCredentials(t *testing.T) {
	isolateEnv(t)
	_, err := NewClients(context.Background(), "eu-west-1", "")
	if !errors.Is(err, ErrCredentials) {
		t.Fatalf("error %v", err)
	}
	for _, w := range []string{"no AWS credentials found", "configure credentials", "AWS_PROFILE", "aws sso login"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%q lacks %q", err, w)
		}
	}
}

func TestNewClientsNoRegion(t *testing.T) {
	isolateEnv(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "SECRET")
	if _, err := NewClients(context.Background(), "", ""); !errors.Is(err, ErrRegion) || !strings.Contains(err.Error(), "--region") {
		t.Fatalf("error %v", err)
	}
}

func TestNewClientsUnknownProfile(t *testing.T) {
	isolateEnv(t)
	_, err := NewClients(context.Background(), "eu-west-1", "nope")
	if !errors.Is(err, ErrCredentials) || !strings.Contains(err.Error(), `profile "nope"`) {
		t.Fatalf("error %v", err)
	}
}

// TestNewClientsProfile goes through the whole chain: a named profile's
// Region and keys from the shared files, the endpoint from
// AWS_ENDPOINT_URL, then a Load against the fake.
func TestNewClientsProfile(t *testing.T) {
	dir := isolateEnv(t)
	f := newFakeAWS(t)
	t.Setenv("AWS_ENDPOINT_URL", f.srv.URL)
	write := func(name, s string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("config", "[profile lmi]\nregion = eu-west-1\n")
	write("credentials", "[lmi]\naws_access_key_id = AKIDTEST\naws_secret_access_key = SECRET\n")
	c, err := NewClients(context.Background(), "", "lmi")
	if err != nil {
		t.Fatal(err)
	}
	if c.Region != "eu-west-1" {
		t.Errorf("region %q", c.Region)
	}
	o, err := Load(context.Background(), c, "orders", now)
	if err != nil {
		t.Fatal(err)
	}
	if o.Metrics.PeakConcurrency != 19 || f.lambdaOK != 1 {
		t.Errorf("load through NewClients: %+v", o.Metrics)
	}
}
