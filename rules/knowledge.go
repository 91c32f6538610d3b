package rules

import (
	"strings"

	"github.com/lmicheck/lmicheck/facts"
)

// Knowledge is what the rules know about one runtime's libraries: which calls
// mutate, open connections, touch files or run commands, and where request
// data comes from. It is data: supporting a new driver is a row, not code.
type Knowledge struct {
	// MutatingMethods change the object they are called on (push, set, put).
	MutatingMethods map[string]bool
	// MutatingFuncs change the object passed as one of their arguments.
	MutatingFuncs []ArgCall
	// Connections are calls that open a connection or build a client.
	Connections []Connection
	// FileOps are calls whose path arguments name files.
	FileOps []ArgCall
	// Shell are calls that run a command line.
	Shell []ArgCall
	// TempDir are calls that return the temporary folder (os.tmpdir()).
	TempDir []facts.Callee
	// PathJoin are calls that join path segments (path.join).
	PathJoin []facts.Callee
	// RequestMembers are member names that carry request data wherever read.
	RequestMembers map[string]bool
	// ContextCallbacks are members of the handler's context object the runtime
	// no longer provides (context.succeed) and ContextFlags those it ignores.
	ContextCallbacks map[string]bool
	ContextFlags     map[string]bool
	// StreamingWrappers wrap a handler that takes a response stream as its second
	// argument: a third parameter there is not a callback.
	StreamingWrappers []facts.Callee
	// EnvGlobal is the name of the process environment's symbol.
	EnvGlobal string
}

// ArgCall is a callee and which of its arguments matter (nil: the first).
type ArgCall struct {
	Callee facts.Callee
	Args   []int
	// Write: the call writes (or deletes) what the argument names.
	Write bool
}

// ConnKind classifies what a connection call builds.
type ConnKind int

// Connection kinds.
const (
	DatabaseConn  ConnKind = iota // one session-bound connection (pg Client, mysql createConnection): not shareable
	DatabasePool                  // a pool, or a client built for concurrent callers (ioredis, MongoClient)
	AWSDataClient                 // an AWS SDK client for a database service (DynamoDB)
	AWSClient                     // any other AWS SDK client
)

// Connection is a call that connects or builds a client.
type Connection struct {
	Callee facts.Callee
	// New: matches only `new X()`; otherwise only a plain call.
	New  bool
	Kind ConnKind
	// What it is, for messages: "a pg Client (one connection)".
	What string
	// Fix: the safe idiom.
	Fix string
	// ModulePrefix/NameSuffix match families (every @aws-sdk/client-* XClient).
	ModulePrefix, NameSuffix string
}

func (c Connection) matches(call facts.Call) bool {
	if c.New != call.New {
		return false
	}
	mod := strings.TrimPrefix(call.Callee.Module, "node:")
	if c.ModulePrefix != "" {
		return strings.HasPrefix(mod, c.ModulePrefix) && strings.HasSuffix(call.Callee.Name, c.NameSuffix) &&
			!strings.Contains(call.Callee.Name, ".")
	}
	return mod == c.Callee.Module && call.Callee.Name == c.Callee.Name
}

// ConnectionFor returns the knowledge row a call matches.
func (k *Knowledge) ConnectionFor(call facts.Call) (Connection, bool) {
	if call.Callee.Module == "" || isRelativeModule(call.Callee.Module) {
		return Connection{}, false
	}
	for _, c := range k.Connections {
		if c.ModulePrefix == "" && c.matches(call) {
			return c, true
		}
	}
	for _, c := range k.Connections {
		if c.ModulePrefix != "" && c.matches(call) {
			return c, true
		}
	}
	return Connection{}, false
}

func isRelativeModule(m string) bool { return strings.HasPrefix(m, ".") }

func calleeIn(c facts.Callee, list []facts.Callee) bool {
	mod := strings.TrimPrefix(c.Module, "node:")
	for _, l := range list {
		if l.Module == mod && l.Name == c.Name {
			return true
		}
	}
	return false
}

func argCallFor(c facts.Callee, list []ArgCall) (ArgCall, bool) {
	mod := strings.TrimPrefix(c.Module, "node:")
	for _, l := range list {
		if l.Callee.Module == mod && l.Callee.Name == c.Name {
			return l, true
		}
	}
	return ArgCall{}, false
}

// KnowledgeFor returns the tables of a runtime (nil for runtimes without any).
func KnowledgeFor(rt facts.Runtime) *Knowledge {
	switch rt {
	case facts.RuntimeNode:
		return nodeKnowledge()
	}
	return nil
}
