package rules

import (
	"sync"

	"github.com/lmicheck/lmicheck/facts"
)

// Python knowledge. Callees are as the Python front-end resolves them: the
// top-level package as Module and the dotted path below it as Name
// (os.path.join is {os, path.join}); a method called on the result of a call
// continues the name (boto3.client("s3").download_file is
// {boto3, client.download_file}); builtins have no module ({"", open}).

var pythonKnowledge = sync.OnceValue(func() *Knowledge {
	k := &Knowledge{
		MutatingMethods: set("append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
			"update", "setdefault", "popitem", "add", "discard", "appendleft", "extendleft"),
		MutatingFuncs: []ArgCall{
			{Callee: facts.Callee{Name: "setattr"}, Args: []int{0}},
			{Callee: facts.Callee{Module: "heapq", Name: "heappush"}, Args: []int{0}},
			{Callee: facts.Callee{Module: "bisect", Name: "insort"}, Args: []int{0}},
		},
		TempDir: []facts.Callee{{Module: "tempfile", Name: "gettempdir"}, {Module: "tempfile", Name: "gettempdirb"}},
		PathJoin: []facts.Callee{
			{Module: "os", Name: "path.join"}, {Module: "posixpath", Name: "join"},
			{Module: "pathlib", Name: "Path"}, {Module: "pathlib", Name: "PurePath"},
			{Module: "pathlib", Name: "PosixPath"}, {Module: "pathlib", Name: "PurePosixPath"},
		},
		RequestMembers: set("aws_request_id", "requestContext", "pathParameters", "queryStringParameters",
			"multiValueQueryStringParameters", "headers", "multiValueHeaders", "authorizer", "claims", "identity"),
		EnvGlobal:          "os.environ",
		ConcurrencyPerVCPU: 16,
		Collections: []facts.Callee{
			{Name: "dict"}, {Name: "list"}, {Name: "set"},
			{Module: "collections", Name: "defaultdict"}, {Module: "collections", Name: "OrderedDict"},
			{Module: "collections", Name: "Counter"}, {Module: "collections", Name: "deque"},
		},
		DTypeBytes: map[string]int{
			"float64": 8, "float32": 4, "float16": 2, "int64": 8, "int32": 4, "int16": 2, "int8": 1,
			"uint8": 1, "uint16": 2, "uint32": 4, "uint64": 8, "bool": 1, "complex128": 16, "complex64": 8,
		},
	}

	// Files: which calls touch which path arguments, and whether they write.
	write := func(mod, name string, args []int, kws ...string) ArgCall {
		return ArgCall{Callee: facts.Callee{Module: mod, Name: name}, Args: args, Keywords: kws, Write: true}
	}
	read := func(mod, name string, args []int, kws ...string) ArgCall {
		return ArgCall{Callee: facts.Callee{Module: mod, Name: name}, Args: args, Keywords: kws}
	}
	openMode := &ModeArg{Index: 1, Keyword: "mode", Default: "r", WriteChars: "wax+"}
	k.FileOps = []ArgCall{
		{Callee: facts.Callee{Name: "open"}, Args: []int{0}, Keywords: []string{"file"}, Mode: openMode},
		{Callee: facts.Callee{Module: "io", Name: "open"}, Args: []int{0}, Keywords: []string{"file"}, Mode: openMode},
		{Callee: facts.Callee{Module: "codecs", Name: "open"}, Args: []int{0}, Keywords: []string{"filename"}, Mode: openMode},
		{Callee: facts.Callee{Module: "gzip", Name: "open"}, Args: []int{0}, Keywords: []string{"filename"},
			Mode: &ModeArg{Index: 1, Keyword: "mode", Default: "rb", WriteChars: "wax+"}},
		{Callee: facts.Callee{Module: "tarfile", Name: "open"}, Args: []int{0}, Keywords: []string{"name"},
			Mode: &ModeArg{Index: 1, Keyword: "mode", Default: "r", WriteChars: "wax"}},
		{Callee: facts.Callee{Module: "zipfile", Name: "ZipFile"}, Args: []int{0}, Keywords: []string{"file"},
			Mode: &ModeArg{Index: 1, Keyword: "mode", Default: "r", WriteChars: "wax"}},
		write("os", "remove", []int{0}, "path"), write("os", "unlink", []int{0}, "path"),
		write("os", "rename", []int{0, 1}, "src", "dst"), write("os", "replace", []int{0, 1}, "src", "dst"),
		write("os", "truncate", []int{0}, "path"), write("os", "rmdir", []int{0}, "path"),
		write("os", "symlink", []int{1}, "dst"), write("os", "link", []int{1}, "dst"),
		write("os", "mkfifo", []int{0}, "path"), write("os", "chmod", []int{0}, "path"),
		write("os", "open", []int{0}, "path"),
		write("shutil", "copy", []int{1}, "dst"), write("shutil", "copy2", []int{1}, "dst"),
		write("shutil", "copyfile", []int{1}, "dst"), write("shutil", "copytree", []int{1}, "dst"),
		write("shutil", "move", []int{0, 1}, "src", "dst"), write("shutil", "rmtree", []int{0}, "path"),
		write("shutil", "make_archive", []int{0}, "base_name"),
		write("shutil", "unpack_archive", []int{1}, "extract_dir"),
		write("urllib", "request.urlretrieve", []int{1}, "filename"),
		write("sqlite3", "connect", []int{0}, "database"),
		read("shutil", "copy", []int{0}, "src"),
		read("os", "listdir", []int{0}, "path"),
		read("json", "load", []int{0}),
		// AWS SDK downloads: the local file name.
		write("boto3", "client.download_file", []int{2}, "Filename"),
		write("boto3", "Session.client.download_file", []int{2}, "Filename"),
		write("boto3", "session.Session.client.download_file", []int{2}, "Filename"),
		write("boto3", "resource.Bucket.download_file", []int{1}, "Filename"),
		write("boto3", "resource.Object.download_file", []int{0}, "Filename"),
		read("boto3", "client.upload_file", []int{0}, "Filename"),
	}
	// Methods recognised on any receiver: the argument must still be a
	// literal path under /tmp for anything to be reported.
	for _, m := range []struct {
		name string
		args []int
		kws  []string
	}{
		{"to_csv", []int{0}, []string{"path_or_buf"}}, {"to_parquet", []int{0}, []string{"path"}},
		{"to_json", []int{0}, []string{"path_or_buf"}}, {"to_excel", []int{0}, []string{"excel_writer"}},
		{"to_pickle", []int{0}, []string{"path"}}, {"to_feather", []int{0}, []string{"path"}},
		{"savefig", []int{0}, []string{"fname"}}, {"save", []int{0}, []string{"fp"}},
		{"download_file", []int{0, 1, 2}, []string{"", "", "Filename"}},
		{"extractall", []int{0}, []string{"path"}}, {"extract", []int{1}, []string{"path"}},
	} {
		k.FileOps = append(k.FileOps, ArgCall{Callee: facts.Callee{Name: m.name}, Args: m.args, Keywords: m.kws, Write: true, AnyReceiver: true})
	}
	for _, m := range []string{"write_text", "write_bytes", "unlink", "touch", "rename", "replace", "rmdir", "symlink_to", "hardlink_to"} {
		k.FileOps = append(k.FileOps, ArgCall{Callee: facts.Callee{Name: m}, Write: true, AnyReceiver: true, OnReceiver: true})
	}
	for _, m := range []string{"read_text", "read_bytes"} {
		k.FileOps = append(k.FileOps, ArgCall{Callee: facts.Callee{Name: m}, AnyReceiver: true, OnReceiver: true})
	}
	k.FileOps = append(k.FileOps, ArgCall{Callee: facts.Callee{Name: "open"}, AnyReceiver: true, OnReceiver: true,
		Mode: &ModeArg{Index: 0, Keyword: "mode", Default: "r", WriteChars: "wax+"}})

	// Commands: a /tmp path inside the command line or argument vector.
	for _, n := range []string{"run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput"} {
		k.Shell = append(k.Shell, ArgCall{Callee: facts.Callee{Module: "subprocess", Name: n}, Args: []int{0}, Keywords: []string{"args"}, Write: true})
	}
	for _, n := range []string{"system", "popen", "execv", "execvp", "spawnv"} {
		k.Shell = append(k.Shell, ArgCall{Callee: facts.Callee{Module: "os", Name: n}, Args: []int{0, 1}, Write: true})
	}

	// Connections and clients.
	const (
		moduleFix = "create it once at module level (outside the handler) and reuse it; each of the environment's processes then holds one"
		poolFix   = "create the engine or pool once at module level and check a connection out per request"
	)
	conn := func(mod, name string, kind ConnKind, what, fix string) Connection {
		return Connection{Callee: facts.Callee{Module: mod, Name: name}, Kind: kind, What: what, Fix: fix}
	}
	k.Connections = []Connection{
		conn("psycopg2", "connect", DatabaseConn, "a PostgreSQL connection (psycopg2)", moduleFix),
		conn("psycopg", "connect", DatabaseConn, "a PostgreSQL connection (psycopg)", moduleFix),
		conn("psycopg", "Connection.connect", DatabaseConn, "a PostgreSQL connection (psycopg)", moduleFix),
		conn("psycopg", "AsyncConnection.connect", DatabaseConn, "a PostgreSQL connection (psycopg)", moduleFix),
		conn("psycopg2", "pool.SimpleConnectionPool", DatabasePool, "a psycopg2 connection pool", poolFix),
		conn("psycopg2", "pool.ThreadedConnectionPool", DatabasePool, "a psycopg2 connection pool", poolFix),
		conn("psycopg_pool", "ConnectionPool", DatabasePool, "a psycopg connection pool", poolFix),
		conn("pg8000", "connect", DatabaseConn, "a PostgreSQL connection (pg8000)", moduleFix),
		conn("pg8000", "native.Connection", DatabaseConn, "a PostgreSQL connection (pg8000)", moduleFix),
		conn("asyncpg", "connect", DatabaseConn, "a PostgreSQL connection (asyncpg)", moduleFix),
		conn("asyncpg", "create_pool", DatabasePool, "an asyncpg pool", poolFix),
		conn("pymysql", "connect", DatabaseConn, "a MySQL connection (PyMySQL)", moduleFix),
		conn("pymysql", "Connect", DatabaseConn, "a MySQL connection (PyMySQL)", moduleFix),
		conn("pymysql", "connections.Connection", DatabaseConn, "a MySQL connection (PyMySQL)", moduleFix),
		conn("MySQLdb", "connect", DatabaseConn, "a MySQL connection (mysqlclient)", moduleFix),
		conn("mysql", "connector.connect", DatabaseConn, "a MySQL connection (mysql-connector)", moduleFix),
		conn("mysql", "connector.pooling.MySQLConnectionPool", DatabasePool, "a mysql-connector pool", poolFix),
		conn("pymssql", "connect", DatabaseConn, "a SQL Server connection (pymssql)", moduleFix),
		conn("pyodbc", "connect", DatabaseConn, "an ODBC connection", moduleFix),
		conn("oracledb", "connect", DatabaseConn, "an Oracle connection", moduleFix),
		conn("redis", "Redis", DatabasePool, "a Redis client (its own connection pool)", moduleFix),
		conn("redis", "StrictRedis", DatabasePool, "a Redis client (its own connection pool)", moduleFix),
		conn("redis", "Redis.from_url", DatabasePool, "a Redis client (its own connection pool)", moduleFix),
		conn("redis", "from_url", DatabasePool, "a Redis client (its own connection pool)", moduleFix),
		conn("redis", "RedisCluster", DatabasePool, "a Redis cluster client", moduleFix),
		conn("redis", "cluster.RedisCluster", DatabasePool, "a Redis cluster client", moduleFix),
		conn("redis", "asyncio.Redis", DatabasePool, "a Redis client (its own connection pool)", moduleFix),
		conn("pymongo", "MongoClient", DatabasePool, "a MongoClient (its own connection pool)", moduleFix),
		conn("motor", "motor_asyncio.AsyncIOMotorClient", DatabasePool, "a Motor client (its own connection pool)", moduleFix),
		conn("sqlalchemy", "create_engine", DatabasePool, "a SQLAlchemy engine (its own connection pool)", poolFix),
		conn("sqlalchemy", "ext.asyncio.create_async_engine", DatabasePool, "a SQLAlchemy engine (its own connection pool)", poolFix),
		conn("pika", "BlockingConnection", DatabaseConn, "a RabbitMQ connection", moduleFix),
		conn("kafka", "KafkaProducer", DatabasePool, "a Kafka producer", moduleFix),
		conn("kafka", "KafkaConsumer", DatabasePool, "a Kafka consumer", moduleFix),
		conn("confluent_kafka", "Producer", DatabasePool, "a Kafka producer", moduleFix),
		conn("elasticsearch", "Elasticsearch", DatabasePool, "an Elasticsearch client", moduleFix),
		conn("opensearchpy", "OpenSearch", DatabasePool, "an OpenSearch client", moduleFix),
		conn("cassandra", "cluster.Cluster", DatabasePool, "a Cassandra cluster connection", moduleFix),
		conn("snowflake", "connector.connect", DatabaseConn, "a Snowflake connection", moduleFix),
		conn("pynamodb", "connection.Connection", AWSDataClient, "a DynamoDB connection (PynamoDB)", moduleFix),
	}
	// boto3: DynamoDB and RDS Data API clients are database connections;
	// any other client or resource per invocation costs latency and
	// credential look-ups (a note).
	for _, prefix := range []string{"", "Session.", "session.Session."} {
		for _, svc := range []string{"dynamodb", "rds-data", "dax", "timestream-write", "timestream-query"} {
			for _, f := range []string{"client", "resource"} {
				k.Connections = append(k.Connections, Connection{
					Callee: facts.Callee{Module: "boto3", Name: prefix + f}, Arg: svc, ArgKeyword: "service_name",
					Kind: AWSDataClient, What: "a boto3 " + svc + " " + f, Fix: moduleFix,
				})
			}
		}
	}
	for _, prefix := range []string{"", "Session.", "session.Session."} {
		for _, f := range []string{"client", "resource"} {
			k.Connections = append(k.Connections, Connection{
				Callee: facts.Callee{Module: "boto3", Name: prefix + f}, Kind: AWSClient, What: "a boto3 " + f, Fix: moduleFix,
			})
		}
	}

	// Pools whose size multiplies per process (defaults from each library's
	// documentation; -1: only a size passed in the call counts).
	pg, my := "PostgreSQL", "MySQL"
	k.Pools = []Pool{
		{Callee: facts.Callee{Module: "sqlalchemy", Name: "create_engine"}, What: "SQLAlchemy engine",
			Sizes:  []SizeArg{{Index: -1, Keyword: "pool_size", Default: 5}, {Index: -1, Keyword: "max_overflow", Default: 10}},
			Server: "database", Limit: 100},
		{Callee: facts.Callee{Module: "psycopg2", Name: "pool.ThreadedConnectionPool"}, What: "psycopg2 pool",
			Sizes: []SizeArg{{Index: 1, Keyword: "maxconn", Default: -1}}, Server: pg, Limit: 100},
		{Callee: facts.Callee{Module: "psycopg2", Name: "pool.SimpleConnectionPool"}, What: "psycopg2 pool",
			Sizes: []SizeArg{{Index: 1, Keyword: "maxconn", Default: -1}}, Server: pg, Limit: 100},
		{Callee: facts.Callee{Module: "psycopg_pool", Name: "ConnectionPool"}, What: "psycopg pool",
			Sizes: []SizeArg{{Index: -1, Keyword: "max_size", Default: -1}}, Server: pg, Limit: 100},
		{Callee: facts.Callee{Module: "mysql", Name: "connector.pooling.MySQLConnectionPool"}, What: "mysql-connector pool",
			Sizes: []SizeArg{{Index: -1, Keyword: "pool_size", Default: 5}}, Server: my, Limit: 151},
		{Callee: facts.Callee{Module: "redis", Name: "ConnectionPool"}, What: "redis-py pool",
			Sizes: []SizeArg{{Index: -1, Keyword: "max_connections", Default: -1}}, Server: "Redis", Limit: 10000},
		{Callee: facts.Callee{Module: "pymongo", Name: "MongoClient"}, What: "MongoClient pool",
			Sizes: []SizeArg{{Index: -1, Keyword: "maxPoolSize", Default: -1}}, Server: "MongoDB", Limit: 1500},
	}

	// Memory loaded at import: models and data sets, paid once per process.
	load := func(mod, name, what string) MemoryLoad {
		return MemoryLoad{Callee: facts.Callee{Module: mod, Name: name}, What: what}
	}
	k.MemoryLoads = []MemoryLoad{
		load("pickle", "load", "an unpickled object"), load("pickle", "loads", "an unpickled object"),
		load("joblib", "load", "a joblib model"), load("torch", "load", "a PyTorch model"),
		load("torch", "jit.load", "a TorchScript model"), load("tensorflow", "keras.models.load_model", "a Keras model"),
		load("tensorflow", "saved_model.load", "a TensorFlow model"), load("keras", "models.load_model", "a Keras model"),
		load("onnxruntime", "InferenceSession", "an ONNX model"), load("xgboost", "Booster", "an XGBoost model"),
		load("lightgbm", "Booster", "a LightGBM model"), load("spacy", "load", "a spaCy model"),
		load("sentence_transformers", "SentenceTransformer", "a sentence-transformers model"),
		load("gensim", "models.KeyedVectors.load", "word vectors"),
		load("gensim", "models.KeyedVectors.load_word2vec_format", "word vectors"),
		load("numpy", "load", "a NumPy array"), load("numpy", "loadtxt", "a NumPy array"),
		load("numpy", "genfromtxt", "a NumPy array"),
		load("pandas", "read_csv", "a pandas DataFrame"), load("pandas", "read_parquet", "a pandas DataFrame"),
		load("pandas", "read_json", "a pandas DataFrame"), load("pandas", "read_excel", "a pandas DataFrame"),
		load("pandas", "read_pickle", "a pandas DataFrame"), load("pandas", "read_feather", "a pandas DataFrame"),
		load("pandas", "read_sql", "a pandas DataFrame"), load("pandas", "read_table", "a pandas DataFrame"),
		load("polars", "read_csv", "a Polars DataFrame"), load("polars", "read_parquet", "a Polars DataFrame"),
		load("pyarrow", "parquet.read_table", "an Arrow table"),
		load("faiss", "read_index", "a FAISS index"),
		{ModulePrefix: "transformers", NameSuffix: "from_pretrained", What: "a Hugging Face model"},
		{ModulePrefix: "transformers", NameSuffix: "pipeline", What: "a Hugging Face pipeline"},
		{ModulePrefix: "diffusers", NameSuffix: "from_pretrained", What: "a diffusers model"},
		{ModulePrefix: "llama_cpp", NameSuffix: "Llama", What: "a llama.cpp model"},
	}
	k.Allocations = []Allocation{
		{Callee: facts.Callee{Module: "numpy", Name: "zeros"}, Shape: SizeArg{Index: 0, Keyword: "shape"}, ElemBytes: 8, DTypeArg: "dtype"},
		{Callee: facts.Callee{Module: "numpy", Name: "ones"}, Shape: SizeArg{Index: 0, Keyword: "shape"}, ElemBytes: 8, DTypeArg: "dtype"},
		{Callee: facts.Callee{Module: "numpy", Name: "empty"}, Shape: SizeArg{Index: 0, Keyword: "shape"}, ElemBytes: 8, DTypeArg: "dtype"},
		{Callee: facts.Callee{Module: "numpy", Name: "full"}, Shape: SizeArg{Index: 0, Keyword: "shape"}, ElemBytes: 8, DTypeArg: "dtype"},
		{Callee: facts.Callee{Name: "bytearray"}, Shape: SizeArg{Index: 0}, ElemBytes: 1},
	}

	// CPU-bound work in invocation code.
	cpu := func(mod, name, what string) CPUCall {
		return CPUCall{Callee: facts.Callee{Module: mod, Name: name}, What: what}
	}
	cpuMod := func(mod, what string) CPUCall { return CPUCall{ModulePrefix: mod, What: what} }
	k.CPUHeavy = []CPUCall{
		cpuMod("PIL", "image processing (Pillow)"), cpuMod("cv2", "image processing (OpenCV)"),
		cpuMod("skimage", "image processing (scikit-image)"), cpuMod("wand", "image processing (ImageMagick)"),
		cpuMod("pyvips", "image processing (libvips)"),
		cpuMod("fitz", "PDF rendering (PyMuPDF)"), cpuMod("pymupdf", "PDF rendering (PyMuPDF)"),
		cpuMod("pdfplumber", "PDF parsing (pdfplumber)"), cpuMod("pdf2image", "PDF rasterising (pdf2image)"),
		cpuMod("reportlab", "PDF generation (ReportLab)"), cpuMod("weasyprint", "PDF generation (WeasyPrint)"),
		cpuMod("pdfminer", "PDF parsing (pdfminer)"), cpuMod("moviepy", "video processing (MoviePy)"),
		cpu("zlib", "compress", "compression (zlib)"),
		cpu("gzip", "compress", "compression (gzip)"),
		cpu("bz2", "compress", "compression (bz2)"),
		cpu("lzma", "compress", "compression (lzma)"),
		cpu("brotli", "compress", "compression (Brotli)"), cpuMod("zstandard", "compression (zstandard)"),
		cpu("shutil", "make_archive", "archive compression (shutil.make_archive)"),
		cpu("hashlib", "pbkdf2_hmac", "key derivation (PBKDF2)"), cpu("hashlib", "scrypt", "key derivation (scrypt)"),
		cpu("bcrypt", "hashpw", "password hashing (bcrypt)"), cpu("bcrypt", "checkpw", "password hashing (bcrypt)"),
		cpu("bcrypt", "kdf", "key derivation (bcrypt)"),
		cpu("argon2", "PasswordHasher.hash", "password hashing (Argon2)"),
		cpu("argon2", "PasswordHasher.verify", "password hashing (Argon2)"),
		cpu("passlib", "hash.bcrypt.hash", "password hashing (bcrypt)"),
		cpu("passlib", "hash.pbkdf2_sha256.hash", "key derivation (PBKDF2)"),
		cpu("cryptography", "hazmat.primitives.asymmetric.rsa.generate_private_key", "RSA key generation"),
		{Callee: facts.Callee{Name: "range"}, What: "a pure-Python loop", MinArg: 1_000_000},
	}
	return k
})
