// Package scan finds the files and functions to check, runs the front-ends on
// a pool of workers, links the program, runs the rules and applies
// suppressions. It knows nothing of output formats.
package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/parsers"
	"github.com/lmicheck/lmicheck/parsers/treesitter"
	"github.com/lmicheck/lmicheck/rules"
)

// DefaultMaxFileSize is the size above which a source file is skipped.
const DefaultMaxFileSize = 1 << 20

// DefaultFullFactsBytes is how many bytes of source (in walk order) a scan
// keeps the full facts of while parsing; see Options.FullFactsBytes.
const DefaultFullFactsBytes = 1 << 20

// parseTimeoutMicros bounds the time tree-sitter may spend on one file.
const parseTimeoutMicros = 20_000_000

// Options control a scan.
type Options struct {
	// Paths to scan: folders or files. Empty means ".".
	Paths []string
	// Config, if any (from --config or discovered).
	Config *Config
	// Jobs is the number of parser workers (0: one per CPU).
	Jobs int
	// Root: findings' paths are relative to it (default: the working directory
	// when every path is inside it, else the paths' common folder).
	Root string
	// TargetLMI: a migration audit — also report what functions not yet on
	// Lambda Managed Instances would need (at note level).
	TargetLMI bool
	// FullFactsBytes bounds memory on large trees: the files read after this
	// many bytes of source keep only their link facts (rules.LinkFacts) while
	// the rest is parsed, and those the rules need (rules.NeedFullFacts: what
	// a handler reaches) are read again. Findings do not depend on it.
	// 0: DefaultFullFactsBytes; negative: every file keeps link facts only.
	FullFactsBytes int64
}

// UsageError is an error in what the user asked for (exit code 2).
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Run scans and checks. A returned error is a usage or configuration problem;
// problems with individual files are notices in the result.
func Run(ctx context.Context, opts Options) (*findings.Result, error) {
	out, err := Scan(ctx, opts)
	if err != nil {
		return nil, err
	}
	return out.Result, nil
}

// Outcome is a scan's result with the deployments it read (for sizing).
type Outcome struct {
	Result      *findings.Result
	Deployments []facts.Deployment
}

// Scan is Run, also returning the functions and capacity providers the
// templates declare.
func Scan(ctx context.Context, opts Options) (*Outcome, error) {
	root, abs, cfg, w, err := prepare(opts)
	if err != nil {
		return nil, err
	}
	res := &findings.Result{Root: root, Notices: w.notices}
	if len(w.sources) == 0 && len(w.templates) == 0 && len(w.manifests) == 0 {
		res.Notices = append(res.Notices, findings.Notice{
			Kind: findings.NoSourceFiles, Location: findings.Location{Path: relOrAbs(root, abs[0])},
			Message: "no JavaScript, TypeScript, Python or Java files to check here (after .gitignore, default and configured excludes)",
		})
	}

	// Templates: the functions and capacity providers they declare.
	deployments := readTemplates(root, w.templates, res)
	budget := opts.FullFactsBytes
	if budget == 0 {
		budget = DefaultFullFactsBytes
	}
	files, linkOnly, notices := parseAll(ctx, root, w.sources, opts.Jobs, maxSize(cfg), budget)
	res.Notices = append(res.Notices, notices...)
	res.FilesScanned = len(files)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	for _, f := range files {
		if f.Deployment != nil {
			deployments = append(deployments, *f.Deployment)
		}
	}
	linkTerraform(deployments)
	deployments = preferSource(deployments)
	var lambdas []facts.LambdaFunction
	for _, d := range deployments {
		lambdas = append(lambdas, d.Functions...)
	}
	prog := rules.NewProgram(files, lambdas)
	if len(linkOnly) > 0 {
		// Read again, in full, the files whose link facts alone the rules
		// cannot check, and link again: the handlers and what they reach are
		// the same, as link facts hold all that linking reads.
		var rels []string
		for _, fi := range prog.NeedFullFacts() {
			if linkOnly[prog.Files[fi]] {
				rels = append(rels, prog.Files[fi].Path)
			}
		}
		if len(rels) > 0 {
			full, _, _ := parseAll(ctx, root, rels, opts.Jobs, maxSize(cfg), math.MaxInt64)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			byPath := make(map[string]*facts.File, len(full))
			for _, f := range full {
				byPath[f.Path] = f
			}
			for i, f := range prog.Files {
				if g := byPath[f.Path]; g != nil {
					prog.Files[i] = g
				}
			}
			for _, rel := range rels {
				if byPath[rel] == nil {
					// Changed or unreadable between the two reads: say so
					// rather than check it from link facts alone.
					res.Notices = append(res.Notices, notice(findings.Unreadable, rel, 0,
						fmt.Sprintf("%s: could not be read again for checking (changed during the scan?); its code was not checked", rel), true))
				}
			}
			prog = rules.NewProgram(prog.Files, lambdas)
		}
	}
	prog.Deployments = deployments
	var mnotices []findings.Notice
	prog.Manifests, mnotices = readManifests(root, w.manifests, maxSize(cfg))
	res.Notices = append(res.Notices, mnotices...)
	res.Notices = append(res.Notices, unresolvedHandlers(prog, lambdas)...)
	for _, h := range prog.Handlers {
		res.Handlers = append(res.Handlers, h.Name)
	}
	ropts := rules.Options{Severity: map[string]findings.Severity{}, Disabled: map[string]bool{}, TargetLMI: opts.TargetLMI}
	for id, v := range cfg.Rules {
		sev, _ := findings.ParseSeverity(v)
		id = strings.ToUpper(id)
		if info, ok := rules.Lookup(id); ok {
			id = info.ID
		}
		if sev == findings.None {
			ropts.Disabled[id] = true
		} else {
			ropts.Severity[id] = sev
		}
	}
	all := rules.Run(prog, ropts)
	res.Findings, res.Suppressed = applySuppressions(commentedFiles(prog.Files, prog.Deployments, prog.Manifests), all, ropts)
	res.Rules = rules.Infos()
	findings.Sort(res.Findings)
	findings.SortNotices(res.Notices)
	return &Outcome{Result: res, Deployments: prog.Deployments}, nil
}

