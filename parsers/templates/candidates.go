package templates

// HandlerCandidates turns a handler string into the files its module may be,
// in order, and the exported name: "src/app.lambdaHandler" in codeDir →
// codeDir/src/app.{js,…}. Front-ends reading IaC declared in source (CDK)
// share it with the template readers.
func HandlerCandidates(codeDir, handler, runtime string) ([]string, string) {
	return candidates(codeDir, handler, runtime)
}
