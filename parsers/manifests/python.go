package manifests

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/lmicheck/lmicheck/facts"
)

// pep508RE reads the head of a PEP 508 requirement: a name, optional
// [extras], then either `@ url` or a version specifier (up to `;` markers).
var pep508RE = regexp.MustCompile(`^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(@\s*\S+|\(?[^;#]*\)?)?`)

// directRefRE matches a PEP 508 direct reference: `name[extras] @ url`.
var directRefRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@`)

// requirement parses one PEP 508 requirement held in s, which starts at
// byte offset base of the file.
func (p *parser) requirement(s string, base int) (facts.Dependency, bool) {
	m := pep508RE.FindStringSubmatchIndex(s)
	if m == nil {
		return facts.Dependency{}, false
	}
	d := facts.Dependency{Name: s[m[2]:m[3]]}
	if m[4] >= 0 {
		for _, e := range strings.Split(strings.Trim(s[m[4]:m[5]], "[] "), ",") {
			if e = strings.TrimSpace(e); e != "" {
				d.Features = append(d.Features, e)
			}
		}
	}
	d.Pos = p.pos(base+m[2], base+m[3])
	if m[6] >= 0 {
		spec := s[m[6]:m[7]]
		lead := len(spec) - len(strings.TrimLeft(spec, " \t("))
		trimmed := strings.TrimRight(strings.TrimLeft(spec, " \t("), " \t)")
		if trimmed != "" {
			d.Constraint = strings.Join(strings.Fields(trimmed), "")
			start := base + m[6] + lead
			d.Pos = p.pos(start, start+len(trimmed))
		}
	}
	return d, true
}

// requirements reads requirements.txt. Options (-r, -c, -e, --index-url …)
// and bare URLs or paths are skipped: they name no PyPI package version.
func (p *parser) requirements() (*facts.Manifest, error) {
	m := &facts.Manifest{Ecosystem: facts.PyPI}
	p.lineComments(m, "#", "")
	src := string(p.src)
	for off := 0; off < len(src); {
		end := strings.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := src[off:end]
		next := end + 1
		// Continuation lines join (offsets of the first line are kept; a
		// continued requirement is rare and its position the name's).
		for strings.HasSuffix(strings.TrimRight(line, "\r"), "\\") && next < len(src) {
			e2 := strings.IndexByte(src[next:], '\n')
			if e2 < 0 {
				e2 = len(src)
			} else {
				e2 += next
			}
			line = strings.TrimSuffix(strings.TrimRight(line, "\r"), "\\") + " " + src[next:e2]
			next = e2 + 1
		}
		code := line
		if i := strings.Index(code, " #"); i >= 0 {
			code = code[:i]
		}
		if i := strings.Index(code, " --"); i >= 0 {
			code = code[:i] // per-requirement options: --hash=…, --config-settings …
		}
		if strings.HasPrefix(strings.TrimSpace(code), "#") {
			code = ""
		}
		code = strings.TrimRight(code, "\r \t")
		t := strings.TrimSpace(code)
		switch {
		case t == "", strings.HasPrefix(t, "-"), strings.Contains(t, "://") && !directRefRE.MatchString(t),
			strings.HasPrefix(t, "."), strings.HasPrefix(t, "/"):
			// blank, an option (-r other.txt, -e ., --hash …), a URL or a path
		default:
			d, ok := p.requirement(code, off)
			if !ok {
				return nil, p.errorf(off, "cannot read requirement %q", t)
			}
			m.Deps = append(m.Deps, d)
		}
		off = next
	}
	return m, nil
}

// pyproject reads PEP 621 [project].dependencies and Poetry's
// [tool.poetry.dependencies] (not its dev or other groups).
func (p *parser) pyproject() (*facts.Manifest, error) {
	m := &facts.Manifest{Ecosystem: facts.PyPI}
	root, err := p.readTOML(m)
	if err != nil {
		return nil, err
	}
	if deps := root.table("project").get("dependencies"); deps != nil {
		if deps.kind != unstable.Array {
			return nil, p.errorf(deps.start, "[project].dependencies is not an array")
		}
		for _, v := range deps.arr {
			if v.kind != unstable.String {
				return nil, p.errorf(v.start, "[project].dependencies holds a non-string")
			}
			// Offsets inside the string hold when it has no escapes (the norm).
			base := v.start + 1
			if string(p.src[v.start+1:v.end-1]) != v.str {
				base = -1
			}
			if base < 0 {
				d, ok := p.requirement(v.str, 0)
				if ok {
					d.Pos = p.valuePos(v)
					m.Deps = append(m.Deps, d)
				}
				continue
			}
			if d, ok := p.requirement(v.str, base); ok {
				m.Deps = append(m.Deps, d)
			}
		}
	}
	poetry := root.table("tool").table("poetry").table("dependencies")
	if poetry != nil {
		for i, name := range poetry.keys {
			if strings.EqualFold(name, "python") {
				continue
			}
			d := facts.Dependency{Name: name, Pos: p.pos(poetry.keyPos[i][0], poetry.keyPos[i][1])}
			v := poetry.vals[i]
			switch {
			case v.kind == unstable.String:
				d.Constraint, d.Pos = strings.TrimSpace(v.str), p.valuePos(v)
			case v.tbl != nil:
				if ver := v.tbl.get("version"); ver != nil && ver.kind == unstable.String {
					d.Constraint, d.Pos = strings.TrimSpace(ver.str), p.valuePos(ver)
				} else if v.tbl.get("git") != nil || v.tbl.get("path") != nil || v.tbl.get("url") != nil {
					d.Constraint = "(git, path or URL source)"
				}
				if ex := v.tbl.get("extras"); ex != nil {
					for _, e := range ex.arr {
						d.Features = append(d.Features, e.str)
					}
				}
			case v.kind == unstable.Array:
				// Multiple constraints by marker: not evaluated.
				d.Constraint = "(several constraints by environment marker)"
			}
			m.Deps = append(m.Deps, d)
		}
	}
	return m, nil
}

// sortVersionsDesc orders versions highest first by their numeric parts.
func sortVersionsDesc(vs []string) []string {
	out := slices.Clone(vs)
	slices.SortStableFunc(out, func(a, b string) int { return compareLoose(b, a) })
	return out
}

// compareLoose compares versions by dot- and dash-separated parts, numbers
// numerically; enough to order the versions of one package in a lock file.
func compareLoose(a, b string) int {
	split := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '-' || r == '+' })
	}
	pa, pb := split(strings.TrimPrefix(a, "v")), split(strings.TrimPrefix(b, "v"))
	for i := 0; i < max(len(pa), len(pb)); i++ {
		if i >= len(pa) {
			return -1
		}
		if i >= len(pb) {
			return 1
		}
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		switch {
		case ea == nil && eb == nil:
			if na != nb {
				if na < nb {
					return -1
				}
				return 1
			}
		case ea == nil:
			return 1 // a number sorts above a pre-release word
		case eb == nil:
			return -1
		default:
			if c := strings.Compare(pa[i], pb[i]); c != 0 {
				return c
			}
		}
	}
	return 0
}
