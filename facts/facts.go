// Package facts is the vocabulary between parsers and rules: what one source
// file says about state that outlives an invocation, the functions that run
// during one, and how they reach each other. Every language front-end lowers
// its syntax tree into these types; every rule reads only these types.
//
// Indexes (a Symbol, a Function) are positions in the slices of the same File.
// Cross-file references are Refs naming a module and an exported name, with the
// candidate files the language's resolution rules allow, so the linker in
// rules never needs to know a language.
package facts

import "strings"

// Language of a source file.
type Language string

// Languages.
const (
	JavaScript Language = "javascript"
	TypeScript Language = "typescript"
	Python     Language = "python"
	Java       Language = "java"
	CSharp     Language = "csharp"
	Go         Language = "go"
	Rust       Language = "rust"
)

// Runtime is the Lambda runtime family a file runs in. What is shared between
// concurrent invocations depends on it, never on the language alone.
type Runtime string

// Runtimes.
const (
	RuntimeNode   Runtime = "nodejs"
	RuntimePython Runtime = "python"
	RuntimeJava   Runtime = "java"
	RuntimeDotNet Runtime = "dotnet"
	RuntimeGo     Runtime = "go"
	RuntimeRust   Runtime = "rust"
)

// Pos is a source range: 1-based lines, 1-based columns counted in UTF-16 code
// units (what SARIF, GitHub and editors count), and byte offsets.
type Pos struct {
	Line, Col       int
	EndLine, EndCol int
	Off, EndOff     int
}

// Contains reports whether q lies within p.
func (p Pos) Contains(q Pos) bool { return p.Off <= q.Off && q.EndOff <= p.EndOff }

// File holds the facts of one source file.
type File struct {
	Path     string // slash-separated, relative to the scan root
	Language Language
	Runtime  Runtime

	// Deployment is infrastructure this source file declares (a CDK app's
	// functions and capacity providers); nil for most files.
	Deployment *Deployment

	Symbols []Symbol
	// Functions[0] is the file's init code: its top level (module code, static
	// initialisers). Every other function is a declared function, method or closure.
	Functions []Function
	Classes   []Class
	Exports   []Export
	Imports   []Import
	Comments  []Comment // only comments that mention lmicheck (suppressions)

	// SyntaxErrors are the places the parser could not read; the rest of the file
	// was analysed.
	SyntaxErrors []Pos

	// Resolution says how this file's relative imports name files.
	Resolution *Resolution
}

// Resolution is a language's rule for turning a module path into files: the
// path as written, then with each extension, then as a folder with each index
// file; a written extension listed in ExtAliases also names files with the
// aliases' extensions (TypeScript's ./util.js naming util.ts). It is data
// shared by every file of a language, so the linker needs no language code.
type Resolution struct {
	Exts       []string
	Index      []string
	ExtAliases map[string][]string
}

// Candidates lists the files a joined module path may be, in order.
func (r *Resolution) Candidates(p string) []string {
	if r == nil {
		return []string{p}
	}
	out := []string{p}
	for ext, aliases := range r.ExtAliases {
		if strings.HasSuffix(p, ext) {
			base := strings.TrimSuffix(p, ext)
			for _, a := range aliases {
				out = append(out, base+a)
			}
			return out
		}
	}
	if dot := strings.LastIndexByte(p, '.'); dot > strings.LastIndexByte(p, '/') {
		for _, e := range r.Exts {
			if p[dot:] == e {
				return out // already has a known extension
			}
		}
	}
	for _, e := range r.Exts {
		out = append(out, p+e)
	}
	for _, ix := range r.Index {
		out = append(out, p+"/"+ix)
	}
	return out
}

// SymbolKind says what kind of storage a symbol is.
type SymbolKind int

