package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

public class RealWorldService implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(RealWorldService.class); // ok: a static final SLF4J logger is thread-safe
    private static final ObjectMapper MAPPER = new ObjectMapper(); // ok: a configured ObjectMapper is thread-safe to reuse
    private static final List<String> STATUSES = List.of("NEW", "PAID", "SHIPPED"); // ok: List.of is immutable
    private static final Map<String, Integer> PRIORITY = Map.of("NEW", 1, "PAID", 2);
    private static final Set<String> ADMINS = Set.of("root");
    private static final ImmutableList<String> REGIONS = ImmutableList.of("us-east-1", "eu-west-1"); // ok: Guava immutable list
    private static final Map<String, String> ALIASES;
    private static final Map<String, String> CODES = Collections.unmodifiableMap(new HashMap<>(Map.of("a", "b"))); // ok: an unmodifiable view built at init
    private static final ImmutableMap<String, String> LABELS = ImmutableMap.<String, String>builder().put("a", "A").build();
    private static final DateTimeFormatter FMT = DateTimeFormatter.ISO_INSTANT;
    private static final AtomicLong REQUESTS = new AtomicLong(); // ok: an atomic counter
    private static final Map<String, String> TENANTS = new ConcurrentHashMap<>();
    private static final Cache<String, String> GUAVA = CacheBuilder.newBuilder().maximumSize(1000).build();
    private static final LoadingCache<String, String> CAFFEINE = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build(key -> key.toUpperCase());
    private static final ThreadLocal<StringBuilder> BUF = ThreadLocal.withInitial(StringBuilder::new); // ok: one builder per thread
    private static final DynamoDbClient DDB = DynamoDbClient.create();

    static {
        Map<String, String> m = new HashMap<>();
        m.put("x", "y"); // ok: a static initializer runs once
        ALIASES = Collections.unmodifiableMap(m);
    }

    private final String tableName;
    private final Map<String, String> defaults;

    public RealWorldService() {
        this.tableName = System.getenv("TABLE");
        this.defaults = new HashMap<>();
        this.defaults.put("currency", "EUR"); // ok: the constructor runs once, before any invocation
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        LOG.info("request {}", context.getAwsRequestId());
        REQUESTS.incrementAndGet(); // ok: AtomicLong
        String tenant = TENANTS.computeIfAbsent(event.getPath(), k -> lookupTenant(k)); // ok: ConcurrentHashMap.computeIfAbsent is atomic
        GUAVA.put(event.getPath(), tenant); // ok: a Guava Cache is thread-safe
        String cached = CAFFEINE.get(tenant);
        StringBuilder sb = BUF.get();
        sb.setLength(0);
        sb.append(cached); // ok: the ThreadLocal's builder belongs to this thread
        List<String> out = new ArrayList<>();
        out.add(tenant); // ok: a per-request list
        Map<String, Object> body = new HashMap<>();
        body.put("id", UUID.randomUUID().toString());
        body.put("statuses", STATUSES.stream().filter(s -> PRIORITY.containsKey(s)).collect(Collectors.toList()));
        body.put("defaults", defaults.get("currency")); // ok: reading a map filled in the constructor, never written after
        body.put("admins", ADMINS.contains(tenant));
        body.put("regions", REGIONS.get(0));
        body.put("alias", ALIASES.get("x") + CODES.get("a") + LABELS.get("a"));
        body.put("at", FMT.format(java.time.Instant.now()));
        String tableName = "orders-" + tenant;
        tableName = tableName.toLowerCase(); // ok: a local shadowing the field tableName
        DDB.getItem(GetItemRequest.builder().tableName(this.tableName).build());
        List<String> names = List.of(tableName);
        try {
            String json = MAPPER.writeValueAsString(body);
            return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody(json + out + names + sb);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private String lookupTenant(String path) {
        return path.split("/")[1];
    }
}
