package manifests

import (
	"strings"
	"testing"
)

// FuzzManifests: every manifest and lock format rejects bad input with a
// message, never through the recover() safety net (which would mean a bug).
func FuzzManifests(f *testing.F) {
	names := []string{"package.json", "package-lock.json", "requirements.txt", "pyproject.toml", "poetry.lock",
		"pom.xml", "build.gradle", "build.gradle.kts", "app.csproj", "Directory.Packages.props", "go.mod", "Cargo.toml", "Cargo.lock"}
	seeds := []string{
		`{"dependencies": {"@aws-sdk/client-s3": "^3.500.0"}}`,
		`{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1.0.0"}}}`,
		"aws-lambda-powertools[tracer]>=3.0,<4 ; python_version > '3.8'  # lmicheck:ignore LMI013 -- x\n",
		"[project]\ndependencies = [\"boto3>=1.34\"]\n[tool.poetry.dependencies]\nx = {version = \"^1\"}\n",
		"<project><properties><v>2.20.0</v></properties><dependencies><dependency><groupId>software.amazon.awssdk</groupId><artifactId>s3</artifactId><version>${v}</version></dependency></dependencies></project>",
		"dependencies { implementation platform('software.amazon.awssdk:bom:2.30.0') }",
		`<Project><ItemGroup><PackageReference Include="Amazon.Lambda.Core" Version="[2.0,3.0)" /></ItemGroup></Project>`,
		"module m\n\ngo 1.21\n\nrequire github.com/aws/aws-lambda-go v1.47.0\n",
		"[dependencies]\nlambda_runtime = { version = \"1.1\", features = [\"x\"] }\n",
		"[[package]]\nname = \"lambda_runtime\"\nversion = \"1.0.0\"\n",
	}
	for i, s := range seeds {
		f.Add(uint8(i), []byte(s))
	}
	f.Fuzz(func(t *testing.T, which uint8, src []byte) {
		name := names[int(which)%len(names)]
		if IsLock(name) {
			if _, err := ParseLock(name, src); err != nil && strings.Contains(err.Error(), "internal error") {
				t.Fatal(err)
			}
			return
		}
		if _, err := Parse(name, src); err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatal(err)
		}
	})
}
