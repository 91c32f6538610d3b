package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/lmi"
)

// Helpers shared by the template rules (LMI011, LMI012, LMI014).

// deployedFunction is a function of a deployment with what it is attached to.
type deployedFunction struct {
	d  *facts.Deployment
	fn *facts.LambdaFunction
	cp *facts.CapacityProvider // its capacity provider, if resolved
	// cpIn is the deployment declaring cp: d, or another file of the same
	// Terraform module.
	cpIn *facts.Deployment
}

// deployedFunctions lists every declared function, in deployment order.
func (p *Program) deployedFunctions() []deployedFunction {
	var out []deployedFunction
	for di := range p.Deployments {
		d := &p.Deployments[di]
		for fi := range d.Functions {
			df := deployedFunction{d: d, fn: &d.Functions[fi]}
			if c := df.fn.LMI; c != nil && c.Provider != "" {
				for oi := range p.Deployments {
					o := &p.Deployments[oi]
					if o != d && (d.Kind != facts.Terraform || o.Kind != facts.Terraform || path.Dir(o.Path) != path.Dir(d.Path)) {
						continue
					}
					for ci := range o.CapacityProviders {
						if o.CapacityProviders[ci].Name == c.Provider && (df.cp == nil || o == d) {
							df.cp, df.cpIn = &o.CapacityProviders[ci], o
						}
					}
				}
			}
			out = append(out, df)
		}
	}
	return out
}

// runtimeFamily is the findings runtime of a runtime id ("" when unknown).
func runtimeFamily(id string) string {
	switch info := lmi.Runtime(id); info.Family {
	case "nodejs", "python", "java", "dotnet", "go":
		return info.Family
	case "provided":
		return "" // Go or Rust: cannot tell from the id
	}
	return ""
}

// fileOf is the file a setting is written in.
func fileOf(s facts.Setting, d *facts.Deployment) string {
	if s.File != "" {
		return s.File
	}
	return d.Path
}

// at is the position of a setting, or of a fallback when it is not written.
func at(s facts.Setting, fallback facts.Pos) facts.Pos {
	if s.Pos.Line > 0 {
		return s.Pos
	}
	return fallback
}

// opt turns a literal numeric setting into an lmi.Opt (unset otherwise).
func opt(s facts.Setting) lmi.Opt {
	if f, ok := s.Float(); ok {
		return lmi.Of(f)
	}
	return lmi.Opt{}
}

// kindName names a deployment kind for messages.
func kindName(k facts.DeploymentKind) string {
	switch k {
	case facts.SAM:
		return "SAM template"
	case facts.CloudFormation:
		return "CloudFormation template"
	case facts.Serverless:
		return "serverless.yml"
	case facts.CDKOut:
		return "synthesized CDK template"
	case facts.CDKSource:
		return "CDK app"
	case facts.Terraform:
		return "Terraform configuration"
	}
	return "template"
}

// nonProduction reports whether a stage name is a development or test one:
// a word of it ("orders-dev-eu", "feature_x") names such a stage.
func nonProduction(stage string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(stage), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		for _, p := range []string{"dev", "test", "qa", "stag", "sandbox", "sbx", "local", "preview", "uat", "demo", "feature"} {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
		if w == "ci" || w == "pr" {
			return true
		}
	}
	return false
}

// production reports whether a stage name is a production one.
func production(stage string) bool {
	s := strings.ToLower(stage)
	return s == "prod" || s == "production" || s == "prd" || s == "live" || strings.HasPrefix(s, "prod-") || strings.HasSuffix(s, "-prod")
}

// providerRelated points at a capacity provider's declaration.
func providerRelated(d *facts.Deployment, cp *facts.CapacityProvider, p facts.Pos, what string) []findings.Related {
	if cp == nil {
		return nil
	}
	if p.Line == 0 {
		p = cp.Pos
	}
	return []findings.Related{{Location: Loc(d.Path, p), Message: fmt.Sprintf("capacity provider `%s`%s", cp.Name, what)}}
}
