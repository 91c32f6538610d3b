package javascript

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/rules"
)

// FuzzFrontEnd feeds arbitrary bytes through every grammar, the lowering and
// the rules: none of them may panic, and positions must stay inside the file.
// Seeds: every fixture under testdata/rules and testdata/demo.
func FuzzFrontEnd(f *testing.F) {
	for _, dir := range []string{"../../testdata/rules", "../../testdata/demo"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && Handles(p) {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(b)
				}
			}
			return nil
		})
	}
	for _, s := range []string{"", "(", "`${", "class { #x = 1 }", "export default async function(e,c,cb){cb()}",
		"let a; a ??= new Map(); exports.handler = async () => { a.set(1, await b) }", "\xff\xfe", "import x from"} {
		f.Add([]byte(s))
	}
	fe := New(2_000_000)
	defer fe.Close()
	f.Fuzz(func(t *testing.T, src []byte) {
		var files []*facts.File
		for _, name := range []string{"src/a.js", "src/b.ts", "src/c.tsx"} {
			file, err := fe.Parse(name, src)
			if err != nil {
				continue
			}
			checkPositions(t, file, len(src))
			files = append(files, file)
		}
		p := rules.NewProgram(files, nil)
		for _, fd := range rules.Run(p, rules.Options{}) {
			if fd.Location.Line < 1 || fd.Location.Col < 1 {
				t.Fatalf("finding without a position: %+v", fd)
			}
		}
	})
}

func checkPositions(t *testing.T, f *facts.File, n int) {
	t.Helper()
	check := func(what string, p facts.Pos) {
		if p.Off < 0 || p.EndOff > n || p.Off > p.EndOff || (p.Line == 0) != (p.EndLine == 0) {
			t.Fatalf("%s: bad position %+v (file of %d bytes)", what, p, n)
		}
	}
	for _, fn := range f.Functions {
		check("function "+fn.Name, fn.Pos)
		for _, w := range fn.Writes {
			check("write "+w.Path, w.Pos)
			if w.Symbol >= len(f.Symbols) {
				t.Fatalf("write to symbol %d of %d", w.Symbol, len(f.Symbols))
			}
		}
		for _, c := range fn.Calls {
			check("call "+c.Callee.String(), c.Pos)
		}
		if fn.Parent >= len(f.Functions) {
			t.Fatalf("parent %d of %d", fn.Parent, len(f.Functions))
		}
	}
	for _, c := range f.Comments {
		if !strings.Contains(c.Text, "lmicheck") {
			t.Fatalf("comment kept that does not mention lmicheck: %q", c.Text)
		}
	}
}
