package manifests

import (
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/lmicheck/lmicheck/facts"
)

// cargo reads [dependencies], [workspace.dependencies] and
// [target.'cfg(…)'.dependencies] (not dev- or build-dependencies), in string
// form (`lambda_runtime = "1.1"`) or table form (`{ version, features }`,
// `[dependencies.lambda_runtime]`, dotted keys).
func (p *parser) cargo() (*facts.Manifest, error) {
	m := &facts.Manifest{Ecosystem: facts.Cargo}
	root, err := p.readTOML(m)
	if err != nil {
		return nil, err
	}
	tables := []*tomlTable{root.table("dependencies"), root.table("workspace").table("dependencies")}
	if targets := root.table("target"); targets != nil {
		for _, v := range targets.vals {
			if v.tbl != nil {
				tables = append(tables, v.tbl.table("dependencies"))
			}
		}
	}
	for _, t := range tables {
		if t == nil {
			continue
		}
		for i, key := range t.keys {
			d := facts.Dependency{Name: key, Pos: p.pos(t.keyPos[i][0], t.keyPos[i][1])}
			v := t.vals[i]
			switch {
			case v.kind == unstable.String:
				d.Constraint, d.Pos = strings.TrimSpace(v.str), p.valuePos(v)
			case v.tbl != nil:
				if pkg := v.tbl.str("package"); pkg != "" {
					d.Name = pkg // a renamed dependency
				}
				if ver := v.tbl.get("version"); ver != nil && ver.kind == unstable.String {
					d.Constraint, d.Pos = strings.TrimSpace(ver.str), p.valuePos(ver)
				} else if v.tbl.get("git") != nil || v.tbl.get("path") != nil {
					d.Constraint = "(git or path source)"
				}
				// workspace = true inherits the version from the workspace
				// root: Constraint stays "" (managed elsewhere).
				if fs := v.tbl.get("features"); fs != nil {
					if fs.kind != unstable.Array {
						return nil, p.errorf(fs.start, "features of %s is not an array", key)
					}
					for _, f := range fs.arr {
						d.Features = append(d.Features, f.str)
					}
				}
			default:
				return nil, p.errorf(v.start, "dependency %s is neither a version string nor a table", key)
			}
			m.Deps = append(m.Deps, d)
		}
	}
	return m, nil
}
