package manifests

import (
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
)

// xmlElem is an element with the byte ranges lmicheck reports on.
type xmlElem struct {
	name                string // local name
	attrs               []xml.Attr
	start, end          int // of the start tag
	text                string
	textStart, textEnd  int // of the trimmed text content
	children            []*xmlElem
	hasText, hasElement bool
}

func (e *xmlElem) child(name string) *xmlElem {
	if e == nil {
		return nil
	}
	for _, c := range e.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// all returns the children named name (every child for "").
func (e *xmlElem) all(name string) []*xmlElem {
	if e == nil {
		return nil
	}
	var out []*xmlElem
	for _, c := range e.children {
		if c.name == name || name == "" {
			out = append(out, c)
		}
	}
	return out
}

// txt is the element's text; "" for a missing element.
func (e *xmlElem) txt() string {
	if e == nil {
		return ""
	}
	return e.text
}

// attr returns an attribute's value, matching its name case-insensitively
// (MSBuild is).
func (e *xmlElem) attr(name string) (string, bool) {
	for _, a := range e.attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return a.Value, true
		}
	}
	return "", false
}

// readXML reads a document with encoding/xml, keeping offsets from
// Decoder.InputOffset; comments mentioning lmicheck go to m.
func (p *parser) readXML(m *facts.Manifest) (*xmlElem, error) {
	dec := xml.NewDecoder(strings.NewReader(commentSafe(p.src)))
	doc := &xmlElem{}
	stack := []*xmlElem{doc}
	for {
		before := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, p.errorf(p.lineOffset(se.Line), "%s", se.Msg)
			}
			return nil, p.errorf(int(dec.InputOffset()), "%v", err)
		}
		after := int(dec.InputOffset())
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			e := &xmlElem{name: t.Name.Local, attrs: t.Attr, start: before, end: after}
			top.children = append(top.children, e)
			top.hasElement = true
			stack = append(stack, e)
		case xml.EndElement:
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			raw := string(p.src[before:after])
			trimmed := strings.TrimSpace(raw)
			if trimmed == "" {
				continue
			}
			lead := len(raw) - len(strings.TrimLeft(raw, " \t\r\n"))
			top.text = strings.TrimSpace(string(t))
			top.textStart, top.textEnd = before+lead, before+lead+len(trimmed)
			top.hasText = true
		case xml.Comment:
			if m != nil && after-before >= 7 {
				p.comment(m, before, after, before+4, after-3)
			}
		}
	}
	if len(doc.children) == 0 {
		return nil, p.errorf(0, "no XML element")
	}
	return doc.children[0], nil
}

// commentSafe returns src with "--" inside comments blanked (same length):
// XML forbids it there, but suppressions are written `-- reason`. Comment
// text is read from the original source.
func commentSafe(src []byte) string {
	b := []byte(string(src))
	s := string(src)
	for i := 0; ; {
		open := strings.Index(s[i:], "<!--")
		if open < 0 {
			break
		}
		start := i + open + 4
		end := strings.Index(s[start:], "-->")
		if end < 0 {
			break
		}
		end += start
		for j := start; j+1 < end; j++ {
			if b[j] == '-' && b[j+1] == '-' {
				b[j], b[j+1] = ' ', ' '
			}
		}
		i = end + 3
	}
	return string(b)
}

// lineOffset is the byte offset where a 1-based line starts.
func (p *parser) lineOffset(line int) int {
	n := 1
	for i, c := range p.src {
		if n >= line {
			return i
		}
		if c == '\n' {
			n++
		}
	}
	return len(p.src)
}

// textPos is the position of an element's text, else of its start tag.
func (p *parser) textPos(e *xmlElem) facts.Pos {
	if e == nil {
		return facts.Pos{}
	}
	if e.hasText {
		return p.pos(e.textStart, e.textEnd)
	}
	return p.pos(e.start, e.end)
}

