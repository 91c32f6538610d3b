package rules

import (
	"strings"

	"github.com/lmicheck/lmicheck/facts"
)

// Dependency knowledge for LMI013: the lowest version of each library that
// AWS documents for Lambda Managed Instances, and which dependencies mark a
// manifest as a Lambda function's. Source keys resolve in lmi-facts §7
// (sourceURL below).

// depMinimum is one package (or package prefix) with its LMI minimum.
type depMinimum struct {
	eco facts.Ecosystem
	// name is compared as the ecosystem compares names (PyPI normalised,
	// NuGet case-insensitive); a trailing "*" makes it a prefix.
	name    string
	what    string // the library, for messages
	minimum string
	// unsupported: AWS documents the library as not supported on LMI at all.
	unsupported bool
	// features: a Cargo feature, one of which must be enabled.
	features []string
	source   string
}

// depMinimums is the table (lmi-facts §1.3–1.8, §5).
func depMinimums() []depMinimum {
	return []depMinimum{
		// Node.js [D-node]. ADOT JS is published on npm as
		// @aws/aws-distro-opentelemetry-node-autoinstrumentation (the ADOT
		// JavaScript getting-started guide and the package's README name it).
		{eco: facts.Npm, name: "@aws-sdk/*", what: "the AWS SDK for JavaScript v3", minimum: "3.933.0", source: "D-node"},
		{eco: facts.Npm, name: "aws-xray-sdk", what: "the AWS X-Ray SDK for Node.js", minimum: "3.12.0", source: "D-node"},
		{eco: facts.Npm, name: "aws-xray-sdk-core", what: "the AWS X-Ray SDK for Node.js", minimum: "3.12.0", source: "D-node"},
		{eco: facts.Npm, name: "@aws/aws-distro-opentelemetry-node-autoinstrumentation", what: "ADOT JavaScript", minimum: "0.8.0", source: "D-node"},
		{eco: facts.Npm, name: "@aws-lambda-powertools/*", what: "Powertools for AWS Lambda (TypeScript)", minimum: "2.29.0", source: "D-node"},
		// Python [D-py]
		{eco: facts.PyPI, name: "aws-lambda-powertools", what: "Powertools for AWS Lambda (Python)", minimum: "3.23.0", source: "D-py"},
		// Java [D-java]
		{eco: facts.Maven, name: "software.amazon.awssdk:*", what: "the AWS SDK for Java 2.x", minimum: "2.34.0", source: "D-java"},
		{eco: facts.Maven, name: "com.amazonaws:aws-xray-recorder-sdk-*", what: "the AWS X-Ray SDK for Java", minimum: "2.20.0", source: "D-java"},
		{eco: facts.Maven, name: "software.amazon.opentelemetry:aws-opentelemetry-agent", what: "ADOT Java", minimum: "2.20.0", source: "D-java"},
		{eco: facts.Maven, name: "software.amazon.lambda:powertools-*", what: "Powertools for AWS Lambda (Java)", minimum: "2.8.0", source: "D-java"},
		// .NET [D-net]
		{eco: facts.NuGet, name: "Amazon.Lambda.Core", what: "Amazon.Lambda.Core", minimum: "2.7.1", source: "D-net"},
		{eco: facts.NuGet, name: "Amazon.Lambda.RuntimeSupport", what: "Amazon.Lambda.RuntimeSupport", minimum: "1.14.1", source: "D-net"},
		{eco: facts.NuGet, name: "OpenTelemetry.Instrumentation.AWSLambda", what: "OpenTelemetry.Instrumentation.AWSLambda", minimum: "1.14.0", source: "D-net"},
		{eco: facts.NuGet, name: "AWSXRayRecorder.Core", what: "the AWS X-Ray SDK for .NET", minimum: "2.16.0", source: "D-net"},
		{eco: facts.NuGet, name: "AWSSDK.Core", what: "the AWS SDK for .NET", minimum: "4.0.0.32", source: "D-net"},
		{eco: facts.NuGet, name: "AWS.Lambda.Powertools.*", what: "Powertools for AWS Lambda (.NET)", unsupported: true, source: "D-net"},
		{eco: facts.NuGet, name: "AWS.Distro.OpenTelemetry.AutoInstrumentation", what: "ADOT .NET", unsupported: true, source: "D-net"},
		// Go [GO-600]; the go directive is checked beside it (goDirectiveMinimum).
		{eco: facts.GoMod, name: "github.com/aws/aws-lambda-go", what: "aws-lambda-go", minimum: "v1.51.0", source: "GO-600"},
		// Rust [D-rust][RUST-rel]
		{eco: facts.Cargo, name: "lambda_runtime", what: "the Rust runtime client (lambda_runtime)", minimum: "1.1.1",
			features: []string{"concurrency-tokio", "experimental-concurrency"}, source: "D-rust"},
	}
}

