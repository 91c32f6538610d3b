package pricing

import (
	"strings"
	"testing"
)

// Every type the table lists is priced in every Region, or named in that
// Region's "missing" note: nothing is dropped silently.
func TestEveryTypePricedOrNamedMissing(t *testing.T) {
	d := doc()
	for _, want := range []string{"us-east-1", "us-west-2", "eu-west-1"} {
		if _, ok := d.Regions[want]; !ok {
			t.Errorf("region %s absent", want)
		}
	}
	for region, r := range d.Regions {
		for _, ty := range d.Types {
			if _, ok := r.Prices[ty.Name]; ok {
				continue
			}
			if !strings.Contains(r.Missing, ty.Name) {
				t.Errorf("%s: %s neither priced nor named in the missing note %q", region, ty.Name, r.Missing)
			}
		}
		for name, p := range r.Prices {
			if spec(name) == nil {
				t.Errorf("%s: %s priced but not in types", region, name)
			}
			if p <= 0 {
				t.Errorf("%s: %s priced %v", region, name, p)
			}
			if strings.Contains(r.Missing, name) {
				t.Errorf("%s: %s both priced and named missing", region, name)
			}
		}
	}
}
