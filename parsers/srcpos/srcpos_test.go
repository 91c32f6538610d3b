package srcpos

import "testing"

func TestLineColCountsUTF16(t *testing.T) {
	src := []byte("ab\nx€y😀z\n")
	x := New(src)
	cases := []struct{ off, line, col int }{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {4, 2, 2}, // € is 3 bytes, 1 unit
		{7, 2, 3}, {8, 2, 4}, // 😀 is 4 bytes, 2 units
		{12, 2, 6}, {14, 3, 1},
	}
	for _, c := range cases {
		if l, col := x.LineCol(c.off); l != c.line || col != c.col {
			t.Errorf("off %d: %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
	if !x.OnlySpaceBefore(3) || x.OnlySpaceBefore(4) {
		t.Error("OnlySpaceBefore")
	}
}
