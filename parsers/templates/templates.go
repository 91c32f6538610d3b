// Package templates reads deployment templates — AWS SAM, CloudFormation (YAML
// or JSON) and serverless.yml — for the Lambda functions they declare: handler,
// runtime and code folder, with source positions.
package templates

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lmicheck/lmicheck/facts"
)

// IsCandidate reports whether a file name may be a template worth reading.
// Other YAML files are read only when Sniff says they declare functions.
func IsCandidate(name string) bool {
	base := strings.ToLower(path.Base(name))
	switch base {
	case "template.yaml", "template.yml", "template.json", "serverless.yml", "serverless.yaml":
		return true
	}
	for _, suf := range []string{".template.yaml", ".template.yml", ".template.json", "-template.yaml", "-template.yml"} {
		if strings.HasSuffix(base, suf) {
			return true
		}
	}
	return false
}

// IsYAML reports whether a file is YAML (a template only if Sniff agrees).
func IsYAML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// Sniff reports whether content looks like a template declaring functions.
func Sniff(src []byte) bool {
	return bytes.Contains(src, []byte("AWS::Serverless::Function")) ||
		bytes.Contains(src, []byte("AWS::Lambda::Function"))
}

// handlerExtensions are the files a handler module may be, by runtime family.
var handlerExtensions = map[string][]string{
	"nodejs": {".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx"},
	"python": {".py"},
}

// Parse reads one template. relPath is its path relative to the scan root.
func Parse(relPath string, src []byte) ([]facts.LambdaFunction, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %s", relPath, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil
	}
	dir := path.Dir(relPath)
	if get(root, "service") != nil && get(root, "functions") != nil {
		return serverless(relPath, dir, root), nil
	}
	return cloudFormation(relPath, dir, root), nil
}

func get(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// scalar returns a plain string value; intrinsic functions (!Ref, Fn::Sub)
// and other non-strings give "".
func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	if n.Tag != "" && n.Tag != "!!str" && n.Tag != "!!int" && n.Tag != "!!float" && n.Tag != "!!bool" {
		return ""
	}
	return n.Value
}

func pos(n *yaml.Node) facts.Pos {
	if n == nil {
		return facts.Pos{}
	}
	return facts.Pos{Line: n.Line, Col: n.Column, EndLine: n.Line, EndCol: n.Column + len(n.Value)}
}

func cloudFormation(relPath, dir string, root *yaml.Node) []facts.LambdaFunction {
	globals := get(get(root, "Globals"), "Function")
	resources := get(root, "Resources")
	if resources == nil || resources.Kind != yaml.MappingNode {
		return nil
	}
	var out []facts.LambdaFunction
	for i := 0; i+1 < len(resources.Content); i += 2 {
		name, res := resources.Content[i].Value, resources.Content[i+1]
		typ := scalar(get(res, "Type"))
		props := get(res, "Properties")
		var codeNode *yaml.Node
		switch typ {
		case "AWS::Serverless::Function":
			codeNode = get(props, "CodeUri")
			if codeNode == nil {
				codeNode = get(globals, "CodeUri")
			}
			if get(props, "InlineCode") != nil {
				continue
			}
		case "AWS::Lambda::Function":
			codeNode = get(props, "Code")
		default:
			continue
		}
		if strings.EqualFold(scalar(get(props, "PackageType")), "Image") {
			continue
		}
		handlerNode := get(props, "Handler")
		if handlerNode == nil && typ == "AWS::Serverless::Function" {
			handlerNode = get(globals, "Handler")
		}
		runtime := scalar(get(props, "Runtime"))
		if runtime == "" && typ == "AWS::Serverless::Function" {
			runtime = scalar(get(globals, "Runtime"))
		}
		fn := facts.LambdaFunction{Name: name, Template: relPath, Runtime: runtime, Pos: pos(resources.Content[i])}
		if handlerNode != nil {
			fn.Handler = scalar(handlerNode)
			fn.Pos = pos(handlerNode)
		}
		code := ""
		codeLocal := true
		if codeNode != nil {
			code = scalar(codeNode)
			if code == "" || strings.HasPrefix(code, "s3://") {
				codeLocal = false // an S3 location, an intrinsic, or inline ZipFile
			}
		} else if typ == "AWS::Lambda::Function" {
			codeLocal = false
		}
		if codeLocal {
			fn.CodeDir = path.Join(dir, code)
			fn.Candidates, fn.Export = candidates(fn.CodeDir, fn.Handler, runtime)
		}
		out = append(out, fn)
	}
	return out
}

func serverless(relPath, dir string, root *yaml.Node) []facts.LambdaFunction {
	provider := get(root, "provider")
	runtime := scalar(get(provider, "runtime"))
	fns := get(root, "functions")
	if fns == nil || fns.Kind != yaml.MappingNode {
		return nil
	}
	var out []facts.LambdaFunction
	for i := 0; i+1 < len(fns.Content); i += 2 {
		name, def := fns.Content[i].Value, fns.Content[i+1]
		h := get(def, "handler")
		if h == nil {
			continue // an image function
		}
		rt := scalar(get(def, "runtime"))
		if rt == "" {
			rt = runtime
		}
		fn := facts.LambdaFunction{Name: name, Template: relPath, Handler: scalar(h), Runtime: rt, Pos: pos(h), CodeDir: dir}
		if strings.Contains(fn.Handler, "${") {
			fn.Handler = "" // a variable: cannot be resolved here
		}
		fn.Candidates, fn.Export = candidates(dir, fn.Handler, rt)
		out = append(out, fn)
	}
	return out
}

// candidates turns a handler string into the files its module may be and the
// exported name: "src/app.lambdaHandler" in codeDir → codeDir/src/app.{js,…}.
func candidates(codeDir, handler, runtime string) ([]string, string) {
	i := strings.LastIndexByte(handler, '.')
	if handler == "" || i <= 0 || i == len(handler)-1 {
		return nil, ""
	}
	module, export := handler[:i], handler[i+1:]
	family := strings.TrimRight(runtime, "0123456789.x")
	exts, ok := handlerExtensions[family]
	if !ok {
		exts = append(append([]string{}, handlerExtensions["nodejs"]...), handlerExtensions["python"]...)
	}
	if family == "python" {
		module = strings.ReplaceAll(module, ".", "/")
	}
	base := path.Join(codeDir, module)
	out := make([]string, 0, len(exts))
	for _, e := range exts {
		out = append(out, base+e)
	}
	return out, export
}
