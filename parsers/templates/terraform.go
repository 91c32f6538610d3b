package templates

// Terraform reader. What it knows of the AWS provider's names was checked
// against hashicorp/terraform-provider-aws (internal/service/lambda):
//
//   - aws_lambda_function (function.go, SDKv2 schema): capacity_provider_config
//     is a block holding the block lambda_managed_instances_capacity_provider_config
//     with capacity_provider_arn, execution_environment_memory_gib_per_vcpu and
//     per_execution_environment_max_concurrency; architectures is a list of at
//     most one; ephemeral_storage { size }; publish (bool) and publish_to
//     ("LATEST_PUBLISHED").
//   - aws_lambda_capacity_provider (capacity_provider.go, plugin-framework
//     schema, documented in website/docs/r/lambda_capacity_provider.html.markdown
//     as corrected by PR #46234): vpc_config { subnet_ids, security_group_ids },
//     instance_requirements { architectures, allowed_instance_types,
//     excluded_instance_types }, capacity_provider_scaling_config
//     { max_vcpu_count, scaling_mode ("Auto" | "Manual"), scaling_policies }.
//     The framework declares instance_requirements and
//     capacity_provider_scaling_config as list-of-object attributes while the
//     docs write them as blocks, so both spellings are read.
//   - aws_lambda_function_scaling_config (function_scaling_config.go and its
//     acceptance test): function_name, qualifier, function_scaling_config
//     { min_execution_environments, max_execution_environments }.
//
// The community module terraform-aws-modules/lambda/aws gained LMI inputs in
// PR #745 (v8.8.0), but their names could not be read from a stored copy of
// the module, so module functions carry no LMI configuration.

import (
	"fmt"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/parsers/srcpos"
)

// IsTerraform reports whether a file is Terraform configuration in native
// syntax (*.tf). JSON configuration (*.tf.json) is not read.
func IsTerraform(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".tf")
}

// lambdaModuleSource is the registry address of the community Lambda module.
const lambdaModuleSource = "terraform-aws-modules/lambda/aws"

// ParseTerraform reads one .tf file: aws_lambda_function and
// aws_lambda_capacity_provider resources, aws_lambda_function_scaling_config,
// and the terraform-aws-modules/lambda/aws module. relPath is the file's path
// relative to the scan root.
//
// Naming: a function is named by its Terraform address
// ("aws_lambda_function.api", "module.api"), which is unique in a module and
// is what `terraform plan` prints; a capacity provider by its resource label
// ("main"), which is what LMIConfig.Provider holds.
//
// Only literal values are Literal; variables, locals, other resources'
// attributes, function calls, conditionals and interpolations are Unresolved.
func ParseTerraform(relPath string, src []byte) (d *facts.Deployment, err error) {
	defer func() {
		// hclsyntax is not expected to panic, but a scan must survive any file.
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("%s: cannot read Terraform: %v", relPath, r)
		}
	}()
	file, diags := hclsyntax.ParseConfig(src, relPath, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		for _, dg := range diags {
			if dg.Severity != hcl.DiagError {
				continue
			}
			line := 0
			if dg.Subject != nil {
				line = dg.Subject.Start.Line
			}
			msg := dg.Summary
			if dg.Detail != "" {
				msg += ": " + dg.Detail
			}
			return nil, fmt.Errorf("%s:%d: %s", relPath, line, msg)
		}
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return nil, fmt.Errorf("%s: not native Terraform syntax", relPath)
	}
	r := &tfReader{
		rel: relPath,
		dir: path.Dir(relPath),
		idx: srcpos.New(src),
		d:   &facts.Deployment{Path: relPath, Kind: facts.Terraform},
	}
	r.comments(src)
	r.archives = map[string]string{}
	for _, b := range body.Blocks {
		if b.Type == "data" && len(b.Labels) == 2 && b.Labels[0] == "archive_file" {
			r.archive(b)
		}
	}
	fnIndex := map[string]int{}
	for _, b := range body.Blocks {
		switch {
		case b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == "aws_lambda_function":
			fnIndex[b.Labels[1]] = len(r.d.Functions)
			r.d.Functions = append(r.d.Functions, r.function(b))
		case b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == "aws_lambda_capacity_provider":
			r.d.CapacityProviders = append(r.d.CapacityProviders, r.capacityProvider(b))
		case b.Type == "module" && len(b.Labels) == 1 && isLambdaModule(b):
			r.d.Functions = append(r.d.Functions, r.module(b))
		}
	}
	for _, b := range body.Blocks {
		if b.Type == "resource" && len(b.Labels) == 2 && b.Labels[0] == "aws_lambda_function_scaling_config" {
			r.scalingConfig(b, fnIndex)
		}
	}
	return r.d, nil
}

