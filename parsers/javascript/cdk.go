package javascript

// CDK app source: the Lambda constructs a TypeScript or JavaScript file that
// imports aws-cdk-lib declares, read straight from the flat tree after the
// file is lowered. Names resolve through the file's module-level imports
// (`import * as lambda from 'aws-cdk-lib/aws-lambda'`, `import { aws_lambda as
// lambda } from 'aws-cdk-lib'`, `require(…)`), so a class that merely happens
// to be called Function is never read. Local variables are matched by name
// across the file, without scopes: CDK stacks build their constructs in one
// constructor.
//
// Construct and option names follow the aws-cdk-lib reference for
// aws_lambda.CapacityProvider, CapacityProviderProps,
// CapacityProviderFunctionOptions and LatestPublishedScalingConfig.

import (
	"path"
	"strconv"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/parsers/templates"
)

// importsCDK reports whether the file imports the CDK library.
func importsCDK(imps []facts.Import) bool {
	for _, im := range imps {
		if im.Module == "aws-cdk-lib" || strings.HasPrefix(im.Module, "aws-cdk-lib/") || im.Module == pythonAlpha {
			return true
		}
	}
	return false
}

const pythonAlpha = "@aws-cdk/aws-lambda-python-alpha"

type cdkReader struct {
	l *lowerer
	d *facts.Deployment
	// assigned maps a `new` node to the variable (or this.member) it is
	// assigned to.
	assigned map[int]string
	// fnByKey and cpByKey map variables and `new` nodes ("#<node>") to
	// indexes in d.Functions and d.CapacityProviders.
	fnByKey, cpByKey map[string]int
}

// cdk records the file's CDK deployment, if it imports aws-cdk-lib.
func (l *lowerer) cdk() {
	if !importsCDK(l.file.Imports) {
		return
	}
	c := &cdkReader{
		l:        l,
		d:        &facts.Deployment{Path: l.file.Path, Kind: facts.CDKSource},
		assigned: map[int]string{},
		fnByKey:  map[string]int{},
		cpByKey:  map[string]int{},
	}
	for i := range l.nodes {
		switch l.kind(i) {
		case kDeclarator:
			if v := l.unwrap(l.child(i, l.f.value)); l.kind(v) == kNew {
				if n := l.child(i, l.f.name); l.kind(n) == kIdentifier {
					c.assigned[v] = l.text(n)
				}
			}
		case kAssign:
			if v := l.unwrap(l.child(i, l.f.right)); l.kind(v) == kNew {
				if p := l.memberPath(l.child(i, l.f.left)); p != "" {
					c.assigned[v] = p
				}
			}
		}
	}
	for i := range l.nodes {
		if l.kind(i) == kNew {
			c.construct(i)
		}
	}
	for i := range l.nodes {
		if l.kind(i) == kCall {
			c.addFunction(i)
		}
	}
	if len(c.d.Functions) > 0 || len(c.d.CapacityProviders) > 0 {
		l.file.Deployment = c.d
	}
}

// resolve names what an expression refers to in the CDK library: its
// submodule ("aws-lambda", "aws-ec2", "core" for the library's root) and the
// path inside it ("Runtime.NODEJS_22_X"). ok is false for anything not
// reached through a CDK import.
func (c *cdkReader) resolve(i int) (sub, name string, ok bool) {
	l := c.l
	p := l.memberPath(i)
	if p == "" {
		return "", "", false
	}
	head, rest, _ := strings.Cut(p, ".")
	b := l.module[head]
	if b == nil || b.kind != bImport {
		return "", "", false
	}
	full := b.name
	switch {
	case full == "":
		full = rest
	case rest != "":
		full += "." + rest
	}
	switch {
	case b.module == "aws-cdk-lib":
		first, after, _ := strings.Cut(full, ".")
		if strings.HasPrefix(first, "aws_") {
			return strings.ReplaceAll(first, "_", "-"), after, true
		}
		return "core", full, true
	case strings.HasPrefix(b.module, "aws-cdk-lib/"):
		return strings.TrimPrefix(b.module, "aws-cdk-lib/"), full, true
	case b.module == pythonAlpha:
		return "aws-lambda-python", full, true
	}
	return "", "", false
}

