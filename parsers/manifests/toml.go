package manifests

import (
	"errors"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/lmicheck/lmicheck/facts"
)

// TOML is read with go-toml's unstable parser: it is the one well-kept Go TOML
// library whose AST keeps the byte range of every key and value (BurntSushi's
// decoder keeps key lines only), so a finding lands on the version string.

// tomlValue is a TOML value with its byte range.
type tomlValue struct {
	kind       unstable.Kind
	str        string // string values decoded; other scalars as written
	start, end int
	arr        []*tomlValue
	tbl        *tomlTable
}

type tomlTable struct {
	keys   []string
	vals   []*tomlValue
	keyPos [][2]int
	// arrayOf is set for an array of tables ([[package]]): its elements.
	arrayOf []*tomlTable
}

func newTable() *tomlTable { return &tomlTable{} }

func (t *tomlTable) get(key string) *tomlValue {
	if t == nil {
		return nil
	}
	for i, k := range t.keys {
		if k == key {
			return t.vals[i]
		}
	}
	return nil
}

// table returns the sub-table at key, or nil.
func (t *tomlTable) table(key string) *tomlTable {
	if v := t.get(key); v != nil {
		return v.tbl
	}
	return nil
}

// str returns the string at key ("" when absent or not a string).
func (t *tomlTable) str(key string) string {
	if v := t.get(key); v != nil && v.kind == unstable.String {
		return v.str
	}
	return ""
}

// child returns the table at key, creating it; nil when key holds a
// non-table value.
func (t *tomlTable) child(key string, kpos [2]int) *tomlTable {
	if v := t.get(key); v != nil {
		if v.tbl != nil && v.tbl.arrayOf != nil {
			return v.tbl.arrayOf[len(v.tbl.arrayOf)-1]
		}
		return v.tbl
	}
	nt := newTable()
	t.set(key, &tomlValue{kind: unstable.Table, tbl: nt, start: kpos[0], end: kpos[1]}, kpos)
	return nt
}

func (t *tomlTable) set(key string, v *tomlValue, kpos [2]int) {
	for i, k := range t.keys {
		if k == key {
			t.vals[i], t.keyPos[i] = v, kpos
			return
		}
	}
	t.keys = append(t.keys, key)
	t.vals = append(t.vals, v)
	t.keyPos = append(t.keyPos, kpos)
}

// readTOML parses the document; comments mentioning lmicheck go to m (when
// not nil).
func (p *parser) readTOML(m *facts.Manifest) (root *tomlTable, err error) {
	up := &unstable.Parser{KeepComments: true}
	up.Reset(p.src)
	root = newTable()
	cur := root
	off := func(n *unstable.Node) [2]int {
		return [2]int{int(n.Raw.Offset), int(n.Raw.Offset + n.Raw.Length)}
	}
	keyPath := func(it unstable.Iterator) ([]string, [][2]int) {
		var ks []string
		var ps [][2]int
		for it.Next() {
			ks = append(ks, string(it.Node().Data))
			ps = append(ps, off(it.Node()))
		}
		return ks, ps
	}
	var comments func(n *unstable.Node)
	comments = func(n *unstable.Node) {
		for ; n != nil && n.Valid(); n = n.Next() {
			if n.Kind == unstable.Comment {
				if m != nil {
					o := off(n)
					p.comment(m, o[0], o[1], o[0]+1, o[1])
				}
				continue
			}
			comments(n.Child())
		}
	}
	for up.NextExpression() {
		e := up.Expression()
		comments(e)
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			ks, ps := keyPath(e.Key())
			t := root
			for i, k := range ks[:len(ks)-1] {
				if t = t.child(k, ps[i]); t == nil {
					return nil, p.errorf(ps[i][0], "key %q is not a table", k)
				}
			}
			last, lp := ks[len(ks)-1], ps[len(ps)-1]
			if e.Kind == unstable.Table {
				if cur = t.child(last, lp); cur == nil {
					return nil, p.errorf(lp[0], "key %q is not a table", last)
				}
				continue
			}
			v := t.get(last)
			if v == nil {
				v = &tomlValue{kind: unstable.ArrayTable, tbl: &tomlTable{}, start: lp[0], end: lp[1]}
				t.set(last, v, lp)
			}
			if v.tbl == nil || (v.tbl.arrayOf == nil && len(v.tbl.keys) > 0) {
				return nil, p.errorf(lp[0], "key %q is not an array of tables", last)
			}
			cur = newTable()
			v.tbl.arrayOf = append(v.tbl.arrayOf, cur)
		case unstable.KeyValue:
			if err := p.tomlKeyValue(cur, e); err != nil {
				return nil, err
			}
		}
	}
	if err := up.Error(); err != nil {
		var pe *unstable.ParserError
		at := len(p.src)
		if errors.As(err, &pe) && len(pe.Highlight) > 0 {
			if o := cap(p.src) - cap(pe.Highlight); o >= 0 && o <= len(p.src) {
				at = o
			}
		}
		return nil, p.errorf(at, "%v", err)
	}
	return root, nil
}

