package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/lmicheck/lmicheck/findings"
)

// writeGitHub prints GitHub Actions workflow commands, which the runner turns
// into annotations on the pull request.
func writeGitHub(w io.Writer, res *findings.Result, opts Options) error {
	bw := bufio.NewWriter(w)
	for _, f := range res.Findings {
		cmd := "warning"
		switch f.Severity {
		case findings.Error:
			cmd = "error"
		case findings.Note:
			cmd = "notice"
		}
		l := f.Location
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", cmd,
			escapeProperty(displayPath(l.Path, opts)), l.Line, l.Col, l.EndLine, l.EndCol,
			escapeProperty(f.RuleID+" "+f.RuleName), escapeData(f.Message))
	}
	for _, n := range res.Notices {
		if !n.Incomplete {
			continue
		}
		props := "file=" + escapeProperty(displayPath(n.Location.Path, opts))
		if n.Location.Line > 0 {
			props += fmt.Sprintf(",line=%d", n.Location.Line)
		}
		fmt.Fprintf(bw, "::warning %s,title=%s::%s\n", props, escapeProperty("lmicheck: "+string(n.Kind)), escapeData(n.Message))
	}
	return bw.Flush()
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