func (c *cdkReader) is(i int, sub, name string) bool {
	s, n, ok := c.resolve(i)
	return ok && s == sub && n == name
}

// args returns the argument nodes of a call or new expression.
func (c *cdkReader) args(call int) []int {
	a := c.l.child(call, c.l.f.arguments)
	if a < 0 {
		return nil
	}
	return c.l.namedChildren(a)
}

// props maps the keys of an object literal to their pair (or shorthand
// property) nodes.
func (c *cdkReader) props(obj int) map[string]int {
	l := c.l
	obj = l.unwrap(obj)
	if l.kind(obj) != kObject {
		return nil
	}
	m := map[string]int{}
	for _, p := range l.namedChildren(obj) {
		switch l.kind(p) {
		case kPair:
			if k := l.child(p, l.f.key); k >= 0 && l.kind(k) != kComputedProperty {
				m[l.propertyName(k)] = p
			}
		case kShorthandProperty:
			m[l.text(p)] = p
		}
	}
	return m
}

// value returns a property's value node (-1 for a shorthand property).
func (c *cdkReader) value(p int) int {
	if c.l.kind(p) != kPair {
		return -1
	}
	return c.l.unwrap(c.l.child(p, c.l.f.value))
}

// propPos is where a property is written: key through value, or the key alone
// when the value spans lines.
func (c *cdkReader) propPos(p int) facts.Pos {
	l := c.l
	pos := l.pos(p)
	if pos.Line != pos.EndLine && l.kind(p) == kPair {
		return l.pos(l.child(p, l.f.key))
	}
	return pos
}

// literal returns the text of a literal number, string or boolean.
func (c *cdkReader) literal(v int) (string, bool) {
	l := c.l
	switch l.kind(v) {
	case kNumber:
		return strings.ReplaceAll(l.text(v), "_", ""), true
	case kString:
		return l.stringValue(v), true
	case kTrue, kFalse:
		return l.text(v), true
	case kTemplate:
		for ch := v + 1; ch < l.next(v); ch = l.next(ch) {
			if l.kind(ch) == kTemplateSubst {
				return "", false
			}
		}
		t := l.text(v)
		if len(t) < 2 {
			return "", false // a template cut short by a syntax error
		}
		return t[1 : len(t)-1], true
	case kUnary:
		if a := l.unwrap(l.child(v, l.f.argument)); l.kind(a) == kNumber && l.hasToken(v, "-") {
			return "-" + strings.ReplaceAll(l.text(a), "_", ""), true
		}
	}
	return "", false
}

// setting reads a property holding a literal.
func (c *cdkReader) setting(props map[string]int, key string) facts.Setting {
	p, ok := props[key]
	if !ok {
		return facts.Setting{}
	}
	if s, ok := c.literal(c.value(p)); ok {
		return facts.Lit(s, c.propPos(p))
	}
	return facts.Setting{State: facts.Unresolved, Pos: c.propPos(p)}
}

// mapped reads a property whose value is a CDK constant (or call) that conv
// turns into a literal.
func (c *cdkReader) mapped(props map[string]int, key string, conv func(v int) (string, bool)) facts.Setting {
	p, ok := props[key]
	if !ok {
		return facts.Setting{}
	}
	if v := c.value(p); v >= 0 {
		if s, ok := conv(v); ok {
			return facts.Lit(s, c.propPos(p))
		}
	}
	return facts.Setting{State: facts.Unresolved, Pos: c.propPos(p)}
}

func (c *cdkReader) architecture(v int) (string, bool) {
	switch {
	case c.is(v, "aws-lambda", "Architecture.ARM_64"):
		return "arm64", true
	case c.is(v, "aws-lambda", "Architecture.X86_64"):
		return "x86_64", true
	}
	return "", false
}

