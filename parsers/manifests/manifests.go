// Package manifests reads dependency manifests and lock files (package.json,
// package-lock.json, requirements.txt, pyproject.toml, poetry.lock, pom.xml,
// build.gradle(.kts), *.csproj, Directory.Packages.props, go.mod, Cargo.toml,
// Cargo.lock) into facts.Manifest: each deployed dependency with its
// constraint as written, where it is written (1-based lines, UTF-16 columns),
// and the version a lock file beside it resolves. Suppression comments are
// kept for formats that have comments.
//
// Nothing here panics on user input: malformed input is an error naming the
// file and line.
package manifests

import (
	"fmt"
	"path"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/parsers/srcpos"
)

// Lock file names and the manifest kinds they resolve.
const (
	packageLock = "package-lock.json"
	poetryLock  = "poetry.lock"
	cargoLock   = "Cargo.lock"
)

// IsManifest reports whether a file name (its base name is used) is a
// manifest or a lock file this package reads.
func IsManifest(name string) bool {
	return IsLock(name) || isManifestFile(path.Base(strings.ReplaceAll(name, "\\", "/")))
}

func isManifestFile(base string) bool {
	switch base {
	case "package.json", "requirements.txt", "pyproject.toml", "pom.xml", "build.gradle", "build.gradle.kts",
		"Directory.Packages.props", "go.mod", "Cargo.toml":
		return true
	}
	return strings.HasSuffix(base, ".csproj")
}

// IsLock reports whether a file name is a lock file this package reads.
func IsLock(name string) bool {
	switch path.Base(strings.ReplaceAll(name, "\\", "/")) {
	case packageLock, poetryLock, cargoLock:
		return true
	}
	return false
}

// LockFor names the lock file that resolves a manifest in the same folder,
// "" when its ecosystem has none this package reads.
func LockFor(manifest string) string {
	switch path.Base(manifest) {
	case "package.json":
		return packageLock
	case "pyproject.toml", "requirements.txt":
		return poetryLock
	case "Cargo.toml":
		return cargoLock
	}
	return ""
}

// Parse reads one manifest; relPath is slash-separated and relative to the
// scan root. Lock files are read with ParseLock instead.
func Parse(relPath string, src []byte) (m *facts.Manifest, err error) {
	defer func() {
		// A bug here must not take the scan down: report it as this file's error.
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("%s: internal error while reading this manifest: %v", relPath, r)
		}
	}()
	p := &parser{path: relPath, src: src, idx: srcpos.New(src)}
	base := path.Base(relPath)
	switch {
	case base == "package.json":
		m, err = p.packageJSON()
	case base == "requirements.txt":
		m, err = p.requirements()
	case base == "pyproject.toml":
		m, err = p.pyproject()
	case base == "pom.xml":
		m, err = p.pom()
	case base == "build.gradle" || base == "build.gradle.kts":
		m, err = p.gradle()
	case base == "Directory.Packages.props" || strings.HasSuffix(base, ".csproj"):
		m, err = p.msbuild()
	case base == "go.mod":
		m, err = p.gomod()
	case base == "Cargo.toml":
		m, err = p.cargo()
	default:
		return nil, fmt.Errorf("%s: not a manifest lmicheck reads", relPath)
	}
	if err != nil {
		return nil, err
	}
	m.Path = relPath
	return m, nil
}

// Lock is what a lock file resolves: versions of packages by name (names as
// the ecosystem compares them; see Key).
type Lock struct {
	Path      string
	Ecosystem facts.Ecosystem
	// Versions maps a package's key to the versions locked; the first is the
	// one installed at the top level (npm) or the highest (Cargo, Poetry).
	Versions map[string][]string
}

