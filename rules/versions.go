package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/Masterminds/semver/v3"
	pep440 "github.com/aquasecurity/go-pep440-version"
	gosemver "golang.org/x/mod/semver"

	"github.com/lmicheck/lmicheck/facts"
)

// Version evaluation for LMI013: does what a manifest allows reach a minimum?
//
// Libraries do the parsing and matching where well-kept ones exist:
// Masterminds/semver for npm and Cargo, aquasecurity/go-pep440-version for
// PyPI, golang.org/x/mod/semver for Go. Maven and NuGet versions and their
// interval ranges ([1.0,2.0), NuGet's 4-part versions) have no maintained Go
// library, so a small implementation is here.
//
// Libraries answer only "does v satisfy c?". Whether a whole range lies below
// a minimum M, or only part of it, is found by probing: M, every version the
// constraint mentions with its neighbours (patch and minor bumps, the
// predecessor), 0 and a very large version. A range is a union of intervals
// whose ends are mentioned versions, so some probe falls in each.

// verdict is what a constraint means for a minimum.
type verdict uint8

const (
	atOrAbove     verdict = iota // nothing to report
	resolvedBelow                // the version used is below (lock file, pin, go.mod, NuGet's lowest)
	rangeBelow                   // every version allowed is below
	admitsBelow                  // versions below and at or above are allowed; no lock file decides
	unpinned                     // no version to judge: *, latest, git/path/URL, unresolved property
)

type evaluation struct {
	verdict verdict
	// version is the version below the minimum: the one resolved, or the
	// lowest allowed.
	version string
}

// scheme is one ecosystem's version syntax.
type scheme struct {
	// compare orders two versions; ok is false when either does not parse.
	compare func(a, b string) (c int, ok bool)
	// compile turns a constraint into a test.
	compile func(c string) (func(v string) bool, error)
	// pinned is the single version a constraint selects, when it selects one
	// regardless of what is published.
	pinned func(c string) (string, bool)
}

func schemeFor(eco facts.Ecosystem) scheme {
	switch eco {
	case facts.Npm:
		return scheme{compare: compareSemver, compile: compileNpm, pinned: pinnedNpm}
	case facts.Cargo:
		return scheme{compare: compareSemver, compile: compileCargo, pinned: pinnedCargo}
	case facts.PyPI:
		return scheme{compare: comparePEP440, compile: compilePyPI, pinned: pinnedPyPI}
	case facts.Maven:
		return scheme{compare: compareMaven, compile: compileInterval, pinned: pinnedMaven}
	case facts.NuGet:
		return scheme{compare: compareMaven, compile: compileNuGet, pinned: pinnedNuGet}
	case facts.GoMod:
		return scheme{compare: compareGo,
			compile: func(c string) (func(string) bool, error) { return nil, fmt.Errorf("go.mod versions are exact") },
			pinned:  func(c string) (string, bool) { return c, c != "" }}
	}
	return scheme{}
}

// isUnpinned reports constraints that name no version to judge: wildcards,
// dist-tags, sources other than a registry (git, path, URL, workspace),
// unresolved variables, and the "(…)" notes manifests write for them.
func isUnpinned(c string) bool {
	l := strings.ToLower(strings.TrimSpace(c))
	switch l {
	case "*", "x", "latest", "next", "release", "any", "+":
		return true
	}
	if strings.Contains(l, "://") || strings.Contains(l, "${") || strings.Contains(l, "$(") || varRefRE.MatchString(l) {
		return true
	}
	if strings.HasPrefix(l, "@") || (strings.HasPrefix(l, "(") && len(l) > 1 && l[1] >= 'a' && l[1] <= 'z') {
		return true
	}
	if scheme, _, ok := strings.Cut(l, ":"); ok && isSourceScheme(scheme) {
		return true
	}
	// github shorthand (user/repo) or a path
	return strings.Contains(l, "/")
}

var varRefRE = regexp.MustCompile(`\$[a-z_]`)

// isSourceScheme names the prefixes npm and others use for non-registry sources.
func isSourceScheme(s string) bool {
	switch s {
	case "git", "git+ssh", "git+https", "git+http", "git+file", "github", "gitlab", "bitbucket", "gist",
		"file", "link", "workspace", "npm", "http", "https", "portal", "catalog":
		return true
	}
	return false
}

