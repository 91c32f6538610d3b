package manifests

import (
	"errors"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/lmicheck/lmicheck/facts"
)

// gomod reads go.mod with golang.org/x/mod/modfile (the go command's own
// parser). Requirements are resolved versions already (minimal version
// selection lists every module the build uses, since Go 1.17); the `go` and
// `toolchain` directives are listed as dependencies named "go" and
// "toolchain".
func (p *parser) gomod() (*facts.Manifest, error) {
	f, err := modfile.Parse(p.path, p.src, nil)
	if err != nil {
		var el modfile.ErrorList
		if errors.As(err, &el) && len(el) > 0 {
			return nil, p.errorf(el[0].Pos.Byte, "%v", el[0].Err)
		}
		return nil, p.errorf(0, "%v", err)
	}
	m := &facts.Manifest{Ecosystem: facts.GoMod}
	p.lineComments(m, "//", "\"`")
	token := func(l *modfile.Line, tok string) facts.Pos {
		if l == nil {
			return facts.Pos{}
		}
		start, end := l.Start.Byte, min(l.End.Byte, len(p.src))
		if start >= 0 && start <= end {
			if i := strings.LastIndex(string(p.src[start:end]), tok); i >= 0 {
				return p.pos(start+i, start+i+len(tok))
			}
		}
		return p.pos(start, end)
	}
	if f.Go != nil {
		m.Deps = append(m.Deps, facts.Dependency{Name: "go", Constraint: f.Go.Version, Resolved: f.Go.Version,
			Pos: token(f.Go.Syntax, f.Go.Version)})
	}
	if f.Toolchain != nil {
		m.Deps = append(m.Deps, facts.Dependency{Name: "toolchain", Constraint: f.Toolchain.Name, Resolved: f.Toolchain.Name,
			Pos: token(f.Toolchain.Syntax, f.Toolchain.Name)})
	}
	// A replace of every version wins over the requirement: by a version
	// (of the same or a forked module) or by a folder (version unknown).
	replaced := map[string]*modfile.Replace{}
	for _, r := range f.Replace {
		if r.Old.Version == "" {
			replaced[r.Old.Path] = r
		}
	}
	for _, r := range f.Require {
		d := facts.Dependency{Name: r.Mod.Path, Constraint: r.Mod.Version, Resolved: r.Mod.Version,
			Pos: token(r.Syntax, r.Mod.Version)}
		if rp, ok := replaced[r.Mod.Path]; ok {
			d.Resolved = rp.New.Version
			if rp.New.Version == "" {
				d.Constraint = "(replaced by " + rp.New.Path + ")"
			}
		}
		m.Deps = append(m.Deps, d)
	}
	return m, nil
}
