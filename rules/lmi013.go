package rules

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/findings"
)

func dependencyBelowMinimum() Rule {
	return Rule{
		Info: findings.RuleInfo{
			ID:      "LMI013",
			Name:    "dependency-below-lmi-minimum",
			Summary: "A Lambda function's dependency is older than the version AWS supports on Lambda Managed Instances.",
			Description: "On LMI one execution environment runs many invocations at once, and AWS lists minimum versions " +
				"of the runtime clients, AWS SDKs, X-Ray and OpenTelemetry libraries and Powertools that support it: " +
				"AWS SDK for JavaScript v3 3.933.0, Powertools for AWS Lambda 2.29.0 (TypeScript), 3.23.0 (Python) and 2.8.0 (Java), " +
				"AWS SDK for Java 2.34.0, Amazon.Lambda.Core 2.7.1, AWSSDK.Core 4.0.0.32, aws-lambda-go v1.51.0 built with Go 1.22 or later, " +
				"lambda_runtime 1.1.1 with the concurrency-tokio feature, and others. Older versions run the invoke loop sequentially or " +
				"are not supported with concurrent invocations. Manifests and lock files are read (package.json and package-lock.json, " +
				"requirements.txt, pyproject.toml and poetry.lock, pom.xml, build.gradle, *.csproj and Directory.Packages.props, go.mod, " +
				"Cargo.toml and Cargo.lock) when they belong to a Lambda function: a template's code folder or a handler lies in or below " +
				"their folder, or they declare a Lambda-specific dependency. A version a lock file, a pin or go.mod fixes below the " +
				"minimum is a warning, as is a range that allows only older versions; a range that also allows older versions " +
				"without a lock file to decide, or a version lmicheck cannot read, is a note.",
			Fix: "Raise the dependency to the minimum or later (the message names the version) and refresh the lock file. " +
				"For Rust, also enable lambda_runtime's `concurrency-tokio` feature.",
			Severity: everyRuntime(findings.Warning),
			Examples: []findings.Example{
				{Runtime: "nodejs",
					Bad:  `"dependencies": { "@aws-sdk/client-s3": "3.600.0" }`,
					Good: `"dependencies": { "@aws-sdk/client-s3": "^3.933.0" }`},
				{Runtime: "python",
					Bad:  "aws-lambda-powertools==3.10.0",
					Good: "aws-lambda-powertools>=3.23.0"},
				{Runtime: "java",
					Bad:  "<artifactId>bom</artifactId>\n<version>2.30.0</version>",
					Good: "<artifactId>bom</artifactId>\n<version>2.34.0</version>"},
				{Runtime: "rust",
					Bad:  `lambda_runtime = "1.0"`,
					Good: `lambda_runtime = { version = "1.1.1", features = ["concurrency-tokio"] }`},
			},
		},
		check: checkDependencyMinimums,
	}
}

func checkDependencyMinimums(ps *pass) {
	inScope := manifestScope(ps.p)
	featured := featureDirs(ps.p)
	for mi, m := range ps.p.Manifests {
		if !inScope[mi] {
			continue
		}
		rt := EcosystemRuntime(m.Ecosystem)
		var goDirective, toolchain *facts.Dependency
		usesLambdaGo := false
		for i := range m.Deps {
			d := &m.Deps[i]
			if m.Ecosystem == facts.GoMod {
				switch d.Name {
				case "go":
					goDirective = d
					continue
				case "toolchain":
					toolchain = d
					continue
				}
			}
			row, ok := findMinimum(m.Ecosystem, d.Name)
			if !ok {
				continue
			}
			if m.Ecosystem == facts.GoMod {
				usesLambdaGo = true
			}
			if fd, ok := dependencyFinding(m, *d, row, featured); ok {
				fd.path, fd.runtime = m.Path, rt
				ps.reportFile(fd)
			}
		}
		if usesLambdaGo && goDirective != nil {
			if fd, ok := goDirectiveFinding(m, *goDirective, toolchain); ok {
				fd.path, fd.runtime = m.Path, rt
				ps.reportFile(fd)
			}
		}
	}
}

