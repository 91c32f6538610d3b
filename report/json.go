package report

import (
	"encoding/json"
	"io"

	"github.com/lmicheck/lmicheck/findings"
)

// JSONVersion is the version of the JSON output's shape. It changes only when
// a field is removed or changes meaning; new fields may appear at any time.
const JSONVersion = 1

type jsonReport struct {
	Version  int                `json:"version"`
	Tool     jsonTool           `json:"tool"`
	Root     string             `json:"root"`
	Summary  jsonSummary        `json:"summary"`
	Handlers []string           `json:"handlers"`
	Findings []findings.Finding `json:"findings"`
	Notices  []findings.Notice  `json:"notices"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonSummary struct {
	Files      int            `json:"files"`
	Findings   map[string]int `json:"findings"`
	Suppressed int            `json:"suppressed"`
	Incomplete bool           `json:"incomplete"`
}

func writeJSON(w io.Writer, res *findings.Result, opts Options) error {
	r := jsonReport{
		Version:  JSONVersion,
		Tool:     jsonTool{Name: "lmicheck", Version: opts.Version},
		Root:     opts.Root,
		Handlers: res.Handlers,
		Findings: res.Findings,
		Notices:  res.Notices,
		Summary: jsonSummary{
			Files:      res.FilesScanned,
			Findings:   map[string]int{"error": 0, "warning": 0, "note": 0},
			Suppressed: res.Suppressed,
			Incomplete: res.Incomplete(),
		},
	}
	for _, f := range res.Findings {
		r.Summary.Findings[f.Severity.String()]++
	}
	if r.Handlers == nil {
		r.Handlers = []string{}
	}
	if r.Findings == nil {
		r.Findings = []findings.Finding{}
	}
	if r.Notices == nil {
		r.Notices = []findings.Notice{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteRulesJSON writes the rules' documentation as JSON.
func WriteRulesJSON(w io.Writer, infos []findings.RuleInfo) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Version int                 `json:"version"`
		Rules   []findings.RuleInfo `json:"rules"`
	}{JSONVersion, infos})
}
