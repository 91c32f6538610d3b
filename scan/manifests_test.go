package scan

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/lmicheck/lmicheck/findings"
)

func TestMalformedManifestIsANoticeAndTheScanGoesOn(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.mjs":                   "export const handler = async (event) => ({});\n",
		"package.json":                "{\n  \"dependencies\": {\n    \"@aws-sdk/client-s3\": \"3.0.0\",\n  }\n}\n",
		"Cargo.lock":                  "[[package]\n",
		"fn/go.mod":                   "module x\n\ngo 1.21\n\nrequire github.com/aws/aws-lambda-go v1.47.0\n",
		"node_modules/a/package.json": "{\"dependencies\": {\"@types/aws-lambda\": \"1\", \"@aws-sdk/client-s3\": \"1.0.0\"}}",
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Root: dir, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string]bool{}
	for _, n := range res.Notices {
		if n.Kind == findings.BadManifest {
			bad[n.Location.Path] = true
		}
	}
	if !bad["package.json"] || !bad["Cargo.lock"] || len(bad) != 2 {
		t.Errorf("bad-manifest notices for %v, want package.json and Cargo.lock", bad)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Location.Path+":"+f.RuleID)
	}
	// go.mod is still checked; node_modules is never walked.
	if len(got) != 2 || got[0] != "fn/go.mod:LMI013" || got[1] != "fn/go.mod:LMI013" {
		t.Errorf("findings %v, want two LMI013 in fn/go.mod", got)
	}
}
