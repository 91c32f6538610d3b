package scan

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/lmicheck/lmicheck/findings"
	"github.com/lmicheck/lmicheck/parsers"
	"github.com/lmicheck/lmicheck/parsers/manifests"
	"github.com/lmicheck/lmicheck/parsers/templates"
)

// DefaultExcludedDirs are folders never scanned unless named on the command
// line: dependencies, VCS data and build output (bundles are generated from
// the sources lmicheck checks).
var defaultExcludedDirs = map[string]bool{
	"node_modules": true, ".git": true, ".hg": true, ".svn": true, "cdk.out": true, ".aws-sam": true,
	"dist": true, "build": true, "coverage": true, ".serverless": true, ".next": true, ".nuxt": true,
	".turbo": true, ".cache": true, ".esbuild": true, ".webpack": true,
	"__pycache__": true, ".venv": true, "venv": true, ".tox": true, ".mypy_cache": true, ".pytest_cache": true,
	"site-packages": true,
}

// walker collects the files to scan under the scan root.
type walker struct {
	root    string
	cfg     *Config
	ignores []gitignore.Pattern
	loaded  map[string]bool // folders whose .gitignore was read
	seen    map[string]bool

	sources   []string // slash paths relative to root
	templates []string
	manifests []string // dependency manifests and lock files
	notices   []findings.Notice
}

func newWalker(root string, cfg *Config) *walker {
	return &walker{root: root, cfg: cfg, loaded: map[string]bool{}, seen: map[string]bool{}}
}

func (w *walker) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// loadIgnore reads dir/.gitignore once; its patterns apply below dir.
func (w *walker) loadIgnore(dir string) {
	if w.loaded[dir] {
		return
	}
	w.loaded[dir] = true
	f, err := os.Open(filepath.Join(dir, ".gitignore"))
	if err != nil {
		return
	}
	defer f.Close()
	var domain []string
	if r := w.rel(dir); r != "." {
		domain = strings.Split(r, "/")
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w.ignores = append(w.ignores, gitignore.ParsePattern(line, domain))
	}
}

// ignored applies .gitignore patterns (last match wins, as git does).
func (w *walker) ignored(rel string, isDir bool) bool {
	parts := strings.Split(rel, "/")
	return gitignore.NewMatcher(w.ignores).Match(parts, isDir)
}

// excludedByConfig applies the configuration's include and exclude globs,
// relative to the configuration file's folder.
func (w *walker) excludedByConfig(abs string, isDir bool) bool {
	if w.cfg.Dir == "" {
		return false
	}
	r, err := filepath.Rel(w.cfg.Dir, abs)
	if err != nil || strings.HasPrefix(r, "..") {
		return false
	}
	r = filepath.ToSlash(r)
	for _, g := range w.cfg.Exclude {
		if ok, _ := doublestar.Match(g, r); ok {
			return true
		}
		if isDir {
			if ok, _ := doublestar.Match(strings.TrimSuffix(g, "/**"), r); ok {
				return true
			}
		}
	}
	if isDir || len(w.cfg.Include) == 0 {
		return false
	}
	for _, g := range w.cfg.Include {
		if ok, _ := doublestar.Match(g, r); ok {
			return false
		}
	}
	return true
}

// walk adds the files under start (a folder or a file named by the user).
func (w *walker) walk(start string) error {
	// .gitignore files of the folders between the root and start apply too.
	if within(w.root, start) {
		for d := filepath.Dir(start); within(w.root, d); d = filepath.Dir(d) {
			w.loadIgnore(d)
			if d == w.root || filepath.Dir(d) == d {
				break
			}
		}
	}
	st, err := os.Lstat(start)
	if err != nil {
		return &UsageError{err}
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(start)
		if err != nil {
			return &UsageError{fmt.Errorf("%s: broken link: %v", start, unwrapPathError(err))}
		}
		if !within(w.root, target) {
			w.notices = append(w.notices, notice(findings.OutsideLink, w.rel(start), 0,
				fmt.Sprintf("%s: a link out of the scanned tree (to %s); not followed", w.rel(start), target), false))
			return nil
		}
		start = target
	}
	// A path the user names is scanned even when a .gitignore above it
	// excludes it; .gitignore files inside it still apply.
	if st, err := os.Stat(start); err == nil && w.ignored(w.rel(start), st.IsDir()) {
		saved := w.ignores
		w.ignores = nil
		defer func() { w.ignores = saved }()
	}
	return filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		rel := w.rel(p)
		if err != nil {
			w.notices = append(w.notices, notice(findings.Unreadable, rel, 0, fmt.Sprintf("read %s: %v (skipped)", rel, unwrapPathError(err)), true))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		explicit := p == start
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil || !within(w.root, target) {
				w.notices = append(w.notices, notice(findings.OutsideLink, rel, 0,
					fmt.Sprintf("%s: a link out of the scanned tree; not followed", rel), false))
			}
			// Links inside the tree are skipped: their targets are scanned in place.
			return nil
		}
		if d.IsDir() {
			if !explicit && d.Name() == "cdk.out" && !w.excludedByConfig(p, true) {
				// Synthesized templates are read even though the folder is
				// generated (and usually git-ignored); its assets are not.
				w.cdkOut(p)
				return fs.SkipDir
			}
			if !explicit && (defaultExcludedDirs[d.Name()] || w.ignored(rel, true) || w.excludedByConfig(p, true)) {
				return fs.SkipDir
			}
			w.loadIgnore(p)
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if w.seen[rel] {
			return nil
		}
		if !explicit && (w.ignored(rel, false) || w.excludedByConfig(p, false)) {
			return nil
		}
		name := d.Name()
		switch {
		case manifests.IsManifest(name):
			w.seen[rel] = true
			w.manifests = append(w.manifests, rel)
		case parsers.Handles(name):
			w.seen[rel] = true
			w.sources = append(w.sources, rel)
		case templates.IsCandidate(name) || templates.IsYAML(name) || templates.IsTerraform(name):
			w.seen[rel] = true
			w.templates = append(w.templates, rel)
		}
		return nil
	})
}

// cdkOut adds the synthesized templates at the top of a cdk.out folder.
func (w *walker) cdkOut(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.notices = append(w.notices, notice(findings.Unreadable, w.rel(dir), 0, fmt.Sprintf("read %s: %v (skipped)", w.rel(dir), unwrapPathError(err)), false))
		return
	}
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".template.json") {
			rel := w.rel(filepath.Join(dir, e.Name()))
			if !w.seen[rel] {
				w.seen[rel] = true
				w.templates = append(w.templates, rel)
			}
		}
	}
}
