package treesitter

import (
	"slices"
	"testing"
)

func TestTreeNavigation(t *testing.T) {
	// (root (a:1 "x") (b:2 "y" (c:1 "z")))  over the source "x y z"
	tr := Tree{Src: []byte("x y z"), Nodes: []Node{
		{Start: 0, End: 5, Next: 4, Flags: Named},
		{Start: 0, End: 1, Next: 2, Field: 1, Flags: Named},
		{Start: 2, End: 5, Next: 4, Field: 2},
		{Start: 4, End: 5, Next: 4, Field: 1, Flags: Named},
	}}
	if kids := slices.Collect(tr.Kids(0)); !slices.Equal(kids, []int{1, 2}) {
		t.Errorf("kids %v (grandchildren are skipped)", kids)
	}
	if tr.Child(0, 2) != 2 || tr.Child(0, 3) != -1 || tr.Child(-1, 1) != -1 {
		t.Error("Child")
	}
	if c := tr.Children(0, 1); !slices.Equal(c, []int{1}) {
		t.Errorf("Children %v", c)
	}
	if tr.Text(2) != "y z" || tr.Text(-1) != "" || !tr.IsNamed(1) || tr.IsNamed(2) || tr.IsNamed(-1) || tr.Next(-1) != 0 {
		t.Error("Text/IsNamed/Next")
	}
}
