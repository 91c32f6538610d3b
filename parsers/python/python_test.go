package python

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/rules"
)

func parse(t *testing.T, name, src string) *facts.File {
	t.Helper()
	fe := New(0)
	defer fe.Close()
	f, err := fe.Parse(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestSyntaxErrorsAreReportedAndTheRestLowered(t *testing.T) {
	f := parse(t, "app.py", "def handler(event, context):\n    x = (\n\ndef other():\n    open('/tmp/x', 'w')\n")
	if len(f.SyntaxErrors) == 0 {
		t.Fatal("no syntax error recorded")
	}
	// Python 2 forms the grammar still reads: lowered like any file.
	f = parse(t, "py2.py", "def handler(event, context):\n    try:\n        print 'x'\n    except Exception, e:\n        open('/tmp/x', 'w')\n")
	if len(f.SyntaxErrors) != 0 || len(f.Functions) != 2 || len(f.Functions[1].Calls) != 1 {
		t.Fatalf("Python 2 file: errors %v, %d functions", f.SyntaxErrors, len(f.Functions))
	}
}

func TestImportsResolveAcrossPackages(t *testing.T) {
	f := parse(t, "src/app/main.py", "from .db import get_conn\nimport pkg.mod\n\ndef handler(event, context):\n    get_conn()\n    pkg.mod.run()\n")
	var got []string
	for _, fn := range f.Functions {
		for _, r := range fn.Refs {
			if r.Kind == facts.ImportRef {
				got = append(got, r.Path+"#"+r.Name)
			}
		}
	}
	want := "src/app/db#get_conn src/app/pkg/mod#run"
	if strings.Join(got, " ") != want {
		t.Fatalf("refs %v, want %s", got, want)
	}
	if c := f.Resolution.Candidates("src/app/db"); strings.Join(c, " ") != "src/app/db src/app/db.py src/app/db/__init__.py" {
		t.Fatalf("candidates %v", c)
	}
}

func TestCalleesAreCanonical(t *testing.T) {
	f := parse(t, "a.py", `import os.path
import boto3
from mysql import connector
s3 = boto3.client("s3")
def handler(event, context):
    os.path.join("/tmp", "x")
    s3.download_file("b", "k", "/tmp/f")
    connector.connect(host="h")
`)
	var got []string
	for _, c := range f.Functions[1].Calls {
		got = append(got, c.Callee.String())
	}
	want := "os.path.join boto3.client.download_file mysql.connector.connect"
	if strings.Join(got, " ") != want {
		t.Fatalf("callees %v, want %s", got, want)
	}
	c := f.Functions[1].Calls[2]
	if v := c.Arg(-1, "host"); v == nil || v.Text != "h" {
		t.Fatalf("keyword argument host: %+v", v)
	}
}

func TestFStringKeepsLiteralPartsApart(t *testing.T) {
	f := parse(t, "a.py", "def handler(event, context):\n    open(f\"/tmp/{context.aws_request_id}.json\", \"w\")\n")
	v := f.Functions[1].Calls[0].Args[0]
	if v.Kind != facts.Template || len(v.Parts) != 3 || v.Parts[0].Text != "/tmp/" || v.Parts[2].Text != ".json" || v.Parts[1].Kind != facts.Member {
		t.Fatalf("f-string lowered as %+v", v)
	}
}

func TestDecode(t *testing.T) {
	latin := []byte("# -*- coding: latin-1 -*-\nx = '\xe9'\n")
	out, err := Decode(latin)
	if err != nil || !strings.Contains(string(out), "é") {
		t.Fatalf("latin-1: %q %v", out, err)
	}
	if _, err := Decode([]byte("# coding: klingon-7\nx = '\xe9'\n")); err == nil || !strings.Contains(err.Error(), "klingon-7") {
		t.Fatalf("unknown encoding: %v", err)
	}
	ascii := []byte("# coding: klingon-7\nx = 1\n")
	if out, err := Decode(ascii); err != nil || string(out) != string(ascii) {
		t.Fatalf("ASCII under an unknown declaration should pass: %v", err)
	}
	if out, _ := Decode([]byte("x = 1\n# coding: latin-1\n")); string(out) != "x = 1\n# coding: latin-1\n" {
		t.Fatal("a coding line after code is not a declaration")
	}
}

// FuzzPython feeds arbitrary bytes through the Python front-end and the
// rules: neither may panic, and positions must stay inside the file.
// Seeds: the Python fixtures and the demo.
func FuzzPython(f *testing.F) {
	for _, dir := range []string{"../../testdata/rules/python", "../../testdata/demo"} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && Handles(p) {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(b)
				}
			}
			return nil
		})
	}
	for _, s := range []string{"", "def", "@app.get(\ndef f(", "f'{", "x = y = z", "global x\nx += 1", "class A:\n def m(self): self.x[1] = 2",
		"from . import *", "import a.b.c as d\nd.e()", "'%s' % (1,)", "'{0}{x}'.format(1, x=2)", "print 'x'", "\xff\xfe"} {
		f.Add([]byte(s))
	}
	fe := New(2_000_000)
	defer fe.Close()
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := fe.Parse("src/app.py", src)
		if err != nil {
			return
		}
		n := len(src)
		check := func(what string, p facts.Pos) {
			if p.Off < 0 || p.EndOff > n || p.Off > p.EndOff {
				t.Fatalf("%s: bad position %+v (file of %d bytes)", what, p, n)
			}
		}
		for _, fn := range file.Functions {
			check("function "+fn.Name, fn.Pos)
			for _, w := range fn.Writes {
				check("write "+w.Path, w.Pos)
				if w.Symbol >= len(file.Symbols) {
					t.Fatalf("write to symbol %d of %d", w.Symbol, len(file.Symbols))
				}
			}
			for _, c := range fn.Calls {
				check("call "+c.Callee.String(), c.Pos)
			}
		}
		p := rules.NewProgram([]*facts.File{file}, nil)
		for _, fd := range rules.Run(p, rules.Options{}) {
			if fd.Location.Line < 1 || fd.Location.Col < 1 {
				t.Fatalf("finding without a position: %+v", fd)
			}
		}
	})
}
