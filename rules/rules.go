// Package rules holds every lmicheck rule once: its ID, documentation,
// severity per runtime, and its check over facts. Which calls write files,
// open connections or mutate is data in the per-runtime Knowledge tables.
package rules

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

// HelpBase is where each rule's documentation lives (RULE ID appended, lower case).
const HelpBase = "https://github.com/lmicheck/lmicheck/blob/main/docs/rules.md#"

// Rule is one check.
type Rule struct {
	Info  findings.RuleInfo
	check func(*pass)
}

// All returns every rule, in ID order.
func All() []Rule {
	rs := []Rule{
		sharedMutableState(),
		awaitInterleaving(),
		requestStateInSharedScope(),
		nonThreadSafeSharedObject(),
		hardcodedTmpPath(),
		perInvocationConnection(),
		callbackHandler(),
		envMutation(),
		unsupportedRuntime(),
		invalidConfiguration(),
		configurationRisk(),
		dependencyBelowMinimum(),
		perProcessMemory(),
		cpuBoundHandler(),
	}
	java := javaExamples()
	for i := range rs {
		rs[i].Info.HelpURI = HelpBase + strings.ToLower(rs[i].Info.ID)
		if ex, ok := java[rs[i].Info.ID]; ok {
			rs[i].Info.Examples = append(rs[i].Info.Examples, ex)
		}
	}
	rs = append(rs, Rule{Info: BadSuppressionInfo()})
	slices.SortFunc(rs, func(a, b Rule) int { return cmp.Compare(a.Info.ID, b.Info.ID) })
	return rs
}

// Infos returns the documentation of every rule.
func Infos() []findings.RuleInfo {
	var out []findings.RuleInfo
	for _, r := range All() {
		out = append(out, r.Info)
	}
	return out
}

// Lookup finds a rule by ID or name.
func Lookup(idOrName string) (findings.RuleInfo, bool) {
	for _, r := range All() {
		if strings.EqualFold(r.Info.ID, idOrName) || strings.EqualFold(r.Info.Name, idOrName) {
			return r.Info, true
		}
	}
	return findings.RuleInfo{}, false
}

// BadSuppressionID is the rule that reports suppression comments that match
// nothing or give no reason.
const BadSuppressionID = "LMI099"

// BadSuppressionInfo documents the suppression check (run by scan, which owns
// suppressions).
func BadSuppressionInfo() findings.RuleInfo {
	return findings.RuleInfo{
		ID:      BadSuppressionID,
		Name:    "bad-suppression",
		Summary: "A suppression comment matches no finding or gives no reason.",
		Description: "`lmicheck:ignore ID -- reason` silences one finding on its line or the line below. " +
			"A suppression that no longer matches anything hides nothing and misleads readers; one without a " +
			"reason leaves the next person unable to judge it. Both are reported, and a suppression without a " +
			"reason does not take effect.",
		Fix:      "Delete the stale comment, or add a reason after ` -- `.",
		Severity: everyRuntime(findings.Warning),
		Examples: []findings.Example{{Runtime: "nodejs",
			Bad:  "// lmicheck:ignore LMI001\ncounter++;",
			Good: "// lmicheck:ignore LMI001 -- metrics only; a lost increment is acceptable\ncounter++;"}},
		HelpURI: HelpBase + "lmi099",
	}
}

// Options adjust a run.
type Options struct {
	// Severity overrides per rule ID (None disables the rule).
	Severity map[string]findings.Severity
	// Disabled rule IDs.
	Disabled map[string]bool
	// TargetLMI: a migration audit; rules also report what functions not yet
	// on Lambda Managed Instances would need.
	TargetLMI bool
}

// Run runs every enabled rule over the program and returns findings in
// deterministic order with fingerprints set.
func Run(p *Program, opts Options) []findings.Finding {
	var out []findings.Finding
	for _, r := range All() {
		if r.check == nil || opts.Disabled[r.Info.ID] {
			continue
		}
		ps := &pass{p: p, info: &r.Info, override: opts.Severity, targetLMI: opts.TargetLMI}
		r.check(ps)
		out = append(out, ps.out...)
	}
	fingerprint(out)
	findings.Sort(out)
	return out
}

// pass is one rule's run over the program.
type pass struct {
	p        *Program
	info     *findings.RuleInfo
	override map[string]findings.Severity
	out      []findings.Finding
	// targetLMI: see Options.TargetLMI.
	targetLMI bool
}

// reachedFunctions calls fn for each invocation-time function of a runtime the
// rule checks, with the runtime's knowledge.
func (ps *pass) reachedFunctions(fn func(id FuncID, f *facts.File, k *Knowledge, h Handler)) {
	for _, id := range ps.p.ReachedFunctions() {
		f := ps.p.Files[id.File]
		if _, ok := ps.info.Severity[string(f.Runtime)]; !ok {
			continue
		}
		k := KnowledgeFor(f.Runtime)
		if k == nil {
			continue
		}
		h, _ := ps.p.Reachable(id)
		fn(id, f, k, h)
	}
}

// initCode calls fn for the init code (module top level) of every file of a
// runtime the rule checks that some handler reaches: the handler's file and
// every file with a reached function.
func (ps *pass) initCode(fn func(id FuncID, f *facts.File, k *Knowledge)) {
	files := map[int]bool{}
	for _, h := range ps.p.Handlers {
		files[h.File] = true
	}
	for _, id := range ps.p.ReachedFunctions() {
		files[id.File] = true
	}
	for fi, f := range ps.p.Files {
		if !files[fi] || len(f.Functions) == 0 {
			continue
		}
		if _, ok := ps.info.Severity[string(f.Runtime)]; !ok {
			continue
		}
		k := KnowledgeFor(f.Runtime)
		if k == nil {
			continue
		}
		fn(FuncID{fi, 0}, f, k)
	}
}

