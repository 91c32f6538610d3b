package rules

import (
	"sync"

	"github.com/lmicheck/lmicheck/facts"
)

// Java knowledge. Callees are as the Java front-end resolves them: the
// package as Module and Type.member as Name (DriverManager.getConnection is
// {java.sql, DriverManager.getConnection}; new HikariDataSource() is
// {com.zaxxer.hikari, HikariDataSource} with New). A fluent builder chain
// keeps its root: DynamoDbClient.builder().region(r).build() is
// {software.amazon.awssdk.services.dynamodb, DynamoDbClient.builder.build}.
// Sources: lmi-facts §1.5 (static Connection → HikariCP pool; static
// ArrayList/HashMap → synchronizedList/ConcurrentHashMap; AtomicInteger,
// ThreadLocal), §1.9 (/tmp; AWS SDK clients are thread-safe), §5.

var javaKnowledge = sync.OnceValue(func() *Knowledge {
	k := &Knowledge{
		// Methods that change a java.util collection or a builder; they count
		// only on symbols holding a collection from Collections below.
		MutatingMethods: set("add", "addAll", "addFirst", "addLast", "put", "putAll", "putIfAbsent", "remove",
			"removeAll", "removeIf", "retainAll", "clear", "set", "merge", "compute", "computeIfAbsent",
			"computeIfPresent", "replace", "replaceAll", "sort", "push", "pop", "poll", "offer", "append", "insert"),
		Collections: []facts.Callee{
			{Module: "java.util", Name: "HashMap"}, {Module: "java.util", Name: "ArrayList"},
			{Module: "java.util", Name: "LinkedList"}, {Module: "java.util", Name: "HashSet"},
			{Module: "java.util", Name: "LinkedHashMap"}, {Module: "java.util", Name: "LinkedHashSet"},
			{Module: "java.util", Name: "TreeMap"}, {Module: "java.util", Name: "TreeSet"},
			{Module: "java.util", Name: "ArrayDeque"}, {Module: "java.util", Name: "PriorityQueue"},
			{Module: "java.util", Name: "EnumMap"}, {Module: "java.util", Name: "IdentityHashMap"},
			{Module: "java.util", Name: "WeakHashMap"},
		},
		TempDir:    []facts.Callee{{Module: "java.lang", Name: "System.getProperty"}},
		TempDirArg: map[facts.Callee]string{{Module: "java.lang", Name: "System.getProperty"}: "java.io.tmpdir"},
		PathJoin: []facts.Callee{
			{Module: "java.nio.file", Name: "Paths.get"}, {Module: "java.nio.file", Name: "Path.of"},
		},
		// Members of the aws-lambda-java-core Context and the API Gateway
		// events that carry one request's data.
		RequestMembers: set("getAwsRequestId", "getXrayTraceId", "getIdentity", "getClientContext",
			"getRequestContext", "getPathParameters", "getQueryStringParameters", "getHeaders", "getBody",
			"getAuthorizer", "getClaims", "getUserId", "getTenantId"),
		EnvGlobal:          "System.properties",
		ConcurrencyPerVCPU: 32,
		Threaded:           true,
	}

	write := func(mod, name string, args ...int) ArgCall {
		return ArgCall{Callee: facts.Callee{Module: mod, Name: name}, Args: args, Write: true}
	}
	k.FileOps = []ArgCall{
		// new File(path) / new File(dir, name): a handle on a fixed file,
		// almost always written or deleted next.
		{Callee: facts.Callee{Module: "java.io", Name: "File"}, Joined: true, Write: true},
		write("java.io", "FileOutputStream", 0), write("java.io", "FileWriter", 0),
		write("java.io", "RandomAccessFile", 0), write("java.io", "PrintWriter", 0),
		write("java.nio.file", "Files.write", 0), write("java.nio.file", "Files.writeString", 0),
		write("java.nio.file", "Files.newOutputStream", 0), write("java.nio.file", "Files.newBufferedWriter", 0),
		write("java.nio.file", "Files.createFile", 0), write("java.nio.file", "Files.delete", 0),
		write("java.nio.file", "Files.deleteIfExists", 0), write("java.nio.file", "Files.copy", 1),
		write("java.nio.file", "Files.move", 1), write("java.nio.file", "Files.createDirectory", 0),
		{Callee: facts.Callee{Module: "java.nio.file", Name: "Files.readAllBytes"}, Args: []int{0}},
		{Callee: facts.Callee{Module: "java.nio.file", Name: "Files.readString"}, Args: []int{0}},
		{Callee: facts.Callee{Module: "java.io", Name: "FileInputStream"}, Args: []int{0}},
		{Callee: facts.Callee{Module: "java.io", Name: "FileReader"}, Args: []int{0}},
	}

	pool := "create the pool once (a static final field or the handler's constructor) and check out a connection per request"
	k.Connections = []Connection{
		{Callee: facts.Callee{Module: "java.sql", Name: "DriverManager.getConnection"}, Kind: DatabaseConn,
			What: "a JDBC Connection (one database session)", Fix: "use a HikariCP pool built once at init and " +
				"call dataSource.getConnection() per request (try-with-resources returns it)"},
		{Callee: facts.Callee{Module: "com.zaxxer.hikari", Name: "HikariDataSource"}, New: true, Kind: DatabasePool,
			What: "a HikariCP connection pool", Fix: pool},
		{Callee: facts.Callee{Module: "redis.clients.jedis", Name: "Jedis"}, New: true, Kind: DatabaseConn,
			What: "a Jedis connection (one Redis connection, not thread-safe)", Fix: "build a JedisPool (or JedisPooled) once at init and borrow a connection per request"},
		{Callee: facts.Callee{Module: "redis.clients.jedis", Name: "JedisPool"}, New: true, Kind: DatabasePool,
			What: "a JedisPool", Fix: pool},
		{Callee: facts.Callee{Module: "redis.clients.jedis", Name: "JedisPooled"}, New: true, Kind: DatabasePool,
			What: "a JedisPooled client", Fix: "create the client once, at init, and reuse it"},
		{Callee: facts.Callee{Module: "com.mongodb.client", Name: "MongoClients.create"}, Kind: DatabasePool,
			What: "a MongoClient (its own connection pool)", Fix: "create the client once, at init, and reuse it"},
		{Callee: facts.Callee{Module: "software.amazon.awssdk.services.dynamodb", Name: "DynamoDbClient.create"},
			Kind: AWSDataClient, What: "a DynamoDB client (its own HTTP connection pool)", Fix: "build the client once, in a static field or the handler's constructor"},
		{Callee: facts.Callee{Module: "software.amazon.awssdk.services.dynamodb", Name: "DynamoDbClient.builder.build"},
			Kind: AWSDataClient, What: "a DynamoDB client (its own HTTP connection pool)", Fix: "build the client once, in a static field or the handler's constructor"},
		{Callee: facts.Callee{Module: "com.amazonaws.services.dynamodbv2", Name: "AmazonDynamoDBClientBuilder.defaultClient"},
			Kind: AWSDataClient, What: "a DynamoDB client (its own HTTP connection pool)", Fix: "build the client once, in a static field or the handler's constructor"},
		{Callee: facts.Callee{Module: "com.amazonaws.services.dynamodbv2", Name: "AmazonDynamoDBClientBuilder.standard.build"},
			Kind: AWSDataClient, What: "a DynamoDB client (its own HTTP connection pool)", Fix: "build the client once, in a static field or the handler's constructor"},
		// Other AWS SDK for Java 2.x clients (S3Client.create(), SqsClient.builder()…build()).
		{ModulePrefix: "software.amazon.awssdk.services.", NameSuffix: "Client.create", Kind: AWSClient,
			What: "an AWS SDK client", Fix: "build the client once, in a static field or the handler's constructor (SDK clients are thread-safe)"},
		{ModulePrefix: "software.amazon.awssdk.services.", NameSuffix: "Client.builder.build", Kind: AWSClient,
			What: "an AWS SDK client", Fix: "build the client once, in a static field or the handler's constructor (SDK clients are thread-safe)"},
	}

	k.NonThreadSafe = []UnsafeType{
		{Type: "java.text.SimpleDateFormat", What: "a SimpleDateFormat (formatting and parsing mutate its internal Calendar)",
			Fix: "use a java.time DateTimeFormatter (immutable), or create the format per request"},
		{Type: "java.text.DateFormat", What: "a DateFormat (formatting and parsing mutate its internal Calendar)",
			Fix: "use a java.time DateTimeFormatter (immutable), or create the format per request"},
		{Type: "java.text.DecimalFormat", What: "a DecimalFormat (not synchronized)",
			Fix: "create the format per request or keep one per thread in a ThreadLocal"},
		{Type: "java.util.Calendar", What: "a Calendar (mutable)", Fix: "use java.time types (immutable), or create it per request"},
		{Type: "java.util.GregorianCalendar", What: "a Calendar (mutable)", Fix: "use java.time types (immutable), or create it per request"},
		{Type: "java.lang.StringBuilder", What: "a StringBuilder (unsynchronized mutable buffer)",
			Fix: "build strings in a local StringBuilder per request"},
		{Type: "java.security.MessageDigest", What: "a MessageDigest (update/digest keep per-hash state)",
			Fix: "call MessageDigest.getInstance per request (cheap) or keep one per thread in a ThreadLocal"},
		{Type: "javax.crypto.Cipher", What: "a Cipher (init/doFinal keep per-operation state)",
			Fix: "call Cipher.getInstance and init per request"},
		{Type: "javax.crypto.Mac", What: "a Mac (per-operation state)", Fix: "create and init the Mac per request"},
		{Type: "java.sql.Connection", What: "a JDBC Connection (one database session)",
			Fix: "use a HikariCP pool built once at init and call dataSource.getConnection() per request"},
		{Type: "java.sql.Statement", What: "a JDBC Statement (one open result set at a time)",
			Fix: "create statements per request from a pooled connection"},
		{Type: "java.sql.PreparedStatement", What: "a JDBC PreparedStatement (parameters are per-use state)",
			Fix: "prepare statements per request from a pooled connection"},
		{Type: "java.util.HashMap", What: "a HashMap", ReadSafe: true, Fix: "use a ConcurrentHashMap"},
		{Type: "java.util.ArrayList", What: "an ArrayList", ReadSafe: true,
			Fix: "use Collections.synchronizedList or a CopyOnWriteArrayList"},
		{Type: "java.util.HashSet", What: "a HashSet", ReadSafe: true, Fix: "use ConcurrentHashMap.newKeySet()"},
		{Type: "java.util.LinkedList", What: "a LinkedList", ReadSafe: true, Fix: "use a ConcurrentLinkedQueue"},
		{Type: "java.util.TreeMap", What: "a TreeMap", ReadSafe: true, Fix: "use a ConcurrentSkipListMap"},
	}
	return k
})
