// Package templates reads deployment templates for the Lambda functions and
// capacity providers they declare, with the position of every setting: AWS
// SAM and CloudFormation (YAML or JSON, including synthesized cdk.out
// templates) and serverless.yml here; Terraform in terraform.go.
package templates

import (
	"bytes"
	"fmt"
	"path"
	"strconv"
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

// Sniff reports whether content looks like a template declaring functions or
// capacity providers.
func Sniff(src []byte) bool {
	return bytes.Contains(src, []byte("AWS::Serverless::Function")) ||
		bytes.Contains(src, []byte("AWS::Lambda::Function")) ||
		bytes.Contains(src, []byte("::CapacityProvider"))
}

// handlerExtensions are the files a handler module may be, by runtime family.
var handlerExtensions = map[string][]string{
	"nodejs": {".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx"},
	"python": {".py"},
	"java":   {".java"},
}

// Parse reads one template. relPath is its path relative to the scan root.
func Parse(relPath string, src []byte) (*facts.Deployment, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %s", relPath, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	d := &facts.Deployment{Path: relPath, Comments: hashComments(src)}
	if len(doc.Content) == 0 {
		return d, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return d, nil
	}
	dir := path.Dir(relPath)
	if get(root, "service") != nil && get(root, "functions") != nil {
		d.Kind = facts.Serverless
		serverless(d, dir, root)
		return d, nil
	}
	d.Kind = facts.CloudFormation
	if strings.HasPrefix(relPath, "cdk.out/") || strings.Contains(relPath, "/cdk.out/") {
		d.Kind = facts.CDKOut
	} else if bytes.Contains(src, []byte("AWS::Serverless")) {
		d.Kind = facts.SAM
	}
	cloudFormation(d, dir, root)
	return d, nil
}

// get returns the value of key in a mapping.
func get(m *yaml.Node, key string) *yaml.Node {
	_, v := entry(m, key)
	return v
}

// entry returns the key and value nodes of key in a mapping, following
// aliases (*x) and merge keys (<<: *defaults) as YAML defines them: a key
// written in the mapping wins over a merged one.
func entry(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	budget := 64 // mappings a lookup may visit: merge keys can fan out
	return entryDepth(m, key, 0, &budget)
}

func entryDepth(m *yaml.Node, key string, depth int, budget *int) (*yaml.Node, *yaml.Node) {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > 8 || *budget <= 0 {
		return nil, nil
	}
	*budget--
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key && m.Content[i].Tag != "!!merge" {
			return m.Content[i], deref(m.Content[i+1])
		}
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Tag != "!!merge" {
			continue
		}
		v := deref(m.Content[i+1])
		sources := []*yaml.Node{v}
		if v != nil && v.Kind == yaml.SequenceNode {
			sources = v.Content
		}
		for _, src := range sources {
			if k, val := entryDepth(src, key, depth+1, budget); k != nil {
				return k, val
			}
		}
	}
	return nil, nil
}

// deref follows an alias to its anchored node.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 8; i++ {
		n = n.Alias
	}
	return n
}

// scalar returns a plain string value; intrinsic functions (!Ref, Fn::Sub)
// and other non-strings give "".
func scalar(n *yaml.Node) string {
	if !plain(n) {
		return ""
	}
	return n.Value
}

func plain(n *yaml.Node) bool {
	if n == nil || n.Kind != yaml.ScalarNode {
		return false
	}
	switch n.Tag {
	case "", "!!str", "!!int", "!!float", "!!bool":
		return true
	}
	return false
}

func pos(n *yaml.Node) facts.Pos {
	if n == nil {
		return facts.Pos{}
	}
	return facts.Pos{Line: n.Line, Col: n.Column, EndLine: n.Line, EndCol: n.Column + len(n.Value)}
}

// span is the range from a key to the end of its value when the value is a
// scalar on the key's line; the key alone otherwise.
func span(k, v *yaml.Node) facts.Pos {
	p := pos(k)
	if v != nil && v.Kind == yaml.ScalarNode && v.Line == k.Line && v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		end := v.Column + len(v.Value)
		if v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			end += 2
		}
		if end > p.EndCol {
			p.EndCol = end
		}
	}
	return p
}

