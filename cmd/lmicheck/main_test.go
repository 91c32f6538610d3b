package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func lmicheck(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var o, e bytes.Buffer
	code = run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}

func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, c := range files {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const warningOnly = "let n = 0;\nexports.handler = async () => { n++; };\n"

func TestExitCodes(t *testing.T) {
	clean := tree(t, map[string]string{"app.js": "exports.handler = async (e) => ({ ok: true });\n"})
	warn := tree(t, map[string]string{"app.js": warningOnly})
	broken := tree(t, map[string]string{"app.js": "exports.handler = async (e) => 1;\nfunction ((( {\n"})
	both := tree(t, map[string]string{"app.js": warningOnly, "broken.js": "function ((( {\n"})
	badConfig := tree(t, map[string]string{"app.js": warningOnly, ".lmicheck.yaml": "nope: 1\n"})
	cases := []struct {
		name string
		dir  string
		args []string
		code int
	}{
		{"clean", clean, nil, 0},
		{"findings", warn, nil, 1},
		{"fail-on error ignores warnings", warn, []string{"--fail-on", "error"}, 0},
		{"fail-on none", warn, []string{"--fail-on=none"}, 0},
		{"incomplete", broken, nil, 3},
		{"findings outrank incomplete", both, nil, 1},
		{"scan subcommand", warn, []string{"scan", "."}, 1},
		{"missing path", clean, []string{"does-not-exist"}, 2},
		{"bad flag", clean, []string{"--frobnicate"}, 2},
		{"bad format", clean, []string{"--format", "xml"}, 2},
		{"bad fail-on", clean, []string{"--fail-on", "loud"}, 2},
		{"bad target", clean, []string{"--target", "ec2"}, 2},
		{"bad config", badConfig, nil, 2},
		{"bad config ignored", badConfig, []string{"--no-config"}, 1},
		{"explain unknown", clean, []string{"explain", "LMI999"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := lmicheck(t, c.dir, c.args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, out, errOut)
			}
			if code == 2 && !strings.HasPrefix(errOut, "lmicheck: ") {
				t.Fatalf("usage error without a message: %q", errOut)
			}
		})
	}
}

func TestSeveralOutputsInOneRun(t *testing.T) {
	dir := tree(t, map[string]string{"src/app.js": warningOnly})
	code, out, errOut := lmicheck(t, dir, "--sarif", "out.sarif", "--json", "out.json", "--github", "gh.txt", "src")
	if code != 1 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "src/app.js:2:33: warning: ") || !strings.HasSuffix(out, "[LMI001]\n") {
		t.Fatalf("stdout %q", out)
	}
	if !strings.Contains(errOut, "1 warning in 1 file (1 handler)") {
		t.Fatalf("summary %q", errOut)
	}
	var j struct {
		Findings []struct {
			RuleID string `json:"ruleId"`
		} `json:"findings"`
	}
	b, _ := os.ReadFile(filepath.Join(dir, "out.json"))
	if err := json.Unmarshal(b, &j); err != nil || len(j.Findings) != 1 || j.Findings[0].RuleID != "LMI001" {
		t.Fatalf("json: %v %s", err, b)
	}
	s, _ := os.ReadFile(filepath.Join(dir, "out.sarif"))
	if !bytes.Contains(s, []byte(`"uri": "src/app.js"`)) {
		t.Fatalf("sarif: %s", s)
	}
	g, _ := os.ReadFile(filepath.Join(dir, "gh.txt"))
	if !bytes.HasPrefix(g, []byte("::warning file=src/app.js,line=2,")) {
		t.Fatalf("github: %s", g)
	}
}

func TestOutputPathsFollowTheWorkingDirectory(t *testing.T) {
	dir := tree(t, map[string]string{"svc/src/app.js": warningOnly})
	_, out, _ := lmicheck(t, filepath.Join(dir, "svc"), "-q", "src")
	if !strings.HasPrefix(out, "src/app.js:") {
		t.Fatalf("stdout %q", out)
	}
	_, out, _ = lmicheck(t, filepath.Join(dir, "svc", "src"), "-q", filepath.Join(dir, "svc"))
	if !strings.HasPrefix(out, "app.js:") {
		t.Fatalf("from below the root: %q", out)
	}
}

func TestQuietAndOutputFile(t *testing.T) {
	dir := tree(t, map[string]string{"app.js": warningOnly})
	code, out, errOut := lmicheck(t, dir, "-q", "-f", "json", "-o", "r.json")
	if code != 1 || out != "" || errOut != "" {
		t.Fatalf("exit %d stdout %q stderr %q", code, out, errOut)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "r.json")); err != nil || !bytes.Contains(b, []byte(`"version": 1`)) {
		t.Fatalf("r.json: %v %s", err, b)
	}
	code, _, errOut = lmicheck(t, dir, "-o", filepath.Join(dir, "no", "such", "dir", "x"))
	if code != 2 || !strings.Contains(errOut, "write text output") {
		t.Fatalf("unwritable output: exit %d %q", code, errOut)
	}
}

