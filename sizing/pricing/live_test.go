package pricing_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awspricing "github.com/aws/aws-sdk-go-v2/service/pricing"
	"github.com/aws/smithy-go"

	"github.com/lmicheck/lmicheck/sizing/pricing"
)

// product is a Price List entry shaped as GetProducts returns it.
func product(name, vcpu, mem, cpu, usd string) string {
	return fmt.Sprintf(`{"product":{"productFamily":"Compute Instance","attributes":{"instanceType":%q,"vcpu":%q,"memory":%q,
"physicalProcessor":%q,"operatingSystem":"Linux","tenancy":"Shared","preInstalledSw":"NA","capacitystatus":"Used","regionCode":"us-east-1"},"sku":"SKU1"},
"serviceCode":"AmazonEC2","terms":{"OnDemand":{"SKU1.JRTCKXETXF":{"priceDimensions":{"SKU1.JRTCKXETXF.6YS6EN2CT7":{"unit":"Hrs",
"description":"$%s per On Demand Linux %s Instance Hour","pricePerUnit":{"USD":%q}}},"sku":"SKU1","offerTermCode":"JRTCKXETXF"}}}}`,
		name, vcpu, mem, cpu, usd, name, usd)
}

type fakeAPI struct {
	pages [][]string
	err   error
	calls []*awspricing.GetProductsInput
}

func (f *fakeAPI) GetProducts(_ context.Context, in *awspricing.GetProductsInput, _ ...func(*awspricing.Options)) (*awspricing.GetProductsOutput, error) {
	cp := *in
	f.calls = append(f.calls, &cp)
	if f.err != nil {
		return nil, f.err
	}
	i := 0
	if in.NextToken != nil {
		fmt.Sscan(*in.NextToken, &i)
	}
	out := &awspricing.GetProductsOutput{}
	if i < len(f.pages) {
		out.PriceList = f.pages[i]
	}
	if i+1 < len(f.pages) {
		out.NextToken = aws.String(fmt.Sprint(i + 1))
	}
	return out, nil
}

func filter(in *awspricing.GetProductsInput, field string) (string, string) {
	for _, f := range in.Filters {
		if aws.ToString(f.Field) == field {
			return string(f.Type), aws.ToString(f.Value)
		}
	}
	return "", ""
}

func TestLiveInstanceHourly(t *testing.T) {
	api := &fakeAPI{pages: [][]string{{product("c7g.xlarge", "4", "8 GiB", "AWS Graviton3 Processor", "0.1450000000")}}}
	l := &pricing.Live{API: api, Now: func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }}
	got, err := l.InstanceHourly("us-east-1", "c7g.xlarge")
	if err != nil || got != 0.145 {
		t.Fatalf("InstanceHourly = %v, %v", got, err)
	}
	in := api.calls[0]
	if aws.ToString(in.ServiceCode) != "AmazonEC2" {
		t.Errorf("service code %q", aws.ToString(in.ServiceCode))
	}
	for field, want := range map[string]string{"instanceType": "c7g.xlarge", "regionCode": "us-east-1", "operatingSystem": "Linux",
		"tenancy": "Shared", "preInstalledSw": "NA", "capacitystatus": "Used"} {
		if typ, v := filter(in, field); v != want || typ != "TERM_MATCH" {
			t.Errorf("filter %s = %s %q, want TERM_MATCH %q", field, typ, v, want)
		}
	}
	// Cached: no second call.
	if _, err := l.InstanceHourly("us-east-1", "c7g.xlarge"); err != nil || len(api.calls) != 1 {
		t.Errorf("not cached: %d calls, %v", len(api.calls), err)
	}
	if l.Date() != "2026-11-23" || !strings.Contains(l.Source(), "Price List API") {
		t.Errorf("date %q source %q", l.Date(), l.Source())
	}
	if _, err := l.InstanceHourly("us-east-1", "m7g.xlarge"); err == nil || !strings.Contains(err.Error(), "no On-Demand Linux price for m7g.xlarge") {
		t.Errorf("absent type: %v", err)
	}
}

func TestLiveInstanceTypesPages(t *testing.T) {
	api := &fakeAPI{pages: [][]string{
		{product("c7g.xlarge", "4", "8 GiB", "AWS Graviton3 Processor", "0.1550000000")},
		{product("m7i.large", "2", "8 GiB", "Intel Xeon Scalable (Sapphire Rapids)", "0.1008000000")},
	}}
	l := &pricing.Live{API: api}
	got := l.InstanceTypes("eu-west-1")
	if len(got) != 2 || got[0].Name != "c7g.xlarge" || got[0].Arch != "arm64" || got[0].VCpus != 4 || got[0].MemoryMB != 8192 ||
		got[1].Name != "m7i.large" || got[1].Arch != "x86_64" || got[1].Hourly != 0.1008 {
		t.Fatalf("InstanceTypes = %+v", got)
	}
	if len(api.calls) != 2 || aws.ToString(api.calls[1].NextToken) != "1" {
		t.Errorf("paging: %d calls", len(api.calls))
	}
	if typ, v := filter(api.calls[0], "instanceType"); typ != "ANY_OF" || !strings.Contains(v, "c7g.xlarge,") {
		t.Errorf("many types: %s %q", typ, v)
	}
	// The second page's type is cached too.
	if p, err := l.InstanceHourly("eu-west-1", "m7i.large"); err != nil || p != 0.1008 || len(api.calls) != 2 {
		t.Errorf("cached from InstanceTypes: %v %v (%d calls)", p, err, len(api.calls))
	}
}

type apiErr struct{ code string }

func (e apiErr) Error() string                 { return e.code + ": denied" }
func (e apiErr) ErrorCode() string             { return e.code }
func (e apiErr) ErrorMessage() string          { return "denied" }
func (e apiErr) ErrorFault() smithy.ErrorFault { return smithy.FaultClient }

func TestLiveErrors(t *testing.T) {
	for _, c := range []struct {
		err  error
		want []string
	}{
		{&v4.SigningError{Err: errors.New("failed to retrieve credentials: no EC2 IMDS role found")}, []string{"credentials", "pricing:GetProducts"}},
		{apiErr{"AccessDeniedException"}, []string{"pricing:GetProducts", "refused"}},
		{errors.New("dial tcp: no route to host"), []string{"us-east-1", "no route"}},
	} {
		l := &pricing.Live{API: &fakeAPI{err: c.err}}
		_, err := l.InstanceHourly("us-east-1", "c7g.xlarge")
		for _, w := range c.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%v: error %v, want it to say %q", c.err, err, w)
			}
		}
		if got := l.InstanceTypes("us-east-1"); got != nil {
			t.Errorf("InstanceTypes on error = %v", got)
		}
	}
	if _, err := (&pricing.Live{}).InstanceHourly("us-east-1", "c7g.xlarge"); err == nil {
		t.Error("no client accepted")
	}
	bad := &pricing.Live{API: &fakeAPI{pages: [][]string{{product("c7g.xlarge", "4", "8 GiB", "Graviton", "cheap")}}}}
	if _, err := bad.InstanceHourly("us-east-1", "c7g.xlarge"); err == nil || !strings.Contains(err.Error(), "not a number") {
		t.Errorf("bad price: %v", err)
	}
	if _, err := pricing.ParseProduct("{"); err == nil {
		t.Error("bad JSON accepted")
	}
}
