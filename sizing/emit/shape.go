package emit

import (
	"fmt"
	"math/big"
	"strconv"
	"time"

	smithy "github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
)

// kind is what a shape node holds.
type kind int

const (
	kStruct kind = iota
	kList
	kString
	kNumber
	kBool
	kRef    // CloudFormation Ref to a parameter (s) / Terraform variable / shell variable
	kGetAtt // CloudFormation Fn::GetAtt s.Arn
)

// node is one value of an API shape: a structure with members in the order
// the SDK serializes them, a list, or a scalar. Structure member names are
// the SDK's own wire names (smithy.Schema.MemberName), which is how every
// emitter's property names are tied to the SDK.
type node struct {
	kind  kind
	keys  []string // kStruct
	vals  []*node  // kStruct
	items []*node  // kList
	s     string   // scalar text; the target of kRef and kGetAtt
	// comment is written after the value in YAML (REPLACE markers).
	comment string
}

func str(s string) *node      { return &node{kind: kString, s: s} }
func ref(name string) *node   { return &node{kind: kRef, s: name} }
func getAtt(res string) *node { return &node{kind: kGetAtt, s: res} }

// get returns a member of a structure (nil when absent).
func (n *node) get(key string) *node {
	if n == nil || n.kind != kStruct {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

// set replaces a member, or appends it.
func (n *node) set(key string, v *node) {
	for i, k := range n.keys {
		if k == key {
			n.vals[i] = v
			return
		}
	}
	n.keys = append(n.keys, key)
	n.vals = append(n.vals, v)
}

// del removes a member.
func (n *node) del(key string) {
	for i, k := range n.keys {
		if k == key {
			n.keys = append(n.keys[:i:i], n.keys[i+1:]...)
			n.vals = append(n.vals[:i:i], n.vals[i+1:]...)
			return
		}
	}
}

// reorder moves the named members first, in this order.
func (n *node) reorder(first ...string) {
	var keys []string
	var vals []*node
	for _, k := range first {
		if v := n.get(k); v != nil {
			keys, vals = append(keys, k), append(vals, v)
		}
	}
	for i, k := range n.keys {
		found := false
		for _, f := range first {
			found = found || f == k
		}
		if !found {
			keys, vals = append(keys, k), append(vals, n.vals[i])
		}
	}
	n.keys, n.vals = keys, vals
}

// obj builds a structure from key, value pairs.
func obj(kv ...any) *node {
	n := &node{kind: kStruct}
	for i := 0; i+1 < len(kv); i += 2 {
		n.set(kv[i].(string), kv[i+1].(*node))
	}
	return n
}

func boolean(b bool) *node   { return &node{kind: kBool, s: strconv.FormatBool(b)} }
func number(f float64) *node { return &node{kind: kNumber, s: num(f)} }

// rename changes a member's name in place.
func (n *node) rename(from, to string) {
	for i, k := range n.keys {
		if k == from {
			n.keys[i] = to
		}
	}
}

// serializable is what the SDK's service/lambda types and operation inputs
// implement.
type serializable interface {
	Serialize(smithy.ShapeSerializer)
}

// shapeOf serializes an SDK value into a node tree.
func shapeOf(v serializable) *node {
	r := &recorder{}
	v.Serialize(r)
	if r.err != nil {
		panic(r.err) // a shape this package does not build; a programming error
	}
	return r.root
}

// recorder is a smithy.ShapeSerializer that builds a node tree instead of
// bytes.
type recorder struct {
	root  *node
	stack []*node
	err   error
}

var _ smithy.ShapeSerializer = (*recorder)(nil)

func (r *recorder) add(s *smithy.Schema, v *node) {
	if len(r.stack) == 0 {
		if r.root == nil {
			r.root = v
		}
		return
	}
	top := r.stack[len(r.stack)-1]
	if top.kind == kList {
		top.items = append(top.items, v)
		return
	}
	top.set(s.MemberName(), v)
}

func (r *recorder) open(s *smithy.Schema, v *node) {
	r.add(s, v)
	r.stack = append(r.stack, v)
}

func (r *recorder) close() {
	if len(r.stack) > 0 {
		r.stack = r.stack[:len(r.stack)-1]
	}
}

func (r *recorder) unsupported(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("emit: %s values are not emitted", what)
	}
}

func (r *recorder) Bytes() []byte { return nil }

func (r *recorder) WriteInt8(s *smithy.Schema, v int8)   { r.WriteInt64(s, int64(v)) }
func (r *recorder) WriteInt16(s *smithy.Schema, v int16) { r.WriteInt64(s, int64(v)) }
func (r *recorder) WriteInt32(s *smithy.Schema, v int32) { r.WriteInt64(s, int64(v)) }
func (r *recorder) WriteInt64(s *smithy.Schema, v int64) {
	r.add(s, &node{kind: kNumber, s: strconv.FormatInt(v, 10)})
}
func (r *recorder) WriteFloat32(s *smithy.Schema, v float32) { r.WriteFloat64(s, float64(v)) }
func (r *recorder) WriteFloat64(s *smithy.Schema, v float64) {
	r.add(s, &node{kind: kNumber, s: num(v)})
}
func (r *recorder) WriteBool(s *smithy.Schema, v bool) {
	r.add(s, &node{kind: kBool, s: strconv.FormatBool(v)})
}
func (r *recorder) WriteString(s *smithy.Schema, v string)       { r.add(s, str(v)) }
func (r *recorder) WriteBigInt(*smithy.Schema, *big.Int)         { r.unsupported("big integer") }
func (r *recorder) WriteBigFloat(*smithy.Schema, *big.Float)     { r.unsupported("big decimal") }
func (r *recorder) WriteBlob(*smithy.Schema, []byte)             { r.unsupported("blob") }
func (r *recorder) WriteTime(*smithy.Schema, time.Time)          { r.unsupported("timestamp") }
func (r *recorder) WriteUnion(*smithy.Schema, *smithy.Schema)    { r.unsupported("union") }
func (r *recorder) CloseUnion()                                  {}
func (r *recorder) WriteDocument(*smithy.Schema, document.Value) { r.unsupported("document") }
func (r *recorder) WriteNil(*smithy.Schema)                      {}
func (r *recorder) WriteStruct(s *smithy.Schema)                 { r.open(s, &node{kind: kStruct}) }
func (r *recorder) CloseStruct()                                 { r.close() }
func (r *recorder) WriteList(s *smithy.Schema)                   { r.open(s, &node{kind: kList}) }
func (r *recorder) CloseList()                                   { r.close() }
func (r *recorder) WriteMap(*smithy.Schema)                      { r.unsupported("map") }
func (r *recorder) WriteKey(*smithy.Schema, string)              {}
func (r *recorder) CloseMap()                                    {}

// num formats a number the shortest way that reads back exactly: 2, 0.5.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