// attrPos is the position of an attribute's value in e's start tag.
func (p *parser) attrPos(e *xmlElem, name string) facts.Pos {
	re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(name) + `\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	tag := string(p.src[e.start:e.end])
	if m := re.FindStringSubmatchIndex(tag); m != nil {
		g := 2
		if m[2] < 0 {
			g = 4
		}
		return p.pos(e.start+m[g], e.start+m[g+1])
	}
	return p.pos(e.start, e.end)
}

// propRE finds Maven ${name} references; msbuildPropRE MSBuild $(Name) ones.
var (
	propRE        = regexp.MustCompile(`\$\{([^}]+)\}`)
	msbuildPropRE = regexp.MustCompile(`\$\(([^)]+)\)`)
)

// pom reads a Maven POM: dependencies and dependencyManagement (BOM imports
// included), with ${properties} resolved from <properties> and the project's
// own coordinates. Test-scoped dependencies are not deployed and are left out.
func (p *parser) pom() (*facts.Manifest, error) {
	m := &facts.Manifest{Ecosystem: facts.Maven}
	root, err := p.readXML(m)
	if err != nil {
		return nil, err
	}
	if root.name != "project" {
		return nil, p.errorf(root.start, "pom.xml: root element is <%s>, not <project>", root.name)
	}
	props := map[string]string{}
	for _, e := range root.child("properties").all("") {
		props[e.name] = e.txt()
	}
	version := root.child("version").txt()
	if version == "" {
		version = root.child("parent").child("version").txt()
	}
	props["project.version"], props["version"], props["pom.version"] = version, version, version
	props["project.groupId"] = root.child("groupId").txt()
	resolve := func(s string) string {
		for range 10 { // properties may refer to properties; bounded
			n := propRE.ReplaceAllStringFunc(s, func(ref string) string {
				if v, ok := props[ref[2:len(ref)-1]]; ok {
					return v
				}
				return ref
			})
			if n == s {
				break
			}
			s = n
		}
		return s
	}
	add := func(deps *xmlElem) {
		for _, d := range deps.all("dependency") {
			scope := d.child("scope").txt()
			if scope == "test" {
				continue
			}
			g, a := resolve(d.child("groupId").txt()), resolve(d.child("artifactId").txt())
			if g == "" || a == "" {
				continue
			}
			dep := facts.Dependency{Name: g + ":" + a, Pos: p.textPos(d.child("artifactId"))}
			if v := d.child("version"); v != nil {
				dep.Constraint = resolve(v.text)
				dep.Pos = p.textPos(v)
			}
			m.Deps = append(m.Deps, dep)
		}
	}
	add(root.child("dependencies"))
	add(root.child("dependencyManagement").child("dependencies"))
	return m, nil
}

// msbuild reads PackageReference items of a project file (Include or Update,
// Version as an attribute or a child element) and PackageVersion items of
// Directory.Packages.props (central package management). A PackageReference
// without a version takes it from the central file, which is reported itself.
func (p *parser) msbuild() (*facts.Manifest, error) {
	m := &facts.Manifest{Ecosystem: facts.NuGet}
	root, err := p.readXML(m)
	if err != nil {
		return nil, err
	}
	if root.name != "Project" {
		return nil, p.errorf(root.start, "root element is <%s>, not <Project>", root.name)
	}
	props := map[string]string{}
	for _, g := range root.all("PropertyGroup") {
		for _, e := range g.children {
			props[strings.ToLower(e.name)] = e.txt()
		}
	}
	resolve := func(s string) string {
		return msbuildPropRE.ReplaceAllStringFunc(s, func(ref string) string {
			if v, ok := props[strings.ToLower(ref[2:len(ref)-1])]; ok {
				return v
			}
			return ref
		})
	}
	for _, g := range root.all("ItemGroup") {
		for _, e := range g.children {
			if e.name != "PackageReference" && e.name != "PackageVersion" {
				continue
			}
			name, ok := e.attr("Include")
			if !ok {
				name, ok = e.attr("Update")
			}
			if !ok || strings.TrimSpace(name) == "" {
				continue
			}
			d := facts.Dependency{Name: strings.TrimSpace(name), Pos: p.attrPos(e, "Include")}
			if _, inc := e.attr("Include"); !inc {
				d.Pos = p.attrPos(e, "Update")
			}
			if v, ok := e.attr("Version"); ok {
				d.Constraint, d.Pos = strings.TrimSpace(resolve(v)), p.attrPos(e, "Version")
			} else if v := e.child("Version"); v != nil {
				d.Constraint, d.Pos = strings.TrimSpace(resolve(v.text)), p.textPos(v)
			} else if v, ok := e.attr("VersionOverride"); ok {
				d.Constraint, d.Pos = strings.TrimSpace(resolve(v)), p.attrPos(e, "VersionOverride")
			}
			if pa, _ := e.attr("PrivateAssets"); strings.EqualFold(pa, "all") && e.name == "PackageReference" {
				continue // analyzers and build tools: not deployed
			}
			m.Deps = append(m.Deps, d)
		}
	}
	return m, nil
}