// evaluate judges a dependency's constraint and resolved version against a
// minimum. An empty constraint without a resolved version is managed
// elsewhere (a BOM, central package management, a workspace) and is fine here.
func evaluate(eco facts.Ecosystem, constraint, resolved, minimum string) evaluation {
	s := schemeFor(eco)
	if s.compare == nil {
		return evaluation{}
	}
	constraint = strings.TrimSpace(constraint)
	below := func(v string) (bool, bool) {
		c, ok := s.compare(v, minimum)
		return c < 0, ok
	}
	if resolved != "" {
		if b, ok := below(resolved); ok {
			if b {
				return evaluation{resolvedBelow, resolved}
			}
			return evaluation{}
		}
	}
	if constraint == "" {
		return evaluation{}
	}
	if isUnpinned(constraint) {
		return evaluation{verdict: unpinned}
	}
	if v, ok := s.pinned(constraint); ok {
		if b, ok := below(v); ok {
			if b {
				return evaluation{resolvedBelow, v}
			}
			return evaluation{}
		}
	}
	check, err := s.compile(constraint)
	if err != nil {
		return evaluation{verdict: unpinned}
	}
	var lowest, highestBelow string
	reaches := false
	for _, p := range probes(constraint, minimum) {
		if !check(p) {
			continue
		}
		b, ok := below(p)
		switch {
		case !ok:
		case !b:
			reaches = true
		default:
			if c, _ := s.compare(p, lowest); lowest == "" || c < 0 {
				lowest = p
			}
			if c, _ := s.compare(p, highestBelow); highestBelow == "" || c > 0 {
				highestBelow = p
			}
		}
	}
	switch {
	case lowest == "":
		return evaluation{}
	case !reaches:
		return evaluation{rangeBelow, highestBelow}
	}
	return evaluation{admitsBelow, lowest}
}

var numericRE = regexp.MustCompile(`\d+(?:\.\d+)*`)

// probes are the versions a constraint is tested with.
func probes(constraint, minimum string) []string {
	out := []string{minimum, "0.0.0", "0.0.1", "999999.0.0"}
	for _, m := range numericRE.FindAllString(constraint, -1) {
		parts := strings.Split(m, ".")
		if len(parts) > 4 {
			continue
		}
		nums := make([]int, len(parts))
		for i, p := range parts {
			n, err := strconv.Atoi(p)
			if err != nil || n > 1<<30 {
				nums = nil
				break
			}
			nums[i] = n
		}
		if nums == nil {
			continue
		}
		for len(nums) < 3 {
			nums = append(nums, 0)
		}
		join := func(ns []int) string {
			s := make([]string, len(ns))
			for i, n := range ns {
				s[i] = strconv.Itoa(n)
			}
			return strings.Join(s, ".")
		}
		last := len(nums) - 1
		out = append(out, m, join(nums))
		bump := append([]int(nil), nums...)
		bump[last]++
		out = append(out, join(bump))
		minor := append([]int(nil), nums[:2]...)
		minor[1]++
		out = append(out, join(append(minor, make([]int, len(nums)-2)...)))
		for i := last; i >= 0; i-- { // the predecessor: 3.900.0 → 3.899.999
			if nums[i] > 0 {
				prev := append([]int(nil), nums...)
				prev[i]--
				for j := i + 1; j <= last; j++ {
					prev[j] = 999
				}
				out = append(out, join(prev))
				break
			}
		}
	}
	return out
}

// --- npm and Cargo: semantic versions ---

func compareSemver(a, b string) (int, bool) {
	va, err1 := semver.NewVersion(a)
	vb, err2 := semver.NewVersion(b)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return va.Compare(vb), true
}

func semverCheck(c string) (func(string) bool, error) {
	cs, err := semver.NewConstraint(c)
	if err != nil {
		return nil, err
	}
	return func(v string) bool {
		sv, err := semver.NewVersion(v)
		return err == nil && cs.Check(sv)
	}, nil
}

var exactSemverRE = regexp.MustCompile(`^=?\s*v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$`)

func compileNpm(c string) (func(string) bool, error) { return semverCheck(c) }

// pinnedNpm: npm's bare full version ("3.5.0", "=3.5.0") is exact.
func pinnedNpm(c string) (string, bool) {
	if exactSemverRE.MatchString(c) {
		return strings.TrimSpace(strings.TrimPrefix(c, "=")), true
	}
	return "", false
}

// cargoRequirement turns Cargo's bare requirement (1.2.3 means ^1.2.3) into
// the caret form the library reads.
func cargoRequirement(c string) string {
	parts := strings.Split(c, ",")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p != "" && p[0] >= '0' && p[0] <= '9' {
			p = "^" + p
		}
		parts[i] = p
	}
	return strings.Join(parts, ", ")
}

func compileCargo(c string) (func(string) bool, error) { return semverCheck(cargoRequirement(c)) }

// pinnedCargo: only "=1.2.3" is exact in Cargo.
func pinnedCargo(c string) (string, bool) {
	if strings.HasPrefix(c, "=") && exactSemverRE.MatchString(c) {
		return strings.TrimSpace(c[1:]), true
	}
	return "", false
}

// --- PyPI: PEP 440, and Poetry's ^ and ~ ---

