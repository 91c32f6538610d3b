package rules

import (
	"strconv"
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
	// Threaded: concurrent invocations run on parallel threads of one
	// process, so a lazy-init guard (if (x == null) x = …) does not make a
	// write one-time (Java, .NET).
	Threaded bool
	// NonThreadSafe are types whose instances must not be used by two
	// threads at once (LMI004), matched on a shared symbol's declared type
	// or the class its initializer constructs.
	NonThreadSafe []UnsafeType
	// TempDirArg: for a TempDir callee listed here, only a call whose first
	// argument is this literal returns the temporary folder
	// (System.getProperty("java.io.tmpdir")).
	TempDirArg map[facts.Callee]string

	// ConcurrencyPerVCPU is LMI's default number of concurrent invocations
	// per vCPU of an execution environment (processes on Python, async
	// invocations per worker thread on Node.js), for messages and sizing.
	ConcurrencyPerVCPU int
	// Collections are constructors of plain data (dict(), defaultdict()) whose
	// mutating methods change the object, besides the JavaScript built-ins.
	Collections []facts.Callee
	// Pools are module-level connection pools whose size multiplies per
	// process (LMI006's sizing note).
	Pools []Pool
	// MemoryLoads are calls that load a model or a data set into memory
	// (LMI009 when made at import); Allocations allocate a size given by
	// their arguments.
	MemoryLoads []MemoryLoad
	Allocations []Allocation
	// DTypeBytes is the size of one element of an array type ("float32": 4).
	DTypeBytes map[string]int
	// CPUHeavy are calls whose work is CPU-bound (LMI010).
	CPUHeavy []CPUCall
}

// Pool is a call that builds a connection pool of a size given by its
// arguments: the sum of Sizes (each a positional index or a keyword, with a
// default when absent; Default -1: unknown unless passed).
type Pool struct {
	Callee facts.Callee
	Sizes  []SizeArg
	What   string
	// Server and Limit: the kind of server and its typical default
	// connection limit ("PostgreSQL", 100).
	Server string
	Limit  int
}

// SizeArg is one numeric argument: at position Index (-1: keyword only) or
// passed as Keyword, Default when absent (-1: unknown).
type SizeArg struct {
	Index   int
	Keyword string
	Default int
}

// MemoryLoad is a call that loads something large into memory: a model, a
// data frame. ModulePrefix/NameSuffix match families
// (transformers.*.from_pretrained).
type MemoryLoad struct {
	Callee                   facts.Callee
	ModulePrefix, NameSuffix string
	What                     string
}

func (m MemoryLoad) matches(c facts.Callee) bool {
	if m.ModulePrefix != "" {
		return (c.Module == m.ModulePrefix || strings.HasPrefix(c.Module, m.ModulePrefix+".")) && strings.HasSuffix(c.Name, m.NameSuffix)
	}
	return c == m.Callee
}

// Allocation allocates ElemBytes per element for a shape given by an argument
// (numpy.zeros((n, m))), with the element type optionally named by DTypeArg.
type Allocation struct {
	Callee    facts.Callee
	Shape     SizeArg
	ElemBytes int
	DTypeArg  string
}

// CPUCall is CPU-bound work: a call of Callee, or of anything in a module
// (ModulePrefix, "PIL"). MinArg > 0 matches only when the first argument is
// a number at least that large (range(10_000_000)).
type CPUCall struct {
	Callee       facts.Callee
	ModulePrefix string
	What         string
	MinArg       float64
}

func (c CPUCall) matches(call facts.Call) bool {
	if c.ModulePrefix != "" {
		m := call.Callee.Module
		return m == c.ModulePrefix || strings.HasPrefix(m, c.ModulePrefix+".")
	}
	if strings.TrimPrefix(call.Callee.Module, "node:") != c.Callee.Module || call.Callee.Name != c.Callee.Name {
		return false
	}
	if c.MinArg > 0 {
		last := 0 // range(n), range(start, stop[, step]): the bound
		if len(call.Args) >= 2 {
			last = 1
		}
		n, ok := numberValue(call.Arg(last, ""))
		if !ok || n < c.MinArg {
			return false
		}
	}
	return true
}

