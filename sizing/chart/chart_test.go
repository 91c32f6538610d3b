package chart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lmicheck/lmicheck/sizing"
)

func costs() (lmi, lambda func(float64) float64) {
	lmi = func(r float64) float64 { return sizing.LMIMonthly(3, 0.145, r, 0).Total() }
	lambda = func(r float64) float64 { return sizing.LambdaMonthly(r, 100*time.Millisecond, 1024, "arm64", 0) }
	return
}

func TestWriteSVGAndPNG(t *testing.T) {
	lmi, lambda := costs()
	dir := t.TempDir()
	for _, name := range []string{"cost.svg", "cost.png"} {
		path := filepath.Join(dir, name)
		if err := Write(path, lmi, lambda, 1e6, 1e10, Options{BreakEven: 2.74e8}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil || len(b) < 1000 {
			t.Fatalf("%s: %d bytes, %v", name, len(b), err)
		}
		if name == "cost.svg" && (!strings.Contains(string(b), "<svg") || !strings.Contains(string(b), "Lambda")) {
			t.Errorf("svg lacks content")
		}
		if name == "cost.png" && string(b[1:4]) != "PNG" {
			t.Errorf("not a PNG")
		}
	}
}

func TestWriteErrors(t *testing.T) {
	lmi, lambda := costs()
	dir := t.TempDir()
	for _, c := range []struct {
		path     string
		from, to float64
		want     string
	}{
		{filepath.Join(dir, "missing", "dir", "cost.svg"), 1, 1e9, "writing"},
		{filepath.Join(dir, "cost.txt"), 1, 1e9, ".svg or .png"},
		{filepath.Join(dir, "cost.svg"), 0, 1e9, "0 < from < to"},
		{filepath.Join(dir, "cost.svg"), 1e9, 1e6, "0 < from < to"},
	} {
		if err := Write(c.path, lmi, lambda, c.from, c.to, Options{}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %g..%g: %v, want %q", c.path, c.from, c.to, err, c.want)
		}
	}
	if err := Write(filepath.Join(dir, "x.svg"), nil, lambda, 1, 10, Options{}); err == nil {
		t.Error("nil function accepted")
	}
}
