// Package srcpos turns byte offsets into the positions findings carry: 1-based
// lines and 1-based columns in UTF-16 code units (what SARIF, GitHub annotations
// and editors count).
package srcpos

import (
	"sort"
	"unicode/utf8"

	"github.com/lmicheck/lmicheck/facts"
)

// Index maps offsets of one source text to lines and columns.
type Index struct {
	src        []byte
	lineStarts []int
	// Positions are asked for mostly in source order: remember the last line.
	last int
}

// New indexes src. It keeps a reference to src.
func New(src []byte) *Index {
	starts := make([]int, 1, 64)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Index{src: src, lineStarts: starts}
}

// Lines is the number of lines.
func (x *Index) Lines() int { return len(x.lineStarts) }

// LineCol returns the 1-based line and UTF-16 column of a byte offset.
func (x *Index) LineCol(off int) (line, col int) {
	off = min(max(off, 0), len(x.src))
	l := x.last
	if !(x.lineStarts[l] <= off && (l+1 == len(x.lineStarts) || off < x.lineStarts[l+1])) {
		l = sort.Search(len(x.lineStarts), func(i int) bool { return x.lineStarts[i] > off }) - 1
		x.last = l
	}
	start := x.lineStarts[l]
	col = 1
	for i := start; i < off; {
		c := x.src[i]
		if c < utf8.RuneSelf {
			col++
			i++
			continue
		}
		r, size := utf8.DecodeRune(x.src[i:off])
		if r >= 0x10000 {
			col += 2
		} else {
			col++
		}
		i += size
	}
	return l + 1, col
}

// Pos returns the position of the byte range [start, end).
func (x *Index) Pos(start, end int) facts.Pos {
	l, c := x.LineCol(start)
	el, ec := x.LineCol(end)
	return facts.Pos{Line: l, Col: c, EndLine: el, EndCol: ec, Off: start, EndOff: end}
}

// LineStart returns the byte offset where the line holding off begins.
func (x *Index) LineStart(off int) int {
	l := sort.Search(len(x.lineStarts), func(i int) bool { return x.lineStarts[i] > off }) - 1
	return x.lineStarts[max(l, 0)]
}

// OnlySpaceBefore reports whether the line holding off has only blanks before it.
func (x *Index) OnlySpaceBefore(off int) bool {
	for i := x.LineStart(off); i < off && i < len(x.src); i++ {
		if x.src[i] != ' ' && x.src[i] != '\t' {
			return false
		}
	}
	return true
}
