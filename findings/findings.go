// Package findings is what rules produce and every report format and sizing
// read: findings, notices about input that could not be analysed, and the rule
// descriptions formats such as SARIF carry.
package findings

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity of a finding. The zero value is None (off).
type Severity int

// Severities, in increasing order.
const (
	None Severity = iota
	Note
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Note:
		return "note"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "none"
}

// ParseSeverity reads "error", "warning", "note" or "none"/"off".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "note", "info":
		return Note, nil
	case "none", "off":
		return None, nil
	}
	return None, fmt.Errorf("unknown severity %q (want error, warning, note or none)", s)
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Location is a range in a file: path relative to the scan root, slash-separated;
// 1-based lines and UTF-16 columns; End is exclusive.
type Location struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Col     int    `json:"column"`
	EndLine int    `json:"endLine"`
	EndCol  int    `json:"endColumn"`
}

// Related is a secondary location, such as the declaration of shared state.
type Related struct {
	Location Location `json:"location"`
	Message  string   `json:"message"`
}

// Edit replaces a range with new text.
type Edit struct {
	Location Location `json:"location"`
	NewText  string   `json:"newText"`
}

// Fix is a safe, mechanical change that removes the finding.
type Fix struct {
	Description string `json:"description"`
	Edits       []Edit `json:"edits"`
}

// Finding is one hazard at one place.
type Finding struct {
	RuleID   string   `json:"ruleId"`
	RuleName string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	Location Location `json:"location"`
	Runtime  string   `json:"runtime"`
	// Handler is the entry point the code was reached from: "src/app.js#handler".
	Handler string    `json:"handler,omitempty"`
	Related []Related `json:"related,omitempty"`
	Fix     *Fix      `json:"fix,omitempty"`
	// Fingerprint identifies the finding across edits that move lines: it hashes
	// the rule, file, enclosing function and what the finding is about, not the line.
	Fingerprint string `json:"fingerprint"`
	// Data carries estimates a rule measured, for sizing: "perProcessMB"
	// (LMI009). Keys are stable; absent when the rule measured nothing.
	Data map[string]float64 `json:"data,omitempty"`
	// Anchor is another line a suppression may name: the start of the
	// statement when the finding is on a later line of it.
	Anchor int `json:"-"`
}

// NoticeKind says why input was not (fully) analysed.
type NoticeKind string

// Notice kinds.
const (
	SyntaxError   NoticeKind = "syntax-error" // parsed with errors; the rest of the file was analysed
	Unparseable   NoticeKind = "unparseable"  // parsing failed or timed out; file skipped
	Binary        NoticeKind = "binary"       // file skipped
	NotUTF8       NoticeKind = "not-utf8"     // file skipped
	TooLarge      NoticeKind = "too-large"    // over the size cap; file skipped
	Minified      NoticeKind = "minified"     // a bundle; file skipped
	Unreadable    NoticeKind = "unreadable"   // file skipped
	OutsideLink   NoticeKind = "link-outside" // a symlink out of the scanned tree; not followed
	BadTemplate   NoticeKind = "bad-template" // a deployment template that could not be read
	BadManifest   NoticeKind = "bad-manifest" // a dependency manifest or lock file that could not be read
	NoSourceFiles NoticeKind = "no-source"    // nothing to scan under a path
	Unresolved    NoticeKind = "unresolved"   // a template handler whose file was not found
)

// Notice reports input that was skipped or only partly analysed.
type Notice struct {
	Kind     NoticeKind `json:"kind"`
	Location Location   `json:"location"`
	Message  string     `json:"message"`
	// Incomplete: findings may be missing because of this (exit code 3).
	Incomplete bool `json:"incomplete"`
}

// Example is a code sample in a rule's documentation.
type Example struct {
	Runtime string `json:"runtime"`
	Bad     string `json:"bad"`
	Good    string `json:"good"`
}

// RuleInfo describes a rule for reports and `lmicheck explain`.
type RuleInfo struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Summary string `json:"summary"`
	// Description says what the rule finds and why it matters under LMI.
	Description string `json:"description"`
	// Fix says how to fix it.
	Fix string `json:"fix"`
	// Severity by runtime; a runtime missing here is not checked by the rule.
	Severity map[string]Severity `json:"severity"`
	Examples []Example           `json:"examples,omitempty"`
	HelpURI  string              `json:"helpUri"`
}

// DefaultSeverity is the highest severity the rule has on any runtime.
func (r RuleInfo) DefaultSeverity() Severity {
	s := None
	for _, v := range r.Severity {
		s = max(s, v)
	}
	return s
}

// Compare orders findings by file, line, column, rule and message.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Location.Path, b.Location.Path),
		cmp.Compare(a.Location.Line, b.Location.Line),
		cmp.Compare(a.Location.Col, b.Location.Col),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Fingerprint, b.Fingerprint),
	)
}

// Sort orders findings deterministically.
func Sort(fs []Finding) { slices.SortStableFunc(fs, Compare) }

// SortNotices orders notices by file, line and kind.
func SortNotices(ns []Notice) {
	slices.SortStableFunc(ns, func(a, b Notice) int {
		return cmp.Or(
			cmp.Compare(a.Location.Path, b.Location.Path),
			cmp.Compare(a.Location.Line, b.Location.Line),
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Result is the outcome of one scan.
type Result struct {
	// Root is the absolute folder finding paths are relative to.
	Root     string    `json:"root"`
	Findings []Finding `json:"findings"`
	Notices  []Notice  `json:"notices"`
	// Rules that ran, for formats that describe them.
	Rules []RuleInfo `json:"-"`
	// Handlers found, as "path#export".
	Handlers     []string `json:"handlers"`
	FilesScanned int      `json:"filesScanned"`
	Suppressed   int      `json:"suppressed"`
}

// Incomplete reports whether any input could not be fully analysed.
func (r *Result) Incomplete() bool {
	for _, n := range r.Notices {
		if n.Incomplete {
			return true
		}
	}
	return false
}

// CountAtLeast counts findings at or above a severity.
func (r *Result) CountAtLeast(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity >= s && f.Severity != None {
			n++
		}
	}
	return n
}
