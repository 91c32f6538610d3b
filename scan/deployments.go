package scan

import (
	"cmp"
	"fmt"
	"os"
	"path"
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

// linkTerraform attaches scaling written in one file of a Terraform module
// (a folder) to the function another file of it declares.
func linkTerraform(ds []facts.Deployment) {
	for _, d := range ds {
		if d.Kind != facts.Terraform {
			continue
		}
		for _, sc := range d.Scaling {
			for j := range ds {
				o := &ds[j]
				if o.Kind != facts.Terraform || path.Dir(o.Path) != path.Dir(d.Path) {
					continue
				}
				for k := range o.Functions {
					fn := &o.Functions[k]
					if fn.Name != sc.Function || fn.LMI == nil {
						continue
					}
					fn.LMI.ScalingConfigPos = sc.Pos
					fn.LMI.MinEnvironments, fn.LMI.MaxEnvironments = sc.Min, sc.Max
					fn.LMI.MinEnvironments.File, fn.LMI.MaxEnvironments.File = d.Path, d.Path
				}
			}
		}
	}
}

// preferSource drops the functions of synthesized cdk.out templates that CDK
// source in the scan also declares (same construct id), so findings land in
// the file users edit; and sorts deployments by path.
func preferSource(ds []facts.Deployment) []facts.Deployment {
	// Construct ids the CDK source declares, how often, and whether the
	// source attaches the function to a capacity provider.
	count := map[string]int{}
	onLMI := map[string]bool{}
	for _, d := range ds {
		if d.Kind == facts.CDKSource {
			for _, f := range d.Functions {
				count[f.Construct]++
				onLMI[f.Construct] = onLMI[f.Construct] || f.LMI != nil
			}
			for _, c := range d.CapacityProviders {
				count[c.Construct]++
				onLMI[c.Construct] = true
			}
		}
	}
	// A synthesized resource is the source's when it sits directly in a stack
	// (Stack/Id/Resource), its id is declared once in the source, and the
	// source says at least as much about LMI as the template.
	fromSource := func(construct string, lmi bool) bool {
		parts := strings.Split(construct, "/")
		if len(parts) != 3 || parts[2] != "Resource" {
			return false
		}
		id := parts[1]
		return count[id] == 1 && (onLMI[id] || !lmi)
	}
	if len(count) > 0 {
		for i := range ds {
			if ds[i].Kind != facts.CDKOut {
				continue
			}
			ds[i].Functions = slices.DeleteFunc(slices.Clone(ds[i].Functions), func(f facts.LambdaFunction) bool {
				return fromSource(f.Construct, f.LMI != nil)
			})
			ds[i].CapacityProviders = slices.DeleteFunc(slices.Clone(ds[i].CapacityProviders), func(c facts.CapacityProvider) bool {
				return fromSource(c.Construct, true)
			})
		}
	}
	slices.SortStableFunc(ds, func(a, b facts.Deployment) int { return cmp.Compare(a.Path, b.Path) })
	return ds
}
