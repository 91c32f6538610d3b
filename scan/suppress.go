package scan

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/rules"
)

// suppressionRE reads `lmicheck:ignore LMI001[,LMI002 …] [-- reason]`.
// The reason may follow --, — or –.
var suppressionRE = regexp.MustCompile(`lmicheck:ignore\b\s*([A-Za-z0-9_,\s-]*?)\s*(?:(?:--|—|–)\s*(.*))?$`)

// commented is a file's comments: source, template or manifest.
type commented struct {
	path     string
	runtime  string // "" for templates and manifests
	comments []facts.Comment
}

// commentedFiles lists the comments of every file a finding may be in.
func commentedFiles(files []*facts.File, deployments []facts.Deployment, manifests []facts.Manifest) []commented {
	var out []commented
	for _, f := range files {
		out = append(out, commented{f.Path, string(f.Runtime), f.Comments})
	}
	for _, d := range deployments {
		if d.Kind != facts.CDKSource { // CDK source comments are the file's own
			out = append(out, commented{d.Path, "", d.Comments})
		}
	}
	for _, m := range manifests {
		out = append(out, commented{m.Path, rules.EcosystemRuntime(m.Ecosystem), m.Comments})
	}
	return out
}

type suppression struct {
	file    commented
	comment facts.Comment
	ids     []string
	reason  string
	lines   [2]int // the lines it covers
	used    bool
	// scoped: it annotates a declaration, so it also covers findings about
	// what is declared there (a write elsewhere to an annotated field).
	scoped bool
}

func parseSuppressions(f commented) []*suppression {
	var out []*suppression
	for _, c := range f.comments {
		for _, line := range strings.Split(c.Text, "\n") {
			m := suppressionRE.FindStringSubmatch(strings.TrimSpace(line))
			if m == nil {
				continue
			}
			s := &suppression{file: f, comment: c, reason: strings.TrimSpace(m[2])}
			for _, id := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
				if info, ok := rules.Lookup(id); ok {
					id = info.ID
				}
				s.ids = append(s.ids, strings.ToUpper(id))
			}
			// A comment on its own line covers the next line; a trailing one, its own.
			s.lines = [2]int{c.Pos.Line, c.Pos.EndLine}
			if c.OwnLine {
				s.lines[1] = c.Pos.EndLine + 1
			}
			// An annotation-style suppression covers its whole declaration.
			if c.Scope.Line > 0 {
				s.lines = [2]int{min(c.Pos.Line, c.Scope.Line), max(c.Pos.EndLine, c.Scope.EndLine)}
				s.scoped = true
			}
			out = append(out, s)
		}
	}
	return out
}

func (s *suppression) covers(f findings.Finding) bool {
	in := func(line int) bool { return line >= s.lines[0] && line <= s.lines[1] }
	about := false
	if s.scoped {
		for _, r := range f.Related {
			if r.Location.Path == s.file.path && in(r.Location.Line) {
				about = true
			}
		}
	}
	if !about && !in(f.Location.Line) && (f.Anchor == 0 || !in(f.Anchor)) {
		return false
	}
	for _, id := range s.ids {
		if id == f.RuleID {
			return true
		}
	}
	return false
}

// applySuppressions drops findings a suppression with a reason covers and
// reports suppressions that are malformed or match nothing (LMI099).
func applySuppressions(files []commented, all []findings.Finding, opts rules.Options) ([]findings.Finding, int) {
	byFile := map[string][]*suppression{}
	var sups []*suppression
	for _, f := range files {
		for _, s := range parseSuppressions(f) {
			byFile[f.path] = append(byFile[f.path], s)
			sups = append(sups, s)
		}
	}
	var kept []findings.Finding
	suppressed := 0
	for _, fd := range all {
		hit := false
		for _, s := range byFile[fd.Location.Path] {
			if s.reason != "" && s.covers(fd) {
				s.used, hit = true, true
			}
		}
		if hit {
			suppressed++
			continue
		}
		kept = append(kept, fd)
	}
	if opts.Disabled[rules.BadSuppressionID] {
		return kept, suppressed
	}
	info := rules.BadSuppressionInfo()
	seen := map[string]int{}
	for _, s := range sups {
		sev, ok := info.Severity[s.file.runtime]
		if !ok {
			sev = findings.Warning
		}
		if o, ok := opts.Severity[info.ID]; ok {
			sev = o
		}
		var msg string
		switch {
		case len(s.ids) == 0:
			msg = "suppression names no rule: write `lmicheck:ignore LMI001 -- reason`"
		case s.reason == "":
			msg = fmt.Sprintf("suppression of %s gives no reason, so it is not applied: add ` -- why this is safe`", strings.Join(s.ids, ", "))
		case !s.used:
			var unknown, disabled []string
			for _, id := range s.ids {
				if _, ok := rules.Lookup(id); !ok {
					unknown = append(unknown, id)
				} else if opts.Disabled[id] {
					disabled = append(disabled, id)
				}
			}
			switch {
			case len(unknown) > 0:
				msg = fmt.Sprintf("suppression names unknown rule %s (see `lmicheck rules`)", strings.Join(unknown, ", "))
			case len(disabled) == len(s.ids):
				continue // the rules are off: nothing to match, nothing to say
			default:
				msg = fmt.Sprintf("suppression of %s matches no finding on this line or the next: remove it", strings.Join(s.ids, ", "))
			}
		default:
			continue
		}
		base := info.ID + "\x00" + s.file.path + "\x00" + strings.Join(s.ids, ",") + "\x00" + s.reason
		n := seen[base]
		seen[base] = n + 1
		kept = append(kept, findings.Finding{
			RuleID: info.ID, RuleName: info.Name, Severity: sev, Message: msg,
			Location: rules.Loc(s.file.path, s.comment.Pos), Runtime: s.file.runtime,
			Fingerprint: rules.HashFingerprint(base, n),
		})
	}
	return kept, suppressed
}
