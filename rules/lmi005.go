package rules

import (
	"fmt"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

func hardcodedTmpPath() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI005",
			Name:    "hardcoded-tmp-path",
			Summary: "A fixed path under /tmp is used while handling a request.",
			Description: "/tmp belongs to the execution environment, and on LMI every invocation running in it at the " +
				"same time shares it — in every runtime, Python's separate processes included. Two requests writing " +
				"`/tmp/report.pdf` overwrite each other's file, one deletes the file the other is reading, and a " +
				"request can send another caller's data. A path counts as fixed when nothing in it differs per " +
				"request: literals, constants, module-level values, os.tmpdir() and path.join of those. " +
				"Reading a fixed path is reported only when requests also write or delete it (a file unpacked " +
				"at init and read per request is safe), and creating a shared folder is not reported. Use under a " +
				"lock every invocation takes is not reported: an inter-process file lock (fcntl.flock, filelock's " +
				"FileLock) on Python, whose concurrent invocations are processes; synchronized or a Lock in Java, " +
				"whose concurrent invocations are threads of one JVM.",
			Fix: "Make the name unique per request — a temporary directory from mkdtemp, or the request id or a UUID in " +
				"the name — and delete it when the request ends.",
			Severity: everyRuntime(findings.Warning),
			Examples: []findings.Example{{Runtime: "nodejs",
				Bad: `export const handler = async (event) => {
  await fs.promises.writeFile('/tmp/report.pdf', await render(event));
};`,
				Good: `export const handler = async (event, context) => {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'report-'));
  try {
    await fs.promises.writeFile(path.join(dir, 'report.pdf'), await render(event));
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
};`}},
		},
		check: func(ps *pass) {
			// Reading a fixed file is a race only when invocations also write it
			// (a model unpacked at init and read per request is fine).
			written := map[string]bool{}
			ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
				for ci := range f.Functions[id.Func].Calls {
					c := &f.Functions[id.Func].Calls[ci]
					if c.Locked {
						continue // serialised: see below
					}
					if op, ok := argCallForCall(c, k.FileOps); ok && op.writes(c) {
						for _, a := range pathArgs(op, c) {
							if p, ok := ps.p.evalPath(id.File, a, k).fixedTmp(); ok {
								written[p] = true
							}
						}
					}
				}
			})
			ps.reachedFunctions(func(id FuncID, f *facts.File, k *Knowledge, h Handler) {
				fn := &f.Functions[id.Func]
				for ci := range fn.Calls {
					c := &fn.Calls[ci]
					if c.Locked {
						// Under a lock every concurrent invocation takes: an
						// inter-process file lock (fcntl.flock, FileLock) on
						// Python, whose invocations are processes; synchronized
						// or a Lock on Java, whose invocations are threads of
						// one JVM. The lock file itself is opened here too.
						continue
					}
					if op, ok := argCallForCall(c, k.FileOps); ok {
						w := op.writes(c)
						for _, a := range pathArgs(op, c) {
							ev := ps.p.evalPath(id.File, a, k)
							if p, ok := ev.fixedTmp(); ok && (w || written[p]) {
								ps.reportTmp(id, *c, a, p, w, false)
							}
						}
						continue
					}
					if op, ok := argCallForCall(c, k.Shell); ok {
						for _, a := range pathArgs(op, c) {
							ev := ps.p.evalPath(id.File, a, k)
							if p, ok := ev.tmpInCommand(); ok {
								ps.reportTmp(id, *c, a, p, true, true)
								break
							}
						}
					}
				}
			})
		},
	}
}

// pathArgs returns the values a file or shell row names in a call: its
// arguments, or the receiver for methods of a path object.
func pathArgs(op ArgCall, c *facts.Call) []*facts.Value {
	if op.OnReceiver {
		if c.Object != nil {
			return []*facts.Value{c.Object}
		}
		return nil
	}
	if op.Joined {
		// The arguments are segments of one path.
		j := &facts.Value{Kind: facts.Concat, Pos: c.Pos}
		for i, a := range c.Args {
			if i > 0 {
				j.Parts = append(j.Parts, &facts.Value{Kind: facts.String, Text: "/"})
			}
			j.Parts = append(j.Parts, a)
		}
		if len(c.Args) > 0 {
			j.Pos = c.Args[0].Pos
		}
		return []*facts.Value{j}
	}
	var out []*facts.Value
	for k := range op.Args {
		if a := op.arg(c, k); a != nil {
			out = append(out, a)
		}
	}
	return out
}