// Symbol kinds.
const (
	ModuleVar     SymbolKind = iota // a module/top-level binding (JS module scope, Python global)
	StaticField                     // a class's static field
	InstanceField                   // a field of an instance (shared when the instance is: see Class.Shared)
	PackageVar                      // a Go package variable
	Global                          // process-wide state of the runtime: process.env, system properties
	Imported                        // a binding imported from another module; From says which
	// Captured is a local variable of function Func that closures nested in it
	// write or call methods on (plain reads are not recorded). It is shared
	// when Func ran once at init and returned the handler
	// (export const handler = makeHandler()); otherwise each call has its own.
	Captured
)

// Symbol is storage that can outlive one invocation.
type Symbol struct {
	Name  string // "cache"; "Handler.items" for fields; "process.env" for globals
	Kind  SymbolKind
	Class string // owning class, for fields
	Func  int    // owning function, for Captured
	// Reassignable: let/var, non-final fields. A const/final binding can still
	// hold a mutable object.
	Reassignable bool
	// Type is the declared type, where the language has one, qualified where
	// the front-end can resolve it ("java.text.SimpleDateFormat").
	Type string
	// Volatile: reads and writes are seen by every thread at once (Java's
	// volatile); double-checked locking is safe only on such a field.
	Volatile bool
	Init     *Value // the initializer, if any
	Pos      Pos
	// Refs are the functions and symbols this symbol's value leads to: those in
	// its initializer (middy(base), serverless(app)) and those registered on it by
	// init code (app.get('/x', route), app.use(router)).
	Refs []Ref
	From *Ref // for Imported: the module and exported name
}

// FuncKind says what a function is.
type FuncKind int

// Function kinds.
const (
	InitCode    FuncKind = iota // module top level, static initialisers
	Func                        // a function declaration or expression, a closure
	Method                      // a method of a class
	Constructor                 // a class constructor: init code for a shared instance
)

// Function is a unit of code and what it does to shared state.
type Function struct {
	Name   string // "handler", "Handler.handle", "<anonymous>"
	Kind   FuncKind
	Class  string
	Parent int // enclosing function, -1 for none (Functions[0] is nobody's child)
	Params []string
	// Arity is the number of parameters as the runtime counts them
	// (JavaScript's fn.length: those before the first default or rest).
	Arity int
	Async bool
	Pos   Pos

	Calls  []Call
	Writes []Write
	Reads  []Read
	// Awaits are where the function yields to other invocations (await, for
	// await), in source order; it yields at each one's EndOff.
	Awaits []Pos
	// Refs are the functions and symbols this function calls or passes on
	// (callbacks, route handlers): what it makes reachable.
	Refs []Ref
}

// WriteOp is how a write changes state.
type WriteOp int

// Write operations.
const (
	Assign       WriteOp = iota // x = v, x.f = v, x[k] = v
	Compound                    // x += v (reads x first)
	Update                      // x++ (reads x first)
	Delete                      // delete x.f
	MutatingCall                // x.push(v), x.set(k, v), Object.assign(x, v)
)

// Write is a change to a symbol or to an object the symbol holds.
type Write struct {
	// Symbol is the index into File.Symbols, or -1 for a write to a member of a
	// parameter (Param says which): context.callbackWaitsForEmptyEventLoop = false.
	Symbol int
	Param  int
	Path   string // what was written, as written: "counter", "cache.items", "process.env.STAGE"
	Op     WriteOp
	Method string // for MutatingCall: the method, "push"
	Pos    Pos
	Value  *Value // the value written, if any
	// Guarded: a lazy-init guard makes this a one-time write (x ??= v, x ||= v,
	// if (!x) x = v).
	Guarded bool
	// Locked: inside a lock or synchronized region.
	Locked bool
	// Sources: what the written value derives from (through local variables).
	Sources []Source
	// Seq is the byte offset at which the write happens (after its right-hand
	// side is evaluated), for ordering against Awaits.
	Seq int
	// Stmt is the whole statement when the write is one (for fixes that remove it).
	Stmt Pos
}

// Source is one origin of a value.
type Source struct {
	Func   int    // the function whose parameter Param is (closures see their parents' parameters)
	Param  int    // parameter index of Func, or -1
	Symbol int    // a symbol read, or -1
	Off    int    // byte offset of the read (for Symbol) or use (for Param)
	Member string // a notable member read on the way: "awsRequestId", "requestContext"
}

