package scan

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/findings"
)

const lmiTemplate = `Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: "exports.handler = async () => 1"
      Runtime: nodejs20.x
      AutoPublishAlias: live
      CapacityProviderConfig:
        Arn: arn:aws:lambda:us-east-1:1:capacity-provider:x
`

func TestMalformedTemplateIsReportedAndTheRestIsChecked(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a/template.yaml": "Resources:\n  Fn: [\n",
		"b/template.yaml": lmiTemplate,
		"main.tf":         "resource \"aws_lambda_function\" {\n",
		"c/app.js":        hazard,
	})
	res := scanDir(t, dir, nil)
	ids := ruleIDs(res)
	if !slices.Contains(ids, "b/template.yaml:LMI011") || !slices.Contains(ids, "c/app.js:LMI001") {
		t.Errorf("the good template and the code are still checked: %v", ids)
	}
	bad := 0
	for _, n := range res.Notices {
		if n.Kind == findings.BadTemplate {
			bad++
			if !n.Incomplete || !strings.Contains(n.Message, "skipped") {
				t.Errorf("a broken template makes the run incomplete and says so: %+v", n)
			}
		}
	}
	if bad != 2 {
		t.Errorf("want notices for the bad YAML and the bad HCL, got %d: %+v", bad, res.Notices)
	}
}

func TestCDKOutIsReadThoughIgnored(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".gitignore":                  "cdk.out/\n",
		"cdk.out/Stack.template.json": `{"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs20.x", "Code": {"S3Bucket": "b", "S3Key": "k"}, "CapacityProviderConfig": {"LambdaManagedInstancesCapacityProviderConfig": {"CapacityProviderArn": "arn:x"}}}}}}`,
		"cdk.out/asset.abc/index.js":  hazard,
	})
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	res := scanDir(t, dir, nil)
	ids := ruleIDs(res)
	if !slices.Equal(ids, []string{"cdk.out/Stack.template.json:LMI011"}) {
		t.Errorf("synthesized templates are read, their assets are not: %v", ids)
	}
}

func TestTemplateSuppression(t *testing.T) {
	tpl := strings.Replace(lmiTemplate, "      Runtime: nodejs20.x\n", "      # lmicheck:ignore LMI011 -- upgrading in the next release\n      Runtime: nodejs20.x\n", 1)
	res := scanDir(t, writeTree(t, map[string]string{"template.yaml": tpl}), nil)
	if len(res.Findings) != 0 || res.Suppressed != 1 {
		t.Errorf("findings %v, suppressed %d", ruleIDs(res), res.Suppressed)
	}
}

func TestTargetLMINotesUpgrades(t *testing.T) {
	tpl := "Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      InlineCode: x\n      Runtime: python3.12\n"
	dir := writeTree(t, map[string]string{"template.yaml": tpl})
	if res := scanDir(t, dir, nil); len(res.Findings) != 0 {
		t.Errorf("a function not on LMI is not judged by default: %v", ruleIDs(res))
	}
	res, err := Run(t.Context(), Options{Paths: []string{dir}, Root: dir, TargetLMI: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Severity != findings.Note || !strings.Contains(res.Findings[0].Message, "python3.13") {
		t.Errorf("--target lmi notes the upgrade: %+v", res.Findings)
	}
}