func (c *cdkReader) runtime(v int) (string, bool) {
	l := c.l
	if l.kind(v) == kNew && c.is(l.child(v, l.f.constructor), "aws-lambda", "Runtime") {
		if a := c.args(v); len(a) > 0 && l.kind(a[0]) == kString {
			return l.stringValue(a[0]), true
		}
		return "", false
	}
	sub, name, ok := c.resolve(v)
	if !ok || sub != "aws-lambda" || !strings.HasPrefix(name, "Runtime.") {
		return "", false
	}
	return runtimeID(strings.TrimPrefix(name, "Runtime."))
}

// runtimeID turns a Runtime constant into the runtime id it stands for:
// NODEJS_22_X → nodejs22.x, PYTHON_3_13 → python3.13. Moving aliases
// (NODEJS_LATEST) are not resolved.
func runtimeID(c string) (string, bool) {
	parts := strings.Split(c, "_")
	digits := func(ps []string) bool {
		for _, p := range ps {
			if p == "" || strings.Trim(p, "0123456789") != "" {
				return false
			}
		}
		return len(ps) > 0
	}
	switch {
	case parts[0] == "NODEJS" && len(parts) == 3 && parts[2] == "X" && digits(parts[1:2]):
		return "nodejs" + parts[1] + ".x", true
	case parts[0] == "PYTHON" && len(parts) == 3 && digits(parts[1:]):
		return "python" + parts[1] + "." + parts[2], true
	case parts[0] == "RUBY" && len(parts) == 3 && digits(parts[1:]):
		return "ruby" + parts[1] + "." + parts[2], true
	case parts[0] == "JAVA" && len(parts) == 2 && digits(parts[1:]):
		return "java" + parts[1], true
	case parts[0] == "DOTNET" && len(parts) == 2 && digits(parts[1:]):
		return "dotnet" + parts[1], true
	case c == "PROVIDED_AL2023":
		return "provided.al2023", true
	case c == "PROVIDED_AL2":
		return "provided.al2", true
	}
	return "", false
}

// size reads Size.mebibytes(n) or Size.gibibytes(n) as mebibytes.
func (c *cdkReader) size(v int) (string, bool) {
	l := c.l
	if l.kind(v) != kCall {
		return "", false
	}
	fn := l.child(v, l.f.function)
	mul := 0.0
	switch {
	case c.is(fn, "core", "Size.mebibytes"):
		mul = 1
	case c.is(fn, "core", "Size.gibibytes"):
		mul = 1024
	default:
		return "", false
	}
	a := c.args(v)
	if len(a) != 1 || l.kind(a[0]) != kNumber {
		return "", false
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(l.text(a[0]), "_", ""), 64)
	if err != nil {
		return "", false
	}
	return strconv.FormatFloat(n*mul, 'f', -1, 64), true
}

// path resolves a path argument: a string literal, relative to the file's
// folder, or path.join/resolve(__dirname, 'literal', …).
func (c *cdkReader) path(v int) (string, bool) {
	l := c.l
	v = l.unwrap(v)
	var p string
	base := l.dir
	switch l.kind(v) {
	case kString:
		// A bare relative path is resolved by Node against the folder cdk
		// runs in: the app's root, conventionally the folder holding bin/
		// and lib/.
		p, base = l.stringValue(v), appRoot(l.dir)
	case kCall:
		fn := l.memberPath(l.child(v, l.f.function))
		if !strings.HasSuffix(fn, ".join") && !strings.HasSuffix(fn, ".resolve") && fn != "join" && fn != "resolve" {
			return "", false
		}
		a := c.args(v)
		if len(a) < 2 || l.text(a[0]) != "__dirname" {
			return "", false
		}
		parts := make([]string, 0, len(a)-1)
		for _, x := range a[1:] {
			if l.kind(x) != kString {
				return "", false
			}
			parts = append(parts, l.stringValue(x))
		}
		p = path.Join(parts...)
	default:
		return "", false
	}
	if path.IsAbs(p) {
		return "", false
	}
	j := path.Join(base, p)
	if j == ".." || strings.HasPrefix(j, "../") {
		return "", false
	}
	return j, true
}

// appRoot is the CDK app folder for a file in dir: the parent of the
// nearest bin/ or lib/ folder, else dir itself.
func appRoot(dir string) string {
	for d := dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if b := path.Base(d); b == "lib" || b == "bin" {
			return path.Dir(d)
		}
	}
	return dir
}

