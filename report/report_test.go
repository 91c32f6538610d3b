package report

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/rules"
)

func sample() *findings.Result {
	return &findings.Result{
		Root: "/work/repo",
		Findings: []findings.Finding{
			{RuleID: "LMI001", RuleName: "shared-mutable-state", Severity: findings.Warning,
				Message:  "module-scope variable `n` is incremented, 100% shared:\nsee docs",
				Location: findings.Location{Path: "src/a b.js", Line: 3, Col: 5, EndLine: 3, EndCol: 8},
				Runtime:  "nodejs", Handler: "src/a b.js#handler", Fingerprint: "abc123",
				Related: []findings.Related{{Location: findings.Location{Path: "src/a b.js", Line: 1, Col: 5, EndLine: 1, EndCol: 6}, Message: "declared here"}}},
			{RuleID: "LMI007", RuleName: "callback-handler", Severity: findings.Error, Message: "remove it",
				Location: findings.Location{Path: "src/cb.js", Line: 2, Col: 3, EndLine: 2, EndCol: 40}, Runtime: "nodejs", Fingerprint: "def456",
				Fix: &findings.Fix{Description: "Remove the assignment", Edits: []findings.Edit{{Location: findings.Location{Path: "src/cb.js", Line: 2, Col: 1, EndLine: 3, EndCol: 1}}}}},
			{RuleID: "LMI006", RuleName: "per-invocation-connection", Severity: findings.Note, Message: "note",
				Location: findings.Location{Path: "src/cb.js", Line: 5, Col: 1, EndLine: 5, EndCol: 2}, Runtime: "nodejs", Fingerprint: "0911"},
		},
		Notices: []findings.Notice{
			{Kind: findings.SyntaxError, Location: findings.Location{Path: "src/broken.js", Line: 4, Col: 2}, Message: "parse src/broken.js: line 4: syntax error", Incomplete: true},
			{Kind: findings.OutsideLink, Location: findings.Location{Path: "link.js"}, Message: "link.js: a link out of the scanned tree; not followed"},
		},
		Rules:        rules.Infos(),
		Handlers:     []string{"src/a b.js#handler"},
		FilesScanned: 3,
	}
}

func render(t *testing.T, f Format, res *findings.Result, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, f, res, opts); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTextIsOneProblemMatcherLinePerFinding(t *testing.T) {
	out := render(t, Text, sample(), Options{Root: "/work/repo", Cwd: "/work/repo/src"})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []string{
		"a b.js:3:5: warning: module-scope variable `n` is incremented, 100% shared: see docs [LMI001]",
		"cb.js:2:3: error: remove it [LMI007]",
		"cb.js:5:1: note: note [LMI006]",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", out, strings.Join(want, "\n"))
	}
	// The shipped problem matcher reads every line.
	pm, err := os.ReadFile(filepath.Join("..", ".github", "lmicheck-problem-matcher.json"))
	if err != nil {
		t.Fatal(err)
	}
	var matcher struct {
		ProblemMatcher []struct {
			Pattern []struct {
				Regexp string `json:"regexp"`
			} `json:"pattern"`
		} `json:"problemMatcher"`
	}
	if err := json.Unmarshal(pm, &matcher); err != nil {
		t.Fatal(err)
	}
	re := regexpMust(t, matcher.ProblemMatcher[0].Pattern[0].Regexp)
	for _, l := range lines {
		m := re.FindStringSubmatch(l)
		if m == nil || m[5] == "" || !strings.HasPrefix(m[6], "LMI") {
			t.Errorf("problem matcher does not read %q: %q", l, m)
		}
	}
}

func TestGitHubCommandsAreEscaped(t *testing.T) {
	out := render(t, GitHub, sample(), Options{Root: "/work/repo", Cwd: "/work/repo"})
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "::warning file=src/a b.js,line=3,col=5,endLine=3,endColumn=8,title=LMI001 shared-mutable-state::") {
		t.Fatalf("line 0: %s", lines[0])
	}
	if !strings.HasSuffix(lines[0], "100%25 shared:%0Asee docs") {
		t.Fatalf("message not escaped: %s", lines[0])
	}
	if !strings.HasPrefix(lines[1], "::error ") || !strings.HasPrefix(lines[2], "::notice ") {
		t.Fatalf("levels: %q", lines[1:3])
	}
	// Incomplete notices become warnings; informational ones are left out.
	if len(lines) != 4 || !strings.HasPrefix(lines[3], "::warning file=src/broken.js,line=4,title=lmicheck%3A syntax-error::") {
		t.Fatalf("notices: %q", lines[3:])
	}
}