// resolver evaluates the intrinsic functions whose result is certain without
// deploying: Fn::Sub with no variables, Fn::Join of literals, Fn::FindInMap
// with literal keys, Fn::Select from a literal list. Everything else (Ref to
// a parameter, Fn::If, GetAtt, imports) is unresolved.
type resolver struct {
	mappings *yaml.Node
}

// value resolves a node to a literal string.
func (r *resolver) value(n *yaml.Node) (string, bool) {
	if n == nil {
		return "", false
	}
	if plain(n) {
		return n.Value, true
	}
	fn, arg := intrinsic(n)
	switch fn {
	case "Fn::Sub":
		if arg != nil && plain(arg) && !strings.Contains(arg.Value, "${") {
			return arg.Value, true
		}
	case "Fn::Join":
		if arg == nil || arg.Kind != yaml.SequenceNode || len(arg.Content) != 2 || !plain(arg.Content[0]) || arg.Content[1].Kind != yaml.SequenceNode {
			return "", false
		}
		var parts []string
		for _, p := range arg.Content[1].Content {
			s, ok := r.value(p)
			if !ok {
				return "", false
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, arg.Content[0].Value), true
	case "Fn::FindInMap":
		if arg == nil || arg.Kind != yaml.SequenceNode || len(arg.Content) != 3 {
			return "", false
		}
		var keys [3]string
		for i, p := range arg.Content {
			s, ok := r.value(p)
			if !ok {
				return "", false
			}
			keys[i] = s
		}
		return r.value(get(get(get(r.mappings, keys[0]), keys[1]), keys[2]))
	case "Fn::Select":
		if arg == nil || arg.Kind != yaml.SequenceNode || len(arg.Content) != 2 || arg.Content[1].Kind != yaml.SequenceNode {
			return "", false
		}
		is, ok := r.value(arg.Content[0])
		i, err := strconv.Atoi(is)
		if !ok || err != nil || i < 0 || i >= len(arg.Content[1].Content) {
			return "", false
		}
		return r.value(arg.Content[1].Content[i])
	}
	return "", false
}

// intrinsic recognises `!Fn arg` and `{Fn::X: arg}` / `{Ref: arg}`.
func intrinsic(n *yaml.Node) (string, *yaml.Node) {
	if n == nil {
		return "", nil
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		name := strings.TrimPrefix(n.Tag, "!")
		if name != "Ref" && name != "Condition" {
			name = "Fn::" + name
		}
		if name == "Fn::GetAtt" && n.Kind == yaml.ScalarNode {
			// !GetAtt Res.Attr
			return name, &yaml.Node{Kind: yaml.ScalarNode, Value: n.Value, Line: n.Line, Column: n.Column}
		}
		return name, &yaml.Node{Kind: n.Kind, Value: n.Value, Content: n.Content, Line: n.Line, Column: n.Column, Style: n.Style}
	}
	if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
		k := n.Content[0].Value
		if k == "Ref" || strings.HasPrefix(k, "Fn::") {
			return k, n.Content[1]
		}
	}
	return "", nil
}

// refTarget is the resource a Ref or GetAtt names ("" for anything else).
func refTarget(n *yaml.Node) string {
	fn, arg := intrinsic(n)
	switch fn {
	case "Ref":
		return scalar(arg)
	case "Fn::GetAtt":
		if arg == nil {
			return ""
		}
		if arg.Kind == yaml.SequenceNode && len(arg.Content) > 0 {
			return scalar(arg.Content[0])
		}
		res, _, _ := strings.Cut(scalar(arg), ".")
		return res
	}
	return ""
}

// setting reads key of m as a setting.
func (r *resolver) setting(m *yaml.Node, key string) facts.Setting {
	k, v := entry(m, key)
	if k == nil {
		return facts.Setting{}
	}
	if s, ok := r.value(v); ok {
		return facts.Lit(s, span(k, v))
	}
	return facts.Setting{State: facts.Unresolved, Pos: span(k, v)}
}

// first returns the first of several places a setting may be written.
func first(ss ...facts.Setting) facts.Setting {
	for _, s := range ss {
		if s.IsSet() {
			return s
		}
	}
	return facts.Setting{}
}

