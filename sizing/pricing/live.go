package pricing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/config"
	awspricing "github.com/aws/aws-sdk-go-v2/service/pricing"
	"github.com/aws/aws-sdk-go-v2/service/pricing/types"
	"github.com/aws/smithy-go"

	"github.com/lmicheck/lmicheck/sizing"
)

// GetProductsAPI is the one call Live makes; *pricing.Client satisfies it
// and tests use a fake.
type GetProductsAPI interface {
	GetProducts(ctx context.Context, in *awspricing.GetProductsInput, optFns ...func(*awspricing.Options)) (*awspricing.GetProductsOutput, error)
}

// APIRegion is where the Price List API is called: it answers in us-east-1
// (also eu-central-1 and ap-south-1) for every Region's prices.
const APIRegion = "us-east-1"

// Live is a PriceBook that reads the AWS Price List API (service code
// AmazonEC2; Linux, shared tenancy, no pre-installed software, capacity
// status Used). Prices are cached for the life of the value.
type Live struct {
	API GetProductsAPI
	// Timeout bounds each lookup (0: 30 s).
	Timeout time.Duration
	// Now stamps Date (nil: time.Now).
	Now func() time.Time

	mu    sync.Mutex
	cache map[string]sizing.InstanceType // region + "/" + type
	read  time.Time
}

var _ sizing.PriceBook = (*Live)(nil)

// NewLive makes a Live book from the standard credential chain (profile ""
// for the default), calling the API in APIRegion.
func NewLive(ctx context.Context, profile string) (*Live, error) {
	opts := []func(*config.LoadOptions) error{config.WithRegion(APIRegion)}
	if profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(profile))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("live pricing: loading AWS configuration: %w", err)
	}
	return &Live{API: awspricing.NewFromConfig(cfg)}, nil
}

// InstanceHourly reads one type's On-Demand Linux price in a Region.
func (l *Live) InstanceHourly(region, instanceType string) (float64, error) {
	ctx, cancel := l.context()
	defer cancel()
	t, err := l.Lookup(ctx, region, instanceType)
	if err != nil {
		return 0, err
	}
	return t.Hourly, nil
}

