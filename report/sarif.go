package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/lmicheck/lmicheck/findings"
)

// srcRoot is the uriBaseId every artifact location is relative to; code
// scanning maps it to the repository checkout.
const srcRoot = "%SRCROOT%"

// fingerprintKey names lmicheck's partial fingerprint (versioned: a change to
// how it is computed gets a new key rather than silently new values).
const fingerprintKey = "lmicheckFingerprint/v1"

// BuildSARIF turns a result into a SARIF 2.1.0 log.
func BuildSARIF(res *findings.Result, opts Options) *sarif.Report {
	rep := sarif.NewReport()
	run := sarif.NewRunWithInformationURI("lmicheck", "https://github.com/lmicheck/lmicheck")
	run.Tool.Driver.WithVersion(semver(opts.Version)).WithSemanticVersion(semver(opts.Version)).
		WithOrganization("lmicheck").
		WithFullName("lmicheck: concurrency hazards before AWS Lambda Managed Instances")
	run.WithColumnKind("utf16CodeUnits")
	if opts.Root != "" {
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
			srcRoot: *sarif.NewArtifactLocation().WithURI(fileURI(opts.Root)),
		})
	}
	rules, idx := ruleIndex(res)
	for _, r := range rules {
		run.Tool.Driver.AddRule(sarifRule(r))
	}
	run.WithResults([]*sarif.Result{})
	for _, f := range res.Findings {
		run.AddResult(sarifResult(f, idx))
	}
	inv := sarif.NewInvocation().WithExecutionSuccessful(true)
	inv.WithToolExecutionNotifications([]*sarif.Notification{})
	for _, n := range res.Notices {
		level := "note"
		if n.Incomplete {
			level = "warning"
		}
		note := sarif.NewNotification().WithLevel(level).WithMessage(sarif.NewTextMessage(n.Message)).
			WithDescriptor(sarif.NewReportingDescriptorReference().WithID("lmicheck/" + string(n.Kind)))
		if n.Location.Path != "" && !filepath.IsAbs(n.Location.Path) {
			note.WithLocations([]*sarif.Location{location(n.Location)})
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, note)
	}
	run.AddInvocation(inv)
	rep.AddRun(run)
	return rep
}

func writeSARIF(w io.Writer, res *findings.Result, opts Options) error {
	var buf bytes.Buffer
	if err := BuildSARIF(res, opts).Write(&buf); err != nil {
		return err
	}
	// go-sarif always writes artifactLocation.index, as -1 when unset: the
	// schema's "no index" sentinel, which SARIF validators ask to omit.
	var doc any
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	dropSentinelIndexes(doc)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

func dropSentinelIndexes(v any) {
	switch t := v.(type) {
	case map[string]any:
		if n, ok := t["index"].(json.Number); ok && n.String() == "-1" {
			delete(t, "index")
		}
		for _, c := range t {
			dropSentinelIndexes(c)
		}
	case []any:
		for _, c := range t {
			dropSentinelIndexes(c)
		}
	}
}

func sarifRule(r findings.RuleInfo) *sarif.ReportingDescriptor {
	d := sarif.NewReportingDescriptor().WithID(r.ID).WithName(pascal(r.Name)).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(r.Summary)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(r.Description)).
		WithHelp(sarif.NewMultiformatMessageString().WithText(helpText(r)).WithMarkdown(HelpMarkdown(r))).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithEnabled(true).WithLevel(level(r.DefaultSeverity())))
	if r.HelpURI != "" {
		d.WithHelpURI(r.HelpURI)
	}
	props := sarif.NewPropertyBag()
	props.Add("tags", []string{"concurrency", "lambda-managed-instances"})
	props.Add("precision", "high")
	props.Add("problem.severity", problemSeverity(r.DefaultSeverity()))
	var rts []string
	for rt := range r.Severity {
		rts = append(rts, rt)
	}
	sort.Strings(rts)
	props.Add("runtimes", rts)
	d.WithProperties(props)
	return d
}