type tfReader struct {
	rel, dir string
	idx      *srcpos.Index
	d        *facts.Deployment
	// archives maps a data.archive_file label to the code folder it packs
	// (relative to the scan root).
	archives map[string]string
}

func (r *tfReader) pos(rg hcl.Range) facts.Pos { return r.idx.Pos(rg.Start.Byte, rg.End.Byte) }

// comments records line and block comments that mention lmicheck.
func (r *tfReader) comments(src []byte) {
	toks, _ := hclsyntax.LexConfig(src, r.rel, hcl.Pos{Line: 1, Column: 1})
	for _, t := range toks {
		if t.Type != hclsyntax.TokenComment || !strings.Contains(string(t.Bytes), "lmicheck") {
			continue
		}
		text := string(t.Bytes)
		end := t.Range.End.Byte
		// Line comments include their newline.
		for len(text) > 0 && (text[len(text)-1] == '\n' || text[len(text)-1] == '\r') {
			text = text[:len(text)-1]
			end--
		}
		switch {
		case strings.HasPrefix(text, "#"):
			text = text[1:]
		case strings.HasPrefix(text, "//"):
			text = text[2:]
		case strings.HasPrefix(text, "/*"):
			text = strings.TrimSuffix(text[2:], "*/")
		}
		start := t.Range.Start.Byte
		r.d.Comments = append(r.d.Comments, facts.Comment{
			Text:    strings.TrimSpace(text),
			Pos:     r.idx.Pos(start, end),
			OwnLine: r.idx.OnlySpaceBefore(start),
		})
	}
}

// ---- a uniform view of blocks and object values ---------------------------

// tfAttr is one argument: `name = value` in a block or an object value.
type tfAttr struct {
	expr      hclsyntax.Expression
	src, name hcl.Range
}

// tfBody is a block body or an object constructor: providers built on the
// plugin framework take nested objects as attributes (`x = { … }` or
// `x = [{ … }]`) where SDKv2 providers take blocks (`x { … }`).
type tfBody struct {
	block *hclsyntax.Body
	obj   *hclsyntax.ObjectConsExpr
	rng   hcl.Range // of the key or block type that opened it
}

func (b tfBody) ok() bool { return b.block != nil || b.obj != nil }

func (b tfBody) attr(name string) (tfAttr, bool) {
	switch {
	case b.block != nil:
		a, ok := b.block.Attributes[name]
		if !ok {
			return tfAttr{}, false
		}
		return tfAttr{expr: a.Expr, src: a.SrcRange, name: a.NameRange}, true
	case b.obj != nil:
		for _, it := range b.obj.Items {
			if objectKey(it.KeyExpr) == name {
				kr, vr := it.KeyExpr.Range(), it.ValueExpr.Range()
				return tfAttr{expr: it.ValueExpr, src: hcl.RangeBetween(kr, vr), name: kr}, true
			}
		}
	}
	return tfAttr{}, false
}

// nested returns the first nested block or object argument with this name.
func (b tfBody) nested(name string) tfBody {
	if b.block != nil {
		for _, nb := range b.block.Blocks {
			if nb.Type == name {
				return tfBody{block: nb.Body, rng: nb.TypeRange}
			}
		}
	}
	a, ok := b.attr(name)
	if !ok {
		return tfBody{}
	}
	e := unparen(a.expr)
	if t, ok := e.(*hclsyntax.TupleConsExpr); ok && len(t.Exprs) > 0 {
		e = unparen(t.Exprs[0])
	}
	if o, ok := e.(*hclsyntax.ObjectConsExpr); ok {
		return tfBody{obj: o, rng: a.name}
	}
	return tfBody{}
}

func objectKey(e hclsyntax.Expression) string {
	if kw := hcl.ExprAsKeyword(e); kw != "" {
		return kw
	}
	if k, ok := e.(*hclsyntax.ObjectConsKeyExpr); ok {
		e = k.Wrapped
	}
	if s, ok := literalString(e); ok {
		return s
	}
	return ""
}

func unparen(e hclsyntax.Expression) hclsyntax.Expression {
	for {
		p, ok := e.(*hclsyntax.ParenthesesExpr)
		if !ok {
			return e
		}
		e = p.Expression
	}
}

// ---- values -----------------------------------------------------------------

