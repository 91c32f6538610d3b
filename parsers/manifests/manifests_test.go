package manifests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lmicheck/lmicheck/facts"
)

// dep renders a dependency as name=constraint@line:col[resolved][features].
func dep(d facts.Dependency) string {
	s := fmt.Sprintf("%s=%s@%d:%d", d.Name, d.Constraint, d.Pos.Line, d.Pos.Col)
	if d.Resolved != "" {
		s += " resolved " + d.Resolved
	}
	if len(d.Features) > 0 {
		s += " [" + strings.Join(d.Features, ",") + "]"
	}
	return s
}

func parseDeps(t *testing.T, path, src string) (*facts.Manifest, []string) {
	t.Helper()
	m, err := Parse(path, []byte(src))
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	var out []string
	for _, d := range m.Deps {
		out = append(out, dep(d))
	}
	return m, out
}

func wantDeps(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestIsManifest(t *testing.T) {
	for name, want := range map[string]bool{
		"package.json": true, "a/b/package-lock.json": true, "requirements.txt": true, "pyproject.toml": true,
		"poetry.lock": true, "pom.xml": true, "build.gradle": true, "build.gradle.kts": true, "Fn.csproj": true,
		"Directory.Packages.props": true, "go.mod": true, "Cargo.toml": true, "Cargo.lock": true,
		"go.sum": false, "package.jsonx": false, "requirements-dev.txt": false, "app.js": false, "csproj": false,
	} {
		if got := IsManifest(name); got != want {
			t.Errorf("IsManifest(%q) = %v, want %v", name, got, want)
		}
	}
	if !IsLock("x/Cargo.lock") || IsLock("Cargo.toml") {
		t.Error("IsLock")
	}
}

func TestPackageJSON(t *testing.T) {
	m, got := parseDeps(t, "fn/package.json", `{
  "name": "fn",
  "dependencies": {
    "@aws-sdk/client-s3": "^3.500.0",
    "é-pkg": "1.0.0", "x": {"bad": 1}
  },
  "optionalDependencies": { "aws-xray-sdk-core": "3.5.0" },
  "devDependencies": { "@aws-sdk/client-sqs": "3.0.0" }
}`)
	wantDeps(t, got,
		"@aws-sdk/client-s3=^3.500.0@4:28",
		"é-pkg=1.0.0@5:15", // UTF-16 columns: é is one unit
		"x=@5:24",
		"aws-xray-sdk-core=3.5.0@7:51")
	if m.Ecosystem != facts.Npm || m.Path != "fn/package.json" {
		t.Errorf("manifest %+v", m)
	}
}

func TestPackageLockVersions(t *testing.T) {
	for name, src := range map[string]string{
		"v1": `{"lockfileVersion": 1, "dependencies": {"@aws-sdk/client-s3": {"version": "3.940.0",
			"dependencies": {"tslib": {"version": "1.0.0"}}}}}`,
		"v2": `{"lockfileVersion": 2, "packages": {"": {}, "node_modules/@aws-sdk/client-s3": {"version": "3.940.0"},
			"node_modules/x/node_modules/@aws-sdk/client-s3": {"version": "3.1.0"}}, "dependencies": {}}`,
		"v3": `{"lockfileVersion": 3, "packages": {"node_modules/@aws-sdk/client-s3": {"version": "3.940.0"},
			"packages/ws": {"version": "1.0.0"}, "node_modules/ws": {"link": true}}}`,
	} {
		l, err := ParseLock("package-lock.json", []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m := &facts.Manifest{Ecosystem: facts.Npm, Deps: []facts.Dependency{{Name: "@aws-sdk/client-s3", Constraint: "^3.0.0"}, {Name: "ws"}}}
		Resolve(m, l)
		if m.Deps[0].Resolved != "3.940.0" || m.Deps[0].Lock != "package-lock.json" || m.Deps[1].Resolved != "" {
			t.Errorf("%s: %+v", name, m.Deps)
		}
	}
}

func TestRequirements(t *testing.T) {
	m, got := parseDeps(t, "requirements.txt", `# deps
-r base.txt
-e .
--index-url https://example.com/simple
https://example.com/pkg.whl
aws-lambda-powertools[tracer,parser]==3.10.0 ; python_version >= "3.9"  # pinned
requests>=2, <3
boto3 --hash=sha256:abc
mangum @ https://example.com/mangum.zip
Flask ~= 3.0 \
  # continued
# lmicheck:ignore LMI013 -- reviewed
aws_lambda_powertools>=3.23
`)
	wantDeps(t, got,
		"aws-lambda-powertools===3.10.0@6:37 [tracer,parser]",
		"requests=>=2,<3@7:9",
		"boto3=@8:1",
		"mangum=@https://example.com/mangum.zip@9:8",
		"Flask=~=3.0@10:7",
		"aws_lambda_powertools=>=3.23@13:22")
	if len(m.Comments) != 1 || m.Comments[0].Text != "lmicheck:ignore LMI013 -- reviewed" || !m.Comments[0].OwnLine || m.Comments[0].Pos.Line != 12 {
		t.Errorf("comments %+v", m.Comments)
	}
}

func TestPyproject(t *testing.T) {
	m, got := parseDeps(t, "pyproject.toml", `[project]
name = "fn"
dependencies = [
  "aws-lambda-powertools[all]>=3.0,<4", # lmicheck:ignore LMI013 -- ok
  'mangum',
]
[project.optional-dependencies]
dev = ["pytest"]

[tool.poetry.dependencies]
python = "^3.13"
aws-lambda-powertools = "^3.5.0"
boto3 = { version = "~1.35", extras = ["crt"] }
local = { path = "../lib" }

[tool.poetry.group.dev.dependencies]
pytest = "*"
`)
	wantDeps(t, got,
		"aws-lambda-powertools=>=3.0,<4@4:30 [all]",
		"mangum=@5:4",
		"aws-lambda-powertools=^3.5.0@12:26",
		"boto3=~1.35@13:22 [crt]",
		"local=(git, path or URL source)@14:1")
	if len(m.Comments) != 1 || m.Comments[0].OwnLine || m.Comments[0].Pos.Line != 4 {
		t.Errorf("comments %+v", m.Comments)
	}
}

func TestPoetryAndCargoLocks(t *testing.T) {
	l, err := ParseLock("poetry.lock", []byte(`[[package]]
name = "aws_lambda_powertools"
version = "3.24.0"

[[package]]
name = "boto3"
version = "1.35.0"
`))
	if err != nil {
		t.Fatal(err)
	}
	if v := l.Versions["aws-lambda-powertools"]; len(v) != 1 || v[0] != "3.24.0" {
		t.Errorf("poetry: %v", l.Versions)
	}
	l, err = ParseLock("Cargo.lock", []byte(`version = 3
[[package]]
name = "lambda_runtime"
version = "0.13.0"
[[package]]
name = "lambda_runtime"
version = "1.1.1"
`))
	if err != nil {
		t.Fatal(err)
	}
	if v := l.Versions["lambda_runtime"]; len(v) != 2 || v[0] != "1.1.1" {
		t.Errorf("cargo: %v", l.Versions)
	}
}

func TestCargoToml(t *testing.T) {
	m, got := parseDeps(t, "Cargo.toml", `[package]
name = "fn"

[dependencies]
lambda_runtime = { version = "1.1.1", features = ["concurrency-tokio"] } # lmicheck:ignore LMI013 -- x
tokio = "1"
serde.version = "1.0"
serde.features = ["derive"]
rt = { package = "lambda_http", version = "0.13" }
local = { path = "../x" }
shared = { workspace = true }

[dependencies.aws-sdk-s3]
version = "1.50"

[target.'cfg(unix)'.dependencies]
nix = "0.29"

[dev-dependencies]
mockall = "0.13"
`)
	wantDeps(t, got,
		"lambda_runtime=1.1.1@5:31 [concurrency-tokio]",
		"tokio=1@6:10",
		"serde=1.0@7:18 [derive]",
		"lambda_http=0.13@9:44",
		"local=(git or path source)@10:1",
		"shared=@11:1",
		"aws-sdk-s3=1.50@14:12",
		"nix=0.29@17:8")
	if len(m.Comments) != 1 {
		t.Errorf("comments %+v", m.Comments)
	}
}

func TestGoMod(t *testing.T) {
	m, got := parseDeps(t, "go.mod", `module example.com/fn

go 1.21

toolchain go1.23.2

require (
	github.com/aws/aws-lambda-go v1.47.0 // lmicheck:ignore LMI013 -- reviewed
	golang.org/x/sync v0.7.0 // indirect
)

replace golang.org/x/sync => ../sync
`)
	wantDeps(t, got,
		"go=1.21@3:4 resolved 1.21",
		"toolchain=go1.23.2@5:11 resolved go1.23.2",
		"github.com/aws/aws-lambda-go=v1.47.0@8:31 resolved v1.47.0",
		"golang.org/x/sync=(replaced by ../sync)@9:20")
	if len(m.Comments) != 1 || m.Comments[0].Pos.Line != 8 || m.Comments[0].OwnLine {
		t.Errorf("comments %+v", m.Comments)
	}
}

func TestPom(t *testing.T) {
	m, got := parseDeps(t, "pom.xml", `<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <version>1.0.0</version>
  <properties>
    <aws.sdk.version>2.30.0</aws.sdk.version>
    <sdk>${aws.sdk.version}</sdk>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>software.amazon.awssdk</groupId>
        <artifactId>bom</artifactId>
        <version>${sdk}</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <!-- lmicheck:ignore LMI013 -- reviewed -->
    <dependency>
      <groupId>software.amazon.awssdk</groupId>
      <artifactId>s3</artifactId>
    </dependency>
    <dependency>
      <groupId>com.amazonaws</groupId>
      <artifactId>aws-lambda-java-core</artifactId>
      <version>${missing.version}</version>
    </dependency>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <version>4.13</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>`)
	wantDeps(t, got,
		"software.amazon.awssdk:s3=@23:19",
		"com.amazonaws:aws-lambda-java-core=${missing.version}@28:16",
		"software.amazon.awssdk:bom=2.30.0@13:18")
	if len(m.Comments) != 1 || !m.Comments[0].OwnLine || m.Comments[0].Text != "lmicheck:ignore LMI013 -- reviewed" {
		t.Errorf("comments %+v", m.Comments)
	}
}

func TestGradle(t *testing.T) {
	_, got := parseDeps(t, "build.gradle", `def sdkVersion = '2.30.1'
dependencies {
    implementation platform('software.amazon.awssdk:bom:2.25.0')
    implementation "software.amazon.awssdk:s3:$sdkVersion" // lmicheck:ignore LMI013 -- x
    implementation 'software.amazon.awssdk:sqs'
    implementation group: 'com.amazonaws', name: 'aws-lambda-java-core', version: '1.2.3'
    // implementation 'com.amazonaws:aws-xray-recorder-sdk-core:2.0.0'
    testImplementation 'junit:junit:4.13'
    implementation project(':lib')
}`)
	wantDeps(t, got,
		"software.amazon.awssdk:bom=2.25.0@3:57",
		"software.amazon.awssdk:s3=2.30.1@4:47",
		"software.amazon.awssdk:sqs=@5:21",
		"com.amazonaws:aws-lambda-java-core=1.2.3@6:84")
	_, got = parseDeps(t, "build.gradle.kts", `val powertools = "2.7.0"
dependencies {
    implementation(platform("software.amazon.awssdk:bom:2.34.0"))
    implementation("software.amazon.lambda:powertools-tracing:${powertools}")
    implementation(group = "com.amazonaws", name = "aws-xray-recorder-sdk-core", version = "2.19.0")
}`)
	wantDeps(t, got,
		"software.amazon.awssdk:bom=2.34.0@3:57",
		"software.amazon.lambda:powertools-tracing=2.7.0@4:63",
		"com.amazonaws:aws-xray-recorder-sdk-core=2.19.0@5:93")
}

func TestMSBuild(t *testing.T) {
	m, got := parseDeps(t, "src/Fn/Fn.csproj", `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><CoreVersion>2.5.0</CoreVersion></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Amazon.Lambda.Core" Version="$(CoreVersion)" />
    <PackageReference Include="AWSSDK.Core">
      <Version>4.0.0.30</Version>
    </PackageReference>
    <PackageReference Include="Amazon.Lambda.Serialization.SystemTextJson" />
    <PackageReference Include="Analyzers" Version="1.0" PrivateAssets="all" /> <!-- lmicheck:ignore LMI013 -- x -->
  </ItemGroup>
</Project>`)
	wantDeps(t, got,
		"Amazon.Lambda.Core=2.5.0@4:61",
		"AWSSDK.Core=4.0.0.30@6:16",
		"Amazon.Lambda.Serialization.SystemTextJson=@8:32")
	if len(m.Comments) != 1 || m.Comments[0].OwnLine {
		t.Errorf("comments %+v", m.Comments)
	}
	_, got = parseDeps(t, "Directory.Packages.props", `<Project>
  <ItemGroup>
    <PackageVersion Include="Amazon.Lambda.RuntimeSupport" Version="[1.10.0, 2.0.0)" />
  </ItemGroup>
</Project>`)
	wantDeps(t, got, "Amazon.Lambda.RuntimeSupport=[1.10.0, 2.0.0)@3:69")
}

func TestMalformedInputIsAnErrorWithALine(t *testing.T) {
	for path, src := range map[string]string{
		"package.json":      "{\n  \"dependencies\": {\n    \"a\": \"1\",\n  }\n}",
		"package-lock.json": "{\n\"lockfileVersion\": 3,\n \"packages\": [\n",
		"pyproject.toml":    "[project]\ndependencies = [\n  \"a\"\n  \"b\"\n]\n",
		"Cargo.toml":        "[dependencies]\nlambda_runtime = \n",
		"Cargo.lock":        "[[package]]\nname = \"a\"\nversion = 1.2.3\n",
		"poetry.lock":       "[[package]\n",
		"pom.xml":           "<project>\n<dependencies>\n</project>\n",
		"Fn.csproj":         "<Project>\n  <ItemGroup>\n    <PackageReference Include=\"a\" Version=\"1\">\n</Project>",
		"go.mod":            "module x\n\ngo 1.22\nrequire github.com/aws/aws-lambda-go 1.51\n",
		"requirements.txt":  "ok==1\n!!!\n",
	} {
		var err error
		if IsLock(path) {
			_, err = ParseLock(path, []byte(src))
		} else {
			_, err = Parse(path, []byte(src))
		}
		if err == nil || !strings.HasPrefix(err.Error(), path+": line ") {
			t.Errorf("%s: error %v, want one naming the file and line", path, err)
		}
	}
	for _, path := range []string{"package.json", "pom.xml", "Cargo.toml", "go.mod", "x.csproj", "pyproject.toml", "build.gradle", "requirements.txt"} {
		for _, src := range []string{"", "\x00\xff", "[", "<", "{", "\"", "[[a]]\n[a]\n", "<project/>", "<Project/>",
			"<project><dependencies><dependency/></dependencies></project>", "[dependencies]\na = 1\n", "a.b = 1\n[a]\n"} {
			if _, err := Parse(path, []byte(src)); err != nil && strings.Contains(err.Error(), "internal error") {
				t.Errorf("%s %q: %v", path, src, err)
			}
		}
	}
}
