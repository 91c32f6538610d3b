// Package java lowers Java syntax trees (tree-sitter-java) into facts.
//
// One Frontend per worker goroutine: it owns a tree-sitter parser. A file is
// parsed and flattened in one call; the lowering first declares every class
// of the file (fields as symbols, methods and constructors as functions, so a
// call to a method declared further down resolves), then lowers the bodies.
// Static field initialisers and static blocks are the file's init code
// (Functions[0]); instance field initialisers and instance blocks belong to a
// synthetic constructor per class. Lambdas are functions nested in the one
// that creates them.
//
// Types are resolved the way javac resolves simple names, as far as one file
// tells: explicit imports, classes of this file, java.lang, a single
// wildcard import, then the file's own package. A type that may be declared
// in the same source tree becomes a reference to its candidate file
// (<source root>/<package path>/<Type>.java), so the linker follows calls
// into other files without knowing Java.
package java

import (
	"path"

	"github.com/lmicheck/lmicheck/facts"
	"github.com/lmicheck/lmicheck/parsers/srcpos"
	"github.com/lmicheck/lmicheck/parsers/treesitter"
)

// Handles reports whether the front-end reads files with this name.
func Handles(name string) bool { return path.Ext(name) == ".java" }

// Frontend parses Java files. Not safe for concurrent use.
type Frontend struct{ parser treesitter.LazyParser }

// New makes a front-end whose parser gives up on one file after timeoutMicros (0: never).
func New(timeoutMicros uint64) *Frontend {
	return &Frontend{parser: treesitter.LazyParser{TimeoutMicros: timeoutMicros}}
}

// Close frees the parser.
func (f *Frontend) Close() { f.parser.Close() }

func (f *Frontend) get() (*treesitter.Parser, *grammarInfo, error) {
	gi := javaInfo()
	p, err := f.parser.Get(gi.g)
	return p, gi, err
}

// ParseOnly parses src and drops the tree (the benchmark's baseline).
func (f *Frontend) ParseOnly(relPath string, src []byte) error {
	p, _, err := f.get()
	if err != nil {
		return err
	}
	_, err = p.ParseOnly(src)
	return err
}

// resolution: a type's candidate path names one .java file.
func resolution() *facts.Resolution { return &facts.Resolution{Exts: []string{".java"}} }

// Parse lowers one file into facts. relPath is slash-separated, relative to
// the scan root.
func (f *Frontend) Parse(relPath string, src []byte) (*facts.File, error) {
	p, gi, err := f.get()
	if err != nil {
		return nil, err
	}
	nodes, hasErr, err := p.Parse(src)
	if err != nil {
		return nil, err
	}
	file := &facts.File{Path: relPath, Language: facts.Java, Runtime: facts.RuntimeJava, Resolution: resolution()}
	file.Functions = []facts.Function{{Name: "<clinit>", Kind: facts.InitCode, Parent: -1}}
	if len(nodes) == 0 {
		return file, nil
	}
	l := &lowerer{
		gi: gi, f: &gi.f, nodes: nodes, src: src, idx: srcpos.New(src), file: file,
		imports: map[string]string{}, staticImports: map[string]string{}, classes: map[string]*classInfo{},
		globals: map[string]int{}, keptNodes: map[int]bool{},
	}
	l.lowerFile(hasErr)
	return file, nil
}

// javaLang are the java.lang types code names without importing them (the
// ones the knowledge tables and type checks care about).
var javaLang = map[string]bool{
	"System": true, "String": true, "StringBuilder": true, "StringBuffer": true, "Thread": true,
	"ThreadLocal": true, "InheritableThreadLocal": true, "Object": true, "Integer": true, "Long": true,
	"Math": true, "Runtime": true, "Boolean": true, "Double": true, "Runnable": true,
}

// handlerInterfaces are the aws-lambda-java-core interfaces whose
// implementations the runtime instantiates once and calls concurrently.
var handlerInterfaces = map[string]string{
	"RequestHandler": "handleRequest", "RequestStreamHandler": "handleRequest",
}

// handlerBases are framework base classes whose subclasses are handlers, with
// the method the framework calls per request (Micronaut's function handler).
var handlerBases = map[string]string{
	"MicronautRequestHandler": "execute", "MicronautRequestStreamHandler": "execute",
}

// singletonAnnotations mark classes a framework instantiates once and shares
// between the threads serving requests (Spring, CDI, Micronaut, Quarkus).
var singletonAnnotations = map[string]bool{
	"Component": true, "Service": true, "Repository": true, "Configuration": true, "SpringBootApplication": true,
	"Singleton": true, "ApplicationScoped": true, "Named": true, "Controller": true, "RestController": true,
}

// functionalTypes are the java.util.function types a Spring Cloud Function
// bean returns; the adapter calls the returned function per request.
var functionalTypes = map[string]bool{"Function": true, "Consumer": true, "Supplier": true, "BiFunction": true}