func comparePEP440(a, b string) (int, bool) {
	va, err1 := pep440.Parse(a)
	vb, err2 := pep440.Parse(b)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return va.Compare(vb), true
}

// poetryToPEP440 rewrites Poetry's caret, tilde and bare versions:
// ^1.2.3 → >=1.2.3,<2.0.0; ~1.2 → >=1.2,<1.3; 1.2.3 → ==1.2.3.
func poetryToPEP440(c string) string {
	var out []string
	for _, p := range strings.Split(c, ",") {
		p = strings.TrimSpace(p)
		switch {
		case strings.HasPrefix(p, "^"):
			v := strings.TrimSpace(p[1:])
			nums := strings.Split(v, ".")
			i := 0
			for i < len(nums)-1 && nums[i] == "0" {
				i++
			}
			out = append(out, ">="+v, "<"+bumpAt(nums, i))
		case strings.HasPrefix(p, "~") && !strings.HasPrefix(p, "~="):
			v := strings.TrimSpace(p[1:])
			nums := strings.Split(v, ".")
			out = append(out, ">="+v, "<"+bumpAt(nums, min(1, len(nums)-1)))
		case p != "" && p[0] >= '0' && p[0] <= '9':
			out = append(out, "=="+p)
		default:
			out = append(out, p)
		}
	}
	return strings.Join(out, ",")
}

// bumpAt increments part i and drops the parts after it: ([1 2 3], 1) → 1.3.
func bumpAt(nums []string, i int) string {
	n, _ := strconv.Atoi(nums[i])
	return strings.Join(append(append([]string(nil), nums[:i]...), strconv.Itoa(n+1)), ".")
}

func compilePyPI(c string) (func(string) bool, error) {
	var checks []pep440.Specifiers
	for _, alt := range strings.Split(strings.ReplaceAll(c, "||", "|"), "|") {
		ss, err := pep440.NewSpecifiers(poetryToPEP440(alt))
		if err != nil {
			return nil, err
		}
		checks = append(checks, ss)
	}
	return func(v string) bool {
		pv, err := pep440.Parse(v)
		if err != nil {
			return false
		}
		for _, ss := range checks {
			if ss.Check(pv) {
				return true
			}
		}
		return false
	}, nil
}

var pyExactRE = regexp.MustCompile(`^(?:===?)?\s*(\d+(?:\.\d+)*)$`)

// pinnedPyPI: ==X (without a wildcard), ===X, and Poetry's bare X.
func pinnedPyPI(c string) (string, bool) {
	if m := pyExactRE.FindStringSubmatch(strings.TrimSpace(c)); m != nil {
		return m[1], true
	}
	return "", false
}

// --- Go ---

func compareGo(a, b string) (int, bool) {
	norm := func(v string) string {
		v = strings.TrimPrefix(v, "go")
		if !strings.HasPrefix(v, "v") {
			v = "v" + v
		}
		return v
	}
	a, b = norm(a), norm(b)
	if !gosemver.IsValid(a) || !gosemver.IsValid(b) {
		return 0, false
	}
	return gosemver.Compare(a, b), true
}

// --- Maven and NuGet ---

// parseMaven splits "2.20.0", "4.0.0.32", "1.0-rc1", "2.0.0-preview.1" into
// numbers and a qualifier.
func parseMaven(v string) (nums []int, qual string, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, "", false
	}
	head, tail := v, ""
	if i := strings.IndexAny(v, "-+"); i >= 0 {
		head, tail = v[:i], strings.ToLower(v[i+1:])
	}
	for _, p := range strings.Split(head, ".") {
		n, err := strconv.Atoi(p)
		if err != nil {
			// "1.0.Final", "2.0.RELEASE": a qualifier after a dot
			if len(nums) > 0 && tail == "" {
				tail = strings.ToLower(p)
				continue
			}
			return nil, "", false
		}
		nums = append(nums, n)
	}
	return nums, tail, len(nums) > 0
}

// qualifierRank orders well-known qualifiers; unknown ones sort between
// snapshot and a release.
func qualifierRank(q string) int {
	switch strings.TrimRight(q, "0123456789.-") {
	case "alpha", "a":
		return 1
	case "beta", "b":
		return 2
	case "milestone", "m":
		return 3
	case "rc", "cr", "preview":
		return 4
	case "snapshot":
		return 5
	case "", "final", "ga", "release":
		return 7
	case "sp":
		return 8
	}
	return 6
}

func compareMaven(a, b string) (int, bool) {
	na, qa, ok1 := parseMaven(a)
	nb, qb, ok2 := parseMaven(b)
	if !ok1 || !ok2 {
		return 0, false
	}
	for i := 0; i < max(len(na), len(nb)); i++ {
		x, y := 0, 0
		if i < len(na) {
			x = na[i]
		}
		if i < len(nb) {
			y = nb[i]
		}
		if x != y {
			if x < y {
				return -1, true
			}
			return 1, true
		}
	}
	ra, rb := qualifierRank(qa), qualifierRank(qb)
	switch {
	case ra == rb && ra == qualifierRank(""):
		return 0, true // 1.0, 1.0.Final and 1.0-GA are one release
	case ra != rb && ra < rb:
		return -1, true
	case ra != rb:
		return 1, true
	}
	return strings.Compare(qa, qb), true
}

