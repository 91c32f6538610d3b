package scan

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/findings"
)

// writeTree creates files (path → content) under a new temp dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func scanDir(t *testing.T, dir string, cfg *Config) *findings.Result {
	t.Helper()
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Root: dir, Config: cfg, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func ruleIDs(res *findings.Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Location.Path+":"+f.RuleID)
	}
	return out
}

func noticeKinds(res *findings.Result) map[findings.NoticeKind]findings.Notice {
	out := map[findings.NoticeKind]findings.Notice{}
	for _, n := range res.Notices {
		out[n.Kind] = n
	}
	return out
}

const hazard = "let n = 0;\nexports.handler = async () => { n++; };\n"

func TestBadInputIsReportedAndTheScanGoesOn(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"good.js":      hazard,
		"binary.js":    "let a\x00\x01\x02 = 1;",
		"latin1.js":    "const s = '\xe9\xe8';\nexports.handler = async () => {};",
		"broken.js":    "let n = 0;\nexports.handler = async () => { n++; };\nfunction ((( {\n",
		"bundle.js":    strings.Repeat("var a=1;", 2000),
		"lib.min.js":   "var a=1;",
		"empty.js":     "",
		"big/large.ts": "export const x = 1;\n" + strings.Repeat("// padding padding padding\n", 50000),
	})
	res := scanDir(t, dir, nil)
	ns := noticeKinds(res)
	for kind, incomplete := range map[findings.NoticeKind]bool{
		findings.Binary: false, findings.NotUTF8: true, findings.SyntaxError: true, findings.Minified: false, findings.TooLarge: true,
	} {
		n, ok := ns[kind]
		if !ok {
			t.Errorf("no %s notice; notices: %+v", kind, res.Notices)
			continue
		}
		if n.Incomplete != incomplete {
			t.Errorf("%s: incomplete=%v, want %v", kind, n.Incomplete, incomplete)
		}
	}
	if n := ns[findings.SyntaxError]; n.Location.Path != "broken.js" || n.Location.Line != 3 {
		t.Errorf("syntax error reported at %+v, want broken.js line 3", n.Location)
	}
	// The good file and the parsable part of the broken one were still checked.
	got := strings.Join(ruleIDs(res), " ")
	if !strings.Contains(got, "good.js:LMI001") || !strings.Contains(got, "broken.js:LMI001") {
		t.Errorf("findings %q: want LMI001 in good.js and broken.js", got)
	}
	if !res.Incomplete() {
		t.Error("result not marked incomplete")
	}
}

func TestMissingPathIsAUsageError(t *testing.T) {
	_, err := Run(context.Background(), Options{Paths: []string{filepath.Join(t.TempDir(), "nope")}})
	var ue *UsageError
	if err == nil || !errorsAs(err, &ue) || !strings.Contains(err.Error(), "no such file or folder") {
		t.Fatalf("err = %v, want a UsageError naming the path", err)
	}
}

func TestEmptyFolderSaysSo(t *testing.T) {
	res := scanDir(t, t.TempDir(), nil)
	if _, ok := noticeKinds(res)[findings.NoSourceFiles]; !ok || len(res.Findings) != 0 {
		t.Fatalf("notices %+v findings %+v", res.Notices, res.Findings)
	}
}

func TestSymlinkOutOfTreeIsNotFollowed(t *testing.T) {
	outside := writeTree(t, map[string]string{"secret.js": hazard})
	dir := writeTree(t, map[string]string{"app.js": "exports.handler = async () => {};"})
	if err := os.Symlink(filepath.Join(outside, "secret.js"), filepath.Join(dir, "link.js")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "linkdir")); err != nil {
		t.Fatal(err)
	}
	res := scanDir(t, dir, nil)
	if len(res.Findings) != 0 {
		t.Fatalf("followed a link out of the tree: %+v", res.Findings)
	}
	n, ok := noticeKinds(res)[findings.OutsideLink]
	if !ok || n.Incomplete {
		t.Fatalf("want a link-outside notice that is not incomplete, got %+v", res.Notices)
	}
	if res.FilesScanned != 1 {
		t.Fatalf("scanned %d files, want 1", res.FilesScanned)
	}
}