// prepare resolves the paths and the root and walks them.
func prepare(opts Options) (root string, abs []string, cfg *Config, w *walker, err error) {
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			return "", nil, nil, nil, &UsageError{err}
		}
		st, err := os.Lstat(a)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return "", nil, nil, nil, &UsageError{fmt.Errorf("%s: no such file or folder", p)}
			}
			return "", nil, nil, nil, &UsageError{fmt.Errorf("%s: %v", p, err)}
		}
		if st.Mode()&fs.ModeSymlink != 0 {
			// A link the user names defines what to scan; links met while
			// walking are never followed out of the tree.
			if a, err = filepath.EvalSymlinks(a); err != nil {
				return "", nil, nil, nil, &UsageError{fmt.Errorf("%s: broken link: %v", p, unwrapPathError(err))}
			}
		}
		abs = append(abs, a)
	}
	root = opts.Root
	if root == "" {
		root = defaultRoot(abs)
	}
	if root, err = filepath.Abs(root); err != nil {
		return "", nil, nil, nil, &UsageError{err}
	}
	cfg = opts.Config
	if cfg == nil {
		cfg = &Config{}
	}
	w = newWalker(root, cfg)
	for _, a := range abs {
		if err := w.walk(a); err != nil {
			return "", nil, nil, nil, err
		}
	}
	return root, abs, cfg, w, nil
}

func maxSize(cfg *Config) int64 {
	if cfg.MaxFileSize > 0 {
		return cfg.MaxFileSize
	}
	return DefaultMaxFileSize
}

// defaultRoot is the working directory when every path is inside it, else the
// paths' deepest common folder.
func defaultRoot(abs []string) string {
	if wd, err := os.Getwd(); err == nil {
		inside := true
		for _, a := range abs {
			if !within(wd, a) {
				inside = false
			}
		}
		if inside {
			return wd
		}
	}
	common := dirOf(abs[0])
	for _, a := range abs[1:] {
		for !within(common, a) {
			common = filepath.Dir(common)
		}
	}
	return common
}

func dirOf(p string) string {
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return p
	}
	return filepath.Dir(p)
}

// within reports whether p is dir or below it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func relOrAbs(root, p string) string {
	if rel, err := filepath.Rel(root, p); err == nil && within(root, p) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(p)
}