// construct reads one `new` expression.
func (c *cdkReader) construct(i int) {
	l := c.l
	ctor := l.child(i, l.f.constructor)
	sub, name, ok := c.resolve(ctor)
	if !ok {
		return
	}
	a := c.args(i)
	id := ""
	if len(a) > 1 && l.kind(a[1]) == kString {
		id = l.stringValue(a[1])
	}
	var props map[string]int
	if len(a) > 2 {
		props = c.props(a[2])
	}
	variable := c.assigned[i]
	key := "#" + strconv.Itoa(i)
	switch {
	case sub == "aws-lambda" && name == "CapacityProvider":
		c.cpByKey[key] = len(c.d.CapacityProviders)
		if variable != "" {
			c.cpByKey[variable] = len(c.d.CapacityProviders)
		}
		c.d.CapacityProviders = append(c.d.CapacityProviders, c.capacityProvider(i, variable, id, props))
	case sub == "aws-lambda" && name == "Function",
		sub == "aws-lambda-nodejs" && name == "NodejsFunction",
		sub == "aws-lambda-python" && name == "PythonFunction":
		c.fnByKey[key] = len(c.d.Functions)
		if variable != "" {
			c.fnByKey[variable] = len(c.d.Functions)
		}
		c.d.Functions = append(c.d.Functions, c.function(i, name, variable, id, props))
	}
}

// function reads a Function, NodejsFunction or PythonFunction. It is named by
// its construct id (its logical id's stem), else by its variable.
func (c *cdkReader) function(i int, class, variable, id string, props map[string]int) facts.LambdaFunction {
	l := c.l
	fn := facts.LambdaFunction{Name: id, Template: l.file.Path, DeclPos: l.pos(i), Construct: id}
	if fn.Name == "" {
		fn.Name = strings.TrimPrefix(variable, "this.")
	}
	fn.Pos = fn.DeclPos
	fn.RuntimeSetting = c.mapped(props, "runtime", c.runtime)
	if fn.RuntimeSetting.State == facts.Literal {
		fn.Runtime = fn.RuntimeSetting.Value
	}
	fn.Memory = c.setting(props, "memorySize")
	fn.Architecture = c.mapped(props, "architecture", c.architecture)
	fn.EphemeralStorage = c.mapped(props, "ephemeralStorageSize", c.size)
	h := c.setting(props, "handler")
	if h.IsSet() {
		fn.Pos = h.Pos
	}
	switch class {
	case "Function":
		fn.Handler = h.Value
		if p, ok := props["code"]; ok {
			if v := c.value(p); l.kind(v) == kCall && c.is(l.child(v, l.f.function), "aws-lambda", "Code.fromAsset") {
				if a := c.args(v); len(a) > 0 {
					if dir, ok := c.path(a[0]); ok {
						fn.CodeDir = dir
						fn.Candidates, fn.Export = templates.HandlerCandidates(dir, fn.Handler, fn.Runtime)
					}
				}
			}
		}
	case "NodejsFunction":
		// entry defaults to <this file>.<id>.ts (or .js) beside the stack;
		// handler defaults to "handler".
		export := "handler"
		if h.State == facts.Literal {
			export = h.Value
		} else if h.IsSet() {
			export = ""
		}
		var files []string
		if p, ok := props["entry"]; ok {
			if f, ok := c.path(c.value(p)); ok {
				files = []string{f}
			}
			fn.Pos = c.propPos(p)
		} else if id != "" {
			base := strings.TrimSuffix(l.file.Path, path.Ext(l.file.Path)) + "." + id
			files = []string{base + ".ts", base + ".js"}
		}
		if len(files) > 0 && export != "" {
			fn.CodeDir = path.Dir(files[0])
			fn.Candidates, fn.Export = files, export
			fn.Handler = strings.TrimSuffix(path.Base(files[0]), path.Ext(files[0])) + "." + export
		}
	case "PythonFunction":
		// entry is the code folder; index defaults to index.py and handler to
		// "handler".
		export := "handler"
		if h.State == facts.Literal {
			export = h.Value
		} else if h.IsSet() {
			export = ""
		}
		index := "index.py"
		if ix := c.setting(props, "index"); ix.State == facts.Literal {
			index = ix.Value
		} else if ix.IsSet() {
			index = ""
		}
		if p, ok := props["entry"]; ok {
			if dir, ok := c.path(c.value(p)); ok && export != "" && index != "" {
				fn.CodeDir = dir
				fn.Candidates, fn.Export = []string{path.Join(dir, index)}, export
				fn.Handler = strings.TrimSuffix(index, ".py") + "." + export
			}
		}
	}
	return fn
}

