package treesitter

import (
	"fmt"
	"strings"
)

// Dump renders nodes as an indented outline with field names and, for leaves,
// their text: a debugging aid for writing front-ends.
func Dump(g *Grammar, nodes []Node, src []byte) string {
	var b strings.Builder
	var ends []uint32
	for i, n := range nodes {
		for len(ends) > 0 && uint32(i) >= ends[len(ends)-1] {
			ends = ends[:len(ends)-1]
		}
		name, named := g.SymbolName(n.Sym)
		if !named && n.Next == uint32(i+1) {
			ends = append(ends, n.Next)
			continue
		}
		b.WriteString(strings.Repeat("  ", len(ends)))
		if f := g.FieldName(n.Field); f != "" {
			b.WriteString(f + ": ")
		}
		b.WriteString(name)
		if n.Next == uint32(i+1) {
			fmt.Fprintf(&b, " %q", src[n.Start:n.End])
		}
		b.WriteByte('\n')
		ends = append(ends, n.Next)
	}
	return b.String()
}
