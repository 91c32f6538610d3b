package emit

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"gopkg.in/yaml.v3"
)

// The tests here check every property name the emitters write against the
// SDK's Go structs by reflection, so a rename in service/lambda (or a typo
// here) fails a test rather than a deployment.

// sdkTypes are the SDK structs the emitters' names come from, by Go name.
var sdkTypes = map[string]reflect.Type{}

func init() {
	for _, v := range []any{
		lambda.CreateCapacityProviderInput{}, lambda.CreateCapacityProviderOutput{},
		lambda.GetCapacityProviderInput{}, lambda.GetCapacityProviderOutput{},
		lambda.CreateFunctionInput{}, lambda.PublishVersionInput{}, lambda.PutFunctionScalingConfigInput{},
		types.CapacityProvider{}, types.CapacityProviderVpcConfig{}, types.CapacityProviderPermissionsConfig{},
		types.InstanceRequirements{}, types.CapacityProviderScalingConfig{}, types.TargetTrackingScalingPolicy{},
		types.CapacityProviderConfig{}, types.LambdaManagedInstancesCapacityProviderConfig{},
		types.FunctionScalingConfig{}, types.FunctionCode{},
	} {
		t := reflect.TypeOf(v)
		sdkTypes[t.Name()] = t
	}
}

// field returns the type of a struct's field (pointers and slices
// unwrapped), or nil.
func field(t reflect.Type, name string) reflect.Type {
	f, ok := t.FieldByName(name)
	if !ok || !f.IsExported() {
		return nil
	}
	ft := f.Type
	for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
		ft = ft.Elem()
	}
	return ft
}

// checkTree walks a decoded template value against an SDK struct: every
// key must be a field; structures and lists of structures are checked
// recursively. extra are keys that are not SDK fields, by path.
func checkTree(t *testing.T, path string, v any, typ reflect.Type, extra map[string]bool) {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	for k, val := range m {
		p := path + "." + k
		if extra[p] {
			continue
		}
		ft := field(typ, k)
		if ft == nil {
			t.Errorf("%s: %s has no field %s", p, typ.Name(), k)
			continue
		}
		if ft.Kind() != reflect.Struct {
			continue
		}
		switch x := val.(type) {
		case map[string]any:
			checkTree(t, p, x, ft, extra)
		case []any:
			for _, it := range x {
				checkTree(t, p, it, ft, extra)
			}
		}
	}
}

func resources(t *testing.T, src []byte) map[string]map[string]any {
	t.Helper()
	var doc struct {
		Resources map[string]struct {
			Type       string         `yaml:"Type"`
			Properties map[string]any `yaml:"Properties"`
		} `yaml:"Resources"`
	}
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]any{}
	for id, r := range doc.Resources {
		out[id] = r.Properties
		out[id]["#Type"] = r.Type
	}
	return out
}

func TestCloudFormationNamesAreSDKNames(t *testing.T) {
	for _, fn := range []Func{CloudFormationYAML, CloudFormationJSON} {
		for id, props := range resources(t, emitted(t, fn)) {
			typ := props["#Type"].(string)
			delete(props, "#Type")
			switch typ {
			case "AWS::Lambda::CapacityProvider":
				checkTree(t, id, props, sdkTypes["CreateCapacityProviderInput"], nil)
			case "AWS::Lambda::Function":
				fsc := props["FunctionScalingConfig"]
				delete(props, "FunctionScalingConfig")
				checkTree(t, id, fsc, sdkTypes["FunctionScalingConfig"], nil)
				checkTree(t, id, props, sdkTypes["CreateFunctionInput"], map[string]bool{
					id + "." + cfnPublishToLatestPublished: true, // CloudFormation only [CFN-LMI]
				})
			default:
				t.Errorf("%s: type %s", id, typ)
			}
		}
	}
}