// capacityProvider reads a CapacityProvider, named by its variable (without
// "this."), else by its construct id.
func (c *cdkReader) capacityProvider(i int, variable, id string, props map[string]int) facts.CapacityProvider {
	l := c.l
	cp := facts.CapacityProvider{Name: strings.TrimPrefix(variable, "this."), Pos: l.pos(i), Construct: id}
	if cp.Name == "" {
		cp.Name = id
	}
	if p, ok := props["architectures"]; ok {
		v := c.value(p)
		if l.kind(v) == kArray {
			els := l.namedChildren(v)
			cp.Architectures = len(els)
			if len(els) > 0 {
				if s, ok := c.architecture(l.unwrap(els[0])); ok {
					cp.Architecture = facts.Lit(s, c.propPos(p))
				} else {
					cp.Architecture = facts.Setting{State: facts.Unresolved, Pos: c.propPos(p)}
				}
			}
		} else {
			cp.Architecture = facts.Setting{State: facts.Unresolved, Pos: c.propPos(p)}
		}
	}
	if p, ok := props["instanceTypeFilter"]; ok {
		c.instanceTypes(&cp, p)
	}
	cp.MaxVCpuCount = c.setting(props, "maxVCpuCount")
	cp.ScalingMode = c.mapped(props, "scalingOptions", func(v int) (string, bool) {
		if l.kind(v) != kCall {
			return "", false
		}
		switch fn := l.child(v, l.f.function); {
		case c.is(fn, "aws-lambda", "ScalingOptions.manual"):
			return "Manual", true
		case c.is(fn, "aws-lambda", "ScalingOptions.auto"):
			return "Auto", true
		}
		return "", false
	})
	if p, ok := props["subnets"]; ok {
		if v := c.value(p); l.kind(v) == kArray {
			cp.Subnets = facts.Lit(strconv.Itoa(len(l.namedChildren(v))), c.propPos(p))
		} else {
			cp.Subnets = facts.Setting{State: facts.Unresolved, Pos: c.propPos(p)}
		}
	}
	return cp
}

// instanceTypes reads InstanceTypeFilter.allow([...]) or .exclude([...]).
func (c *cdkReader) instanceTypes(cp *facts.CapacityProvider, p int) {
	l := c.l
	pos := c.propPos(p)
	v := c.value(p)
	var list *[]facts.Setting
	if l.kind(v) == kCall {
		switch fn := l.child(v, l.f.function); {
		case c.is(fn, "aws-lambda", "InstanceTypeFilter.allow"):
			list, cp.AllowedPos = &cp.AllowedTypes, pos
		case c.is(fn, "aws-lambda", "InstanceTypeFilter.exclude"):
			list, cp.ExcludedPos = &cp.ExcludedTypes, pos
		}
	}
	if list == nil {
		// Not a filter we can read: say it is written, allowing nothing known.
		cp.AllowedPos = pos
		cp.AllowedTypes = []facts.Setting{{State: facts.Unresolved, Pos: pos}}
		return
	}
	a := c.args(v)
	if len(a) != 1 || l.kind(l.unwrap(a[0])) != kArray {
		*list = []facts.Setting{{State: facts.Unresolved, Pos: pos}}
		return
	}
	for _, e := range l.namedChildren(l.unwrap(a[0])) {
		e = l.unwrap(e)
		if s, ok := c.instanceType(e); ok {
			*list = append(*list, facts.Lit(s, l.pos(e)))
		} else {
			*list = append(*list, facts.Setting{State: facts.Unresolved, Pos: l.pos(e)})
		}
	}
}