// list reads a sequence of literal strings; a non-literal list or item is
// one Unresolved setting.
func (r *resolver) list(k, v *yaml.Node) []facts.Setting {
	if k == nil {
		return nil
	}
	if !literalList(v) {
		return []facts.Setting{{State: facts.Unresolved, Pos: span(k, v)}}
	}
	out := make([]facts.Setting, 0, len(v.Content))
	for _, it := range v.Content {
		if s, ok := r.value(it); ok {
			out = append(out, facts.Lit(s, pos(it)))
		} else {
			out = append(out, facts.Setting{State: facts.Unresolved, Pos: pos(it)})
		}
	}
	return out
}

// literalList reports whether a node is a plain list (not `!If [c, [a], [b]]`
// or another intrinsic that takes a list).
func literalList(v *yaml.Node) bool {
	return v != nil && v.Kind == yaml.SequenceNode && (v.Tag == "" || v.Tag == "!!seq")
}

// stageWords are parameter names that hold a deployment stage.
var stageWords = []string{"Stage", "StageName", "Environment", "Env", "EnvironmentName", "DeploymentStage"}

func cloudFormation(d *facts.Deployment, dir string, root *yaml.Node) {
	r := &resolver{mappings: get(root, "Mappings")}
	globals := get(get(root, "Globals"), "Function")
	resources := get(root, "Resources")
	if resources == nil || resources.Kind != yaml.MappingNode {
		return
	}
	params := get(root, "Parameters")
	for _, w := range stageWords {
		if s := scalar(get(get(params, w), "Default")); s != "" {
			d.Stage = s
			break
		}
	}
	// Functions that a version resource publishes.
	published := map[string]facts.Pos{}
	for i := 0; i+1 < len(resources.Content); i += 2 {
		res := deref(resources.Content[i+1])
		if scalar(get(res, "Type")) == "AWS::Lambda::Version" {
			if t := refTarget(get(get(res, "Properties"), "FunctionName")); t != "" {
				published[t] = pos(resources.Content[i])
			}
		}
	}
	for i := 0; i+1 < len(resources.Content); i += 2 {
		key, res := resources.Content[i], deref(resources.Content[i+1])
		typ := scalar(get(res, "Type"))
		props := get(res, "Properties")
		switch typ {
		case "AWS::Serverless::Function", "AWS::Lambda::Function":
			if fn, ok := r.function(d, dir, key, typ, props, globals, published); ok {
				if p := scalar(get(get(res, "Metadata"), "aws:cdk:path")); p != "" {
					fn.Construct = p
				}
				d.Functions = append(d.Functions, fn)
			}
		case "AWS::Serverless::CapacityProvider", "AWS::Lambda::CapacityProvider":
			cp := r.capacityProvider(key, typ, props)
			cp.Construct = scalar(get(get(res, "Metadata"), "aws:cdk:path"))
			d.CapacityProviders = append(d.CapacityProviders, cp)
		}
	}
}