// finding describes one report.
type finding struct {
	id       FuncID
	pos      facts.Pos
	key      string // what the finding is about, for the fingerprint: "cache", "pg.Client"
	message  string
	related  []findings.Related
	fix      *findings.Fix
	severity findings.Severity  // 0: the rule's severity for the runtime
	anchor   int                // another line a suppression may name (the start of a multi-line call)
	data     map[string]float64 // estimates for sizing (findings.Finding.Data)
}

func (ps *pass) report(fd finding) {
	f := ps.p.Files[fd.id.File]
	sev := ps.info.Severity[string(f.Runtime)]
	if fd.severity != findings.None {
		sev = fd.severity
	}
	if o, ok := ps.override[ps.info.ID]; ok {
		sev = o
	}
	if sev == findings.None {
		return
	}
	h, _ := ps.p.Reachable(fd.id)
	fn := f.Functions[fd.id.Func]
	ps.out = append(ps.out, findings.Finding{
		RuleID:   ps.info.ID,
		RuleName: ps.info.Name,
		Severity: sev,
		Message:  fd.message,
		Location: Loc(f.Path, fd.pos),
		Runtime:  string(f.Runtime),
		Handler:  h.Name,
		Related:  fd.related,
		Fix:      fd.fix,
		Anchor:   fd.anchor,
		Data:     fd.data,
		// Provisional: the rule, file, enclosing function and subject; made
		// unique by fingerprint().
		Fingerprint: ps.info.ID + "\x00" + f.Path + "\x00" + fn.Name + "\x00" + fd.key,
	})
}

// fileFinding describes a report on a file that is not source code: a
// template or a manifest.
type fileFinding struct {
	path     string
	runtime  string // the runtime family the finding is for ("" when unknown)
	pos      facts.Pos
	key      string // what the finding is about, for the fingerprint
	subject  string // the function or resource it concerns
	message  string
	related  []findings.Related
	severity findings.Severity // 0: the rule's severity for the runtime
}

// reportFile reports on a template or manifest. Without a runtime the
// rule's most severe level applies.
func (ps *pass) reportFile(fd fileFinding) {
	sev, ok := ps.info.Severity[fd.runtime]
	if !ok {
		for _, s := range ps.info.Severity {
			sev = max(sev, s)
		}
	}
	if fd.severity != findings.None {
		sev = fd.severity
	}
	if o, ok := ps.override[ps.info.ID]; ok {
		sev = o
	}
	if sev == findings.None {
		return
	}
	ps.out = append(ps.out, findings.Finding{
		RuleID:      ps.info.ID,
		RuleName:    ps.info.Name,
		Severity:    sev,
		Message:     fd.message,
		Location:    Loc(fd.path, fd.pos),
		Runtime:     fd.runtime,
		Handler:     fd.subject,
		Related:     fd.related,
		Fingerprint: ps.info.ID + "\x00" + fd.path + "\x00" + fd.subject + "\x00" + fd.key,
	})
}

// Loc turns a facts position into a finding location.
func Loc(path string, p facts.Pos) findings.Location {
	return findings.Location{Path: path, Line: p.Line, Col: p.Col, EndLine: p.EndLine, EndCol: p.EndCol}
}

// fingerprint replaces each provisional fingerprint with a hash of it and its
// ordinal among findings with the same one, in source order: stable when lines
// move, distinct when the same thing is flagged twice in one function.
func fingerprint(fs []findings.Finding) {
	slices.SortStableFunc(fs, findings.Compare)
	seen := map[string]int{}
	for i := range fs {
		base := fs[i].Fingerprint
		n := seen[base]
		seen[base] = n + 1
		fs[i].Fingerprint = HashFingerprint(base, n)
	}
}

// HashFingerprint is the fingerprint of the n-th finding (in source order)
// with the same provisional fingerprint.
func HashFingerprint(base string, n int) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", base, n)))
	return hex.EncodeToString(sum[:16])
}

// symbolDecl is the related location of a symbol's declaration.
func (ps *pass) symbolDecl(fi, si int, what string) []findings.Related {
	f := ps.p.Files[fi]
	if si < 0 || si >= len(f.Symbols) {
		return nil
	}
	s := f.Symbols[si]
	if s.Pos.Line == 0 {
		return nil
	}
	return []findings.Related{{Location: Loc(f.Path, s.Pos), Message: fmt.Sprintf("%s `%s` is declared here", what, s.Name)}}
}

// sharedDescription names a symbol kind for messages.
func sharedDescription(s facts.Symbol) string {
	switch s.Kind {
	case facts.StaticField:
		return "static field"
	case facts.InstanceField:
		return "field of a shared instance"
	case facts.PackageVar:
		return "package variable"
	case facts.Global:
		return "global"
	case facts.Captured:
		return "state captured from `" + s.Class + "` (which ran once, at init)"
	}
	return "module-scope variable"
}

// Runtimes are the runtime families, as findings name them, in display order.
func Runtimes() []string { return []string{"nodejs", "python", "java", "dotnet", "go", "rust"} }

// everyRuntime is a severity map with the same severity on every runtime.
func everyRuntime(s findings.Severity) map[string]findings.Severity {
	rts := Runtimes()
	m := make(map[string]findings.Severity, len(rts))
	for _, rt := range rts {
		m[rt] = s
	}
	return m
}
