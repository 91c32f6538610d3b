package scan

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/findings"
)

// Fixture conventions (testdata/rules/<runtime>/):
//   - each file or folder directly below is one program, scanned on its own;
//   - `want "LMI001" "LMI005"` in a comment: those findings, on that line;
//   - `ok:` in a comment marks a safe idiom a naive rule would flag (counted as
//     a negative case; like every other line without `want`, it must stay silent);
//   - formats without comments (JSON) list expectations in a `want.txt` beside
//     them: `path:line LMI012 [LMI014 …]` for positives and `path:line ok: why`
//     for negatives, paths relative to the fixture program.
var (
	wantRE   = regexp.MustCompile(`\bwant((?:\s+"[A-Z]+[0-9]+")+)`)
	wantIDRE = regexp.MustCompile(`"([A-Z]+[0-9]+)"`)
	okRE     = regexp.MustCompile(`(//|#|/\*|<!--)\s*ok:`)
)

type lineKey struct {
	path string
	line int
}

func TestRuleFixtures(t *testing.T) {
	for _, rt := range []string{"nodejs", "python", "java", "templates", "manifests"} {
		dir := filepath.Join("..", "testdata", "rules", rt)
		entries, err := os.ReadDir(dir)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		positives, negatives := 0, 0
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), ".md") {
				continue
			}
			p := filepath.Join(dir, e.Name())
			t.Run(rt+"/"+e.Name(), func(t *testing.T) {
				pos, neg := checkFixture(t, p, e.IsDir())
				positives += pos
				negatives += neg
			})
		}
		t.Logf("%s: %d positive expectations, %d marked negative cases", rt, positives, negatives)
	}
}

// checkFixture scans one fixture program and compares findings with its
// expectations. It returns the counts of positive and negative cases.
func checkFixture(t *testing.T, p string, isDir bool) (int, int) {
	t.Helper()
	root := p
	if !isDir {
		root = filepath.Dir(p)
	}
	res, err := Run(context.Background(), Options{Paths: []string{p}, Root: root, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Keeping only link facts while parsing, and reading again what the
	// rules need, must not change anything.
	linked, err := Run(context.Background(), Options{Paths: []string{p}, Root: root, Jobs: 2, FullFactsBytes: -1})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res, linked) {
		t.Errorf("results differ when files keep link facts only:\nfull:   %+v\nlinked: %+v", res, linked)
	}
	want := map[lineKey][]string{}
	negatives := 0
	var files []string
	if isDir {
		filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, path)
			}
			return nil
		})
	} else {
		files = []string{p}
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		if filepath.Base(f) == "want.txt" {
			for _, line := range strings.Split(string(b), "\n") {
				loc, rest, ok := strings.Cut(strings.TrimSpace(line), " ")
				file, ln, ok2 := strings.Cut(loc, ":")
				n, err := strconv.Atoi(ln)
				if !ok || !ok2 || err != nil {
					continue
				}
				k := lineKey{filepath.ToSlash(filepath.Join(filepath.Dir(rel), file)), n}
				if strings.HasPrefix(rest, "ok:") {
					negatives++
					continue
				}
				want[k] = append(want[k], strings.Fields(rest)...)
			}
			continue
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := wantRE.FindStringSubmatch(line); m != nil {
				for _, id := range wantIDRE.FindAllStringSubmatch(m[1], -1) {
					k := lineKey{filepath.ToSlash(rel), i + 1}
					want[k] = append(want[k], id[1])
				}
			}
			if okRE.MatchString(line) {
				negatives++
			}
		}
	}
	got := map[lineKey][]string{}
	for _, f := range res.Findings {
		k := lineKey{f.Location.Path, f.Location.Line}
		got[k] = append(got[k], f.RuleID)
	}
	for _, n := range res.Notices {
		if n.Incomplete {
			t.Errorf("notice: %s", n.Message)
		}
	}
	positives := 0
	keys := map[lineKey]bool{}
	for k := range want {
		keys[k] = true
	}
	for k := range got {
		keys[k] = true
	}
	var sorted []lineKey
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Slice(sorted, func(i, j int) bool {
		if sorted[i].path != sorted[j].path {
			return sorted[i].path < sorted[j].path
		}
		return sorted[i].line < sorted[j].line
	})
	for _, k := range sorted {
		w, g := want[k], got[k]
		slices.Sort(w)
		slices.Sort(g)
		positives += len(w)
		if !slices.Equal(w, g) {
			t.Errorf("%s:%d: want %v, got %v%s", k.path, k.line, w, g, describe(res.Findings, k))
		}
	}
	return positives, negatives
}

func describe(fs []findings.Finding, k lineKey) string {
	var b strings.Builder
	for _, f := range fs {
		if f.Location.Path == k.path && f.Location.Line == k.line {
			fmt.Fprintf(&b, "\n\t%s %s: %s", f.RuleID, f.Severity, f.Message)
		}
	}
	return b.String()
}
