package templates

import (
	"strings"
	"testing"
)

func TestSAMWithGlobalsAndIntrinsics(t *testing.T) {
	src := `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    CodeUri: src/
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: handlers/api.main
  Py:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.13
      CodeUri: py/
      Handler: app.handlers.lambda_handler
  Inline:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async () => 1"
      Handler: index.handler
  Image:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
  FromS3:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: s3://bucket/key.zip
      Handler: index.handler
  Sub:
    Type: AWS::Serverless::Function
    Properties:
      Handler: !Sub "${Prefix}.handler"
  Table:
    Type: AWS::DynamoDB::Table
`
	d, err := Parse("svc/template.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fns := d.Functions
	byName := map[string]int{}
	for i, f := range fns {
		byName[f.Name] = i
	}
	if i, ok := byName["Inline"]; !ok || fns[i].CodeDir != "" || len(fns[i].Candidates) != 0 {
		t.Error("an inline function is declared but has no files to scan")
	}
	if i, ok := byName["Image"]; !ok || fns[i].Runtime != "" || len(fns[i].Candidates) != 0 {
		t.Error("an image function is declared but brings its own runtime and has no files to scan")
	}
	api := fns[byName["Api"]]
	if api.CodeDir != "svc/src" || api.Export != "main" || api.Runtime != "nodejs22.x" ||
		api.Candidates[0] != "svc/src/handlers/api.js" || api.Pos.Line != 10 {
		t.Errorf("Api: %+v", api)
	}
	py := fns[byName["Py"]]
	if py.Candidates[0] != "svc/py/app/handlers.py" || py.Export != "lambda_handler" || len(py.Candidates) != 1 {
		t.Errorf("Py: %+v", py)
	}
	if s3 := fns[byName["FromS3"]]; s3.CodeDir != "" || s3.Candidates != nil {
		t.Errorf("S3 code is not in the tree: %+v", s3)
	}
	if sub := fns[byName["Sub"]]; sub.Handler != "" || sub.Candidates != nil {
		t.Errorf("an intrinsic handler cannot be resolved: %+v", sub)
	}
}

func TestCloudFormationJSON(t *testing.T) {
	src := `{"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "index.handler", "Runtime": "nodejs20.x", "Code": "./build"}},
	"Zip": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "index.handler", "Code": {"ZipFile": "x"}}}}}`
	d, err := Parse("cfn.template.json", []byte(src))
	if err != nil || len(d.Functions) != 2 {
		t.Fatalf("%v %+v", err, d)
	}
	fns := d.Functions
	if fns[0].CodeDir != "build" || fns[0].Candidates[0] != "build/index.js" {
		t.Errorf("Fn: %+v", fns[0])
	}
	if fns[1].CodeDir != "" {
		t.Errorf("ZipFile code is inline: %+v", fns[1])
	}
}

func TestServerless(t *testing.T) {
	src := `service: shop
provider:
  name: aws
  runtime: nodejs22.x
functions:
  list:
    handler: src/handlers/items.list
  legacy:
    handler: legacy.handler
    runtime: nodejs18.x
  dynamic:
    handler: ${self:custom.entry}.handler
  image:
    image: repo:latest
`
	d, err := Parse("services/shop/serverless.yml", []byte(src))
	if err != nil || len(d.Functions) != 3 {
		t.Fatalf("%v %+v", err, d)
	}
	fns := d.Functions
	if fns[0].Name != "list" || fns[0].Candidates[0] != "services/shop/src/handlers/items.js" || fns[0].Export != "list" {
		t.Errorf("list: %+v", fns[0])
	}
	if fns[1].Runtime != "nodejs18.x" {
		t.Errorf("legacy runtime: %+v", fns[1])
	}
	if fns[2].Candidates != nil {
		t.Errorf("a ${} handler cannot be resolved: %+v", fns[2])
	}
}

func TestMalformedTemplatesAreErrorsNotPanics(t *testing.T) {
	for _, src := range []string{"Resources: [\n", "\t- x", "Resources:\n  A: !!binary |\n    ***", "- 1\n- 2\n", "Resources: 7\n", ""} {
		d, err := Parse("t.yaml", []byte(src))
		if err != nil && !strings.HasPrefix(err.Error(), "t.yaml: ") {
			t.Errorf("%q: error does not name the file: %v", src, err)
		}
		if err == nil && len(d.Functions) != 0 {
			t.Errorf("%q: functions %+v", src, d.Functions)
		}
	}
}

func TestCandidateNames(t *testing.T) {
	for name, want := range map[string]bool{
		"template.yaml": true, "infra/template.yml": true, "x.template.json": true, "serverless.yml": true,
		"package.json": false, "config.yaml": false,
	} {
		if IsCandidate(name) != want {
			t.Errorf("IsCandidate(%q) = %v", name, !want)
		}
	}
	if !Sniff([]byte("Type: AWS::Serverless::Function")) || Sniff([]byte("kind: Deployment")) {
		t.Error("Sniff")
	}
}

func TestJavaHandlerCandidates(t *testing.T) {
	for _, tc := range []struct{ handler, file, export string }{
		{"com.acme.Fn::handleRequest", "com/acme/Fn.java", "Fn::handleRequest"},
		{"com.acme.Fn", "com/acme/Fn.java", "Fn::handleRequest"},
		{"com.acme.Outer$Inner::run", "com/acme/Outer.java", "Inner::run"},
	} {
		c, e := HandlerCandidates("svc", tc.handler, "java21")
		want := []string{"svc/src/main/java/" + tc.file, "svc/" + tc.file}
		if e != tc.export || strings.Join(c, " ") != strings.Join(want, " ") {
			t.Errorf("%s: %v %q, want %v %q", tc.handler, c, e, want, tc.export)
		}
	}
	if c, _ := HandlerCandidates("svc", "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest", "java21"); c != nil {
		t.Errorf("a framework invoker names no project file: %v", c)
	}
}