// instanceType reads new ec2.InstanceType('c7g.xlarge') or
// ec2.InstanceType.of(ec2.InstanceClass.C7G, ec2.InstanceSize.XLARGE).
// Only the short class names (C7G, M7I) are mapped.
func (c *cdkReader) instanceType(e int) (string, bool) {
	l := c.l
	switch l.kind(e) {
	case kNew:
		if !c.is(l.child(e, l.f.constructor), "aws-ec2", "InstanceType") {
			return "", false
		}
		if a := c.args(e); len(a) == 1 && l.kind(a[0]) == kString {
			return l.stringValue(a[0]), true
		}
	case kCall:
		if !c.is(l.child(e, l.f.function), "aws-ec2", "InstanceType.of") {
			return "", false
		}
		a := c.args(e)
		if len(a) != 2 {
			return "", false
		}
		s1, class, ok1 := c.resolve(a[0])
		s2, size, ok2 := c.resolve(a[1])
		if !ok1 || !ok2 || s1 != "aws-ec2" || s2 != "aws-ec2" ||
			!strings.HasPrefix(class, "InstanceClass.") || !strings.HasPrefix(size, "InstanceSize.") {
			return "", false
		}
		class = strings.TrimPrefix(class, "InstanceClass.")
		size = strings.TrimPrefix(size, "InstanceSize.")
		if !shortClass(class) {
			return "", false
		}
		if n, ok := strings.CutPrefix(size, "XLARGE"); ok {
			size = n + "XLARGE"
		}
		return strings.ToLower(class) + "." + strings.ToLower(size), true
	}
	return "", false
}

// shortClass reports whether an InstanceClass member is a short name such as
// C7G or R6GD (letters, a generation digit, letters).
func shortClass(s string) bool {
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if i == 0 || j == i || i > 3 {
		return false
	}
	for _, ch := range s[j:] {
		if ch < 'A' || ch > 'Z' {
			return false
		}
	}
	return len(s)-j <= 4
}

// addFunction reads cp.addFunction(fn, { … }) into fn's LMI configuration.
func (c *cdkReader) addFunction(i int) {
	l := c.l
	callee := l.child(i, l.f.function)
	if l.kind(callee) != kMember || l.text(l.child(callee, l.f.property)) != "addFunction" {
		return
	}
	recv := l.unwrap(l.child(callee, l.f.object))
	cpi, ok := c.key(recv, c.cpByKey)
	if !ok {
		return
	}
	a := c.args(i)
	if len(a) == 0 {
		return
	}
	fi, ok := c.key(l.unwrap(a[0]), c.fnByKey)
	if !ok {
		return
	}
	lmi := &facts.LMIConfig{
		Pos:         l.pos(i),
		Provider:    c.d.CapacityProviders[cpi].Name,
		ProviderRef: facts.Setting{State: facts.Unresolved, Pos: l.pos(recv)},
	}
	if len(a) > 1 {
		opts := c.props(a[1])
		lmi.MaxConcurrency = c.setting(opts, "perExecutionEnvironmentMaxConcurrency")
		lmi.MemoryPerVCpu = c.setting(opts, "executionEnvironmentMemoryGiBPerVCpu")
		lmi.Publish = c.setting(opts, "publishToLatestPublished")
		if p, ok := opts["latestPublishedScalingConfig"]; ok {
			lmi.ScalingConfigPos = c.propPos(p)
			sc := c.props(c.value(p))
			lmi.MinEnvironments = c.setting(sc, "minExecutionEnvironments")
			lmi.MaxEnvironments = c.setting(sc, "maxExecutionEnvironments")
		}
	}
	c.d.Functions[fi].LMI = lmi
}

// key finds the construct an expression stands for: a variable or member it
// was assigned to, or the `new` expression itself.
func (c *cdkReader) key(e int, m map[string]int) (int, bool) {
	if c.l.kind(e) == kNew {
		i, ok := m["#"+strconv.Itoa(e)]
		return i, ok
	}
	p := c.l.memberPath(e)
	if p == "" {
		return 0, false
	}
	i, ok := m[p]
	return i, ok
}