// goDirectiveMinimum is the Go version whose build of aws-lambda-go runs
// concurrent invocations (its concurrent loop is behind the go1.22 build tag).
const goDirectiveMinimum = "1.22"

// findMinimum returns the row for a package.
func findMinimum(eco facts.Ecosystem, name string) (depMinimum, bool) {
	for _, r := range depMinimums() {
		if r.eco == eco && nameMatches(eco, r.name, name) {
			return r, true
		}
	}
	return depMinimum{}, false
}

// nameMatches compares a package name with a pattern (a trailing * is a
// prefix), as the ecosystem compares names.
func nameMatches(eco facts.Ecosystem, pattern, name string) bool {
	norm := func(s string) string {
		switch eco {
		case facts.PyPI:
			return strings.NewReplacer("_", "-", ".", "-").Replace(strings.ToLower(s))
		case facts.NuGet:
			return strings.ToLower(s)
		}
		return s
	}
	if p, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(norm(name), norm(p))
	}
	return norm(name) == norm(pattern)
}

// lambdaSpecificDeps are dependencies only a Lambda function (or a library
// for one) has: a manifest declaring one is checked even when no template or
// handler lmicheck found points at it.
func lambdaSpecificDeps() map[facts.Ecosystem][]string {
	return map[facts.Ecosystem][]string{
		facts.Npm: {"@types/aws-lambda", "@middy/core", "@aws-lambda-powertools/*", "@aws/lambda-invoke-store",
			"aws-lambda-ric", "@vendia/serverless-express", "@codegenie/serverless-express", "aws-serverless-express",
			"serverless-http", "lambda-api", "@aws-lambda-powertools/commons"},
		facts.PyPI: {"aws-lambda-powertools", "mangum", "awslambdaric", "aws-lambda-typing", "chalice",
			"aws-lambda-context", "lambda-powertools"},
		facts.Maven: {"com.amazonaws:aws-lambda-java-core", "com.amazonaws:aws-lambda-java-events",
			"com.amazonaws:aws-lambda-java-runtime-interface-client", "com.amazonaws:aws-lambda-java-log4j2",
			"software.amazon.lambda:powertools-*", "com.amazonaws.serverless:aws-serverless-java-container-*",
			"io.quarkus:quarkus-amazon-lambda*", "org.springframework.cloud:spring-cloud-function-adapter-aws",
			"io.micronaut.aws:micronaut-function-aws*"},
		facts.NuGet: {"Amazon.Lambda.*", "AWS.Lambda.Powertools.*"},
		facts.GoMod: {"github.com/aws/aws-lambda-go", "github.com/awslabs/aws-lambda-go-api-proxy"},
		facts.Cargo: {"lambda_runtime", "lambda_http", "aws_lambda_events", "lambda-extension"},
	}
}

// EcosystemRuntime is the runtime family a manifest's findings are for.
func EcosystemRuntime(eco facts.Ecosystem) string {
	switch eco {
	case facts.Npm:
		return "nodejs"
	case facts.PyPI:
		return "python"
	case facts.Maven:
		return "java"
	case facts.NuGet:
		return "dotnet"
	case facts.GoMod:
		return "go"
	case facts.Cargo:
		return "rust"
	}
	return ""
}

// runtimeEcosystems are the ecosystems a function of a Lambda runtime id
// ("nodejs22.x", "python3.13", "provided.al2023") may take dependencies
// from; nil when the runtime is not known (any).
func runtimeEcosystems(rt string) []facts.Ecosystem {
	switch {
	case rt == "":
		return nil
	case strings.HasPrefix(rt, "nodejs"):
		return []facts.Ecosystem{facts.Npm}
	case strings.HasPrefix(rt, "python"):
		return []facts.Ecosystem{facts.PyPI}
	case strings.HasPrefix(rt, "java"):
		return []facts.Ecosystem{facts.Maven}
	case strings.HasPrefix(rt, "dotnet"):
		return []facts.Ecosystem{facts.NuGet}
	case strings.HasPrefix(rt, "provided"), strings.HasPrefix(rt, "go"):
		return []facts.Ecosystem{facts.GoMod, facts.Cargo}
	}
	return nil
}

// sourceURL resolves an lmi-facts source key.
func sourceURL(key string) string {
	const dg = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-managed-instances"
	switch key {
	case "D-node":
		return dg + "-nodejs-runtime.html"
	case "D-py":
		return dg + "-python-runtime.html"
	case "D-java":
		return dg + "-java-runtime.html"
	case "D-net":
		return dg + "-dotnet-runtime.html"
	case "D-rust":
		return dg + "-rust.html"
	case "GO-600":
		return "https://github.com/aws/aws-lambda-go/pull/600"
	}
	return ""
}