// dependencyFinding judges one dependency against its row.
func dependencyFinding(m facts.Manifest, d facts.Dependency, row depMinimum, featured []string) (fileFinding, bool) {
	src := sourceNote(row.source)
	fd := fileFinding{pos: d.Pos, key: d.Name}
	written := d.Constraint
	if written == "" {
		written = "(no version)"
	}
	if row.unsupported {
		fd.severity = findings.Note
		fd.message = fmt.Sprintf("`%s` is %s, which AWS documents as not supported on Lambda Managed Instances, where one "+
			"execution environment runs many invocations at once. Check that the function works without it, or keep it on "+
			"default Lambda. %s", d.Name, row.what, src)
		return fd, true
	}
	ev := evaluate(m.Ecosystem, d.Constraint, d.Resolved, row.minimum)
	fix := nearestFix(m, d, row)
	why := fmt.Sprintf("the minimum AWS lists for %s on Lambda Managed Instances, where one execution environment runs "+
		"many invocations at once", row.what)
	var msg string
	switch ev.verdict {
	case resolvedBelow:
		how := "is pinned to " + ev.version
		switch {
		case d.Lock != "":
			how = fmt.Sprintf("resolves to %s in %s", ev.version, path.Base(d.Lock))
		case m.Ecosystem == facts.GoMod:
			how = "is required at " + ev.version
		case m.Ecosystem == facts.NuGet:
			how = fmt.Sprintf("restores %s (NuGet takes the lowest version `%s` allows)", ev.version, written)
		}
		msg = fmt.Sprintf("`%s` %s, below %s, %s. %s", d.Name, how, row.minimum, why, fix)
	case rangeBelow:
		msg = fmt.Sprintf("`%s` `%s` allows only versions below %s, %s. %s", d.Name, written, row.minimum, why, fix)
	case admitsBelow:
		fd.severity = findings.Note
		msg = fmt.Sprintf("`%s` `%s` allows versions below %s (from %s), %s, and no lock file beside %s decides which is "+
			"installed. %s", d.Name, written, row.minimum, ev.version, why, path.Base(m.Path), fix)
	case unpinned:
		fd.severity = findings.Note
		msg = fmt.Sprintf("`%s` `%s` names no version lmicheck can compare with %s, %s. Pin one. %s",
			d.Name, written, row.minimum, why, fix)
	}
	// A feature may be enabled by another manifest of the same Cargo
	// workspace (the workspace root or a member); an inherited dependency
	// (workspace = true, no version here) is judged where it is declared.
	dir := path.Dir(m.Path)
	missing := len(row.features) > 0 && d.Constraint != "" &&
		!slices.ContainsFunc(row.features, func(f string) bool { return slices.Contains(d.Features, f) }) &&
		!slices.ContainsFunc(featured, func(fdir string) bool { return related(dir, fdir) })
	switch {
	case msg == "" && !missing:
		return fd, false
	case missing && msg == "":
		fd.severity = findings.None
		msg = fmt.Sprintf("`%s` is used without its `%s` feature: without it `run_concurrent` is not available and "+
			"invocations run one at a time, while Lambda Managed Instances run many per execution environment. %s",
			d.Name, row.features[0], fix)
	case missing:
		fd.severity = findings.None
		msg += fmt.Sprintf(" Its `%s` feature must be enabled too.", row.features[0])
	}
	fd.message = msg + " " + src
	return fd, true
}

// goDirectiveFinding: aws-lambda-go's concurrent loop is compiled only by
// Go 1.22 or later (build tag go1.22). The go directive is the oldest Go
// allowed to build the module; a toolchain line of 1.22 or later settles it.
func goDirectiveFinding(m facts.Manifest, goDir facts.Dependency, toolchain *facts.Dependency) (fileFinding, bool) {
	c, ok := compareGo(goDir.Resolved, goDirectiveMinimum)
	if !ok || c >= 0 {
		return fileFinding{}, false
	}
	if toolchain != nil {
		if c, ok := compareGo(toolchain.Resolved, goDirectiveMinimum); ok && c >= 0 {
			return fileFinding{}, false
		}
	}
	return fileFinding{
		pos: goDir.Pos, key: "go directive", severity: findings.Note,
		message: fmt.Sprintf("`go %s` lets a Go toolchain older than %s build this module; aws-lambda-go's concurrent "+
			"invoke loop is compiled only with Go %s or later (build tag go1.22), and without it invocations run one at a "+
			"time on Lambda Managed Instances. Raise the directive: `go mod edit -go=%s` (or build with Go %s or later). %s",
			goDir.Resolved, goDirectiveMinimum, goDirectiveMinimum, goDirectiveMinimum, goDirectiveMinimum, sourceNote("GO-600")),
	}, true
}

