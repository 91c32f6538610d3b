// Command lmibench measures lmicheck's speed and memory on a corpus.
//
// Child mode (one measurement per process, so its peak RSS is its own):
//
//	lmibench -mode parse|scan -jobs N -corpus DIR
//
// runs one parse-only or full-scan pass and prints one JSON line
// {mode, jobs, files, bytes, seconds}.
//
// Driver mode:
//
//	lmibench -driver -corpus DIR [-rounds 3] [-jobs-list 1,2] [-out FILE]
//
// builds the child once with `go build -o` into a temporary folder, runs it for
// each configuration alternately (parse j1, scan j1, parse j2, scan j2, …) for
// the given number of rounds, reads each child's peak RSS from rusage, and
// prints a table (median seconds, max RSS per configuration) and the ratios the
// project's goals are stated in.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/scan"
)

// Goals, as the project states them.
const (
	goalScanOverParseTime = 1.6 // scan time / parse-only time, at most
	goalScanOverParseRSS  = 2.0 // scan peak RSS / parse-only peak RSS, at most
	goalScanSpeedup2      = 1.6 // scan time with 1 worker / with 2 workers, at least
)

const childPkg = "github.com/lmicheck/lmicheck/bench/cmd/lmibench"

// measurement is the child's JSON line. Bytes is null for a scan: scan.Run does
// not report what it read; the driver takes it from the parse-only pass, which
// walks the same files.
type measurement struct {
	Mode    string  `json:"mode"`
	Jobs    int     `json:"jobs"`
	Files   int     `json:"files"`
	Bytes   *int64  `json:"bytes"`
	Seconds float64 `json:"seconds"`
	// Scan only: what the run found, to spot front-end failures.
	Findings int            `json:"findings,omitempty"`
	Notices  map[string]int `json:"notices,omitempty"`
	// Driver only: the child's peak resident set, KiB.
	MaxRSSKiB int64 `json:"maxrss_kib,omitempty"`
	Round     int   `json:"round,omitempty"`
}

func main() {
	mode := flag.String("mode", "", "child: parse or scan")
	jobs := flag.Int("jobs", 1, "child: number of parser workers")
	corpus := flag.String("corpus", os.Getenv("LMICHECK_CORPUS"), "corpus folder (default $LMICHECK_CORPUS)")
	driver := flag.Bool("driver", false, "run the children and print the table and goals")
	rounds := flag.Int("rounds", 3, "driver: rounds over all configurations")
	jobsList := flag.String("jobs-list", "1,2", "driver: worker counts to measure (must include 1 and 2 for the speed-up goal)")
	warmup := flag.Bool("warmup", true, "driver: one untimed parse-only pass first, to warm the page cache")
	out := flag.String("out", "", "driver: also append every measurement as a JSON line to this file")
	flag.Parse()

	if *corpus == "" {
		fatalf("no corpus: pass -corpus DIR or set LMICHECK_CORPUS (build one with bench/corpus.sh)")
	}
	if st, err := os.Stat(*corpus); err != nil || !st.IsDir() {
		fatalf("corpus %s is not a folder (build it with bench/corpus.sh)", *corpus)
	}
	abs, err := filepath.Abs(*corpus)
	if err != nil {
		fatalf("%v", err)
	}
	if *driver {
		js, err := parseJobs(*jobsList)
		if err != nil {
			fatalf("-jobs-list: %v", err)
		}
		if *rounds < 1 {
			fatalf("-rounds must be at least 1")
		}
		if err := drive(abs, *rounds, js, *warmup, *out); err != nil {
			fatalf("%v", err)
		}
		return
	}
	if *jobs < 1 {
		fatalf("-jobs must be at least 1")
	}
	m, err := child(abs, *mode, *jobs)
	if err != nil {
		fatalf("%v", err)
	}
	line, _ := json.Marshal(m)
	fmt.Println(string(line))
}

func fatalf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "lmibench: "+format+"\n", a...)
	os.Exit(1)
}

func parseJobs(s string) ([]int, error) {
	var js []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad worker count %q", f)
		}
		js = append(js, n)
	}
	return js, nil
}