// numberValue reads a numeric literal (1_000_000, 1e6, 10**6 is not folded).
func numberValue(v *facts.Value) (float64, bool) {
	if v == nil || v.Kind != facts.Number {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(v.Text, "_", ""), 64)
	return f, err == nil
}

// UnsafeType is a type that is not safe for concurrent use.
type UnsafeType struct {
	Type string // qualified: "java.text.SimpleDateFormat"
	What string // for messages: "a SimpleDateFormat (formatting mutates its internal Calendar)"
	Fix  string
	// ReadSafe: concurrent reads alone are safe (a HashMap filled at init and
	// only read); only reads racing with writes made during invocations are
	// reported. The writes themselves are LMI001's.
	ReadSafe bool
}

// ArgCall is a callee and which of its arguments matter (nil: the first).
type ArgCall struct {
	Callee facts.Callee
	Args   []int
	// Write: the call writes (or deletes) what the argument names.
	Write bool
	// Keywords name the same arguments when passed by keyword (Python),
	// parallel to Args ("" for positional only).
	Keywords []string
	// Mode, when set, decides Write from a mode argument: open(path, "w").
	Mode *ModeArg
	// AnyReceiver: Callee.Name is a method name, matched on any receiver
	// (df.to_csv("/tmp/x.csv"), image.save(...)): the literal path argument
	// is what makes the finding, not the receiver's type.
	AnyReceiver bool
	// OnReceiver: the path is the object the method is called on
	// (pathlib.Path("/tmp/x").write_text(data)); Args are not read.
	OnReceiver bool
	// Joined: the path is the arguments joined with "/" (new File("/tmp", name)).
	Joined bool
}

// ModeArg is a file-mode argument: the call writes when the mode contains
// one of WriteChars ("wax+"); Default is the mode when none is passed.
type ModeArg struct {
	Index      int
	Keyword    string
	Default    string
	WriteChars string
}

// writes reports whether a call with this row writes.
func (a ArgCall) writes(c *facts.Call) bool {
	if a.Mode == nil {
		return a.Write
	}
	mode := a.Mode.Default
	if v := c.Arg(a.Mode.Index, a.Mode.Keyword); v != nil {
		if v.Kind != facts.String {
			return false // a mode decided at run time: not known to write
		}
		mode = v.Text
	}
	return strings.ContainsAny(mode, a.Mode.WriteChars)
}

// arg returns the value of the row's k-th argument in a call.
func (a ArgCall) arg(c *facts.Call, k int) *facts.Value {
	kw := ""
	if k < len(a.Keywords) {
		kw = a.Keywords[k]
	}
	if a.Keywords == nil && c.ArgNames == nil {
		if a.Args[k] < len(c.Args) {
			return c.Args[a.Args[k]]
		}
		return nil
	}
	return c.Arg(a.Args[k], kw)
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
	// Arg, when set, matches only calls whose first argument (or ArgKeyword)
	// is this string: boto3.client("dynamodb").
	Arg, ArgKeyword string
}

func (c Connection) matches(call facts.Call) bool {
	if c.New != call.New {
		return false
	}
	if c.Arg != "" {
		if a := call.Arg(0, c.ArgKeyword); a == nil || a.Kind != facts.String || a.Text != c.Arg {
			return false
		}
	}
	mod := strings.TrimPrefix(call.Callee.Module, "node:")
	if c.ModulePrefix != "" {
		return strings.HasPrefix(mod, c.ModulePrefix) && strings.HasSuffix(call.Callee.Name, c.NameSuffix) &&
			(strings.Contains(c.NameSuffix, ".") || !strings.Contains(call.Callee.Name, "."))
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
		if !l.AnyReceiver && l.Callee.Module == mod && l.Callee.Name == c.Name {
			return l, true
		}
	}
	return ArgCall{}, false
}

// argCallForCall is argCallFor, then rows matching a method name on any
// receiver.
func argCallForCall(c *facts.Call, list []ArgCall) (ArgCall, bool) {
	if a, ok := argCallFor(c.Callee, list); ok {
		return a, true
	}
	if c.Method == "" {
		return ArgCall{}, false
	}
	for _, l := range list {
		if l.AnyReceiver && l.Callee.Name == c.Method {
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
	case facts.RuntimePython:
		return pythonKnowledge()
	case facts.RuntimeJava:
		return javaKnowledge()
	}
	return nil
}