func TestSAMNamesAreSDKNamesOrDocumentedRenames(t *testing.T) {
	// Undo the documented renames, then check as CloudFormation.
	back := map[string]string{}
	for from, to := range samRenames {
		back[to] = from[strings.LastIndexByte(from, '.')+1:]
		if field(sdkTypes[from[:strings.IndexByte(from, '.')]], back[to]) == nil {
			t.Errorf("samRenames: %s is not an SDK field", from)
		}
	}
	for id, props := range resources(t, emitted(t, SAM)) {
		typ := props["#Type"].(string)
		delete(props, "#Type")
		switch typ {
		case "AWS::Serverless::CapacityProvider":
			if ir, ok := props["InstanceRequirements"].(map[string]any); ok {
				for k, v := range ir {
					if to, ok := back[k]; ok {
						delete(ir, k)
						ir[to] = v
					}
				}
			}
			if sc, ok := props["ScalingConfig"].(map[string]any); ok {
				delete(sc, samAverageCPUUtilization) // SAM only [SAM-sc]
				delete(props, "ScalingConfig")
				props[back["ScalingConfig"]] = sc
			}
			checkTree(t, id, props, sdkTypes["CreateCapacityProviderInput"], nil)
		case "AWS::Serverless::Function":
			cpc := props["CapacityProviderConfig"].(map[string]any)
			cpc[back["Arn"]] = cpc["Arn"]
			delete(cpc, "Arn")
			props["CapacityProviderConfig"] = map[string]any{"LambdaManagedInstancesCapacityProviderConfig": cpc}
			checkTree(t, id, props["FunctionScalingConfig"], sdkTypes["FunctionScalingConfig"], nil)
			delete(props, "FunctionScalingConfig")
			checkTree(t, id, props, sdkTypes["CreateFunctionInput"], map[string]bool{
				id + ".CodeUri": true, id + "." + samAutoPublishAlias: true, // SAM only [SAM-fn]
			})
		default:
			t.Errorf("%s: type %s", id, typ)
		}
	}
}

// tfNames are every SDK field of the emitters' types in Terraform's
// snake_case.
func tfNames() map[string]bool {
	out := map[string]bool{}
	for _, typ := range sdkTypes {
		for i := 0; i < typ.NumField(); i++ {
			if f := typ.Field(i); f.IsExported() {
				out[tfName(f.Name)] = true
			}
		}
	}
	return out
}