func sarifResult(f findings.Finding, idx map[string]int) *sarif.Result {
	r := sarif.NewRuleResult(f.RuleID).WithLevel(level(f.Severity)).WithMessage(sarif.NewTextMessage(f.Message)).
		WithLocations([]*sarif.Location{location(f.Location)}).
		WithPartialFingerprints(map[string]string{fingerprintKey: f.Fingerprint})
	if i, ok := idx[f.RuleID]; ok {
		r.WithRuleIndex(i)
	}
	for i, rel := range f.Related {
		r.AddRelatedLocation(location(rel.Location).WithID(i + 1).WithMessage(sarif.NewTextMessage(rel.Message)))
	}
	if f.Fix != nil && len(f.Fix.Edits) > 0 {
		changes := map[string]*sarif.ArtifactChange{}
		var order []string
		for _, e := range f.Fix.Edits {
			c, ok := changes[e.Location.Path]
			if !ok {
				c = sarif.NewArtifactChange().WithArtifactLocation(artifact(e.Location.Path))
				changes[e.Location.Path] = c
				order = append(order, e.Location.Path)
			}
			c.Replacements = append(c.Replacements, sarif.NewReplacement().
				WithDeletedRegion(region(e.Location)).
				WithInsertedContent(sarif.NewArtifactContent().WithText(e.NewText)))
		}
		fix := sarif.NewFix().WithDescription(sarif.NewTextMessage(f.Fix.Description))
		for _, p := range order {
			fix.ArtifactChanges = append(fix.ArtifactChanges, changes[p])
		}
		r.AddFixe(fix)
	}
	props := sarif.NewPropertyBag()
	props.Add("runtime", f.Runtime)
	if f.Handler != "" {
		props.Add("handler", f.Handler)
	}
	r.WithProperties(props)
	return r
}

func artifact(p string) *sarif.ArtifactLocation {
	return sarif.NewArtifactLocation().WithURI(uriPath(p)).WithURIBaseID(srcRoot)
}

func location(l findings.Location) *sarif.Location {
	pl := sarif.NewPhysicalLocation().WithArtifactLocation(artifact(l.Path))
	if l.Line > 0 {
		pl.WithRegion(region(l))
	}
	return sarif.NewLocation().WithPhysicalLocation(pl)
}

func region(l findings.Location) *sarif.Region {
	r := sarif.NewRegion().WithStartLine(max(l.Line, 1)).WithStartColumn(max(l.Col, 1))
	if l.EndLine >= l.Line && l.EndLine > 0 {
		r.WithEndLine(l.EndLine)
		if l.EndCol > 0 && (l.EndLine > l.Line || l.EndCol >= l.Col) {
			r.WithEndColumn(l.EndCol)
		}
	}
	return r
}

// uriPath escapes a slash path as a relative URI reference.
func uriPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// fileURI is an absolute folder as a file:// URI ending in a slash.
func fileURI(dir string) string {
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	s := u.String()
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s
}

func level(s findings.Severity) string {
	switch s {
	case findings.Error:
		return "error"
	case findings.Warning:
		return "warning"
	case findings.Note:
		return "note"
	}
	return "none"
}

// problemSeverity is code scanning's own severity scale.
func problemSeverity(s findings.Severity) string {
	switch s {
	case findings.Error:
		return "error"
	case findings.Warning:
		return "warning"
	}
	return "recommendation"
}

func pascal(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(name, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func semver(v string) string {
	return strings.TrimPrefix(v, "v")
}

func helpText(r findings.RuleInfo) string {
	return fmt.Sprintf("%s\n\n%s\n\nFix: %s", r.Summary, r.Description, r.Fix)
}

// HelpMarkdown renders a rule's documentation: SARIF help, `lmicheck explain`
// and docs/rules.md all come from it.
func HelpMarkdown(r findings.RuleInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s %s\n\n%s\n\n%s\n\n**Fix:** %s\n", r.ID, r.Name, r.Summary, r.Description, r.Fix)
	var rts []string
	for rt := range r.Severity {
		rts = append(rts, rt)
	}
	sort.Strings(rts)
	b.WriteString("\n| runtime | severity |\n|---|---|\n")
	for _, rt := range rts {
		fmt.Fprintf(&b, "| %s | %s |\n", rt, r.Severity[rt])
	}
	for _, ex := range r.Examples {
		fmt.Fprintf(&b, "\n**Unsafe under LMI (%s):**\n\n```%s\n%s\n```\n\n**Safe:**\n\n```%s\n%s\n```\n",
			ex.Runtime, lang(ex.Runtime), ex.Bad, lang(ex.Runtime), ex.Good)
	}
	return b.String()
}

func lang(rt string) string {
	switch rt {
	case "nodejs":
		return "js"
	case "dotnet":
		return "csharp"
	}
	return rt
}

// RulesMarkdown renders every rule's documentation as one page (docs/rules.md).
func RulesMarkdown(infos []findings.RuleInfo) string {
	var b strings.Builder
	b.WriteString("# lmicheck rules\n\nGenerated by `lmicheck rules --format markdown` from the same rule definitions as SARIF help and `lmicheck explain`.\n\n")
	b.WriteString("| ID | name | summary |\n|---|---|---|\n")
	for _, r := range infos {
		fmt.Fprintf(&b, "| [%s](#%s) | %s | %s |\n", r.ID, strings.ToLower(r.ID), r.Name, r.Summary)
	}
	for _, r := range infos {
		fmt.Fprintf(&b, "\n<a id=\"%s\"></a>\n\n%s", strings.ToLower(r.ID), HelpMarkdown(r))
	}
	return b.String()
}
