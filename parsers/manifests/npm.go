package manifests

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
)

// jsonNode is a JSON value with the byte range it spans. encoding/json's
// token stream gives the offset after each token; the start of a string is
// found by scanning back to its opening quote.
type jsonNode struct {
	kind       byte // 'o' object, 'a' array, 's' string, 'n' number, 'b' bool, 'z' null
	str        string
	start, end int
	keys       []string
	keyPos     [][2]int
	vals       []*jsonNode
}

func (n *jsonNode) get(key string) *jsonNode {
	if n == nil || n.kind != 'o' {
		return nil
	}
	for i := len(n.keys) - 1; i >= 0; i-- { // the last duplicate wins, as in JSON.parse
		if n.keys[i] == key {
			return n.vals[i]
		}
	}
	return nil
}

// readJSON reads one JSON document with positions.
func (p *parser) readJSON() (*jsonNode, error) {
	dec := json.NewDecoder(bytes.NewReader(p.src))
	dec.UseNumber()
	n, err := p.jsonValue(dec)
	if err != nil {
		return nil, p.jsonError(dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, p.errorf(int(dec.InputOffset()), "unexpected content after the JSON value")
	}
	return n, nil
}

func (p *parser) jsonError(dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return p.errorf(int(se.Offset), "%v", se)
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return p.errorf(len(p.src), "unexpected end of JSON")
	}
	return p.errorf(int(dec.InputOffset()), "%v", err)
}

// stringStart finds the opening quote of a string token ending at end.
func (p *parser) stringStart(end int) int {
	for i := end - 2; i >= 0; i-- {
		if p.src[i] != '"' {
			continue
		}
		bs := 0
		for j := i - 1; j >= 0 && p.src[j] == '\\'; j-- {
			bs++
		}
		if bs%2 == 0 {
			return i
		}
	}
	return max(end-1, 0)
}

func (p *parser) jsonValue(dec *json.Decoder) (*jsonNode, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	end := int(dec.InputOffset())
	switch t := tok.(type) {
	case json.Delim:
		n := &jsonNode{start: end - 1}
		switch t {
		case '{':
			n.kind = 'o'
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("expected an object key")
				}
				kend := int(dec.InputOffset())
				v, err := p.jsonValue(dec)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, key)
				n.keyPos = append(n.keyPos, [2]int{p.stringStart(kend), kend})
				n.vals = append(n.vals, v)
			}
		case '[':
			n.kind = 'a'
			for dec.More() {
				v, err := p.jsonValue(dec)
				if err != nil {
					return nil, err
				}
				n.vals = append(n.vals, v)
			}
		default:
			return nil, fmt.Errorf("unexpected %q", rune(t))
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		n.end = int(dec.InputOffset())
		return n, nil
	case string:
		return &jsonNode{kind: 's', str: t, start: p.stringStart(end), end: end}, nil
	case json.Number:
		return &jsonNode{kind: 'n', str: t.String(), start: end - len(t.String()), end: end}, nil
	case bool:
		s := fmt.Sprint(t)
		return &jsonNode{kind: 'b', str: s, start: end - len(s), end: end}, nil
	case nil:
		return &jsonNode{kind: 'z', start: end - 4, end: end}, nil
	}
	return nil, fmt.Errorf("unexpected token")
}

// packageJSON reads dependencies and optionalDependencies: what `npm install
// --omit=dev` deploys. devDependencies are build and test tools.
func (p *parser) packageJSON() (*facts.Manifest, error) {
	root, err := p.readJSON()
	if err != nil {
		return nil, err
	}
	if root.kind != 'o' {
		return nil, p.errorf(root.start, "package.json is not a JSON object")
	}
	m := &facts.Manifest{Ecosystem: facts.Npm}
	for _, section := range []string{"dependencies", "optionalDependencies"} {
		deps := root.get(section)
		if deps == nil {
			continue
		}
		if deps.kind != 'o' {
			return nil, p.errorf(deps.start, "%q is not an object", section)
		}
		for i, name := range deps.keys {
			v := deps.vals[i]
			d := facts.Dependency{Name: name}
			if v.kind == 's' {
				d.Constraint = strings.TrimSpace(v.str)
				d.Pos = p.pos(v.start+1, v.end-1)
			} else {
				d.Pos = p.pos(deps.keyPos[i][0]+1, deps.keyPos[i][1]-1)
			}
			m.Deps = append(m.Deps, d)
		}
	}
	return m, nil
}

// packageLock reads the versions installed at the top level of node_modules
// (lockfileVersion 2 and 3: "packages"; 1: "dependencies").
func (p *parser) packageLock() (*Lock, error) {
	var lf struct {
		LockfileVersion int `json:"lockfileVersion"`
		Packages        map[string]struct {
			Version string `json:"version"`
			Link    bool   `json:"link"`
		} `json:"packages"`
		Dependencies map[string]struct {
			Version string `json:"version"`
		} `json:"dependencies"`
	}
	if err := json.Unmarshal(p.src, &lf); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, p.errorf(int(se.Offset), "%v", se)
		case errors.As(err, &te):
			return nil, p.errorf(int(te.Offset), "%v", te)
		}
		return nil, p.errorf(len(p.src), "%v", err)
	}
	l := &Lock{Ecosystem: facts.Npm, Versions: map[string][]string{}}
	if len(lf.Packages) > 0 {
		for key, pkg := range lf.Packages {
			name, ok := strings.CutPrefix(key, "node_modules/")
			if !ok || strings.Contains(name, "/node_modules/") || pkg.Link || pkg.Version == "" {
				continue // the root, a workspace, or a nested copy
			}
			l.Versions[name] = []string{pkg.Version}
		}
		return l, nil
	}
	for name, dep := range lf.Dependencies {
		if dep.Version != "" {
			l.Versions[name] = []string{dep.Version}
		}
	}
	return l, nil
}