// ParseLock reads one lock file.
func ParseLock(relPath string, src []byte) (l *Lock, err error) {
	defer func() {
		if r := recover(); r != nil {
			l, err = nil, fmt.Errorf("%s: internal error while reading this lock file: %v", relPath, r)
		}
	}()
	p := &parser{path: relPath, src: src, idx: srcpos.New(src)}
	switch path.Base(relPath) {
	case packageLock:
		l, err = p.packageLock()
	case poetryLock:
		l, err = p.tomlLock(facts.PyPI)
	case cargoLock:
		l, err = p.tomlLock(facts.Cargo)
	default:
		return nil, fmt.Errorf("%s: not a lock file lmicheck reads", relPath)
	}
	if err != nil {
		return nil, err
	}
	l.Path = relPath
	return l, nil
}

// Resolve records in m the versions a lock file pins. Only dependencies of
// the lock's ecosystem that it names are touched.
func Resolve(m *facts.Manifest, l *Lock) {
	if l == nil || m.Ecosystem != l.Ecosystem {
		return
	}
	for i := range m.Deps {
		d := &m.Deps[i]
		if vs := l.Versions[Key(m.Ecosystem, d.Name)]; len(vs) > 0 {
			d.Resolved, d.Lock = vs[0], l.Path
		}
	}
}

// Key is a package name as its ecosystem compares names: PyPI names are
// normalised (PEP 503), NuGet ids are case-insensitive.
func Key(eco facts.Ecosystem, name string) string {
	switch eco {
	case facts.PyPI:
		return normalizePyPI(name)
	case facts.NuGet:
		return strings.ToLower(name)
	}
	return name
}

// normalizePyPI lower-cases a name and turns runs of -, _ and . into one -.
func normalizePyPI(name string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		if r == '-' || r == '_' || r == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		b.WriteRune(r)
	}
	return b.String()
}

// parser holds one file being read.
type parser struct {
	path string
	src  []byte
	idx  *srcpos.Index
}

// errorf makes an error naming the file and the line of a byte offset.
func (p *parser) errorf(off int, format string, args ...any) error {
	line, _ := p.idx.LineCol(off)
	return fmt.Errorf("%s: line %d: %s", p.path, line, fmt.Sprintf(format, args...))
}

// pos is the position of src[start:end].
func (p *parser) pos(start, end int) facts.Pos { return p.idx.Pos(start, end) }

// comment records a comment whose text (markers removed) is src[start:end]
// and whose markers span [mstart, mend).
func (p *parser) comment(m *facts.Manifest, mstart, mend, start, end int) {
	if !strings.Contains(string(p.src[start:end]), "lmicheck") {
		return // only suppressions matter; keep facts small
	}
	m.Comments = append(m.Comments, facts.Comment{
		Text:    strings.TrimSpace(string(p.src[start:end])),
		Pos:     p.pos(mstart, mend),
		OwnLine: p.idx.OnlySpaceBefore(mstart),
	})
}

// lineComments records `marker …` comments to the end of their lines, where
// marker starts outside a string. Strings are delimited by the quote
// characters given; a backslash escapes inside them (TOML literal strings and
// Groovy single quotes are treated alike: good enough to find comments).
func (p *parser) lineComments(m *facts.Manifest, marker string, quotes string) {
	src := p.src
	var quote byte
	triple := false
	for i := 0; i < len(src); i++ {
		c := src[i]
		if quote != 0 {
			switch {
			case c == '\\' && quote != '\'':
				i++
			case c == quote && triple && i+2 < len(src) && src[i+1] == quote && src[i+2] == quote:
				quote, triple = 0, false
				i += 2
			case c == quote && !triple:
				quote = 0
			case c == '\n' && !triple:
				quote = 0 // an unterminated string ends at the line's end
			}
			continue
		}
		if strings.IndexByte(quotes, c) >= 0 {
			quote = c
			if i+2 < len(src) && src[i+1] == c && src[i+2] == c {
				triple = true
				i += 2
			}
			continue
		}
		if strings.HasPrefix(string(src[i:min(len(src), i+len(marker))]), marker) {
			end := i
			for end < len(src) && src[end] != '\n' {
				end++
			}
			textEnd := end
			if textEnd > i && src[textEnd-1] == '\r' {
				textEnd--
			}
			p.comment(m, i, textEnd, i+len(marker), textEnd)
			i = end
		}
	}
}