func TestJSONIsVersionedAndStable(t *testing.T) {
	out := render(t, JSON, sample(), Options{Root: "/work/repo", Version: "1.2.3"})
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["version"] != float64(1) || doc["tool"].(map[string]any)["version"] != "1.2.3" {
		t.Fatalf("header: %v %v", doc["version"], doc["tool"])
	}
	f0 := doc["findings"].([]any)[0].(map[string]any)
	for _, k := range []string{"ruleId", "rule", "severity", "message", "location", "runtime", "handler", "related", "fingerprint"} {
		if _, ok := f0[k]; !ok {
			t.Errorf("finding lacks %q", k)
		}
	}
	if f0["severity"] != "warning" || f0["location"].(map[string]any)["column"] != float64(5) {
		t.Errorf("finding %v", f0)
	}
	sum := doc["summary"].(map[string]any)
	if sum["incomplete"] != true || sum["findings"].(map[string]any)["error"] != float64(1) {
		t.Errorf("summary %v", sum)
	}
	// Same input, same bytes.
	if again := render(t, JSON, sample(), Options{Root: "/work/repo", Version: "1.2.3"}); again != out {
		t.Error("JSON output is not stable")
	}
	// Empty results are empty arrays, not null.
	empty := render(t, JSON, &findings.Result{}, Options{})
	if !strings.Contains(empty, `"findings": []`) || !strings.Contains(empty, `"notices": []`) {
		t.Errorf("empty result: %s", empty)
	}
}

func TestSARIFValidatesAndCarriesTheContract(t *testing.T) {
	out := render(t, SARIF, sample(), Options{Root: "/work/repo", Version: "1.2.3"})
	rep, err := sarif.FromString(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Validate(); err != nil {
		t.Fatalf("schema: %v", err)
	}
	if strings.Contains(out, `"index": -1`) {
		t.Error("sentinel indexes left in the log")
	}
	run := rep.Runs[0]
	if got := run.OriginalUriBaseIds["%SRCROOT%"].URI; got == nil || *got != "file:///work/repo/" {
		t.Errorf("SRCROOT = %v", got)
	}
	if len(run.Tool.Driver.Rules) != len(rules.Infos()) {
		t.Errorf("%d rules described, want all %d", len(run.Tool.Driver.Rules), len(rules.Infos()))
	}
	r0 := run.Results[0]
	loc := r0.Locations[0].PhysicalLocation
	if *loc.ArtifactLocation.URI != "src/a%20b.js" || *loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifact %v %v", *loc.ArtifactLocation.URI, *loc.ArtifactLocation.URIBaseID)
	}
	if *loc.Region.StartLine != 3 || *loc.Region.StartColumn != 5 || *loc.Region.EndColumn != 8 {
		t.Errorf("region %+v", loc.Region)
	}
	if r0.PartialFingerprints[fingerprintKey] != "abc123" {
		t.Errorf("fingerprints %v", r0.PartialFingerprints)
	}
	if *run.Tool.Driver.Rules[r0.RuleIndex].ID != "LMI001" {
		t.Error("ruleIndex does not point at the rule")
	}
	if len(r0.RelatedLocations) != 1 || *r0.RelatedLocations[0].Message.Text != "declared here" {
		t.Errorf("related %+v", r0.RelatedLocations)
	}
	if len(run.Results[1].Fixes) != 1 {
		t.Error("fix not carried")
	}
	if run.Results[2].Level != "note" {
		t.Error("note level")
	}
	notes := run.Invocations[0].ToolExecutionNotifications
	if len(notes) != 2 || notes[0].Level != "warning" {
		t.Errorf("notifications %+v", notes)
	}
	if h := run.Tool.Driver.Rules[0].Help; h == nil || !strings.Contains(*h.Markdown, "Unsafe under LMI") {
		t.Error("rule help lacks examples")
	}
}

// TestSARIFAcceptedByCodeScanningValidator runs the SARIF Multitool with
// GitHub's rules when LMICHECK_SARIF_CHECK names the checker (CI sets it).
func TestSARIFAcceptedByCodeScanningValidator(t *testing.T) {
	checker := os.Getenv("LMICHECK_SARIF_CHECK")
	if checker == "" {
		t.Skip("LMICHECK_SARIF_CHECK not set")
	}
	p := filepath.Join(t.TempDir(), "out.sarif")
	if err := os.WriteFile(p, []byte(render(t, SARIF, sample(), Options{Root: "/work/repo", Version: "1.2.3"})), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(checker, p).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "0 errors, 0 warnings") {
		t.Fatalf("%s: %v\n%s", checker, err, out)
	}
}

func TestSummary(t *testing.T) {
	s := Summary(sample())
	for _, want := range []string{"1 error, 1 warning, 1 note in 3 files (1 handler)", "incomplete: 1 input could not be fully analysed"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary %q lacks %q", s, want)
		}
	}
	if s := Summary(&findings.Result{FilesScanned: 2}); !strings.Contains(s, "no Lambda handler found") {
		t.Errorf("summary %q should say no handler was found", s)
	}
}

func TestNoticeLinesNameTheFileOnce(t *testing.T) {
	res := &findings.Result{Notices: []findings.Notice{
		{Location: findings.Location{Path: "src/a.js", Line: 3, Col: 2}, Message: "parse src/a.js: line 3: syntax error"},
		{Location: findings.Location{Path: "lib.min.js"}, Message: "lib.min.js: minified bundle (file skipped)"},
	}}
	got := NoticeLines(res, Options{})
	want := []string{"lmicheck: src/a.js:3:2: line 3: syntax error", "lmicheck: lib.min.js: minified bundle (file skipped)"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got %q", got)
	}
}