func (r *resolver) function(d *facts.Deployment, dir string, key *yaml.Node, typ string, props, globals *yaml.Node, published map[string]facts.Pos) (facts.LambdaFunction, bool) {
	sam := typ == "AWS::Serverless::Function"
	if !sam {
		globals = nil // Globals apply to SAM resources only
	}
	var codeNode *yaml.Node
	if sam {
		if get(props, "InlineCode") != nil {
			codeNode = nil
		} else if codeNode = get(props, "CodeUri"); codeNode == nil {
			codeNode = get(globals, "CodeUri")
		}
	} else {
		codeNode = get(props, "Code")
	}
	image := strings.EqualFold(scalar(get(props, "PackageType")), "Image") || strings.EqualFold(scalar(get(globals, "PackageType")), "Image")
	fn := facts.LambdaFunction{Name: key.Value, Template: d.Path, Pos: pos(key), DeclPos: pos(key)}
	fn.RuntimeSetting = first(r.setting(props, "Runtime"), r.setting(globals, "Runtime"))
	fn.Runtime = fn.RuntimeSetting.Value
	if image {
		fn.RuntimeSetting, fn.Runtime = facts.Setting{}, "" // an image brings its own runtime
	}
	hk, hv := entry(props, "Handler")
	if hk == nil {
		hk, hv = entry(globals, "Handler")
	}
	if hk != nil {
		fn.Handler = scalar(hv)
		fn.Pos = pos(hv)
	}
	fn.Memory = first(r.setting(props, "MemorySize"), r.setting(globals, "MemorySize"))
	fn.EphemeralStorage = first(r.setting(get(props, "EphemeralStorage"), "Size"), r.setting(get(globals, "EphemeralStorage"), "Size"))
	ak, av := entry(props, "Architectures")
	if ak == nil {
		ak, av = entry(globals, "Architectures")
	}
	if archs := r.list(ak, av); len(archs) > 0 {
		fn.Architecture = archs[0]
		if len(archs) == 1 && archs[0].State == facts.Literal {
			fn.Architecture.Pos = span(ak, av)
			if av != nil && av.Kind == yaml.SequenceNode && len(av.Content) == 1 && av.Content[0].Line == ak.Line {
				fn.Architecture.Pos.EndCol = av.Content[0].Column + len(av.Content[0].Value) + 1
			}
		}
	}
	fn.LMI = r.lmiConfig(props, globals, sam, fn.Name, published)

	if inline := get(props, "InlineCode"); sam && inline != nil {
		return fn, true
	}
	code, codeLocal := "", !image
	if codeNode != nil {
		code = scalar(codeNode)
		if code == "" || strings.HasPrefix(code, "s3://") {
			codeLocal = false // an S3 location, an intrinsic, or inline ZipFile
		}
	} else if !sam {
		codeLocal = false
	}
	if codeLocal {
		fn.CodeDir = path.Join(dir, code)
		fn.Candidates, fn.Export = candidates(fn.CodeDir, fn.Handler, fn.Runtime)
	}
	return fn, true
}

// lmiConfig reads a function's capacity provider attachment; nil when the
// function has none.
func (r *resolver) lmiConfig(props, globals *yaml.Node, sam bool, name string, published map[string]facts.Pos) *facts.LMIConfig {
	ck, cv := entry(props, "CapacityProviderConfig")
	if ck == nil {
		ck, cv = entry(globals, "CapacityProviderConfig")
	}
	if ck == nil {
		return nil
	}
	c := &facts.LMIConfig{Pos: pos(ck)}
	inner := cv
	refKey := "Arn"
	if !sam {
		inner = get(cv, "LambdaManagedInstancesCapacityProviderConfig")
		refKey = "CapacityProviderArn"
	}
	// Settings missing from the function may come from Globals.
	ginner := get(globals, "CapacityProviderConfig")
	c.ProviderRef = r.setting(inner, refKey)
	if _, v := entry(inner, refKey); v != nil {
		c.Provider = refTarget(v)
	}
	c.MemoryPerVCpu = first(r.setting(inner, "ExecutionEnvironmentMemoryGiBPerVCpu"), r.setting(ginner, "ExecutionEnvironmentMemoryGiBPerVCpu"))
	c.MaxConcurrency = first(r.setting(inner, "PerExecutionEnvironmentMaxConcurrency"), r.setting(ginner, "PerExecutionEnvironmentMaxConcurrency"))
	sk, sv := entry(props, "FunctionScalingConfig")
	if sk == nil {
		sk, sv = entry(globals, "FunctionScalingConfig")
	}
	if sk != nil {
		c.ScalingConfigPos = pos(sk)
		c.MinEnvironments = r.setting(sv, "MinExecutionEnvironments")
		c.MaxEnvironments = r.setting(sv, "MaxExecutionEnvironments")
	}
	c.Publish = first(r.setting(props, "PublishToLatestPublished"), r.setting(globals, "PublishToLatestPublished"))
	if sam {
		c.Publish = first(c.Publish, r.setting(props, "AutoPublishAlias"), r.setting(globals, "AutoPublishAlias"))
	}
	if !c.Publish.IsSet() {
		if p, ok := published[name]; ok {
			c.Publish = facts.Lit("true", p) // an AWS::Lambda::Version resource publishes it
		}
	}
	return c
}