// literal returns the text of a literal string, number or bool.
func literal(e hclsyntax.Expression) (string, bool) {
	e = unparen(e)
	switch x := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return ctyText(x.Val)
	case *hclsyntax.TemplateExpr:
		return literalString(x)
	case *hclsyntax.UnaryOpExpr:
		if x.Op == hclsyntax.OpNegate {
			if lv, ok := unparen(x.Val).(*hclsyntax.LiteralValueExpr); ok && lv.Val.Type() == cty.Number && !lv.Val.IsNull() {
				s, ok := ctyText(lv.Val)
				return "-" + s, ok
			}
		}
	}
	return "", false
}

func literalString(e hclsyntax.Expression) (string, bool) {
	t, ok := e.(*hclsyntax.TemplateExpr)
	if !ok || !t.IsStringLiteral() {
		return "", false
	}
	return ctyText(t.Parts[0].(*hclsyntax.LiteralValueExpr).Val)
}

func ctyText(v cty.Value) (string, bool) {
	if v.IsNull() || !v.IsKnown() {
		return "", false
	}
	switch v.Type() {
	case cty.String:
		return v.AsString(), true
	case cty.Number:
		return v.AsBigFloat().Text('f', -1), true
	case cty.Bool:
		if v.True() {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

func isNull(e hclsyntax.Expression) bool {
	lv, ok := unparen(e).(*hclsyntax.LiteralValueExpr)
	return ok && lv.Val.IsNull()
}

// attrPos is where a setting is written: name through value, or the name
// alone when the value spans lines.
func (r *tfReader) attrPos(a tfAttr) facts.Pos {
	if a.src.Start.Line != a.src.End.Line {
		return r.pos(a.name)
	}
	return r.pos(a.src)
}

// setting reads one argument. `null` means "not set" in Terraform: Absent.
func (r *tfReader) setting(b tfBody, name string) facts.Setting {
	a, ok := b.attr(name)
	if !ok || isNull(a.expr) {
		return facts.Setting{}
	}
	return r.settingOf(a, a.expr)
}

func (r *tfReader) settingOf(a tfAttr, e hclsyntax.Expression) facts.Setting {
	if v, ok := literal(e); ok {
		return facts.Lit(v, r.attrPos(a))
	}
	return facts.Setting{State: facts.Unresolved, Pos: r.attrPos(a)}
}

// list reads a list argument: its element settings (each positioned at the
// element) and whether it is a literal tuple.
func (r *tfReader) list(a tfAttr) ([]facts.Setting, bool) {
	t, ok := unparen(a.expr).(*hclsyntax.TupleConsExpr)
	if !ok {
		return nil, false
	}
	out := make([]facts.Setting, 0, len(t.Exprs))
	for _, e := range t.Exprs {
		p := r.pos(e.Range())
		if v, ok := literal(e); ok {
			out = append(out, facts.Lit(v, p))
		} else {
			out = append(out, facts.Setting{State: facts.Unresolved, Pos: p})
		}
	}
	return out, true
}

// architecture reads an `architectures` list: the first architecture (at the
// argument's position) and how many are listed.
func (r *tfReader) architecture(b tfBody) (facts.Setting, int) {
	a, ok := b.attr("architectures")
	if !ok || isNull(a.expr) {
		return facts.Setting{}, 0
	}
	els, ok := r.list(a)
	if !ok {
		return facts.Setting{State: facts.Unresolved, Pos: r.attrPos(a)}, 0
	}
	if len(els) == 0 {
		return facts.Setting{}, 0
	}
	s := els[0]
	s.Pos = r.attrPos(a)
	return s, len(els)
}

// traversal returns the names of a reference such as
// aws_lambda_capacity_provider.main.arn, or nil.
func traversal(e hclsyntax.Expression) []string {
	st, ok := unparen(e).(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return nil
	}
	var out []string
	for _, t := range st.Traversal {
		switch s := t.(type) {
		case hcl.TraverseRoot:
			out = append(out, s.Name)
		case hcl.TraverseAttr:
			out = append(out, s.Name)
		default:
			return nil // an index: count or for_each instances
		}
	}
	return out
}

// path resolves a path argument written as a literal or as
// "${path.module}/rel" to a folder relative to the scan root.
func (r *tfReader) path(e hclsyntax.Expression) (string, bool) {
	if s, ok := literal(e); ok {
		return r.join(s), true
	}
	t, ok := unparen(e).(*hclsyntax.TemplateExpr)
	if !ok || len(t.Parts) == 0 {
		return "", false
	}
	if tr := traversal(t.Parts[0]); len(tr) != 2 || tr[0] != "path" || tr[1] != "module" {
		return "", false
	}
	var rest strings.Builder
	for _, p := range t.Parts[1:] {
		s, ok := literal(p)
		if !ok {
			return "", false
		}
		rest.WriteString(s)
	}
	return r.join("./" + strings.TrimPrefix(rest.String(), "/")), true
}

func (r *tfReader) join(p string) string {
	if path.IsAbs(p) {
		return "" // outside the tree
	}
	j := path.Join(r.dir, p)
	if j == ".." || strings.HasPrefix(j, "../") {
		return "" // outside the scan root
	}
	return j
}

// ---- resources ----------------------------------------------------------------

// archive records what a data "archive_file" packs: source_dir, or the
// folder of source_file.
func (r *tfReader) archive(b *hclsyntax.Block) {
	body := tfBody{block: b.Body}
	if a, ok := body.attr("source_dir"); ok {
		if dir, ok := r.path(a.expr); ok && dir != "" {
			r.archives[b.Labels[1]] = dir
		}
		return
	}
	if a, ok := body.attr("source_file"); ok {
		if f, ok := r.path(a.expr); ok && f != "" {
			r.archives[b.Labels[1]] = path.Dir(f)
		}
	}
}

// codeDir follows filename / source_code_hash to a data.archive_file in the
// same file.
func (r *tfReader) codeDir(body tfBody) string {
	for _, name := range []string{"filename", "source_code_hash"} {
		a, ok := body.attr(name)
		if !ok {
			continue
		}
		if tr := traversal(a.expr); len(tr) == 4 && tr[0] == "data" && tr[1] == "archive_file" {
			if dir, ok := r.archives[tr[2]]; ok {
				return dir
			}
		}
	}
	return ""
}

func (r *tfReader) function(b *hclsyntax.Block) facts.LambdaFunction {
	body := tfBody{block: b.Body}
	fn := facts.LambdaFunction{
		Name:     "aws_lambda_function." + b.Labels[1],
		Template: r.rel,
		DeclPos:  r.pos(b.DefRange()),
	}
	fn.Pos = fn.DeclPos
	r.common(&fn, body, "handler", "runtime", "memory_size")
	if es := body.nested("ephemeral_storage"); es.ok() {
		fn.EphemeralStorage = r.setting(es, "size")
	}
	fn.CodeDir = r.codeDir(body)
	if fn.CodeDir != "" {
		fn.Candidates, fn.Export = candidates(fn.CodeDir, fn.Handler, fn.Runtime)
	}
	cpc := body.nested("capacity_provider_config")
	if !cpc.ok() {
		return fn
	}
	lmi := &facts.LMIConfig{Pos: r.pos(cpc.rng)}
	if mi := cpc.nested("lambda_managed_instances_capacity_provider_config"); mi.ok() {
		lmi.ProviderRef = r.setting(mi, "capacity_provider_arn")
		if a, ok := mi.attr("capacity_provider_arn"); ok {
			if tr := traversal(a.expr); len(tr) == 3 && tr[0] == "aws_lambda_capacity_provider" && tr[2] == "arn" {
				lmi.Provider = tr[1]
			}
		}
		lmi.MemoryPerVCpu = r.setting(mi, "execution_environment_memory_gib_per_vcpu")
		lmi.MaxConcurrency = r.setting(mi, "per_execution_environment_max_concurrency")
	}
	// A version is published by publish = true or by publish_to =
	// "LATEST_PUBLISHED" (which publishes $LATEST.PUBLISHED).
	lmi.Publish = r.setting(body, "publish")
	if to := r.setting(body, "publish_to"); to.State == facts.Literal && strings.EqualFold(to.Value, "LATEST_PUBLISHED") {
		if v, ok := lmi.Publish.Bool(); !ok || !v {
			lmi.Publish = facts.Lit("true", to.Pos)
		}
	}
	fn.LMI = lmi
	return fn
}

// common reads what resource and module functions share.
func (r *tfReader) common(fn *facts.LambdaFunction, body tfBody, handler, runtime, memory string) {
	if a, ok := body.attr(handler); ok {
		fn.Pos = r.attrPos(a)
		if h, ok := literal(a.expr); ok {
			fn.Handler = h
		}
	}
	fn.RuntimeSetting = r.setting(body, runtime)
	if fn.RuntimeSetting.State == facts.Literal {
		fn.Runtime = fn.RuntimeSetting.Value
	}
	fn.Architecture, _ = r.architecture(body)
	fn.Memory = r.setting(body, memory)
}

func isLambdaModule(b *hclsyntax.Block) bool {
	a, ok := b.Body.Attributes["source"]
	if !ok {
		return false
	}
	s, ok := literal(a.Expr)
	if !ok {
		return false
	}
	s, _, _ = strings.Cut(s, "//") // a subdirectory of the module
	s = strings.TrimPrefix(s, "registry.terraform.io/")
	return s == lambdaModuleSource
}

// module reads a terraform-aws-modules/lambda/aws module call. Its inputs
// mirror the resource's; source_path is the code folder (or file).
func (r *tfReader) module(b *hclsyntax.Block) facts.LambdaFunction {
	body := tfBody{block: b.Body}
	fn := facts.LambdaFunction{
		Name:     "module." + b.Labels[0],
		Template: r.rel,
		DeclPos:  r.pos(b.DefRange()),
	}
	fn.Pos = fn.DeclPos
	r.common(&fn, body, "handler", "runtime", "memory_size")
	if a, ok := body.attr("source_path"); ok {
		if p, ok := r.path(a.expr); ok && p != "" {
			if path.Ext(p) != "" {
				p = path.Dir(p) // a single file
			}
			fn.CodeDir = p
			fn.Candidates, fn.Export = candidates(fn.CodeDir, fn.Handler, fn.Runtime)
		}
	}
	return fn
}

func (r *tfReader) capacityProvider(b *hclsyntax.Block) facts.CapacityProvider {
	body := tfBody{block: b.Body}
	cp := facts.CapacityProvider{Name: b.Labels[1], Pos: r.pos(b.DefRange())}
	if ir := body.nested("instance_requirements"); ir.ok() {
		cp.Architecture, cp.Architectures = r.architecture(ir)
		cp.AllowedTypes, cp.AllowedPos = r.types(ir, "allowed_instance_types")
		cp.ExcludedTypes, cp.ExcludedPos = r.types(ir, "excluded_instance_types")
	}
	if sc := body.nested("capacity_provider_scaling_config"); sc.ok() {
		cp.MaxVCpuCount = r.setting(sc, "max_vcpu_count")
		cp.ScalingMode = r.setting(sc, "scaling_mode")
	}
	if vpc := body.nested("vpc_config"); vpc.ok() {
		a, ok := vpc.attr("subnet_ids")
		switch {
		case !ok || isNull(a.expr):
		default:
			if els, ok := r.list(a); ok {
				cp.Subnets = facts.Lit(fmt.Sprint(len(els)), r.attrPos(a))
			} else {
				cp.Subnets = facts.Setting{State: facts.Unresolved, Pos: r.attrPos(a)}
			}
		}
	}
	return cp
}

// types reads an instance type list. A list that is not written out (a
// variable) is one Unresolved entry.
func (r *tfReader) types(b tfBody, name string) ([]facts.Setting, facts.Pos) {
	a, ok := b.attr(name)
	if !ok || isNull(a.expr) {
		return nil, facts.Pos{}
	}
	p := r.attrPos(a)
	if els, ok := r.list(a); ok {
		return els, p
	}
	return []facts.Setting{{State: facts.Unresolved, Pos: p}}, p
}

// scalingConfig attaches an aws_lambda_function_scaling_config to the
// function its function_name references (aws_lambda_function.x.function_name
// or .arn). The qualifier is not checked.
func (r *tfReader) scalingConfig(b *hclsyntax.Block, fnIndex map[string]int) {
	body := tfBody{block: b.Body}
	a, ok := body.attr("function_name")
	if !ok {
		return
	}
	tr := traversal(a.expr)
	if len(tr) != 3 || tr[0] != "aws_lambda_function" {
		return
	}
	fsc := body.nested("function_scaling_config")
	if !fsc.ok() {
		return
	}
	i, ok := fnIndex[tr[1]]
	if !ok {
		// The function is in another file of the module: scan attaches it.
		r.d.Scaling = append(r.d.Scaling, facts.FunctionScaling{
			Function: "aws_lambda_function." + tr[1], Pos: r.pos(fsc.rng),
			Min: r.setting(fsc, "min_execution_environments"), Max: r.setting(fsc, "max_execution_environments"),
		})
		return
	}
	fn := &r.d.Functions[i]
	if fn.LMI == nil {
		return // scaling config applies to LMI functions only
	}
	fn.LMI.ScalingConfigPos = r.pos(fsc.rng)
	fn.LMI.MinEnvironments = r.setting(fsc, "min_execution_environments")
	fn.LMI.MaxEnvironments = r.setting(fsc, "max_execution_environments")
}
