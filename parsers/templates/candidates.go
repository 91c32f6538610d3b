package templates

import (
	"path"
	"strings"
)

// HandlerCandidates turns a handler string into the files its module may be,
// in order, and the exported name: "src/app.lambdaHandler" in codeDir →
// codeDir/src/app.{js,…}. Front-ends reading IaC declared in source (CDK)
// share it with the template readers.
func HandlerCandidates(codeDir, handler, runtime string) ([]string, string) {
	return candidates(codeDir, handler, runtime)
}

// springInvokers are framework classes a Java handler may name; the code they
// run is the function beans of the application, found by convention.
var springInvokers = map[string]bool{
	"org.springframework.cloud.function.adapter.aws.FunctionInvoker":          true,
	"org.springframework.cloud.function.adapter.aws.SpringBootRequestHandler": true,
	"org.springframework.cloud.function.adapter.aws.SpringBootStreamHandler":  true,
}

// javaCandidates maps a Java handler (com.acme.Fn::handleRequest, or
// com.acme.Fn, whose handleRequest the runtime calls) to the class's source
// files under the code folder (Maven/Gradle layout first, then the package
// path itself) and the export "Fn::method". A framework's invoker names no
// file of the project: no candidates.
func javaCandidates(codeDir, handler string) ([]string, string) {
	class, method, ok := strings.Cut(handler, "::")
	if !ok || method == "" {
		method = "handleRequest"
	}
	class = strings.TrimSpace(class)
	if class == "" || springInvokers[class] || strings.ContainsAny(class, "/ ") {
		return nil, ""
	}
	simple := class[strings.LastIndexAny(class, ".$")+1:]
	if i := strings.IndexByte(class, '$'); i >= 0 {
		class = class[:i] // a nested class lives in its outer class's file
	}
	rel := strings.ReplaceAll(class, ".", "/")
	return []string{
		path.Join(codeDir, "src/main/java", rel) + ".java",
		path.Join(codeDir, rel) + ".java",
	}, simple + "::" + method
}
