package treesitter

import (
	"testing"
	"unsafe"
)

func TestNodeLayoutMatchesC(t *testing.T) {
	if got := unsafe.Sizeof(Node{}); got != 20 {
		t.Fatalf("Node is %d bytes, the C record is 20", got)
	}
}

func TestParseFlattensTreeInPreOrder(t *testing.T) {
	p, err := NewParser(JavaScript(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	src := []byte("let a = 1;\nf(a);\n")
	nodes, hasErr, err := p.Parse(src)
	if err != nil || hasErr {
		t.Fatalf("err=%v hasErr=%v", err, hasErr)
	}
	g := p.Grammar()
	if name, _ := g.SymbolName(nodes[0].Sym); name != "program" {
		t.Fatalf("root is %q", name)
	}
	if int(nodes[0].Next) != len(nodes) {
		t.Fatalf("root subtree ends at %d, want %d", nodes[0].Next, len(nodes))
	}
	// Every subtree nests inside its parent and children follow in source order.
	var named []string
	for i, n := range nodes {
		if n.Next <= uint32(i) || int(n.Next) > len(nodes) {
			t.Fatalf("node %d: bad Next %d", i, n.Next)
		}
		if n.Flags&Named != 0 {
			name, _ := g.SymbolName(n.Sym)
			named = append(named, name+":"+string(src[n.Start:n.End]))
		}
	}
	want := []string{"program:let a = 1;\nf(a);\n", "lexical_declaration:let a = 1;", "variable_declarator:a = 1",
		"identifier:a", "number:1", "expression_statement:f(a);", "call_expression:f(a)", "identifier:f", "arguments:(a)", "identifier:a"}
	if len(named) != len(want) {
		t.Fatalf("named nodes %q", named)
	}
	for i := range want {
		if named[i] != want[i] {
			t.Fatalf("node %d = %q, want %q", i, named[i], want[i])
		}
	}
	// Fields are reported.
	found := false
	for _, n := range nodes {
		if g.FieldName(n.Field) == "function" && string(src[n.Start:n.End]) == "f" {
			found = true
		}
	}
	if !found {
		t.Fatal("field 'function' not reported for the callee")
	}
}

func TestParseReportsSyntaxErrors(t *testing.T) {
	p, err := NewParser(TypeScript(), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, src := range []string{"", "const x: number = 1;"} {
		if _, hasErr, err := p.Parse([]byte(src)); err != nil || hasErr {
			t.Fatalf("%q: err=%v hasErr=%v", src, err, hasErr)
		}
	}
	if _, hasErr, _ := p.Parse([]byte("function (((")); !hasErr {
		t.Fatal("syntax error not reported")
	}
}
