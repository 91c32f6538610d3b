package java

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/facts"
)

func parse(t *testing.T, path, src string) *facts.File {
	t.Helper()
	fe := New(0)
	defer fe.Close()
	f, err := fe.Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestSyntaxErrorsAreReportedAndTheRestLowered(t *testing.T) {
	f := parse(t, "src/A.java", "package a;\nclass A { void m( { int x = ; }\n  static int n;\n  void ok() { n++; }\n}\n")
	if len(f.SyntaxErrors) == 0 {
		t.Fatal("no syntax error reported")
	}
	found := false
	for _, fn := range f.Functions {
		if fn.Name == "A.ok" && len(fn.Writes) == 1 {
			found = true
		}
	}
	if !found {
		t.Fatalf("the valid method after the error was not lowered: %+v", f.Functions)
	}
}

func TestModernSyntaxParsesCleanly(t *testing.T) {
	src := `package a;
sealed interface S permits R, Q {}
record R(int x) implements S {}
final class Q implements S {}
class T<K extends Comparable<? super K>, V> {
  static final String Q = """
      text "block"
      """;
  Object m(Object o) {
    return switch (o) { case R(var x) when x > 1 -> x; default -> o; };
  }
}
`
	f := parse(t, "a/T.java", src)
	if len(f.SyntaxErrors) != 0 {
		t.Fatalf("syntax errors in valid Java 21: %v", f.SyntaxErrors)
	}
	var q *facts.Symbol
	for i := range f.Symbols {
		if f.Symbols[i].Name == "T.Q" {
			q = &f.Symbols[i]
		}
	}
	if q == nil || q.Init == nil || q.Init.Kind != facts.String || !strings.Contains(q.Init.Text, `text "block"`) {
		t.Fatalf("text block constant: %+v", q)
	}
}

func TestTypesResolveThroughImportsAndPackages(t *testing.T) {
	src := `package com.acme.fn;
import com.acme.util.Totals;
import java.sql.DriverManager;
import java.util.*;
public class H implements com.amazonaws.services.lambda.runtime.RequestHandler<String, String> {
  private final Totals totals = new Totals();
  private static final Map<String, String> m = new HashMap<>();
  public String handleRequest(String in, Object ctx) {
    totals.add(1);
    Helper.run();
    DriverManager.getConnection("x");
    return in;
  }
}
`
	f := parse(t, "svc/src/main/java/com/acme/fn/H.java", src)
	if len(f.Classes) != 1 || f.Classes[0].Entry != "handleRequest" || !f.Classes[0].Shared {
		t.Fatalf("handler class: %+v", f.Classes)
	}
	var h *facts.Function
	for i := range f.Functions {
		if f.Functions[i].Name == "H.handleRequest" {
			h = &f.Functions[i]
		}
	}
	if h == nil {
		t.Fatal("no handleRequest")
	}
	refs := map[string]bool{}
	for _, r := range h.Refs {
		refs[r.Path+"#"+r.Name] = true
	}
	for _, want := range []string{
		"svc/src/main/java/com/acme/util/Totals#Totals::add",
		"svc/src/main/java/com/acme/fn/Helper#Helper::run",
	} {
		if !refs[want] {
			t.Errorf("missing ref %s in %v", want, refs)
		}
	}
	callees := map[string]bool{}
	for _, c := range h.Calls {
		callees[c.Callee.String()] = true
	}
	if !callees["java.sql.DriverManager.getConnection"] {
		t.Errorf("callees %v", callees)
	}
	for _, s := range f.Symbols {
		if s.Name == "H.m" && (s.Init == nil || s.Init.Callee == nil || s.Init.Callee.Module != "java.util" || s.Init.Callee.Name != "HashMap") {
			t.Errorf("wildcard import: %+v", s.Init)
		}
	}
}

func TestSuppressWarningsCoversTheDeclaration(t *testing.T) {
	f := parse(t, "A.java", "class A {\n  @SuppressWarnings(\"lmicheck:LMI001\")\n  void m() {\n    x++;\n  }\n}\n")
	if len(f.Comments) != 1 || f.Comments[0].Scope.Line != 2 || f.Comments[0].Scope.EndLine != 5 ||
		!strings.HasPrefix(f.Comments[0].Text, "lmicheck:ignore LMI001 --") {
		t.Fatalf("comments %+v", f.Comments)
	}
}

func FuzzJava(f *testing.F) {
	for _, dir := range []string{"../../testdata/rules/java", "../../testdata/demo"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && Handles(p) {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(b)
				}
			}
			return nil
		})
	}
	for _, s := range []string{"", "class", "class A extends {", "class A { void m() { this.x.y[1] = 2; } }",
		"import static a.B.*; class C { { setProperty(\"a\", \"b\"); } }", "record R(int x) { R { x = 1; } }",
		"class A { Object o = new Object() { void m() { o = null; } }; }", "\"\"\"", "@SuppressWarnings(\"lmicheck:\") class A {}"} {
		f.Add([]byte(s))
	}
	fe := New(2_000_000)
	defer fe.Close()
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := fe.Parse("src/main/java/a/A.java", src)
		if err != nil {
			return
		}
		n := len(src)
		check := func(what string, p facts.Pos) {
			if p.Off < 0 || p.EndOff > n || p.Off > p.EndOff {
				t.Fatalf("%s: bad position %+v (file of %d bytes)", what, p, n)
			}
		}
		for i, fn := range file.Functions {
			check("function", fn.Pos)
			if fn.Parent >= len(file.Functions) || (i > 0 && fn.Parent == i) {
				t.Fatalf("function %d: bad parent %d", i, fn.Parent)
			}
			for _, w := range fn.Writes {
				check("write", w.Pos)
				if w.Symbol >= len(file.Symbols) {
					t.Fatalf("write to symbol %d of %d", w.Symbol, len(file.Symbols))
				}
			}
			for _, c := range fn.Calls {
				check("call", c.Pos)
				if c.Func >= len(file.Functions) || c.Receiver >= len(file.Symbols) || c.AssignedTo >= len(file.Symbols) {
					t.Fatalf("call %+v out of range", c)
				}
			}
			for _, r := range fn.Refs {
				if r.Kind == facts.FuncRef && (r.Index < 0 || r.Index >= len(file.Functions)) {
					t.Fatalf("ref %+v out of range", r)
				}
			}
		}
		for _, e := range file.Exports {
			if e.Direct >= len(file.Functions) {
				t.Fatalf("export %+v out of range", e)
			}
		}
	})
}