func (p *parser) tomlKeyValue(t *tomlTable, e *unstable.Node) error {
	it := e.Key()
	var ks []string
	var ps [][2]int
	for it.Next() {
		n := it.Node()
		ks = append(ks, string(n.Data))
		ps = append(ps, [2]int{int(n.Raw.Offset), int(n.Raw.Offset + n.Raw.Length)})
	}
	if len(ks) == 0 {
		return nil
	}
	for i, k := range ks[:len(ks)-1] {
		if t = t.child(k, ps[i]); t == nil {
			return p.errorf(ps[i][0], "key %q is not a table", k)
		}
	}
	v, err := p.tomlVal(e.Value())
	if err != nil {
		return err
	}
	t.set(ks[len(ks)-1], v, ps[len(ps)-1])
	return nil
}

func (p *parser) tomlVal(n *unstable.Node) (*tomlValue, error) {
	if n == nil || !n.Valid() {
		return &tomlValue{}, nil
	}
	v := &tomlValue{kind: n.Kind, start: int(n.Raw.Offset), end: int(n.Raw.Offset + n.Raw.Length), str: string(n.Data)}
	switch n.Kind {
	case unstable.Array:
		it := n.Children()
		for it.Next() {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			cv, err := p.tomlVal(c)
			if err != nil {
				return nil, err
			}
			v.arr = append(v.arr, cv)
		}
	case unstable.InlineTable:
		v.tbl = newTable()
		it := n.Children()
		for it.Next() {
			c := it.Node()
			if c.Kind != unstable.KeyValue {
				continue
			}
			if err := p.tomlKeyValue(v.tbl, c); err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}

// valuePos is the position of a string value without its quotes.
func (p *parser) valuePos(v *tomlValue) facts.Pos {
	start, end := v.start, v.end
	if v.kind == unstable.String && end-start >= 2 && strings.ContainsRune(`"'`, rune(p.src[start])) {
		q := 1
		if end-start >= 6 && strings.HasPrefix(string(p.src[start:]), strings.Repeat(string(p.src[start]), 3)) {
			q = 3
		}
		start, end = start+q, end-q
	}
	return p.pos(start, end)
}

// tomlLock reads [[package]] name/version pairs (poetry.lock, Cargo.lock).
// Where a package is locked at several versions, the highest comes first.
func (p *parser) tomlLock(eco facts.Ecosystem) (*Lock, error) {
	root, err := p.readTOML(nil)
	if err != nil {
		return nil, err
	}
	l := &Lock{Ecosystem: eco, Versions: map[string][]string{}}
	pk := root.get("package")
	if pk == nil || pk.tbl == nil {
		return l, nil
	}
	for _, t := range pk.tbl.arrayOf {
		name, ver := t.str("name"), t.str("version")
		if name == "" || ver == "" {
			continue
		}
		key := Key(eco, name)
		l.Versions[key] = append(l.Versions[key], ver)
	}
	for k, vs := range l.Versions {
		if len(vs) > 1 {
			l.Versions[k] = sortVersionsDesc(vs)
		}
	}
	return l, nil
}
