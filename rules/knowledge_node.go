package rules

import (
	"sync"

	"github.com/lmicheck/lmicheck/facts"
)

// Node.js knowledge. Module names are as imported ("node:" prefixes are
// dropped before matching); Name is the path below the module object.

var nodeKnowledge = sync.OnceValue(func() *Knowledge {
	k := &Knowledge{
		MutatingMethods: set(
			// Array
			"push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin",
			// Map, Set, WeakMap, WeakSet
			"set", "add", "delete", "clear",
		),
		MutatingFuncs: []ArgCall{
			{Callee: facts.Callee{Name: "Object.assign"}, Args: []int{0}},
			{Callee: facts.Callee{Name: "Object.defineProperty"}, Args: []int{0}},
			{Callee: facts.Callee{Name: "Object.defineProperties"}, Args: []int{0}},
			{Callee: facts.Callee{Name: "Object.setPrototypeOf"}, Args: []int{0}},
			{Callee: facts.Callee{Name: "Reflect.set"}, Args: []int{0}},
			{Callee: facts.Callee{Name: "Reflect.deleteProperty"}, Args: []int{0}},
		},
		TempDir: []facts.Callee{{Module: "os", Name: "tmpdir"}, {Module: "os", Name: ""}},
		PathJoin: []facts.Callee{
			{Module: "path", Name: "join"}, {Module: "path", Name: "resolve"},
			{Module: "path", Name: "posix.join"}, {Module: "path", Name: "posix.resolve"},
			{Module: "path/posix", Name: "join"}, {Module: "path/posix", Name: "resolve"},
		},
		// Request data by name, wherever it is read: the API Gateway and
		// Lambda context members that identify a request or its caller.
		RequestMembers: set("awsRequestId", "requestContext", "xRayTraceId", "pathParameters",
			"queryStringParameters", "multiValueQueryStringParameters", "headers", "multiValueHeaders",
			"authorizer", "claims", "identity", "cognitoIdentityId", "principalId"),
		ContextCallbacks: set("succeed", "fail", "done"),
		ContextFlags:     set("callbackWaitsForEmptyEventLoop"),
		StreamingWrappers: []facts.Callee{
			{Name: "awslambda.streamifyResponse"}, {Module: "@middy/core", Name: ""},
		},
		EnvGlobal:          "process.env",
		ConcurrencyPerVCPU: 64,
	}
	// CPU-bound work on the event loop (LMI010). Only synchronous calls of
	// node:zlib and node:crypto: their async forms run on libuv's thread pool
	// and leave the loop free. Image and PDF libraries compute in the call.
	// Decompression is left out: it is an order of magnitude cheaper than
	// compression, and every log-subscription handler decompresses its event.
	cpu := func(mod, name, what string) CPUCall {
		return CPUCall{Callee: facts.Callee{Module: mod, Name: name}, What: what}
	}
	cpuMod := func(mod, what string) CPUCall { return CPUCall{ModulePrefix: mod, What: what} }
	k.CPUHeavy = []CPUCall{
		cpuMod("sharp", "image processing (sharp)"), cpuMod("jimp", "image processing (Jimp)"),
		cpuMod("gm", "image processing (GraphicsMagick)"), cpuMod("canvas", "image rendering (node-canvas)"),
		cpuMod("pdfkit", "PDF generation (PDFKit)"), cpuMod("pdf-lib", "PDF processing (pdf-lib)"),
		cpuMod("pdfjs-dist", "PDF parsing (PDF.js)"), cpuMod("pdf-parse", "PDF parsing (pdf-parse)"),
		cpuMod("puppeteer", "headless browser rendering (Puppeteer)"), cpuMod("@sparticuz/chromium", "headless browser rendering (Chromium)"),
		cpuMod("fluent-ffmpeg", "video processing (FFmpeg)"),
		cpu("zlib", "gzipSync", "compression (zlib)"), cpu("zlib", "deflateSync", "compression (zlib)"),
		cpu("zlib", "deflateRawSync", "compression (zlib)"), cpu("zlib", "brotliCompressSync", "compression (Brotli)"),
		cpu("crypto", "pbkdf2Sync", "key derivation (PBKDF2)"), cpu("crypto", "scryptSync", "key derivation (scrypt)"),
		cpu("crypto", "generateKeyPairSync", "key generation"),
		cpu("bcrypt", "hashSync", "password hashing (bcrypt)"), cpu("bcrypt", "compareSync", "password hashing (bcrypt)"),
		cpu("bcryptjs", "hashSync", "password hashing (bcryptjs)"), cpu("bcryptjs", "compareSync", "password hashing (bcryptjs)"),
		// bcryptjs is pure JavaScript: even its async form computes on the loop.
		cpu("bcryptjs", "hash", "password hashing (bcryptjs)"), cpu("bcryptjs", "compare", "password hashing (bcryptjs)"),
	}
	k.Shell = []ArgCall{}
	for _, n := range []string{"exec", "execSync", "spawn", "spawnSync", "execFile", "execFileSync", "fork"} {
		k.Shell = append(k.Shell, ArgCall{Callee: facts.Callee{Module: "child_process", Name: n}, Args: []int{0, 1}, Write: true})
	}
	for _, n := range []string{"", "command", "commandSync", "execa", "execaSync", "$"} {
		k.Shell = append(k.Shell, ArgCall{Callee: facts.Callee{Module: "execa", Name: n}, Args: []int{0, 1}, Write: true})
	}
	// fs and its look-alikes: which functions touch which path arguments.
	type op struct {
		name  string
		args  []int
		write bool
	}
	ops := []op{
		{"writeFile", nil, true}, {"appendFile", nil, true}, {"createWriteStream", nil, true},
		{"open", nil, true}, {"unlink", nil, true}, {"rm", nil, true}, {"rmdir", nil, true},
		{"truncate", nil, true}, {"copyFile", []int{0, 1}, true},
		{"cp", []int{0, 1}, true}, {"rename", []int{0, 1}, true}, {"symlink", []int{1}, true},
		{"link", []int{1}, true}, {"utimes", nil, true}, {"chmod", nil, true},
		{"readFile", nil, false}, {"createReadStream", nil, false}, {"readdir", nil, false},
		// fs-extra
		{"outputFile", nil, true}, {"outputJson", nil, true}, {"writeJson", nil, true},
		{"emptyDir", nil, true}, {"ensureFile", nil, true},
		{"remove", nil, true}, {"move", []int{0, 1}, true}, {"copy", []int{0, 1}, true},
		{"readJson", nil, false},
		// Creating a shared folder is idempotent: mkdir, ensureDir and mkdirp
		// are not listed; files written into a fixed folder are.
	}
	for _, mod := range []string{"fs", "fs/promises", "fs-extra", "graceful-fs", "fs-extra/esm"} {
		for _, o := range ops {
			args := o.args
			if args == nil {
				args = []int{0}
			}
			names := []string{o.name}
			if mod != "fs/promises" {
				names = append(names, o.name+"Sync", "promises."+o.name)
			}
			for _, n := range names {
				k.FileOps = append(k.FileOps, ArgCall{Callee: facts.Callee{Module: mod, Name: n}, Args: args, Write: o.write})
			}
		}
	}
	db := func(mod, name string, isNew bool, kind ConnKind, what, fix string) Connection {
		return Connection{Callee: facts.Callee{Module: mod, Name: name}, New: isNew, Kind: kind, What: what, Fix: fix}
	}
	const (
		poolFix   = "create one pool at module scope (outside the handler) and check a connection out per request"
		clientFix = "create the client once at module scope (outside the handler) and reuse it"
	)
	k.Connections = []Connection{
		db("pg", "Client", true, DatabaseConn, "a pg Client (one PostgreSQL connection)", "use a pg Pool created at module scope (max sized for LMI concurrency) and pool.query() per request"),
		db("pg", "Pool", true, DatabasePool, "a pg Pool", poolFix),
		db("pg", "default.Client", true, DatabaseConn, "a pg Client (one PostgreSQL connection)", "use a pg Pool created at module scope and pool.query() per request"),
		db("pg", "default.Pool", true, DatabasePool, "a pg Pool", poolFix),
		db("postgres", "", false, DatabasePool, "a postgres.js client", clientFix),
		db("mysql", "createConnection", false, DatabaseConn, "a mysql connection", "use mysql.createPool at module scope and pool.query() per request"),
		db("mysql", "createPool", false, DatabasePool, "a mysql pool", poolFix),
		db("mysql2", "createConnection", false, DatabaseConn, "a mysql2 connection", "use mysql2.createPool at module scope and pool.query() per request"),
		db("mysql2", "createPool", false, DatabasePool, "a mysql2 pool", poolFix),
		db("mysql2/promise", "createConnection", false, DatabaseConn, "a mysql2 connection", "use mysql2.createPool at module scope and pool.query() per request"),
		db("mysql2/promise", "createPool", false, DatabasePool, "a mysql2 pool", poolFix),
		db("mariadb", "createConnection", false, DatabaseConn, "a MariaDB connection", "use mariadb.createPool at module scope"),
		db("mariadb", "createPool", false, DatabasePool, "a MariaDB pool", poolFix),
		db("mongodb", "MongoClient", true, DatabasePool, "a MongoClient (its own connection pool)", clientFix),
		db("mongodb", "MongoClient.connect", false, DatabasePool, "a MongoClient (its own connection pool)", clientFix),
		db("mongoose", "connect", false, DatabasePool, "a mongoose connection", "connect once at module scope and reuse the connection"),
		db("mongoose", "createConnection", false, DatabasePool, "a mongoose connection", "connect once at module scope and reuse the connection"),
		db("ioredis", "", true, DatabasePool, "an ioredis client", clientFix),
		db("ioredis", "Redis", true, DatabasePool, "an ioredis client", clientFix),
		db("ioredis", "default", true, DatabasePool, "an ioredis client", clientFix),
		db("ioredis", "Cluster", true, DatabasePool, "an ioredis cluster client", clientFix),
		db("redis", "createClient", false, DatabasePool, "a redis client", clientFix),
		db("redis", "createCluster", false, DatabasePool, "a redis cluster client", clientFix),
		db("@upstash/redis", "Redis", true, AWSClient, "an Upstash Redis client", clientFix),
		db("knex", "", false, DatabasePool, "a knex instance (its own pool)", clientFix),
		db("knex", "knex", false, DatabasePool, "a knex instance (its own pool)", clientFix),
		db("sequelize", "Sequelize", true, DatabasePool, "a Sequelize instance (its own pool)", clientFix),
		db("typeorm", "DataSource", true, DatabasePool, "a TypeORM DataSource (its own pool)", clientFix),
		db("typeorm", "createConnection", false, DatabasePool, "a TypeORM connection", clientFix),
		db("@prisma/client", "PrismaClient", true, DatabasePool, "a PrismaClient (its own pool)", clientFix),
		db("@mikro-orm/core", "MikroORM.init", false, DatabasePool, "a MikroORM instance", clientFix),
		db("drizzle-orm/node-postgres", "drizzle", false, DatabasePool, "a drizzle instance", clientFix),
		db("amqplib", "connect", false, DatabasePool, "an AMQP connection", clientFix),
		db("kafkajs", "Kafka", true, DatabasePool, "a Kafka client", clientFix),
		db("nats", "connect", false, DatabasePool, "a NATS connection", clientFix),
		db("@elastic/elasticsearch", "Client", true, DatabasePool, "an Elasticsearch client", clientFix),
		db("@opensearch-project/opensearch", "Client", true, DatabasePool, "an OpenSearch client", clientFix),
		db("cassandra-driver", "Client", true, DatabasePool, "a Cassandra client", clientFix),
		db("@aws-sdk/client-dynamodb", "DynamoDBClient", true, AWSDataClient, "a DynamoDB client", clientFix),
		db("@aws-sdk/client-dynamodb", "DynamoDB", true, AWSDataClient, "a DynamoDB client", clientFix),
		db("@aws-sdk/lib-dynamodb", "DynamoDBDocumentClient.from", false, AWSDataClient, "a DynamoDB document client", clientFix),
		db("@aws-sdk/lib-dynamodb", "DynamoDBDocument.from", false, AWSDataClient, "a DynamoDB document client", clientFix),
		db("aws-sdk", "DynamoDB", true, AWSDataClient, "a DynamoDB client (SDK v2)", clientFix),
		db("aws-sdk", "DynamoDB.DocumentClient", true, AWSDataClient, "a DynamoDB document client (SDK v2)", clientFix),
		db("aws-sdk/clients/dynamodb", "", true, AWSDataClient, "a DynamoDB client (SDK v2)", clientFix),
		db("aws-sdk/clients/dynamodb", "DocumentClient", true, AWSDataClient, "a DynamoDB document client (SDK v2)", clientFix),
		db("@aws-sdk/client-rds-data", "RDSDataClient", true, AWSDataClient, "an RDS Data API client", clientFix),
		{ModulePrefix: "@aws-sdk/client-", NameSuffix: "Client", New: true, Kind: AWSClient, What: "an AWS SDK client", Fix: clientFix},
		{ModulePrefix: "aws-sdk", NameSuffix: "", New: true, Kind: AWSClient, What: "an AWS SDK v2 client", Fix: clientFix},
	}
	return k
})

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