func TestDefaultExcludesAndGitignore(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".gitignore":                "generated/\n*.gen.js\n!keep.gen.js\n",
		"src/app.js":                hazard,
		"node_modules/dep/index.js": hazard,
		"dist/app.js":               hazard,
		"cdk.out/asset/index.js":    hazard,
		"generated/x.js":            hazard,
		"src/y.gen.js":              hazard,
		"src/keep.gen.js":           hazard,
		"src/nested/.gitignore":     "local.js\n",
		"src/nested/local.js":       hazard,
		"src/nested/other.js":       hazard,
	})
	res := scanDir(t, dir, nil)
	got := strings.Join(ruleIDs(res), " ")
	want := "src/app.js:LMI001 src/keep.gen.js:LMI001 src/nested/other.js:LMI001"
	if got != want {
		t.Fatalf("findings %q\nwant     %q", got, want)
	}
	// Naming an excluded folder explicitly scans it, default-excluded or ignored.
	for _, named := range []string{"dist", "generated"} {
		res, err := Run(context.Background(), Options{Paths: []string{filepath.Join(dir, named)}, Root: dir})
		if err != nil || len(res.Findings) != 1 {
			t.Fatalf("explicit %s/: err=%v findings=%v", named, err, ruleIDs(res))
		}
	}
}

func TestConfigIncludeExcludeAndSeverities(t *testing.T) {
	dir := writeTree(t, map[string]string{
		ConfigFileName:      "include: ['src/**']\nexclude: ['src/legacy/**']\nrules:\n  LMI001: error\n  hardcoded-tmp-path: off\nfail-on: error\n",
		"src/app.js":        "const fs = require('fs');\n" + hazard + "exports.other = async () => fs.writeFileSync('/tmp/x', '');\n",
		"src/legacy/old.js": hazard,
		"scripts/tool.js":   hazard,
	})
	cfg, err := DiscoverConfig(filepath.Join(dir, "src"))
	if err != nil || cfg == nil {
		t.Fatalf("config not discovered: %v", err)
	}
	res := scanDir(t, dir, cfg)
	if len(res.Findings) != 1 || res.Findings[0].RuleID != "LMI001" || res.Findings[0].Severity != findings.Error {
		t.Fatalf("findings %+v: want one LMI001 at error in src/app.js", res.Findings)
	}
}

func TestConfigErrorsNameTheProblem(t *testing.T) {
	for content, want := range map[string]string{
		"rulez: {}\n":              "field rulez not found",
		"rules:\n  LMI001: loud\n": "rules.LMI001",
		"fail-on: sometimes\n":     "fail-on",
		"exclude: ['[']\n":         "bad glob",
		"max-file-size: -1\n":      "max-file-size",
	} {
		dir := writeTree(t, map[string]string{ConfigFileName: content})
		_, err := LoadConfig(filepath.Join(dir, ConfigFileName))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want it to mention %q", content, err, want)
		}
	}
	dir := writeTree(t, map[string]string{ConfigFileName: ""})
	if _, err := LoadConfig(filepath.Join(dir, ConfigFileName)); err != nil {
		t.Errorf("empty config: %v", err)
	}
}

func TestSuppressions(t *testing.T) {
	dir := writeTree(t, map[string]string{"app.js": `let n = 0, m = 0, k = 0;
exports.handler = async () => {
  n++; // lmicheck:ignore LMI001 -- metrics only, a lost increment is fine
  // lmicheck:ignore shared-mutable-state -- the name works too
  m++;
  k++; // lmicheck:ignore LMI001
  // lmicheck:ignore LMI005 -- nothing here to match
  return 1;
};
`})
	res := scanDir(t, dir, nil)
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.RuleID+"@"+itoa(f.Location.Line))
	}
	want := "LMI001@6 LMI099@6 LMI099@7"
	if strings.Join(got, " ") != want {
		t.Fatalf("got %v, want %s", got, want)
	}
	if res.Suppressed != 2 {
		t.Fatalf("suppressed %d, want 2", res.Suppressed)
	}
}

func TestTemplateHandlersAndUnresolvedOnes(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"template.yaml": `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: app.lambdaHandler
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: orders/
  Missing:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: missing/
  Reports:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: reports/
      Runtime: dotnet8
      Handler: Reports::Reports.Function::Handle
`,
		"orders/app.ts":   "let n = 0;\nexport const lambdaHandler = async () => { n++; };\nexport const handler = async () => { n--; };\n",
		"orders/other.ts": "let q = 0;\nexport const handler = async () => { q++; };\n",
	})
	res := scanDir(t, dir, nil)
	got := strings.Join(ruleIDs(res), " ")
	// Only the template's handler counts inside its code folder.
	if got != "orders/app.ts:LMI001" {
		t.Fatalf("findings %q, want only orders/app.ts:LMI001 (from lambdaHandler)", got)
	}
	if len(res.Handlers) != 1 || !strings.HasPrefix(res.Handlers[0], "Orders (") {
		t.Fatalf("handlers %v", res.Handlers)
	}
	var unresolved []findings.Notice
	for _, n := range res.Notices {
		if n.Kind == findings.Unresolved {
			unresolved = append(unresolved, n)
		}
	}
	if len(unresolved) != 2 || !unresolved[0].Incomplete || unresolved[1].Incomplete {
		t.Fatalf("unresolved notices %+v: want Missing (incomplete) and Reports (dotnet, informational)", unresolved)
	}
}

