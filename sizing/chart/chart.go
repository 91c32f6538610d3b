// Package chart draws monthly cost against requests per month, LMI beside
// Lambda, with gonum.org/v1/plot: a maintained pure-Go plotting library that
// writes SVG, PNG and PDF without cgo or a browser, and has logarithmic axes.
package chart

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Options shape the chart; the zero value is a usable chart.
type Options struct {
	Title string
	// BreakEven, when above 0 and inside the range, is marked with a
	// vertical line.
	BreakEven float64
	// Samples per curve (0: 200), spaced evenly on the log scale.
	Samples int
	// Width and Height in inches (0: 8 × 5).
	Width, Height float64
}

// Write draws lmi and lambda (USD per month as a function of requests per
// month) over [from, to] requests on a log-scaled x axis and writes the
// chart to path; the extension chooses the format: .svg, .png (or .pdf,
// .eps, .jpg, .tif).
func Write(path string, lmi, lambda func(requestsPerMonth float64) float64, from, to float64, o Options) error {
	if lmi == nil || lambda == nil {
		return errors.New("chart: both cost functions are needed")
	}
	if !(from > 0) || !(to > from) || math.IsInf(to, 0) {
		return fmt.Errorf("chart: the requests range must satisfy 0 < from < to (got %g to %g)", from, to)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg", ".png", ".pdf", ".eps", ".jpg", ".jpeg", ".tif", ".tiff":
	default:
		return fmt.Errorf("chart: %q: the file name must end in .svg or .png (or .pdf, .eps, .jpg, .tif)", path)
	}
	n := o.Samples
	if n < 2 {
		n = 200
	}
	p := plot.New()
	p.Title.Text = o.Title
	if p.Title.Text == "" {
		p.Title.Text = "Monthly cost: Lambda Managed Instances vs Lambda"
	}
	p.X.Label.Text = "requests per month"
	p.Y.Label.Text = "USD per month"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	p.Legend.Left = true

	top := 0.0
	for i, c := range []struct {
		name  string
		f     func(float64) float64
		color color.Color
	}{
		{"LMI", lmi, color.RGBA{R: 0xd9, G: 0x5f, B: 0x02, A: 0xff}},
		{"Lambda", lambda, color.RGBA{R: 0x1b, G: 0x9e, B: 0x77, A: 0xff}},
	} {
		pts := make(plotter.XYs, n)
		for k := range pts {
			x := from * math.Pow(to/from, float64(k)/float64(n-1))
			y := c.f(x)
			if math.IsNaN(y) || math.IsInf(y, 0) {
				return fmt.Errorf("chart: %s cost at %g requests is not a number", c.name, x)
			}
			pts[k] = plotter.XY{X: x, Y: y}
			top = math.Max(top, y)
		}
		line, err := plotter.NewLine(pts)
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		line.Color = c.color
		line.Width = vg.Points(2)
		if i == 1 {
			line.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
		}
		p.Add(line)
		p.Legend.Add(c.name, line)
	}
	if b := o.BreakEven; b >= from && b <= to {
		mark, err := plotter.NewLine(plotter.XYs{{X: b, Y: 0}, {X: b, Y: top}})
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		mark.Color = color.Gray{Y: 0x80}
		mark.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
		p.Add(mark)
		p.Legend.Add(fmt.Sprintf("break-even %.3g", b), mark)
	}
	p.Y.Min = 0
	w, h := o.Width, o.Height
	if w <= 0 {
		w = 8
	}
	if h <= 0 {
		h = 5
	}
	if err := p.Save(vg.Length(w)*vg.Inch, vg.Length(h)*vg.Inch, path); err != nil {
		return fmt.Errorf("chart: writing %s: %w", path, err)
	}
	return nil
}