func (r *resolver) capacityProvider(key *yaml.Node, typ string, props *yaml.Node) facts.CapacityProvider {
	sam := typ == "AWS::Serverless::CapacityProvider"
	cp := facts.CapacityProvider{Name: key.Value, Pos: pos(key)}
	ir := get(props, "InstanceRequirements")
	allowedKey, excludedKey, scalingKey := "AllowedInstanceTypes", "ExcludedInstanceTypes", "CapacityProviderScalingConfig"
	if sam {
		allowedKey, excludedKey, scalingKey = "AllowedTypes", "ExcludedTypes", "ScalingConfig"
	}
	ak, av := entry(ir, "Architectures")
	if archs := r.list(ak, av); len(archs) > 0 {
		cp.Architecture = archs[0]
		cp.Architecture.Pos = span(ak, av)
		cp.Architectures = len(archs)
	}
	k, v := entry(ir, allowedKey)
	cp.AllowedTypes, cp.AllowedPos = r.list(k, v), pos(k)
	k, v = entry(ir, excludedKey)
	cp.ExcludedTypes, cp.ExcludedPos = r.list(k, v), pos(k)
	sc := get(props, scalingKey)
	cp.MaxVCpuCount = r.setting(sc, "MaxVCpuCount")
	cp.ScalingMode = r.setting(sc, "ScalingMode")
	vk, vv := entry(props, "VpcConfig")
	switch {
	case vk == nil:
	case vv.Kind != yaml.MappingNode:
		cp.Subnets = facts.Setting{State: facts.Unresolved, Pos: pos(vk)}
	default:
		sk, sv := entry(vv, "SubnetIds")
		switch {
		case sk == nil:
			cp.Subnets = facts.Lit("0", pos(vk))
		case literalList(sv):
			cp.Subnets = facts.Lit(strconv.Itoa(len(sv.Content)), pos(sk))
		default:
			cp.Subnets = facts.Setting{State: facts.Unresolved, Pos: pos(sk)}
		}
	}
	return cp
}