// Read is a use of a symbol's value.
type Read struct {
	Symbol int
	Path   string
	Pos    Pos
	// Method is set when the read is the receiver of a method call: client.query(...).
	Method string
	// InCondition: the read is in an if/while/ternary test.
	InCondition bool
	Seq         int // byte offset of the read, for ordering against Awaits
}

// Callee names what a call invokes, resolved through imports: Module is the
// imported module ("pg", "fs/promises", "./db"), "" for globals and builtins;
// Name is the path below it ("Client", "writeFileSync", "JSON.parse",
// "promises.writeFile").
type Callee struct {
	Module string
	Name   string
}

// String renders a callee as module.name.
func (c Callee) String() string {
	if c.Module == "" {
		return c.Name
	}
	if c.Name == "" {
		return c.Module
	}
	return c.Module + "." + c.Name
}

// Call is a call or object construction.
type Call struct {
	Callee Callee
	New    bool // constructor call
	Pos    Pos
	Args   []*Value
	// ArgNames are the names of keyword arguments, parallel to Args ("" for a
	// positional one); nil when the call has none. Python passes options such
	// as open(path, mode="w") and create_engine(url, pool_size=20) by name, so
	// a rule reading an option needs the name, not a position.
	ArgNames []string
	// Receiver is the symbol a method call is made on (pool.query), or -1;
	// Object is the receiver's value (a parameter, a local, a symbol).
	Receiver int
	Method   string
	Object   *Value
	// Func is the function of this file the call invokes, or -1.
	Func int
	// ArgSources: what each argument derives from (through local variables).
	ArgSources [][]Source
	// AssignedTo is the symbol the call's result is stored in (client = new
	// Client()), or -1; Guarded is set when that store is a lazy init
	// (client ??= new Client(), if (!client) client = …).
	AssignedTo int
	Guarded    bool
	// Locked: the call is made inside a lock or synchronized region (a
	// mutating call on a shared collection there is synchronised).
	Locked bool
}

// ValueKind classifies a Value.
type ValueKind int

// Value kinds.
const (
	Unknown  ValueKind = iota
	String             // Text is the literal
	Number             // Text is the literal
	Bool               // Text is "true"/"false"
	Null               // null, undefined, None, nil
	Template           // Parts alternate literal String parts and expressions
	Concat             // Parts joined with +
	CallV              // Callee and Parts (the arguments)
	NewV               // constructor: Callee and Parts
	Ident              // a local or unknown name: Text
	Member             // a member read: Text is the full path ("context.awsRequestId")
	ParamV             // a parameter of the enclosing function: Param, Text
	SymbolV            // a symbol's value: Symbol, Text
	Object             // object/dict literal
	Array              // array/list literal
	FuncV              // a function value: Func
	Await              // await of Parts[0]
)

// Value is a small, language-neutral expression tree, kept for values rules
// inspect: call arguments, initializers, assigned values. Identifiers bound to
// constants with literal initializers are replaced by those initializers.
type Value struct {
	Kind   ValueKind
	Text   string
	Callee *Callee
	Parts  []*Value
	Param  int
	Symbol int
	Func   int
	// Object is what a member is read on, or a method is called on.
	Object *Value
	Pos    Pos
}

// RefKind says what a Ref points at.
type RefKind int

// Ref kinds.
const (
	FuncRef   RefKind = iota // Index is a function of the same file
	SymbolRef                // Index is a symbol of the same file
	ImportRef                // Module/Name in another file
)

// Ref points at a function or symbol, in this file or another.
type Ref struct {
	Kind  RefKind
	Index int
	// Module is the import specifier as written ("./db"); Path is it joined to
	// the importing file's folder ("src/db"), which the file's Resolution turns
	// into candidate files.
	Module string
	Path   string
	// Name is the exported name ("getUser", "default"); "" means the module
	// object itself (require('./x'), import * as x).
	Name string
	// Result: what is reached is the function's result, the closures it returns
	// (wrap(fn) at init returns the handler), not its body, which ran at init.
	Result bool
}

