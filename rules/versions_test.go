package rules

import (
	"testing"

	"github.com/lmicheck/lmicheck/facts"
)

func TestEvaluate(t *testing.T) {
	names := map[verdict]string{atOrAbove: "ok", resolvedBelow: "resolved-below", rangeBelow: "range-below",
		admitsBelow: "admits-below", unpinned: "unpinned"}
	for _, tc := range []struct {
		eco                       facts.Ecosystem
		constraint, resolved, min string
		want                      verdict
		version                   string
	}{
		// npm
		{facts.Npm, "^3.500.0", "", "3.933.0", admitsBelow, "3.500.0"},
		{facts.Npm, "^3.500.0", "3.940.0", "3.933.0", atOrAbove, ""}, // lock above
		{facts.Npm, "^3.500.0", "3.600.0", "3.933.0", resolvedBelow, "3.600.0"},
		{facts.Npm, "^3.933.0", "", "3.933.0", atOrAbove, ""},
		{facts.Npm, ">=3.933.0", "", "3.933.0", atOrAbove, ""},
		{facts.Npm, "~3.500.0", "", "3.933.0", rangeBelow, ""},
		{facts.Npm, "<3.900", "", "3.933.0", rangeBelow, ""},
		{facts.Npm, ">=3.0.0 <3.933.0", "", "3.933.0", rangeBelow, ""},
		{facts.Npm, ">=3.0.0 <=3.933.0", "", "3.933.0", admitsBelow, "3.0.0"},
		{facts.Npm, "3.932.0", "", "3.933.0", resolvedBelow, "3.932.0"},
		{facts.Npm, "=3.933.0", "", "3.933.0", atOrAbove, ""},
		{facts.Npm, "3.x", "", "3.933.0", admitsBelow, "3"},
		{facts.Npm, "2.x || ^3.950.0", "", "3.933.0", admitsBelow, "2"},
		{facts.Npm, "1.2.3 - 3.932.9", "", "3.933.0", rangeBelow, ""},
		{facts.Npm, ">3.932.9 <3.933.1", "", "3.933.0", admitsBelow, "3.932.10"},
		{facts.Npm, "^4.0.0", "", "3.933.0", atOrAbove, ""},
		{facts.Npm, "*", "", "3.933.0", unpinned, ""},
		{facts.Npm, "latest", "", "3.933.0", unpinned, ""},
		{facts.Npm, "github:aws/aws-sdk-js-v3", "", "3.933.0", unpinned, ""},
		{facts.Npm, "file:../sdk", "", "3.933.0", unpinned, ""},
		{facts.Npm, "*", "3.10.0", "3.933.0", resolvedBelow, "3.10.0"}, // the lock decides
		{facts.Npm, "", "", "3.933.0", atOrAbove, ""},
		{facts.Npm, "not a range", "", "3.933.0", unpinned, ""},
		// Cargo: a bare version is a caret requirement
		{facts.Cargo, "1.0", "", "1.1.1", admitsBelow, "1.0"},
		{facts.Cargo, "1.1.1", "", "1.1.1", atOrAbove, ""},
		{facts.Cargo, "0.13", "", "1.1.1", rangeBelow, ""},
		{facts.Cargo, "=1.1.0", "", "1.1.1", resolvedBelow, "1.1.0"},
		{facts.Cargo, ">=1.0, <1.1", "", "1.1.1", rangeBelow, ""},
		{facts.Cargo, "1", "1.1.1", "1.1.1", atOrAbove, ""},
		// PyPI
		{facts.PyPI, "==3.10.0", "", "3.23.0", resolvedBelow, "3.10.0"},
		{facts.PyPI, ">=3.0,<4", "", "3.23.0", admitsBelow, "3.0"},
		{facts.PyPI, ">=3.23", "", "3.23.0", atOrAbove, ""},
		{facts.PyPI, "~=3.10", "", "3.23.0", admitsBelow, "3.10"},
		{facts.PyPI, "~=3.10.0", "", "3.23.0", rangeBelow, ""},
		{facts.PyPI, "<3.23", "", "3.23.0", rangeBelow, ""},
		{facts.PyPI, "==3.*", "", "3.23.0", admitsBelow, "3"},
		{facts.PyPI, "^3.5.0", "", "3.23.0", admitsBelow, "3.5.0"}, // Poetry
		{facts.PyPI, "~3.5", "", "3.23.0", rangeBelow, ""},
		{facts.PyPI, "3.24.0", "", "3.23.0", atOrAbove, ""},      // Poetry bare = exact
		{facts.PyPI, ">=3.0", "3.24.0", "3.23.0", atOrAbove, ""}, // poetry.lock
		{facts.PyPI, "@https://x/y.zip", "", "3.23.0", unpinned, ""},
		// Maven: a bare version is the version used
		{facts.Maven, "2.30.0", "", "2.34.0", resolvedBelow, "2.30.0"},
		{facts.Maven, "2.34.0", "", "2.34.0", atOrAbove, ""},
		{facts.Maven, "2.34", "", "2.34.0", atOrAbove, ""},
		{facts.Maven, "2.34.0-SNAPSHOT", "", "2.34.0", resolvedBelow, "2.34.0-SNAPSHOT"},
		{facts.Maven, "[2.20.0,2.30.0)", "", "2.34.0", rangeBelow, ""},
		{facts.Maven, "[2.20.0,)", "", "2.34.0", admitsBelow, "2.20.0"},
		{facts.Maven, "[2.35.0,3.0)", "", "2.34.0", atOrAbove, ""},
		{facts.Maven, "[2.30.1]", "", "2.34.0", resolvedBelow, "2.30.1"},
		{facts.Maven, "(,2.34.0)", "", "2.34.0", rangeBelow, ""},
		{facts.Maven, "${aws.version}", "", "2.34.0", unpinned, ""},
		{facts.Maven, "[1.0,2.0),[2.34,3)", "", "2.34.0", admitsBelow, "1.0"},
		{facts.Maven, "[1.0", "", "2.34.0", unpinned, ""},
		// NuGet: the lowest allowed version is restored
		{facts.NuGet, "4.0.0.31", "", "4.0.0.32", resolvedBelow, "4.0.0.31"},
		{facts.NuGet, "4.0.0.32", "", "4.0.0.32", atOrAbove, ""},
		{facts.NuGet, "4.0.1", "", "4.0.0.32", atOrAbove, ""},
		{facts.NuGet, "[2.5.0, 3.0.0)", "", "2.7.1", resolvedBelow, "2.5.0"},
		{facts.NuGet, "(2.5.0, 3.0.0)", "", "2.7.1", admitsBelow, "2.5.1"},
		{facts.NuGet, "2.*", "", "2.7.1", admitsBelow, "2"},
		{facts.NuGet, "1.*", "", "2.7.1", rangeBelow, ""},
		{facts.NuGet, "*", "", "2.7.1", unpinned, ""},
		{facts.NuGet, "$(CoreVersion)", "", "2.7.1", unpinned, ""},
		// Go
		{facts.GoMod, "v1.50.0", "v1.50.0", "v1.51.0", resolvedBelow, "v1.50.0"},
		{facts.GoMod, "v1.51.0", "v1.51.0", "v1.51.0", atOrAbove, ""},
		{facts.GoMod, "v1.51.1-0.20250101000000-abcdefabcdef", "v1.51.1-0.20250101000000-abcdefabcdef", "v1.51.0", atOrAbove, ""},
		{facts.GoMod, "1.21", "1.21", "1.22", resolvedBelow, "1.21"},
		{facts.GoMod, "1.22.0", "1.22.0", "1.22", atOrAbove, ""},
		{facts.GoMod, "go1.23.2", "go1.23.2", "1.22", atOrAbove, ""},
	} {
		got := evaluate(tc.eco, tc.constraint, tc.resolved, tc.min)
		if got.verdict != tc.want || (tc.version != "" && got.version != tc.version) {
			t.Errorf("%s %q (resolved %q) vs %s: got %s %q, want %s %q", tc.eco, tc.constraint, tc.resolved, tc.min,
				names[got.verdict], got.version, names[tc.want], tc.version)
		}
	}
}

func TestCompareMaven(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"4.0.0.32", "4.0.0.4", 1}, {"2.20", "2.20.0", 0}, {"1.0-rc1", "1.0", -1}, {"1.0.Final", "1.0", 0},
		{"1.0-SNAPSHOT", "1.0-rc1", 1}, {"1.0-sp1", "1.0", 1}, {"2.0.0-preview.1", "1.9", 1}, {"1.0-alpha", "1.0-beta", -1},
	} {
		if got, ok := compareMaven(tc.a, tc.b); !ok || got != tc.want {
			t.Errorf("compareMaven(%s, %s) = %d, %v; want %d", tc.a, tc.b, got, ok, tc.want)
		}
	}
	if _, ok := compareMaven("abc", "1.0"); ok {
		t.Error("abc parsed as a version")
	}
}