// InstanceTypes reads the prices of the types the embedded table knows, in
// one paged query; types the API has no price for are left out (and so is
// everything when the API cannot be read: InstanceHourly reports why).
func (l *Live) InstanceTypes(region string) []sizing.InstanceType {
	ctx, cancel := l.context()
	defer cancel()
	var names []string
	for _, t := range doc().Types {
		names = append(names, t.Name)
	}
	got, err := l.fetch(ctx, region, names)
	if err != nil {
		return nil
	}
	out := make([]sizing.InstanceType, 0, len(got))
	for _, t := range got {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Source names the API.
func (l *Live) Source() string {
	return "AWS Price List API (GetProducts, AmazonEC2, On-Demand Linux, shared tenancy)"
}

// Date is when the first price was read (today before any read).
func (l *Live) Date() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.read.IsZero() {
		return l.now().UTC().Format("2006-01-02")
	}
	return l.read.UTC().Format("2006-01-02")
}

// Lookup reads one type (cached).
func (l *Live) Lookup(ctx context.Context, region, instanceType string) (sizing.InstanceType, error) {
	l.mu.Lock()
	if t, ok := l.cache[region+"/"+instanceType]; ok {
		l.mu.Unlock()
		return t, nil
	}
	l.mu.Unlock()
	got, err := l.fetch(ctx, region, []string{instanceType})
	if err != nil {
		return sizing.InstanceType{}, err
	}
	t, ok := got[instanceType]
	if !ok {
		return sizing.InstanceType{}, fmt.Errorf("the AWS Price List API has no On-Demand Linux price for %s in %s (is the type offered there?)", instanceType, region)
	}
	return t, nil
}

func (l *Live) context() (context.Context, context.CancelFunc) {
	d := l.Timeout
	if d <= 0 {
		d = 30 * time.Second
	}
	return context.WithTimeout(context.Background(), d)
}

func (l *Live) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

func term(field, value string) types.Filter {
	return types.Filter{Field: aws.String(field), Type: types.FilterTypeTermMatch, Value: aws.String(value)}
}

// Filters are the GetProducts filters for On-Demand Linux prices of names
// in a Region (one name: TERM_MATCH; several: ANY_OF, comma-separated).
func Filters(region string, names []string) []types.Filter {
	f := []types.Filter{
		term("regionCode", region),
		term("operatingSystem", "Linux"),
		term("tenancy", "Shared"),
		term("preInstalledSw", "NA"),
		term("capacitystatus", "Used"),
	}
	if len(names) == 1 {
		return append(f, term("instanceType", names[0]))
	}
	return append(f, types.Filter{Field: aws.String("instanceType"), Type: types.FilterTypeAnyOf, Value: aws.String(strings.Join(names, ","))})
}

func (l *Live) fetch(ctx context.Context, region string, names []string) (map[string]sizing.InstanceType, error) {
	if l.API == nil {
		return nil, errors.New("live pricing: no Price List API client")
	}
	in := &awspricing.GetProductsInput{
		ServiceCode:   aws.String("AmazonEC2"),
		FormatVersion: aws.String("aws_v1"),
		Filters:       Filters(region, names),
		MaxResults:    aws.Int32(100),
	}
	out := map[string]sizing.InstanceType{}
	for pages := 0; ; pages++ {
		if pages == 50 {
			return nil, errors.New("live pricing: the Price List API kept paging (50 pages); stopped")
		}
		res, err := l.API.GetProducts(ctx, in)
		if err != nil {
			return nil, explain(err)
		}
		for _, doc := range res.PriceList {
			t, err := ParseProduct(doc)
			if err != nil {
				return nil, err
			}
			if t.Name != "" && t.Hourly > 0 {
				out[t.Name] = t
			}
		}
		if res.NextToken == nil || *res.NextToken == "" {
			break
		}
		in.NextToken = res.NextToken
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cache == nil {
		l.cache = map[string]sizing.InstanceType{}
	}
	if l.read.IsZero() {
		l.read = l.now()
	}
	for name, t := range out {
		l.cache[region+"/"+name] = t
	}
	return out, nil
}

// explain turns the SDK's errors into ones that say what to do.
func explain(err error) error {
	var signing *v4.SigningError
	if errors.As(err, &signing) || strings.Contains(err.Error(), "failed to retrieve credentials") {
		return fmt.Errorf("live pricing needs AWS credentials allowed pricing:GetProducts (standard chain: environment, shared config/--profile, SSO, instance role); none were found: %w", err)
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "AccessDeniedException", "AccessDenied", "UnrecognizedClientException":
			return fmt.Errorf("live pricing: the AWS Price List API refused the call: the credentials need the IAM action pricing:GetProducts (%s): %w", api.ErrorCode(), err)
		}
	}
	return fmt.Errorf("live pricing: AWS Price List API (endpoint region %s): %w", APIRegion, err)
}

// product is the part of a Price List document Live reads.
type product struct {
	Product struct {
		Attributes struct {
			InstanceType      string `json:"instanceType"`
			VCpu              string `json:"vcpu"`
			Memory            string `json:"memory"`
			PhysicalProcessor string `json:"physicalProcessor"`
			RegionCode        string `json:"regionCode"`
		} `json:"attributes"`
	} `json:"product"`
	Terms struct {
		OnDemand map[string]struct {
			PriceDimensions map[string]struct {
				Unit         string            `json:"unit"`
				PricePerUnit map[string]string `json:"pricePerUnit"`
			} `json:"priceDimensions"`
		} `json:"OnDemand"`
	} `json:"terms"`
}

// ParseProduct reads one GetProducts PriceList entry (a JSON document as a
// string): the type, vCPUs, memory, architecture and hourly USD price of its
// On-Demand term. An entry without an hourly USD price has Hourly 0.
func ParseProduct(s string) (sizing.InstanceType, error) {
	var p product
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return sizing.InstanceType{}, fmt.Errorf("live pricing: unreadable Price List entry: %w", err)
	}
	a := p.Product.Attributes
	t := sizing.InstanceType{Name: a.InstanceType, Arch: "x86_64"}
	if strings.Contains(strings.ToLower(a.PhysicalProcessor), "graviton") {
		t.Arch = "arm64"
	}
	if v, err := strconv.Atoi(strings.TrimSpace(a.VCpu)); err == nil {
		t.VCpus = v
	}
	if m := strings.TrimSuffix(strings.TrimSpace(a.Memory), " GiB"); m != "" {
		if gib, err := strconv.ParseFloat(strings.ReplaceAll(m, ",", ""), 64); err == nil {
			t.MemoryMB = int(gib * 1024)
		}
	}
	for _, term := range p.Terms.OnDemand {
		for _, dim := range term.PriceDimensions {
			if dim.Unit != "Hrs" {
				continue
			}
			usd, ok := dim.PricePerUnit["USD"]
			if !ok {
				continue
			}
			v, err := strconv.ParseFloat(usd, 64)
			if err != nil {
				return sizing.InstanceType{}, fmt.Errorf("live pricing: price %q of %s is not a number", usd, a.InstanceType)
			}
			if v > t.Hourly {
				t.Hourly = v
			}
		}
	}
	return t, nil
}