// nearestFix is the smallest edit that reaches the minimum.
func nearestFix(m facts.Manifest, d facts.Dependency, row depMinimum) string {
	v := row.minimum
	switch m.Ecosystem {
	case facts.Npm:
		return fmt.Sprintf("Raise it to %s or later (`npm install %s@^%s`).", v, d.Name, v)
	case facts.PyPI:
		if strings.HasSuffix(m.Path, "pyproject.toml") && !strings.ContainsAny(d.Constraint, "<>=!~") && d.Constraint != "" {
			return fmt.Sprintf("Raise it to %s or later (`%s = \"^%s\"`).", v, d.Name, v)
		}
		return fmt.Sprintf("Raise it to %s or later (`%s>=%s`).", v, d.Name, v)
	case facts.Maven:
		return fmt.Sprintf("Raise it to %s or later (`<version>%s</version>`; in Gradle `%s:%s`).", v, v, d.Name, v)
	case facts.NuGet:
		return fmt.Sprintf("Raise it to %s or later (`Version=\"%s\"`; `dotnet add package %s --version %s`).", v, v, d.Name, v)
	case facts.GoMod:
		return fmt.Sprintf("Raise it to %s or later (`go get %s@%s`).", v, d.Name, v)
	case facts.Cargo:
		feats := ""
		if len(row.features) > 0 {
			feats = fmt.Sprintf(", features = [\"%s\"]", row.features[0])
		}
		return fmt.Sprintf("Raise it to %s or later (`%s = { version = \"%s\"%s }`).", v, d.Name, v, feats)
	}
	return fmt.Sprintf("Raise it to %s or later.", v)
}

func sourceNote(key string) string {
	if u := sourceURL(key); u != "" {
		return fmt.Sprintf("Source: [%s] %s", key, u)
	}
	return "Source: [" + key + "]"
}

// manifestScope decides which manifests belong to a Lambda function, so a
// front-end's package.json with an old SDK stays silent:
//   - a template function's code folder (of a matching runtime) is the
//     manifest's folder or below it;
//   - a handler lmicheck found lies in the manifest's folder or below, with no
//     nearer manifest of the same ecosystem;
//   - the manifest declares a Lambda-specific dependency;
//   - a Directory.Packages.props above an in-scope NuGet project.
func manifestScope(p *Program) []bool {
	in := make([]bool, len(p.Manifests))
	dirs := make([]string, len(p.Manifests))
	for i, m := range p.Manifests {
		dirs[i] = path.Dir(m.Path)
	}
	within := func(dir, file string) bool {
		return dir == "." || file == dir || strings.HasPrefix(file, dir+"/")
	}
	for _, dep := range p.Deployments {
		for _, fn := range dep.Functions {
			if fn.CodeDir == "" {
				continue
			}
			ecos := runtimeEcosystems(fn.Runtime)
			for i, m := range p.Manifests {
				if within(dirs[i], path.Clean(fn.CodeDir)) && (ecos == nil || slices.Contains(ecos, m.Ecosystem)) {
					in[i] = true
				}
			}
		}
	}
	for _, h := range p.Handlers {
		if h.File < 0 || h.File >= len(p.Files) {
			continue
		}
		f := p.Files[h.File]
		eco := runtimeEcosystems(string(f.Runtime))
		if f.Runtime == facts.RuntimeGo {
			eco = []facts.Ecosystem{facts.GoMod}
		} else if f.Runtime == facts.RuntimeRust {
			eco = []facts.Ecosystem{facts.Cargo}
		}
		// The nearest folder holding a manifest of the handler's ecosystem.
		nearest, found := "", false
		for i, m := range p.Manifests {
			if slices.Contains(eco, m.Ecosystem) && within(dirs[i], f.Path) && (!found || depth(dirs[i]) > depth(nearest)) {
				nearest, found = dirs[i], true
			}
		}
		for i, m := range p.Manifests {
			if found && slices.Contains(eco, m.Ecosystem) && dirs[i] == nearest {
				in[i] = true
			}
		}
	}
	specific := lambdaSpecificDeps()
	for i, m := range p.Manifests {
		for _, d := range m.Deps {
			if slices.ContainsFunc(specific[m.Ecosystem], func(pat string) bool { return nameMatches(m.Ecosystem, pat, d.Name) }) {
				in[i] = true
				break
			}
		}
	}
	for i, m := range p.Manifests {
		if path.Base(m.Path) != "Directory.Packages.props" || in[i] {
			continue
		}
		for j, o := range p.Manifests {
			if in[j] && o.Ecosystem == facts.NuGet && j != i && within(dirs[i], o.Path) {
				in[i] = true
				break
			}
		}
	}
	return in
}

// featureDirs are the folders of Cargo manifests that enable a required
// feature of a dependency with a feature row.
func featureDirs(p *Program) []string {
	var out []string
	for _, m := range p.Manifests {
		for _, d := range m.Deps {
			row, ok := findMinimum(m.Ecosystem, d.Name)
			if ok && slices.ContainsFunc(row.features, func(f string) bool { return slices.Contains(d.Features, f) }) {
				out = append(out, path.Dir(m.Path))
			}
		}
	}
	return out
}

// related reports whether one folder is the other or below it.
func related(a, b string) bool {
	in := func(dir, sub string) bool { return dir == "." || sub == dir || strings.HasPrefix(sub, dir+"/") }
	return in(a, b) || in(b, a)
}

// depth counts a slash path's folders ("." is 0).
func depth(dir string) int {
	if dir == "." || dir == "" {
		return 0
	}
	return strings.Count(dir, "/") + 1
}