// child runs one pass.
func child(dir, mode string, jobs int) (measurement, error) {
	ctx := context.Background()
	opts := scan.Options{Paths: []string{dir}, Root: dir, Jobs: jobs}
	m := measurement{Mode: mode, Jobs: jobs}
	switch mode {
	case "parse":
		start := time.Now()
		st, err := scan.ParseOnly(ctx, opts)
		m.Seconds = time.Since(start).Seconds()
		if err != nil {
			return m, fmt.Errorf("parse-only: %w", err)
		}
		m.Files, m.Bytes = st.Files, &st.Bytes
	case "scan":
		start := time.Now()
		res, err := scan.Run(ctx, opts)
		m.Seconds = time.Since(start).Seconds()
		if err != nil {
			return m, fmt.Errorf("scan: %w", err)
		}
		m.Files = res.FilesScanned
		m.Findings = len(res.Findings)
		m.Notices = map[string]int{}
		shown := 0
		for _, n := range res.Notices {
			m.Notices[string(n.Kind)]++
			// Front-end failures are worth a look: show a few on stderr.
			if n.Kind == findings.Unparseable && shown < 5 {
				fmt.Fprintf(os.Stderr, "lmibench scan: %s\n", n.Message)
				shown++
			}
		}
	default:
		return m, fmt.Errorf("-mode must be parse or scan, not %q", mode)
	}
	return m, nil
}

type config struct {
	mode string
	jobs int
}

