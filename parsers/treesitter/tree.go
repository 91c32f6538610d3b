package treesitter

import "iter"

// Tree is a read-only view of a flattened tree and its source with the
// navigation every front-end needs. Accessors accept -1 ("no such node") and
// answer as for an empty node, so lowering code can chain lookups without
// checking each step.
type Tree struct {
	Nodes []Node
	Src   []byte
}

// Next is the index of the first node after i's subtree.
func (t Tree) Next(i int) int {
	if i < 0 {
		return 0
	}
	return int(t.Nodes[i].Next)
}

// Text is i's source text.
func (t Tree) Text(i int) string {
	if i < 0 {
		return ""
	}
	return string(t.Src[t.Nodes[i].Start:t.Nodes[i].End])
}

// IsNamed reports whether i is a named node.
func (t Tree) IsNamed(i int) bool { return i >= 0 && t.Nodes[i].Flags&Named != 0 }

// Kids yields i's direct children in order.
func (t Tree) Kids(i int) iter.Seq[int] {
	return func(yield func(int) bool) {
		if i < 0 {
			return
		}
		for c, end := i+1, t.Next(i); c < end; c = t.Next(c) {
			if !yield(c) {
				return
			}
		}
	}
}

// Child is i's first child with field f, or -1.
func (t Tree) Child(i int, f uint16) int {
	for c := range t.Kids(i) {
		if t.Nodes[c].Field == f {
			return c
		}
	}
	return -1
}

// Children are i's children with field f.
func (t Tree) Children(i int, f uint16) []int {
	var out []int
	for c := range t.Kids(i) {
		if t.Nodes[c].Field == f {
			out = append(out, c)
		}
	}
	return out
}