func TestTerraformNamesAreSDKNames(t *testing.T) {
	names := tfNames()
	for from, to := range tfRenames {
		if field(sdkTypes[from[:strings.IndexByte(from, '.')]], from[strings.IndexByte(from, '.')+1:]) == nil {
			t.Errorf("tfRenames: %s is not an SDK field", from)
		}
		names[to] = true
	}
	file, diags := hclsyntax.ParseConfig(emitted(t, Terraform), "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	// Arguments of Terraform itself, not of a resource.
	meta := map[string]bool{"type": true, "description": true}
	var walk func(where string, b *hclsyntax.Body)
	walk = func(where string, b *hclsyntax.Body) {
		for name, a := range b.Attributes {
			if !names[name] && !(meta[name] && strings.HasPrefix(where, "variable")) {
				t.Errorf("%s: argument %s is no SDK field in snake_case", where, name)
			}
			if o, ok := a.Expr.(*hclsyntax.TupleConsExpr); ok {
				for _, e := range o.Exprs {
					if obj, ok := e.(*hclsyntax.ObjectConsExpr); ok {
						for _, it := range obj.Items {
							k := hcl.ExprAsKeyword(it.KeyExpr)
							if !names[k] {
								t.Errorf("%s.%s: object key %s is no SDK field in snake_case", where, name, k)
							}
						}
					}
				}
			}
		}
		for _, nb := range b.Blocks {
			if !names[nb.Type] {
				t.Errorf("%s: block %s is no SDK field in snake_case", where, nb.Type)
			}
			walk(where+"."+nb.Type, nb.Body)
		}
	}
	for _, blk := range file.Body.(*hclsyntax.Body).Blocks {
		walk(blk.Type+"."+strings.Join(blk.Labels, "."), blk.Body)
	}
}

func TestCLINamesAreSDKNames(t *testing.T) {
	commands := map[string]reflect.Type{
		"create-capacity-provider":    sdkTypes["CreateCapacityProviderInput"],
		"get-capacity-provider":       sdkTypes["GetCapacityProviderInput"],
		"create-function":             sdkTypes["CreateFunctionInput"],
		"publish-version":             sdkTypes["PublishVersionInput"],
		"put-function-scaling-config": sdkTypes["PutFunctionScalingConfigInput"],
		"wait":                        nil,
	}
	kebab := func(typ reflect.Type) map[string]bool {
		out := map[string]bool{"query": true, "output": true} // global options
		for i := 0; typ != nil && i < typ.NumField(); i++ {
			out[strings.ReplaceAll(tfName(typ.Field(i).Name), "_", "-")] = true
		}
		return out
	}
	allFields := map[string]bool{}
	for _, typ := range sdkTypes {
		for i := 0; i < typ.NumField(); i++ {
			allFields[typ.Field(i).Name] = true
		}
	}
	script := string(emitted(t, CLI))
	// Join continuation lines, then read each aws command.
	script = strings.ReplaceAll(script, " \\\n  ", " ")
	cmdRe := regexp.MustCompile(`aws lambda ([a-z-]+)((?: [^\n$]*|\$[^(][^\n]*)*)`)
	optRe := regexp.MustCompile(` --([a-z0-9-]+)`)
	keyRe := regexp.MustCompile(`[{,\[ '"]([A-Z][A-Za-z0-9]*)=`)
	seen := map[string]bool{}
	for _, m := range cmdRe.FindAllStringSubmatch(script, -1) {
		typ, ok := commands[m[1]]
		if !ok {
			t.Errorf("unexpected command %s", m[1])
			continue
		}
		seen[m[1]] = true
		if m[1] == "wait" {
			continue
		}
		opts := kebab(typ)
		for _, o := range optRe.FindAllStringSubmatch(m[2], -1) {
			if !opts[o[1]] {
				t.Errorf("%s: option --%s is no field of %s", m[1], o[1], typ.Name())
			}
		}
		for _, k := range keyRe.FindAllStringSubmatch(m[2], -1) {
			if !allFields[k[1]] {
				t.Errorf("%s: shorthand key %s is no SDK field", m[1], k[1])
			}
		}
	}
	for c := range commands {
		if !seen[c] {
			t.Errorf("no %s command in the script", c)
		}
	}
	// --query paths.
	for _, q := range []struct{ path, out string }{
		{cliProviderArnQuery, "CreateCapacityProviderOutput"},
		{cliProviderStateQuery, "GetCapacityProviderOutput"},
	} {
		typ := sdkTypes[q.out]
		for _, part := range strings.Split(q.path, ".") {
			if typ = field(typ, part); typ == nil {
				t.Errorf("--query %s: no %s in %s", q.path, part, q.out)
				break
			}
		}
	}
}

func TestCDKPropsSetSDKFields(t *testing.T) {
	src := string(emitted(t, CDK))
	for prop, target := range cdkProps {
		typ, name, _ := strings.Cut(target, ".")
		if field(sdkTypes[typ], name) == nil {
			t.Errorf("cdkProps[%s]: %s is not an SDK field", prop, target)
		}
		if strings.EqualFold(prop, name) || prop == "subnets" || prop == "securityGroups" || prop == "instanceTypeFilter" ||
			prop == "scalingOptions" || prop == "architecture" {
			// camelCase of the API name, or a CDK construct-level prop.
		} else {
			t.Errorf("cdkProps[%s] is neither the API name %s in camelCase nor a known CDK prop", prop, name)
		}
		if !strings.Contains(src, prop+":") {
			t.Errorf("the emitted stack does not write %s", prop)
		}
	}
}