func TestRulesExplainVersion(t *testing.T) {
	code, out, _ := lmicheck(t, "", "rules")
	if code != 0 || !strings.Contains(out, "LMI001  shared-mutable-state") || !strings.Contains(out, "LMI099") {
		t.Fatalf("rules: %d %s", code, out)
	}
	code, out, _ = lmicheck(t, "", "rules", "--format", "json")
	if code != 0 || !json.Valid([]byte(out)) {
		t.Fatalf("rules json: %d", code)
	}
	code, out, _ = lmicheck(t, "", "explain", "hardcoded-tmp-path")
	if code != 0 || !strings.Contains(out, "## LMI005 hardcoded-tmp-path") || !strings.Contains(out, "**Safe:**") {
		t.Fatalf("explain: %d %s", code, out)
	}
	code, out, _ = lmicheck(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "lmicheck ") {
		t.Fatalf("version: %d %q", code, out)
	}
}

// docs/rules.md is generated from the rule definitions; keep it current.
func TestRulesDocIsCurrent(t *testing.T) {
	_, out, _ := lmicheck(t, "", "rules", "--format", "markdown")
	p := filepath.Join("..", "..", "docs", "rules.md")
	b, err := os.ReadFile(p)
	if os.Getenv("LMICHECK_UPDATE_DOCS") != "" {
		if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil || string(b) != out {
		t.Fatal("docs/rules.md is out of date: run LMICHECK_UPDATE_DOCS=1 go test ./cmd/lmicheck -run TestRulesDocIsCurrent")
	}
}

// TestDemo runs README's first command and checks what it reports: each
// hazard in the demo app, and none of the safe idioms beside them.
func TestDemo(t *testing.T) {
	code, out, errOut := lmicheck(t, filepath.Join("..", ".."), "testdata/demo")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, errOut)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		parts := strings.SplitN(l, ":", 4)
		id := l[strings.LastIndex(l, "[")+1 : len(l)-1]
		got = append(got, parts[0]+":"+parts[1]+" "+id)
	}
	want := []string{
		"testdata/demo/ingest/app.py:24 LMI005",                                         // s3.download_file(…, "/tmp/batch.csv.gz")
		"testdata/demo/ingest/app.py:25 LMI005",                                         // gzip.open("/tmp/batch.csv.gz"), which requests also write
		"testdata/demo/ingest/app.py:33 LMI006",                                         // psycopg2.connect per request
		"testdata/demo/orders/package.json:6 LMI013",                                    // Powertools 2.20.0 < 2.29.0
		"testdata/demo/orders/src/app.ts:19 LMI003",                                     // currentUser = event…claims.sub
		"testdata/demo/orders/src/app.ts:20 LMI001",                                     // ordersServed++
		"testdata/demo/orders/src/app.ts:26 LMI004",                                     // db.query on one shared pg Client
		"testdata/demo/orders/src/app.ts:26 LMI002",                                     // currentUser read back after awaits
		"testdata/demo/orders/src/pricing.ts:12 LMI001",                                 // priceCache.set: a note
		"testdata/demo/orders/src/pricing.ts:13 LMI001",                                 // revenue += …
		"testdata/demo/orders/src/pricing.ts:13 LMI002",                                 // … await applyTax(): lost update
		"testdata/demo/payments/src/main/java/com/acme/payments/Handler.java:22 LMI003", // lastPayer = event.get("payer")
		"testdata/demo/payments/src/main/java/com/acme/payments/Handler.java:23 LMI004", // shared SimpleDateFormat
		"testdata/demo/reports/src/index.js:11 LMI007",                                  // (event, context, callback)
		"testdata/demo/reports/src/index.js:12 LMI007",                                  // callbackWaitsForEmptyEventLoop
		"testdata/demo/reports/src/index.js:20 LMI005",                                  // /tmp/report.csv
		"testdata/demo/reports/src/index.js:21 LMI005",                                  // gzip /tmp/report.csv
		"testdata/demo/reports/src/index.js:29 LMI008",                                  // process.env.REPORT_OWNER
		"testdata/demo/template.yaml:39 LMI012",                                         // concurrency 100 on 1 vCPU
		"testdata/demo/template.yaml:56 LMI011",                                         // nodejs20.x on a capacity provider
		"testdata/demo/template.yaml:57 LMI014",                                         // 512 MB of /tmp over 64 requests that write there: a note
		"testdata/demo/template.yaml:60 LMI014",                                         // MinExecutionEnvironments 1: a note
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("demo findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(errOut, "6 errors, 13 warnings, 3 notes in 6 files (4 handlers)") {
		t.Fatalf("summary: %s", errOut)
	}
}
