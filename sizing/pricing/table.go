// Package pricing gives sizing its prices: an embedded, dated table of EC2
// On-Demand Linux prices with the source of every row (prices.json), the
// sample calculator's own table, Lambda's rates, and Live, which reads the
// AWS Price List API.
package pricing

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/lmicheck/lmicheck/sizing"
)

//go:embed prices.json
var pricesJSON []byte

// Source is where a set of prices was read.
type Source struct {
	Title string `json:"title"`
	URL   string `json:"url"`
	Date  string `json:"date"`
	Note  string `json:"note"`
}

type typeSpec struct {
	Name      string `json:"name"`
	VCpus     int    `json:"vcpus"`
	MemoryMiB int    `json:"memoryMiB"`
	Arch      string `json:"arch"`
}

type regionPrices struct {
	Source  string             `json:"source"`
	Prices  map[string]float64 `json:"prices"`
	Missing string             `json:"missing"`
}

type lambdaRow struct {
	sizing.LambdaRates
	Note string `json:"note"`
}

type document struct {
	About      string                  `json:"about"`
	Sources    map[string]Source       `json:"sources"`
	Types      []typeSpec              `json:"types"`
	Regions    map[string]regionPrices `json:"regions"`
	Calculator struct {
		Source string             `json:"source"`
		Region string             `json:"region"`
		Prices map[string]float64 `json:"prices"`
	} `json:"calculator"`
	Lambda struct {
		Source string      `json:"source"`
		Date   string      `json:"date"`
		Rows   []lambdaRow `json:"rows"`
	} `json:"lambda"`
}

// parse reads prices.json once; the file is part of the binary, so an
// error is a build defect and tests catch it.
var parse = sync.OnceValues(func() (*document, error) {
	var d document
	if err := json.Unmarshal(pricesJSON, &d); err != nil {
		return nil, fmt.Errorf("embedded prices.json: %w", err)
	}
	for name, r := range d.Regions {
		if _, ok := d.Sources[r.Source]; !ok {
			return nil, fmt.Errorf("embedded prices.json: region %s names unknown source %q", name, r.Source)
		}
	}
	return &d, nil
})

func doc() *document {
	d, err := parse()
	if err != nil {
		panic(err)
	}
	return d
}

// Table is the embedded price book. Its zero value is ready to use.
type Table struct{}

// Embedded is the embedded price book.
func Embedded() sizing.PriceBook { return Table{} }

var _ sizing.PriceBook = Table{}

// InstanceHourly is the On-Demand Linux price of a type in a Region.
func (Table) InstanceHourly(region, instanceType string) (float64, error) {
	d := doc()
	r, ok := d.Regions[region]
	if !ok {
		return 0, fmt.Errorf("no embedded prices for region %s (the table has %s); use --live-pricing", region, strings.Join(Regions(), ", "))
	}
	p, ok := r.Prices[instanceType]
	if !ok {
		msg := fmt.Sprintf("no embedded price for %s in %s", instanceType, region)
		if spec(instanceType) == nil {
			msg += " (not an instance type the table knows)"
		} else if r.Missing != "" {
			msg += " (" + r.Missing + ")"
		}
		return 0, fmt.Errorf("%s; use --live-pricing", msg)
	}
	return p, nil
}

