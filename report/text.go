package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/lmicheck/lmicheck/findings"
)

// writeText prints one line per finding, `path:line:col: severity: message [ID]`,
// the shape editor problem matchers read. Notices go to the summary (stderr).
func writeText(w io.Writer, res *findings.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	for _, f := range res.Findings {
		fmt.Fprintf(bw, "%s:%d:%d: %s: %s [%s]\n", displayPath(f.Location.Path, opts), f.Location.Line, f.Location.Col,
			f.Severity, oneLine(f.Message), f.RuleID)
	}
	return bw.Flush()
}

// NoticeLines renders notices for stderr, one per line.
func NoticeLines(res *findings.Result, opts Options) []string {
	var out []string
	for _, n := range res.Notices {
		loc := displayPath(n.Location.Path, opts)
		if n.Location.Line > 0 {
			loc = fmt.Sprintf("%s:%d:%d", loc, n.Location.Line, max(n.Location.Col, 1))
		}
		// Messages name their file for JSON readers; say it once here.
		msg := oneLine(n.Message)
		for _, prefix := range []string{n.Location.Path + ": ", "parse " + n.Location.Path + ": ", "read " + n.Location.Path + ": "} {
			if rest, ok := strings.CutPrefix(msg, prefix); ok {
				msg = rest
				break
			}
		}
		out = append(out, fmt.Sprintf("lmicheck: %s: %s", loc, strings.TrimSpace(msg)))
	}
	return out
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