func serverless(d *facts.Deployment, dir string, root *yaml.Node) {
	r := &resolver{}
	provider := get(root, "provider")
	if s := scalar(get(provider, "stage")); s != "" && !strings.Contains(s, "${") {
		d.Stage = s
	}
	runtime := sls(r.setting(provider, "runtime"))
	memory := sls(r.setting(provider, "memorySize"))
	arch := sls(r.setting(provider, "architecture"))
	ephemeral := sls(r.setting(provider, "ephemeralStorageSize"))
	// Capacity providers under provider.capacityProviders (Serverless
	// Framework v4 guide "AWS Lambda Managed Instances"): instanceRequirements
	// {allowedInstanceTypes | excludedInstanceTypes, architectures (default:
	// provider.architecture)}, scaling {mode: auto|manual, maxVCpuCount},
	// vpc (default: provider.vpc).
	providerSubnets := r.subnets(provider, "vpc")
	if cps := get(provider, "capacityProviders"); cps != nil && cps.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(cps.Content); i += 2 {
			k, v := cps.Content[i], deref(cps.Content[i+1])
			cp := facts.CapacityProvider{Name: k.Value, Pos: pos(k)}
			ir := get(v, "instanceRequirements")
			ak, av := entry(ir, "architectures")
			if archs := r.list(ak, av); len(archs) > 0 {
				cp.Architecture, cp.Architectures = sls(archs[0]), len(archs)
				cp.Architecture.Pos = span(ak, av)
			} else {
				cp.Architecture = arch
			}
			k2, v2 := entry(ir, "allowedInstanceTypes")
			cp.AllowedTypes, cp.AllowedPos = r.list(k2, v2), pos(k2)
			k2, v2 = entry(ir, "excludedInstanceTypes")
			cp.ExcludedTypes, cp.ExcludedPos = r.list(k2, v2), pos(k2)
			sc := get(v, "scaling")
			cp.MaxVCpuCount = sls(r.setting(sc, "maxVCpuCount"))
			cp.ScalingMode = sls(r.setting(sc, "mode"))
			if cp.ScalingMode.State == facts.Literal {
				switch strings.ToLower(cp.ScalingMode.Value) {
				case "auto":
					cp.ScalingMode.Value = "Auto"
				case "manual":
					cp.ScalingMode.Value = "Manual"
				}
			}
			cp.Subnets = r.subnets(v, "vpc")
			if !cp.Subnets.IsSet() {
				cp.Subnets = providerSubnets
			}
			if !cp.Subnets.IsSet() {
				cp.Subnets = facts.Lit("0", pos(k)) // "Capacity Providers require VPC configuration"
			}
			d.CapacityProviders = append(d.CapacityProviders, cp)
		}
	}
	fns := get(root, "functions")
	if fns == nil || fns.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(fns.Content); i += 2 {
		key, def := fns.Content[i], deref(fns.Content[i+1])
		hk, h := entry(def, "handler")
		if hk == nil {
			continue // an image function
		}
		fn := facts.LambdaFunction{Name: key.Value, Template: d.Path, Handler: scalar(h), Pos: pos(h), DeclPos: pos(key), CodeDir: dir}
		fn.RuntimeSetting = first(sls(r.setting(def, "runtime")), runtime)
		fn.Runtime = fn.RuntimeSetting.Value
		fn.Memory = first(sls(r.setting(def, "memorySize")), memory)
		fn.Architecture = first(sls(r.setting(def, "architecture")), arch)
		fn.EphemeralStorage = first(sls(r.setting(def, "ephemeralStorageSize")), ephemeral)
		if strings.Contains(fn.Handler, "${") {
			fn.Handler = "" // a variable: cannot be resolved here
		}
		if ck, cv := entry(def, "capacityProvider"); ck != nil {
			c := &facts.LMIConfig{Pos: pos(ck)}
			if cv.Kind == yaml.MappingNode {
				c.ProviderRef = sls(r.setting(cv, "name"))
				c.MaxConcurrency = sls(r.setting(cv, "maxConcurrency"))
				c.MemoryPerVCpu = sls(r.setting(cv, "memoryPerVCpu"))
				sc := get(cv, "scaling")
				c.MinEnvironments = sls(r.setting(sc, "min"))
				c.MaxEnvironments = sls(r.setting(sc, "max"))
			} else {
				c.ProviderRef = sls(r.setting(def, "capacityProvider"))
			}
			c.Provider = c.ProviderRef.Value
			// Publishing is the framework's business: with versionFunctions
			// false it still runs managed-instance functions ($LATEST), so
			// Publish stays Absent.
			fn.LMI = c
		}
		fn.Candidates, fn.Export = candidates(dir, fn.Handler, fn.Runtime)
		d.Functions = append(d.Functions, fn)
	}
}

// subnets counts the subnets of a serverless.yml vpc block: a literal count,
// Unresolved for a variable, Absent without the block.
func (r *resolver) subnets(m *yaml.Node, key string) facts.Setting {
	vk, vv := entry(m, key)
	if vk == nil {
		return facts.Setting{}
	}
	sk, sv := entry(vv, "subnetIds")
	switch {
	case sk == nil:
		return facts.Setting{State: facts.Unresolved, Pos: pos(vk)}
	case literalList(sv):
		for _, it := range sv.Content {
			if !plain(it) || strings.Contains(it.Value, "${") {
				return facts.Setting{State: facts.Unresolved, Pos: pos(sk)}
			}
		}
		return facts.Lit(strconv.Itoa(len(sv.Content)), pos(sk))
	}
	return facts.Setting{State: facts.Unresolved, Pos: pos(sk)}
}

// sls marks serverless.yml variables (${self:…}, ${opt:…}) as unresolved.
func sls(s facts.Setting) facts.Setting {
	if s.State == facts.Literal && strings.Contains(s.Value, "${") {
		return facts.Setting{State: facts.Unresolved, Pos: s.Pos}
	}
	return s
}

// candidates turns a handler string into the files its module may be and the
// exported name: "src/app.lambdaHandler" in codeDir → codeDir/src/app.{js,…}.
func candidates(codeDir, handler, runtime string) ([]string, string) {
	if strings.HasPrefix(runtime, "java") {
		return javaCandidates(codeDir, handler)
	}
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
