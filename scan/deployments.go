package scan

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/parsers/templates"
)

// maxTemplateSize is the size above which a template is skipped: synthesized
// templates reach a few MB; anything far larger is not one.
const maxTemplateSize = 16 << 20

// readTemplates reads every template the walk found. A template that cannot
// be read is reported and skipped; the scan goes on.
func readTemplates(root string, paths []string, res *findings.Result) []facts.Deployment {
	var out []facts.Deployment
	for _, t := range paths {
		abs := filepath.Join(root, filepath.FromSlash(t))
		if st, err := os.Stat(abs); err == nil && st.Size() > maxTemplateSize {
			res.Notices = append(res.Notices, notice(findings.TooLarge, t, 0,
				fmt.Sprintf("template %s: %d MB is over the %d MB limit for templates (skipped)", t, st.Size()>>20, maxTemplateSize>>20), true))
			continue
		}
		src, err := os.ReadFile(abs)
		if err != nil {
			res.Notices = append(res.Notices, notice(findings.Unreadable, t, 0, fmt.Sprintf("read %s: %v (template skipped)", t, unwrapPathError(err)), true))
			continue
		}
		var d *facts.Deployment
		switch {
		case templates.IsTerraform(t):
			d, err = templates.ParseTerraform(t, src)
		case !templates.IsCandidate(t) && !templates.Sniff(src):
			continue
		default:
			d, err = templates.Parse(t, src)
		}
		if err != nil {
			res.Notices = append(res.Notices, notice(findings.BadTemplate, t, 0,
				fmt.Sprintf("template %s: %v (skipped; handlers it declares are found by convention instead)", t, err), true))
			continue
		}
		if d != nil {
			out = append(out, *d)
		}
	}
	return out
}

// preferSource drops the functions of synthesized cdk.out templates that CDK
// source in the scan also declares (same construct id), so findings land in
// the file users edit; and sorts deployments by path.
func preferSource(ds []facts.Deployment) []facts.Deployment {
	inSource := map[string]bool{}
	for _, d := range ds {
		if d.Kind == facts.CDKSource {
			for _, f := range d.Functions {
				inSource[f.Construct] = true
			}
			for _, c := range d.CapacityProviders {
				inSource[c.Construct] = true
			}
		}
	}
	if len(inSource) > 0 {
		for i := range ds {
			if ds[i].Kind != facts.CDKOut {
				continue
			}
			ds[i].Functions = slices.DeleteFunc(slices.Clone(ds[i].Functions), func(f facts.LambdaFunction) bool {
				return inSource[constructID(f.Construct)]
			})
			ds[i].CapacityProviders = slices.DeleteFunc(slices.Clone(ds[i].CapacityProviders), func(c facts.CapacityProvider) bool {
				return inSource[constructID(c.Construct)]
			})
		}
	}
	slices.SortStableFunc(ds, func(a, b facts.Deployment) int { return cmp.Compare(a.Path, b.Path) })
	return ds
}

// constructID is the construct's own id in a path "Stack/OrdersFn/Resource".
func constructID(p string) string {
	parts := strings.Split(strings.TrimSuffix(p, "/Resource"), "/")
	return parts[len(parts)-1]
}