func (ps *pass) reportTmp(id FuncID, c facts.Call, arg *facts.Value, path string, write, shell bool) {
	pos := arg.Pos
	if pos.Line == 0 {
		pos = c.Pos
	}
	use := "reads"
	if write {
		use = "writes"
	}
	if shell {
		use = "runs a command on"
	}
	ps.report(finding{
		id: id, pos: pos, key: c.Callee.String() + "\x00" + path,
		anchor: c.Pos.Line, // a suppression above a multi-line call applies
		message: fmt.Sprintf("%s %s the fixed path `%s`: /tmp is shared by every invocation running in this execution "+
			"environment, so concurrent requests overwrite or delete each other's file. Use a per-request name "+
			"(mkdtemp, the request id or a UUID) and clean it up.", c.Callee.String(), use, path),
	})
}

// pathPart is one piece of an evaluated path: literal text, or a value that
// differs per request (dynamic), or one that is the same for every request
// but unknown (a module-level value).
type pathPart struct {
	text    string
	dynamic bool
	shared  bool
}

type pathValue []pathPart

// evalPath renders a value into path parts.
func (p *Program) evalPath(fi int, v *facts.Value, k *Knowledge) pathValue {
	var out pathValue
	var walk func(v *facts.Value, depth int)
	walk = func(v *facts.Value, depth int) {
		if v == nil || depth > 16 {
			out = append(out, pathPart{dynamic: true})
			return
		}
		switch v.Kind {
		case facts.String, facts.Number:
			out = append(out, pathPart{text: v.Text})
		case facts.Template, facts.Concat:
			for _, part := range v.Parts {
				walk(part, depth+1)
			}
		case facts.Array:
			// An argument vector (subprocess.run(["tar", "-xf", path])): its
			// words, space-separated, as a command line.
			for i, part := range v.Parts {
				if i > 0 {
					out = append(out, pathPart{text: " "})
				}
				walk(part, depth+1)
			}
			if len(v.Parts) == 0 {
				out = append(out, pathPart{dynamic: true})
			}
		case facts.CallV:
			if v.Callee != nil && calleeIn(*v.Callee, k.TempDir) {
				if want, ok := k.TempDirArg[*v.Callee]; ok {
					if len(v.Parts) == 0 || v.Parts[0] == nil || v.Parts[0].Kind != facts.String || v.Parts[0].Text != want {
						out = append(out, pathPart{dynamic: true})
						return
					}
				}
				out = append(out, pathPart{text: "/tmp"})
				return
			}
			if v.Callee != nil && calleeIn(*v.Callee, k.PathJoin) {
				for i, part := range v.Parts {
					if i > 0 {
						out = append(out, pathPart{text: "/"})
					}
					walk(part, depth+1)
				}
				return
			}
			out = append(out, pathPart{dynamic: true})
		case facts.SymbolV:
			f := p.Files[fi]
			if v.Symbol >= 0 && v.Symbol < len(f.Symbols) {
				s := f.Symbols[v.Symbol]
				if s.Init != nil && (s.Init.Kind == facts.String || s.Init.Kind == facts.Template || s.Init.Kind == facts.Concat) && !s.Reassignable {
					walk(s.Init, depth+1)
					return
				}
				out = append(out, pathPart{text: "${" + s.Name + "}", shared: true})
				return
			}
			out = append(out, pathPart{dynamic: true})
		default:
			out = append(out, pathPart{dynamic: true})
		}
	}
	walk(v, 0)
	return out
}

// render joins parts, collapsing the doubled slashes path.join would.
func (pv pathValue) render() string {
	var b strings.Builder
	for _, p := range pv {
		b.WriteString(p.text)
	}
	s := b.String()
	for strings.Contains(s, "//") {
		s = strings.ReplaceAll(s, "//", "/")
	}
	return s
}

// fixedTmp returns the path when it is a file under /tmp that is the same for
// every request.
func (pv pathValue) fixedTmp() (string, bool) {
	for _, p := range pv {
		if p.dynamic {
			return "", false
		}
	}
	s := pv.render()
	if !strings.HasPrefix(s, "/tmp/") || len(strings.Trim(s[len("/tmp/"):], "/")) == 0 {
		return "", false
	}
	return s, true
}

// tmpInCommand finds a fixed /tmp path inside a command line: a /tmp/… word
// whose characters are all literal.
func (pv pathValue) tmpInCommand() (string, bool) {
	for i, p := range pv {
		if p.dynamic || p.shared {
			continue
		}
		t := p.text
		for {
			j := strings.Index(t, "/tmp/")
			if j < 0 {
				break
			}
			end := j + len("/tmp/")
			for end < len(t) && !strings.ContainsRune(" \t\n'\";|&<>()", rune(t[end])) {
				end++
			}
			word := t[j:end]
			// The word continues into the next part: not fixed unless that part
			// is literal too (rare; be conservative).
			continues := end == len(t) && i+1 < len(pv)
			if !continues && len(word) > len("/tmp/") {
				return word, true
			}
			t = t[end:]
		}
	}
	return "", false
}