// interval is one Maven/NuGet version range.
type interval struct {
	lo, hi         string // "" when open
	loIncl, hiIncl bool
}

// parseIntervals reads "[1.0,2.0)", "(,1.0]", "[1.2]", "[1,2),[3,4)".
func parseIntervals(c string) ([]interval, error) {
	var out []interval
	s := strings.TrimSpace(c)
	for s != "" {
		if s[0] != '[' && s[0] != '(' {
			return nil, fmt.Errorf("not a version range: %q", c)
		}
		end := strings.IndexAny(s, "])")
		if end < 0 {
			return nil, fmt.Errorf("unclosed version range: %q", c)
		}
		body := s[1:end]
		iv := interval{loIncl: s[0] == '[', hiIncl: s[end] == ']'}
		if lo, hi, ok := strings.Cut(body, ","); ok {
			iv.lo, iv.hi = strings.TrimSpace(lo), strings.TrimSpace(hi)
		} else {
			if !iv.loIncl || !iv.hiIncl {
				return nil, fmt.Errorf("an exact version is written [1.0]: %q", c)
			}
			iv.lo, iv.hi = strings.TrimSpace(body), strings.TrimSpace(body)
		}
		for _, v := range []string{iv.lo, iv.hi} {
			if _, _, ok := parseMaven(v); v != "" && !ok {
				return nil, fmt.Errorf("not a version: %q", v)
			}
		}
		out = append(out, iv)
		s = strings.TrimLeft(strings.TrimSpace(s[end+1:]), ",")
		s = strings.TrimSpace(s)
	}
	return out, nil
}

func (iv interval) contains(v string) bool {
	if iv.lo != "" {
		c, ok := compareMaven(v, iv.lo)
		if !ok || c < 0 || (c == 0 && !iv.loIncl) {
			return false
		}
	}
	if iv.hi != "" {
		c, ok := compareMaven(v, iv.hi)
		if !ok || c > 0 || (c == 0 && !iv.hiIncl) {
			return false
		}
	}
	return true
}

func compileInterval(c string) (func(string) bool, error) {
	ivs, err := parseIntervals(c)
	if err != nil {
		return nil, err
	}
	return func(v string) bool {
		for _, iv := range ivs {
			if iv.contains(v) {
				return true
			}
		}
		return false
	}, nil
}

// pinnedMaven: a bare version is the one Maven uses (a soft requirement that
// nearest-wins mediation keeps for a direct dependency); [1.2] is exact.
func pinnedMaven(c string) (string, bool) {
	if _, _, ok := parseMaven(c); ok && !strings.ContainsAny(c, "[](),") {
		return c, true
	}
	if ivs, err := parseIntervals(c); err == nil && len(ivs) == 1 && ivs[0].lo == ivs[0].hi && ivs[0].lo != "" {
		return ivs[0].lo, true
	}
	return "", false
}

// compileNuGet reads NuGet ranges: a bare version is a minimum (>= 1.2.3),
// intervals as Maven's, and floating versions (1.*, 1.2.*) as the range they
// float in.
func compileNuGet(c string) (func(string) bool, error) {
	c = strings.TrimSpace(c)
	if strings.HasSuffix(c, "*") {
		head := strings.TrimSuffix(strings.TrimSuffix(c, "*"), ".")
		nums, _, ok := parseMaven(head)
		if !ok {
			return nil, fmt.Errorf("not a floating version: %q", c)
		}
		lo := head
		parts := make([]string, len(nums))
		for i, n := range nums {
			parts[i] = strconv.Itoa(n)
		}
		return compileInterval("[" + lo + "," + bumpAt(parts, len(parts)-1) + ")")
	}
	if c != "" && c[0] != '[' && c[0] != '(' {
		return compileInterval("[" + c + ",)")
	}
	return compileInterval(c)
}

// pinnedNuGet: NuGet restores the lowest version a range allows, so an
// inclusive lower bound (a bare version included) is what is used.
func pinnedNuGet(c string) (string, bool) {
	if strings.Contains(c, "*") {
		return "", false
	}
	if _, _, ok := parseMaven(c); ok && !strings.ContainsAny(c, "[](),") {
		return c, true
	}
	if ivs, err := parseIntervals(c); err == nil && len(ivs) == 1 && ivs[0].loIncl && ivs[0].lo != "" {
		return ivs[0].lo, true
	}
	return "", false
}
