// Package report writes a scan result in each output format. Every format is a
// small, independent printer over the same findings list.
package report

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lmicheck/lmicheck/findings"
)

// Format names an output format.
type Format string

// Formats.
const (
	Text   Format = "text"
	JSON   Format = "json"
	SARIF  Format = "sarif"
	GitHub Format = "github"
)

// Formats lists the formats, for help texts.
func Formats() []string { return []string{string(Text), string(JSON), string(SARIF), string(GitHub)} }

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats() {
		if strings.EqualFold(s, f) {
			return Format(f), nil
		}
	}
	return "", fmt.Errorf("unknown format %q (want %s)", s, strings.Join(Formats(), ", "))
}

// Options describe where paths in the result are relative to.
type Options struct {
	// Root is the absolute scan root; result paths are relative to it.
	Root string
	// Cwd is the working directory: text and GitHub output print paths
	// relative to it, as editors and annotations expect.
	Cwd string
	// Version of lmicheck.
	Version string
}

// Write writes res in format f.
func Write(w io.Writer, f Format, res *findings.Result, opts Options) error {
	switch f {
	case Text:
		return writeText(w, res, opts)
	case JSON:
		return writeJSON(w, res, opts)
	case SARIF:
		return writeSARIF(w, res, opts)
	case GitHub:
		return writeGitHub(w, res, opts)
	}
	return fmt.Errorf("unknown format %q", f)
}

// displayPath turns a root-relative path into one relative to the working
// directory (or absolute when the root is not below it).
func displayPath(p string, opts Options) string {
	if opts.Root == "" || opts.Cwd == "" {
		return p
	}
	abs := filepath.Join(opts.Root, filepath.FromSlash(p))
	rel, err := filepath.Rel(opts.Cwd, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// Summary is a one-paragraph account of a result, for stderr.
func Summary(res *findings.Result) string {
	counts := map[findings.Severity]int{}
	for _, f := range res.Findings {
		counts[f.Severity]++
	}
	var parts []string
	for _, s := range []findings.Severity{findings.Error, findings.Warning, findings.Note} {
		if n := counts[s]; n > 0 {
			parts = append(parts, plural(n, s.String()))
		}
	}
	found := "no findings"
	if len(parts) > 0 {
		found = strings.Join(parts, ", ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "lmicheck: %s in %s (%s", found, plural(res.FilesScanned, "file"), plural(len(res.Handlers), "handler"))
	if res.Suppressed > 0 {
		fmt.Fprintf(&b, ", %d suppressed", res.Suppressed)
	}
	b.WriteString(")")
	incomplete := 0
	for _, n := range res.Notices {
		if n.Incomplete {
			incomplete++
		}
	}
	if incomplete > 0 {
		fmt.Fprintf(&b, "; incomplete: %s could not be fully analysed", plural(incomplete, "input"))
	}
	if len(res.Handlers) == 0 && res.FilesScanned > 0 {
		b.WriteString("\nlmicheck: no Lambda handler found (no template names one, and no file exports `handler`); nothing was checked as invocation code")
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// ruleIndex maps rule IDs to their position in res.Rules (sorted by ID).
func ruleIndex(res *findings.Result) ([]findings.RuleInfo, map[string]int) {
	rs := append([]findings.RuleInfo(nil), res.Rules...)
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	idx := make(map[string]int, len(rs))
	for i, r := range rs {
		idx[r.ID] = i
	}
	return rs, idx
}