func notice(k findings.NoticeKind, path string, line int, msg string, incomplete bool) findings.Notice {
	return findings.Notice{Kind: k, Location: findings.Location{Path: path, Line: line}, Message: msg, Incomplete: incomplete}
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// parseAll lowers every source file to facts on a pool of workers, one
// parser set per worker. Results keep the input order. Once the files read
// (in input order) exceed fullBytes, the others keep only their link facts
// (rules.LinkFacts): linkOnly holds those.
func parseAll(ctx context.Context, root string, rels []string, jobs int, limit, fullBytes int64) (
	files []*facts.File, linkOnly map[*facts.File]bool, notices []findings.Notice) {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = min(jobs, max(len(rels), 1))
	type result struct {
		file   *facts.File
		notice []findings.Notice
	}
	type job struct {
		i    int
		full bool
	}
	results := make([]result, len(rels))
	linked := make([]bool, len(rels))
	next := make(chan job)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := parsers.NewWorker(parseTimeoutMicros)
			defer w.Close()
			for j := range next {
				f, ns := parseOne(w, root, rels[j.i], limit)
				if f != nil && !j.full {
					f = rules.LinkFacts(f)
					linked[j.i] = true
				}
				results[j.i] = result{f, ns}
			}
		}()
	}
	var read int64
	for i := range rels {
		if ctx.Err() != nil {
			break
		}
		full := read <= fullBytes
		if full && fullBytes < math.MaxInt64 {
			if st, err := os.Stat(filepath.Join(root, filepath.FromSlash(rels[i]))); err == nil {
				read += st.Size()
				full = read <= fullBytes
			}
		}
		next <- job{i, full}
	}
	close(next)
	wg.Wait()
	linkOnly = map[*facts.File]bool{}
	for i, r := range results {
		if r.file != nil {
			files = append(files, r.file)
			if linked[i] {
				linkOnly[r.file] = true
			}
		}
		notices = append(notices, r.notice...)
	}
	return files, linkOnly, notices
}