// Import is a module the file imports.
type Import struct {
	Module string
	Path   string // for relative imports: joined to the importing file's folder
	Pos    Pos
}

// Export is a name the file exports.
type Export struct {
	Name string // "handler", "default"; "*" re-exports every name of Refs[0]
	Pos  Pos
	// Direct is the function that is the exported value itself, or -1 (for a
	// wrapped value such as middy(fn), a symbol, an import).
	Direct int
	// Refs are what the exported value leads to: for middy(base).use(x), base;
	// for serverless(app), app; for a re-export, the other module's name.
	Refs []Ref
	// Entry: the front-end recognised this export as an entry point by its
	// language's convention where the name alone cannot say so (a Spring
	// Cloud Function bean method returning the function the adapter calls).
	Entry bool
}

// Class is a class declaration.
type Class struct {
	Name    string
	Pos     Pos
	Super   string
	Methods []int // function indexes
	// Shared: an instance outlives invocations (created by init code, or the
	// runtime keeps one handler instance), so its instance fields are shared.
	Shared bool
	// Abstract: the class cannot be instantiated (an abstract class, an
	// interface), so it is never a handler itself.
	Abstract bool
	// Bases are the classes and interfaces it extends or implements, as
	// references to a class name (Ref.Name) in candidate files (Ref.Path), in
	// the order the language's name resolution tries them: a base declared in
	// another file is found by the linker, so inherited methods, fields and
	// handler-ness cross files (an abstract handler base class).
	Bases []Ref
	// Entry is the method a runtime calls on an instance of this class when
	// it (or a class derived from it) is deployed as a handler: "handleRequest"
	// for a Java class implementing RequestHandler. "" for other classes.
	Entry string
}

// Comment is a comment that mentions lmicheck.
type Comment struct {
	Text string // without comment markers
	Pos  Pos
	// OwnLine: nothing but the comment on its line, so it applies to the next line.
	OwnLine bool
	// Scope, when set (Line > 0), is the range the suppression covers instead
	// of its own line or the next: a declaration annotated with it (Java's
	// @SuppressWarnings("lmicheck:LMI001") on a method, field or class).
	Scope Pos
}

// LambdaFunction is a function declared by a deployment template.
type LambdaFunction struct {
	Name     string // logical id, or the serverless.yml function name
	Template string // the template's path, relative to the scan root
	Handler  string // as written: "src/app.lambdaHandler"
	Runtime  string // runtime id, if given: "nodejs22.x"
	// CodeDir is the function's code folder relative to the scan root ("" when
	// the code is not in the tree: inline, S3, image).
	CodeDir string
	// Candidates are the files the handler's module may be, in order; Export is
	// the handler's exported name.
	Candidates []string
	Export     string
	Pos        Pos // of the Handler value, or of the resource

	// DeclPos is the declaration: the resource's logical id, the function's
	// key, the Terraform block or the CDK construct.
	DeclPos          Pos
	RuntimeSetting   Setting // where Runtime is written
	Architecture     Setting // x86_64 | arm64 (Absent: x86_64)
	Memory           Setting // MemorySize in MB
	EphemeralStorage Setting // in MB
	// LMI is nil for a function not attached to a capacity provider.
	LMI *LMIConfig
	// Construct is the CDK construct path ("Stack/OrdersFn/Resource" in a
	// synthesized template, the construct id in CDK source), which ties a
	// cdk.out function to the source that declares it.
	Construct string
}

// Arg returns the argument passed at position i or by keyword name (either
// may be unset: i < 0, name ""), or nil when the call passes neither.
func (c *Call) Arg(i int, name string) *Value {
	if name != "" {
		for j, n := range c.ArgNames {
			if n == name && j < len(c.Args) {
				return c.Args[j]
			}
		}
	}
	if i < 0 {
		return nil
	}
	pos := 0
	for j, a := range c.Args {
		if j < len(c.ArgNames) && c.ArgNames[j] != "" {
			continue
		}
		if pos == i {
			return a
		}
		pos++
	}
	return nil
}
