// Package bench measures lmicheck's throughput on a large real corpus.
//
// The corpus folder is given by LMICHECK_CORPUS (build it with bench/corpus.sh);
// without it every benchmark is skipped. Peak memory is measured per process
// by the driver in bench/cmd/lmibench; these benchmarks give MB/s, files/s and,
// with -benchmem, allocations.
package bench

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/scan"
)

func corpus(b *testing.B) string {
	b.Helper()
	dir := os.Getenv("LMICHECK_CORPUS")
	if dir == "" {
		b.Skip("LMICHECK_CORPUS is not set (build a corpus with bench/corpus.sh)")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		b.Skipf("LMICHECK_CORPUS=%s is not a folder (build it with bench/corpus.sh)", dir)
	}
	return dir
}

// size is what the scanner reads from the corpus: the files and bytes of one
// parse-only pass, which walks exactly as a scan does.
var size struct {
	sync.Mutex
	known bool
	stats scan.ParseOnlyStats
}

func setSize(st scan.ParseOnlyStats) {
	size.Lock()
	defer size.Unlock()
	size.known, size.stats = true, st
}

func corpusSize(b *testing.B, dir string) scan.ParseOnlyStats {
	size.Lock()
	defer size.Unlock()
	if !size.known {
		st, err := scan.ParseOnly(context.Background(), scan.Options{Paths: []string{dir}, Root: dir, Jobs: 2})
		if err != nil {
			b.Fatalf("parse-only pass to size the corpus: %v", err)
		}
		size.known, size.stats = true, st
	}
	return size.stats
}

func report(b *testing.B, files, iters int) {
	if s := b.Elapsed().Seconds(); s > 0 && iters > 0 {
		b.ReportMetric(float64(files)*float64(iters)/s, "files/s")
	}
}

// BenchmarkParseOnly is the baseline: walk, read and parse every file, drop the trees.
func BenchmarkParseOnly(b *testing.B) {
	dir := corpus(b)
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			ctx := context.Background()
			opts := scan.Options{Paths: []string{dir}, Root: dir, Jobs: jobs}
			var st scan.ParseOnlyStats
			iters := 0
			for b.Loop() {
				var err error
				st, err = scan.ParseOnly(ctx, opts)
				if err != nil {
					b.Fatal(err)
				}
				iters++
			}
			setSize(st)
			b.SetBytes(st.Bytes)
			report(b, st.Files, iters)
		})
	}
}

// BenchmarkScan is the full pipeline: walk, parse, lower into facts, link, rules.
func BenchmarkScan(b *testing.B) {
	dir := corpus(b)
	for _, jobs := range []int{1, 2} {
		b.Run(fmt.Sprintf("jobs=%d", jobs), func(b *testing.B) {
			ctx := context.Background()
			opts := scan.Options{Paths: []string{dir}, Root: dir, Jobs: jobs}
			st := corpusSize(b, dir) // before b.Loop: not timed
			var res *findings.Result
			iters := 0
			for b.Loop() {
				var err error
				res, err = scan.Run(ctx, opts)
				if err != nil {
					b.Fatal(err)
				}
				iters++
			}
			b.SetBytes(st.Bytes)
			report(b, res.FilesScanned, iters)
			if res.FilesScanned != st.Files {
				b.Logf("scan kept %d files, parse-only %d", res.FilesScanned, st.Files)
			}
			for _, n := range res.Notices {
				if n.Kind == findings.Unparseable {
					b.Logf("unparseable: %s", n.Message)
				}
			}
		})
	}
}