// parseOne reads and lowers one file. It never panics: a bug in a front-end
// becomes a notice about that file and the scan goes on.
func parseOne(w *parsers.Worker, root, rel string, limit int64) (file *facts.File, ns []findings.Notice) {
	defer func() {
		if r := recover(); r != nil {
			file = nil
			ns = append(ns, notice(findings.Unparseable, rel, 0,
				fmt.Sprintf("%s: internal error while reading this file: %v (file skipped; other files were checked; please report this)", rel, r), true))
		}
	}()
	p := filepath.Join(root, filepath.FromSlash(rel))
	st, err := os.Stat(p)
	if err != nil {
		return nil, []findings.Notice{notice(findings.Unreadable, rel, 0, fmt.Sprintf("read %s: %v (file skipped)", rel, unwrapPathError(err)), true)}
	}
	if st.Size() > limit {
		return nil, []findings.Notice{notice(findings.TooLarge, rel, 0,
			fmt.Sprintf("%s: %d bytes, over the %d-byte limit (file skipped; raise max-file-size in %s or exclude it)", rel, st.Size(), limit, ConfigFileName), true)}
	}
	src, err := os.ReadFile(p)
	if err != nil {
		return nil, []findings.Notice{notice(findings.Unreadable, rel, 0, fmt.Sprintf("read %s: %v (file skipped)", rel, unwrapPathError(err)), true)}
	}
	if bytes.IndexByte(src[:min(len(src), 8000)], 0) < 0 {
		// A declared source encoding (Python's PEP 263 coding line).
		if src, err = parsers.Decode(rel, src); err != nil {
			return nil, []findings.Notice{notice(findings.NotUTF8, rel, 0, fmt.Sprintf("%s: %v", rel, err), true)}
		}
	}
	if k, msg := unreadableContent(rel, src); k != "" {
		return nil, []findings.Notice{notice(k, rel, 0, msg, k == findings.NotUTF8)}
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	f, err := w.Parse(rel, src)
	if err != nil {
		msg := fmt.Sprintf("parse %s: %v (file skipped; other files were checked)", rel, err)
		if errors.Is(err, treesitter.ErrTimeout) {
			msg = fmt.Sprintf("parse %s: took too long and was stopped (file skipped; other files were checked)", rel)
		}
		return nil, []findings.Notice{notice(findings.Unparseable, rel, 0, msg, true)}
	}
	if len(f.SyntaxErrors) > 0 {
		e := f.SyntaxErrors[0]
		more := ""
		if n := len(f.SyntaxErrors); n > 1 {
			more = fmt.Sprintf(" and %d more places", n-1)
		}
		ns = append(ns, findings.Notice{
			Kind:       findings.SyntaxError,
			Location:   findings.Location{Path: rel, Line: e.Line, Col: e.Col, EndLine: e.EndLine, EndCol: e.EndCol},
			Message:    fmt.Sprintf("parse %s: line %d: syntax error%s (the rest of the file was checked)", rel, e.Line, more),
			Incomplete: true,
		})
	}
	return f, ns
}

// unreadableContent spots files that are not source text: binary, not UTF-8,
// or a minified bundle.
func unreadableContent(rel string, src []byte) (findings.NoticeKind, string) {
	head := src[:min(len(src), 8000)]
	if bytes.IndexByte(head, 0) >= 0 {
		return findings.Binary, fmt.Sprintf("%s: binary content (file skipped)", rel)
	}
	if !utf8.Valid(src) {
		return findings.NotUTF8, fmt.Sprintf("%s: not UTF-8 text (file skipped; save it as UTF-8 to have it checked)", rel)
	}
	if strings.Contains(filepath.Base(rel), ".min.") {
		return findings.Minified, fmt.Sprintf("%s: minified bundle (file skipped; lmicheck checks the sources)", rel)
	}
	// Bundles are large; a small handler with one long literal (a JWKS, a
	// certificate) is not one.
	if len(src) > 32<<10 {
		lines := bytes.Count(src, []byte{'\n'}) + 1
		if len(src)/lines > 400 {
			return findings.Minified, fmt.Sprintf("%s: looks minified (average line over 400 characters; file skipped; lmicheck checks the sources)", rel)
		}
	}
	return "", ""
}

// unresolvedHandlers reports template functions whose handler file was not
// found among the scanned files.
func unresolvedHandlers(p *rules.Program, lambdas []facts.LambdaFunction) []findings.Notice {
	found := map[string]bool{}
	for _, f := range p.Files {
		found[f.Path] = true
	}
	var out []findings.Notice
	for _, l := range lambdas {
		if len(l.Candidates) == 0 || slices.ContainsFunc(l.Candidates, func(c string) bool { return found[c] }) {
			continue
		}
		node := l.Runtime == "" || strings.HasPrefix(l.Runtime, "nodejs") || strings.HasPrefix(l.Runtime, "python") ||
			strings.HasPrefix(l.Runtime, "java")
		msg := fmt.Sprintf("%s: function %s: handler %q not found (looked for %s); its code was not checked",
			l.Template, l.Name, l.Handler, strings.Join(l.Candidates[:min(3, len(l.Candidates))], ", ")+"…")
		if !node {
			msg = fmt.Sprintf("%s: function %s: runtime %s is not checked by this version of lmicheck", l.Template, l.Name, l.Runtime)
		}
		out = append(out, findings.Notice{
			Kind: findings.Unresolved, Message: msg, Incomplete: node,
			Location: findings.Location{Path: l.Template, Line: l.Pos.Line, Col: l.Pos.Col, EndLine: l.Pos.EndLine, EndCol: l.Pos.EndCol},
		})
	}
	return out
}

// ParseOnlyStats is what the parse-only baseline read.
type ParseOnlyStats struct {
	Files int
	Bytes int64
}

// ParseOnly walks like Run and parses every source file with the same worker
// pool, dropping each tree at once: the baseline the benchmark compares a full
// scan against.
func ParseOnly(ctx context.Context, opts Options) (ParseOnlyStats, error) {
	root, _, cfg, w, err := prepare(opts)
	if err != nil {
		return ParseOnlyStats{}, err
	}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	var mu sync.Mutex
	var st ParseOnlyStats
	next := make(chan string)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pw := parsers.NewWorker(parseTimeoutMicros)
			defer pw.Close()
			for rel := range next {
				src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
				if err != nil || int64(len(src)) > maxSize(cfg) {
					continue
				}
				if src, err = parsers.Decode(rel, src); err != nil {
					continue
				}
				if k, _ := unreadableContent(rel, src); k != "" {
					continue
				}
				if pw.ParseOnly(rel, src) == nil {
					mu.Lock()
					st.Files++
					st.Bytes += int64(len(src))
					mu.Unlock()
				}
			}
		}()
	}
	for _, rel := range w.sources {
		if ctx.Err() != nil {
			break
		}
		next <- rel
	}
	close(next)
	wg.Wait()
	return st, ctx.Err()
}