// drive builds the child, runs every configuration alternately, and reports.
func drive(dir string, rounds int, jobsList []int, warmup bool, outPath string) error {
	tmp, err := os.MkdirTemp("", "lmibench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "lmibench")
	fmt.Fprintf(os.Stderr, "building %s …\n", childPkg)
	build := exec.Command("go", "build", "-o", bin, childPkg)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}

	var out io.Writer = io.Discard
	if outPath != "" {
		if err := os.MkdirAll(filepath.Dir(outPath), 0o755); err != nil {
			return err
		}
		f, err := os.OpenFile(outPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		out = f
	}

	var configs []config
	for _, j := range jobsList {
		configs = append(configs, config{"parse", j}, config{"scan", j})
	}
	if warmup {
		fmt.Fprintf(os.Stderr, "warm-up: parse jobs=%d (not counted)\n", jobsList[0])
		if _, err := runChild(bin, dir, config{"parse", jobsList[0]}); err != nil {
			return err
		}
	}
	results := map[config][]measurement{}
	for r := 1; r <= rounds; r++ {
		for _, c := range configs {
			m, err := runChild(bin, dir, c)
			if err != nil {
				return err
			}
			m.Round = r
			fmt.Fprintf(os.Stderr, "round %d/%d  %-5s jobs=%d  %7.2fs  %6.0f MiB  files=%d\n",
				r, rounds, c.mode, c.jobs, m.Seconds, float64(m.MaxRSSKiB)/1024, m.Files)
			if line, err := json.Marshal(m); err == nil {
				fmt.Fprintln(out, string(line))
			}
			results[c] = append(results[c], m)
		}
	}
	report(os.Stdout, configs, results, rounds, jobsList)
	return nil
}

// runChild runs one measurement in its own process and reads its peak RSS.
func runChild(bin, dir string, c config) (measurement, error) {
	cmd := exec.Command(bin, "-mode", c.mode, "-jobs", strconv.Itoa(c.jobs), "-corpus", dir)
	var stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return measurement{}, fmt.Errorf("%s jobs=%d: %w", c.mode, c.jobs, err)
	}
	var m measurement
	if err := json.Unmarshal(bytes.TrimSpace(stdout.Bytes()), &m); err != nil {
		return m, fmt.Errorf("%s jobs=%d: bad output %q: %w", c.mode, c.jobs, stdout.String(), err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return m, errors.New("no rusage on this platform")
	}
	m.MaxRSSKiB = int64(ru.Maxrss) // KiB on Linux
	return m, nil
}

type summary struct {
	files   int
	bytes   int64
	seconds float64 // median
	minS    float64
	maxS    float64
	rssKiB  int64 // max
	notices map[string]int
	finds   int
}

func summarize(ms []measurement) summary {
	s := summary{files: ms[0].Files, notices: ms[0].Notices, finds: ms[0].Findings}
	var secs []float64
	for _, m := range ms {
		secs = append(secs, m.Seconds)
		s.rssKiB = max(s.rssKiB, m.MaxRSSKiB)
		if m.Bytes != nil {
			s.bytes = *m.Bytes
		}
	}
	slices.Sort(secs)
	s.minS, s.maxS = secs[0], secs[len(secs)-1]
	if n := len(secs); n%2 == 1 {
		s.seconds = secs[n/2]
	} else {
		s.seconds = (secs[n/2-1] + secs[n/2]) / 2
	}
	return s
}

func report(w io.Writer, configs []config, results map[config][]measurement, rounds int, jobsList []int) {
	sum := map[config]summary{}
	for _, c := range configs {
		sum[c] = summarize(results[c])
	}
	// A scan reads the same files as the parse-only pass with the same walk.
	for _, c := range configs {
		if c.mode == "scan" {
			s := sum[c]
			p := sum[config{"parse", c.jobs}]
			s.bytes = p.bytes
			sum[c] = s
			if s.files != p.files {
				fmt.Fprintf(w, "note: jobs=%d: scan kept %d files, parse-only %d (MB for scan taken from parse-only)\n", c.jobs, s.files, p.files)
			}
		}
	}

	fmt.Fprintf(w, "\nlmicheck benchmark: %d rounds, median seconds, max peak RSS per configuration\n\n", rounds)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "mode\tjobs\tfiles\tMB\tseconds\t(min–max)\tMB/s\tfiles/s\tpeak RSS MiB\t")
	for _, c := range configs {
		s := sum[c]
		mb := float64(s.bytes) / 1e6
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%.2f\t(%.2f–%.2f)\t%.2f\t%.0f\t%.0f\t\n",
			c.mode, c.jobs, s.files, mb, s.seconds, s.minS, s.maxS, mb/s.seconds, float64(s.files)/s.seconds, float64(s.rssKiB)/1024)
	}
	tw.Flush()

	met := func(ok bool) string {
		if ok {
			return "met"
		}
		return "MISSED"
	}
	fmt.Fprintf(w, "\ngoals\n")
	for _, j := range jobsList {
		p, s := sum[config{"parse", j}], sum[config{"scan", j}]
		r := s.seconds / p.seconds
		fmt.Fprintf(w, "  jobs=%d  scan time / parse-only time      = %.2f  (goal ≤ %.1f)  %s\n", j, r, goalScanOverParseTime, met(r <= goalScanOverParseTime))
	}
	for _, j := range jobsList {
		p, s := sum[config{"parse", j}], sum[config{"scan", j}]
		r := float64(s.rssKiB) / float64(p.rssKiB)
		fmt.Fprintf(w, "  jobs=%d  scan peak RSS / parse-only RSS   = %.2f  (goal ≤ %.1f)  %s\n", j, r, goalScanOverParseRSS, met(r <= goalScanOverParseRSS))
	}
	if s1, ok1 := sum[config{"scan", 1}]; ok1 {
		if s2, ok2 := sum[config{"scan", 2}]; ok2 {
			r := s1.seconds / s2.seconds
			fmt.Fprintf(w, "  scan speed-up, 2 workers over 1       = %.2f  (goal ≥ %.1f)  %s\n", r, goalScanSpeedup2, met(r >= goalScanSpeedup2))
			p1, p2 := sum[config{"parse", 1}], sum[config{"parse", 2}]
			fmt.Fprintf(w, "  (parse-only speed-up, 2 over 1        = %.2f, for reference)\n", p1.seconds/p2.seconds)
		}
	}
	if s, ok := sum[config{"scan", jobsList[0]}]; ok {
		var kinds []string
		for k, n := range s.notices {
			kinds = append(kinds, fmt.Sprintf("%s=%d", k, n))
		}
		slices.Sort(kinds)
		fmt.Fprintf(w, "\nscan result (jobs=%d, round 1): %d findings; notices: %s\n", jobsList[0], s.finds, strings.Join(kinds, " "))
	}
}