// InstanceTypes lists the types priced in a Region, by name.
func (Table) InstanceTypes(region string) []sizing.InstanceType {
	d := doc()
	r := d.Regions[region]
	var out []sizing.InstanceType
	for _, t := range d.Types {
		if p, ok := r.Prices[t.Name]; ok {
			out = append(out, sizing.InstanceType{Name: t.Name, VCpus: t.VCpus, MemoryMB: t.MemoryMiB, Arch: t.Arch, Hourly: p})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Source names the sources of all Regions; SourceFor names one Region's.
func (Table) Source() string {
	d := doc()
	var parts []string
	for _, region := range Regions() {
		s := d.Sources[d.Regions[region].Source]
		parts = append(parts, region+": "+s.URL)
	}
	return "EC2 On-Demand Linux, embedded table — " + strings.Join(parts, "; ")
}

// Date is the date of each Region's source.
func (Table) Date() string {
	d := doc()
	var parts []string
	for _, region := range Regions() {
		parts = append(parts, region+": "+d.Sources[d.Regions[region].Source].Date)
	}
	return strings.Join(parts, "; ")
}

// SourceFor is the source of a Region's prices.
func SourceFor(region string) (Source, bool) {
	d := doc()
	r, ok := d.Regions[region]
	if !ok {
		return Source{}, false
	}
	return d.Sources[r.Source], true
}

// Regions are the Regions the embedded table prices, sorted.
func Regions() []string {
	d := doc()
	out := make([]string, 0, len(d.Regions))
	for r := range d.Regions {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// Spec is the vCPUs, memory and architecture of an instance type the table
// knows (whatever the Region).
func Spec(instanceType string) (sizing.InstanceType, bool) {
	t := spec(instanceType)
	if t == nil {
		return sizing.InstanceType{}, false
	}
	return sizing.InstanceType{Name: t.Name, VCpus: t.VCpus, MemoryMB: t.MemoryMiB, Arch: t.Arch}, true
}

func spec(name string) *typeSpec {
	d := doc()
	for i := range d.Types {
		if d.Types[i].Name == name {
			return &d.Types[i]
		}
	}
	return nil
}

// Calculator is the sample calculator's own instance table (nine Graviton
// types, us-east-1, rounded as it rounds them): with it SampleCalculator
// gives the calculator's numbers to the cent.
type Calculator struct{}

// CalculatorBook is the sample calculator's price book.
func CalculatorBook() sizing.PriceBook { return Calculator{} }

var _ sizing.PriceBook = Calculator{}

// InstanceHourly is the calculator's price; it has us-east-1 only.
func (Calculator) InstanceHourly(region, instanceType string) (float64, error) {
	c := doc().Calculator
	if region != c.Region {
		return 0, fmt.Errorf("the sample calculator has prices for %s only, not %s", c.Region, region)
	}
	p, ok := c.Prices[instanceType]
	if !ok {
		return 0, fmt.Errorf("the sample calculator has no %s (it knows c7g, m7g and r7g .xlarge to .4xlarge)", instanceType)
	}
	return p, nil
}

// InstanceTypes lists the calculator's types.
func (c Calculator) InstanceTypes(region string) []sizing.InstanceType {
	var out []sizing.InstanceType
	for name := range doc().Calculator.Prices {
		p, err := c.InstanceHourly(region, name)
		if err != nil {
			continue
		}
		t, _ := Spec(name)
		t.Hourly = p
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Source is the calculator's file.
func (Calculator) Source() string {
	d := doc()
	return d.Sources[d.Calculator.Source].URL
}

// Date is the calculator's (undated) commit.
func (Calculator) Date() string {
	d := doc()
	return d.Sources[d.Calculator.Source].Date
}

// LambdaPrices are the embedded Lambda rates for a Region and architecture
// ("x86_64" or "arm64"), with their source and date; ok is false when the
// table has no row (only us-east-1 is sourced).
func LambdaPrices(region, arch string) (rates sizing.LambdaRates, source, date string, ok bool) {
	l := doc().Lambda
	for _, r := range l.Rows {
		if r.Region == region && r.Arch == arch {
			return r.LambdaRates, l.Source, l.Date, true
		}
	}
	return sizing.LambdaRates{}, "", "", false
}

// SourceIn names the source and date of one Region's prices (what a report
// about that Region cites).
func (t Table) SourceIn(region string) (string, string) {
	s, ok := SourceFor(region)
	if !ok {
		return t.Source(), t.Date()
	}
	return "EC2 On-Demand Linux, embedded table from " + s.Title + " (" + s.URL + ")", s.Date
}
