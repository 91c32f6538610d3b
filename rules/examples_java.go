package rules

import "github.com/lmicheck/lmicheck/findings"

// javaExamples are the Java unsafe/safe pairs of the rules that check Java,
// kept beside each other so the Java pack reads as one piece; All appends
// them to the rules' own examples.
func javaExamples() map[string]findings.Example {
	return map[string]findings.Example{
		"LMI001": {Runtime: "java",
			Bad: `public class Handler implements RequestHandler<Order, String> {
    private static final Map<String, Integer> counts = new HashMap<>();
    private static Client client;
    public String handleRequest(Order o, Context ctx) {
        counts.merge(o.sku(), 1, Integer::sum);   // HashMap written by many threads
        if (client == null) client = new Client(); // lazy init races
        return "ok";
    }
}`,
			Good: `public class Handler implements RequestHandler<Order, String> {
    private static final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private static class Holder { static final Client CLIENT = new Client(); } // holder idiom
    public String handleRequest(Order o, Context ctx) {
        counts.merge(o.sku(), 1, Integer::sum);
        Holder.CLIENT.send(o);
        return "ok";
    }
}`},
		"LMI003": {Runtime: "java",
			Bad: `private String requestId;
public String handleRequest(Order o, Context ctx) {
    requestId = ctx.getAwsRequestId(); // another thread overwrites it
    return process(o);
}`,
			Good: `public String handleRequest(Order o, Context ctx) {
    return process(o, ctx.getAwsRequestId()); // pass it along
}`},
		"LMI004": {Runtime: "java",
			Bad: `private static final SimpleDateFormat DAY = new SimpleDateFormat("yyyy-MM-dd");
public String handleRequest(Order o, Context ctx) {
    return DAY.format(o.date()); // corrupts under concurrent use
}`,
			Good: `private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE; // immutable
public String handleRequest(Order o, Context ctx) {
    return DAY.format(o.localDate());
}`},
		"LMI005": {Runtime: "java",
			Bad: `Files.write(Paths.get("/tmp/report.csv"), bytes); // every request writes the same file`,
			Good: `Path out = Files.createTempFile("report-", ".csv"); // unique per request
try { Files.write(out, bytes); } finally { Files.deleteIfExists(out); }`},
		"LMI006": {Runtime: "java",
			Bad: `public String handleRequest(Order o, Context ctx) throws SQLException {
    try (Connection c = DriverManager.getConnection(URL)) { … } // a new connection per request
}`,
			Good: `private static final HikariDataSource POOL = new HikariDataSource(config()); // once per environment
public String handleRequest(Order o, Context ctx) throws SQLException {
    try (Connection c = POOL.getConnection()) { … }
}`},
		"LMI008": {Runtime: "java",
			Bad:  `System.setProperty("tenant", o.tenant()); // every thread sees this tenant`,
			Good: `process(o, o.tenant()); // pass it along`},
	}
}
