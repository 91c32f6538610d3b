package emit

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlNode turns a node tree into YAML with CloudFormation's short-form
// intrinsics (!Ref, !GetAtt).
func yamlNode(n *node) *yaml.Node {
	var y *yaml.Node
	switch n.kind {
	case kStruct:
		y = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for i, k := range n.keys {
			y.Content = append(y.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, yamlNode(n.vals[i]))
		}
	case kList:
		y = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, it := range n.items {
			y.Content = append(y.Content, yamlNode(it))
		}
	case kString:
		y = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: n.s}
	case kNumber:
		tag := "!!float"
		if !strings.ContainsAny(n.s, ".eE") {
			tag = "!!int"
		}
		y = &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: n.s}
	case kBool:
		y = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: n.s}
	case kRef:
		y = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!Ref", Value: n.s}
	case kGetAtt:
		y = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!GetAtt", Value: n.s + ".Arn"}
	}
	if n.comment != "" {
		y.LineComment = "# " + n.comment
	}
	return y
}

// writeYAML writes a template with a head comment.
func writeYAML(w io.Writer, head string, doc *node) error {
	y := yamlNode(doc)
	y.HeadComment = head
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{y}}); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// writeJSON writes a node tree as indented JSON with intrinsics in their
// long form ({"Ref": …}, {"Fn::GetAtt": [res, "Arn"]}). Comments are lost:
// JSON has none.
func writeJSON(w io.Writer, doc *node) error {
	var buf bytes.Buffer
	jsonValue(&buf, doc, "")
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return err
}

func jsonValue(b *bytes.Buffer, n *node, indent string) {
	in := indent + "  "
	switch n.kind {
	case kStruct:
		if len(n.keys) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, k := range n.keys {
			b.WriteString(in)
			jsonString(b, k)
			b.WriteString(": ")
			jsonValue(b, n.vals[i], in)
			if i < len(n.keys)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case kList:
		if len(n.items) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, it := range n.items {
			b.WriteString(in)
			jsonValue(b, it, in)
			if i < len(n.items)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case kString:
		jsonString(b, n.s)
	case kNumber, kBool:
		b.WriteString(n.s)
	case kRef:
		jsonValue(b, obj("Ref", str(n.s)), indent)
	case kGetAtt:
		jsonValue(b, obj("Fn::GetAtt", &node{kind: kList, items: []*node{str(n.s), str("Arn")}}), indent)
	}
}

func jsonString(b *bytes.Buffer, s string) {
	var e bytes.Buffer
	enc := json.NewEncoder(&e)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	b.Write(bytes.TrimSuffix(e.Bytes(), []byte("\n")))
}
