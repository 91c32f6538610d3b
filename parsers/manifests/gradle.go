package manifests

import (
	"regexp"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
)

// Gradle build scripts are programs (Groovy or Kotlin); no Go library reads
// them. What is read here is the common declarative subset: a dependency in a
// deployed configuration given as a string coordinate ("group:name:version",
// possibly inside platform(…) or enforcedPlatform(…) for a BOM) or in map form
// (group: 'g', name: 'n', version: 'v' / group = "g", name = "n", version = "v").
// `$var` and `${var}` in a version are resolved from plain assignments in the
// same file (ext, val, def); version catalogs are not read.

const gradleConfigs = `(?:implementation|api|compile|runtimeOnly|runtime)`

var (
	gradleStringRE = regexp.MustCompile(`\b` + gradleConfigs +
		`\s*\(?\s*(?:(?:platform|enforcedPlatform)\s*\(\s*)?(?:"([^"\n]*)"|'([^'\n]*)')`)
	gradleMapRE = regexp.MustCompile(`\b` + gradleConfigs +
		`\s*\(?\s*group\s*[:=]\s*["']([^"'\n]+)["']\s*,\s*name\s*[:=]\s*["']([^"'\n]+)["']` +
		`(?:\s*,\s*version\s*[:=]\s*(?:"([^"\n]*)"|'([^'\n]*)'))?`)
	gradleAssignRE = regexp.MustCompile(`(?m)(?:^|[\s{;(])(?:(?:val|var|def)\s+)?(?:set\(\s*["'])?([A-Za-z_][\w.]*)["']?\s*(?:=|,)\s*(?:"([^"$\n]*)"|'([^'$\n]*)')`)
	gradleVarRE    = regexp.MustCompile(`\$\{?([A-Za-z_][\w.]*)\}?`)
)

func (p *parser) gradle() (*facts.Manifest, error) {
	m := &facts.Manifest{Ecosystem: facts.Maven}
	p.lineComments(m, "//", `"'`)
	code := p.blankComments()
	vars := map[string]string{}
	for _, a := range gradleAssignRE.FindAllStringSubmatch(code, -1) {
		v := a[2]
		if v == "" {
			v = a[3]
		}
		vars[a[1]] = v
		vars[strings.TrimPrefix(a[1], "ext.")] = v
	}
	resolve := func(s string) string {
		return gradleVarRE.ReplaceAllStringFunc(s, func(ref string) string {
			name := strings.Trim(ref, "${}")
			if v, ok := vars[strings.TrimPrefix(strings.TrimPrefix(name, "project."), "rootProject.")]; ok {
				return v
			}
			return ref
		})
	}
	for _, mm := range gradleStringRE.FindAllStringSubmatchIndex(code, -1) {
		g := 2
		if mm[2] < 0 {
			g = 4
		}
		s, start := code[mm[g]:mm[g+1]], mm[g]
		parts := strings.Split(strings.SplitN(s, "@", 2)[0], ":")
		if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
			continue // a project(":x") or files(…) dependency
		}
		d := facts.Dependency{Name: parts[0] + ":" + parts[1], Pos: p.pos(start, start+len(s))}
		if len(parts) >= 3 {
			vstart := start + len(parts[0]) + len(parts[1]) + 2
			d.Constraint = resolve(parts[2])
			d.Pos = p.pos(vstart, vstart+len(parts[2]))
		}
		m.Deps = append(m.Deps, d)
	}
	for _, mm := range gradleMapRE.FindAllStringSubmatchIndex(code, -1) {
		d := facts.Dependency{Name: code[mm[2]:mm[3]] + ":" + code[mm[4]:mm[5]], Pos: p.pos(mm[4], mm[5])}
		for _, g := range []int{6, 8} {
			if mm[g] >= 0 {
				d.Constraint = resolve(code[mm[g]:mm[g+1]])
				d.Pos = p.pos(mm[g], mm[g+1])
			}
		}
		m.Deps = append(m.Deps, d)
	}
	sortDeps(m.Deps)
	return m, nil
}

// blankComments returns the source with // and /* */ comments replaced by
// spaces (offsets kept), so commented-out dependencies are not read.
func (p *parser) blankComments() string {
	b := []byte(string(p.src))
	var quote byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote || c == '\n' {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			for ; i < len(b) && !(b[i] == '*' && i+1 < len(b) && b[i+1] == '/'); i++ {
				if b[i] != '\n' {
					b[i] = ' '
				}
			}
			if i+1 < len(b) {
				b[i], b[i+1] = ' ', ' '
				i++
			}
		}
	}
	return string(b)
}

// sortDeps orders dependencies by position (two passes found them).
func sortDeps(ds []facts.Dependency) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && ds[j].Pos.Off < ds[j-1].Pos.Off; j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}
