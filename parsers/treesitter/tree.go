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

// LazyParser makes its Parser on first use and keeps it: a front-end worker
// holds one per grammar. Not safe for concurrent use.
type LazyParser struct {
	TimeoutMicros uint64
	p             *Parser
}

// Get returns the parser for g, making it the first time.
func (l *LazyParser) Get(g *Grammar) (*Parser, error) {
	if l.p == nil {
		p, err := NewParser(g, l.TimeoutMicros)
		if err != nil {
			return nil, err
		}
		l.p = p
	}
	return l.p, nil
}

// Close frees the parser, if one was made.
func (l *LazyParser) Close() {
	if l.p != nil {
		l.p.Close()
		l.p = nil
	}
}

// KindTable maps each of g's named symbols to a front-end's own kind by
// name; anonymous and unlisted symbols get K's zero value.
func KindTable[K any](g *Grammar, names map[string]K) []K {
	kinds := make([]K, g.SymbolCount())
	for i := range kinds {
		if name, named := g.SymbolName(uint16(i)); named {
			kinds[i] = names[name]
		}
	}
	return kinds
}

// BindFields sets each *id to the id of the field of that name; a field the
// grammar lacks gets 0xFFFF, so it never matches "no field" (0).
func (g *Grammar) BindFields(ids map[string]*uint16) {
	for _, p := range ids {
		*p = 0xFFFF
	}
	for id := 1; id <= g.FieldCount(); id++ {
		if p := ids[g.FieldName(uint16(id))]; p != nil {
			*p = uint16(id)
		}
	}
}