func TestFingerprintsSurviveLineShifts(t *testing.T) {
	src := "let n = 0;\nexports.handler = async () => { n++; n++; };\n"
	a := scanDir(t, writeTree(t, map[string]string{"app.js": src}), nil)
	b := scanDir(t, writeTree(t, map[string]string{"app.js": "// a new header\n\n" + src}), nil)
	if len(a.Findings) != 2 || len(b.Findings) != 2 {
		t.Fatalf("findings %d and %d, want 2 each", len(a.Findings), len(b.Findings))
	}
	for i := range a.Findings {
		if a.Findings[i].Fingerprint != b.Findings[i].Fingerprint {
			t.Errorf("finding %d: fingerprint changed when lines moved", i)
		}
	}
	if a.Findings[0].Fingerprint == a.Findings[1].Fingerprint {
		t.Error("two findings in one function share a fingerprint")
	}
}

func TestColumnsCountUTF16(t *testing.T) {
	// 😀 is two UTF-16 code units; the write starts after "/*😀*/ ".
	dir := writeTree(t, map[string]string{"app.js": "let n = 0;\nexports.handler = async () => { /*😀*/ n++; };\n"})
	res := scanDir(t, dir, nil)
	if len(res.Findings) != 1 {
		t.Fatalf("findings %+v", res.Findings)
	}
	if c := res.Findings[0].Location.Col; c != len("exports.handler = async () => { /*")+2+len("*/ ")+1 {
		t.Fatalf("column %d", c)
	}
}

func TestResultsAreDeterministic(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.js": hazard, "b.js": hazard, "c/d.js": hazard, "c/e.ts": "let x = 0;\nexport const handler = async () => { x = 1; };\n",
	})
	first := strings.Join(ruleIDs(scanDir(t, dir, nil)), " ")
	for i := 0; i < 5; i++ {
		if got := strings.Join(ruleIDs(scanDir(t, dir, nil)), " "); got != first {
			t.Fatalf("run %d: %q != %q", i, got, first)
		}
	}
}

func itoa(n int) string { return fmtInt(n) }

func TestReviewRegressions(t *testing.T) {
	// A small handler with one long literal is not a minified bundle.
	jwks := "const JWKS = '" + strings.Repeat("k", 5000) + "';\n"
	dir := writeTree(t, map[string]string{
		"real/auth.js": jwks + "let lastUser;\nexports.handler = async (event) => { lastUser = event.requestContext.authorizer.claims.sub; };\n",
		"real/sup.js":  "let n = 0;\nexports.handler = async () => {\n  n++; /* lmicheck:ignore LMI001 — metrics only */\n};\n",
	})
	res := scanDir(t, filepath.Join(dir, "real"), nil)
	if got := strings.Join(ruleIDs(res), " "); got != "auth.js:LMI003" || res.Suppressed != 1 {
		t.Fatalf("findings %q suppressed %d: want auth.js:LMI003 and the em-dash suppression applied", got, res.Suppressed)
	}
	// A link named on the command line is scanned.
	repo := t.TempDir()
	if err := os.Symlink(filepath.Join(dir, "real"), filepath.Join(repo, "src")); err != nil {
		t.Skip("symlinks not supported:", err)
	}
	res, err := Run(context.Background(), Options{Paths: []string{filepath.Join(repo, "src")}})
	if err != nil || len(res.Findings) != 1 {
		t.Fatalf("explicit link: err=%v findings=%v notices=%+v", err, ruleIDs(res), res.Notices)
	}
	// A rule the config names must exist.
	cfgDir := writeTree(t, map[string]string{ConfigFileName: "rules:\n  shared-mutable-stat: off\n"})
	if _, err := LoadConfig(filepath.Join(cfgDir, ConfigFileName)); err == nil || !strings.Contains(err.Error(), "no such rule") {
		t.Fatalf("typo in a rule name: err = %v", err)
	}
}
