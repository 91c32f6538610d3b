package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

// One SDK client per region, built on first use and cached: computeIfAbsent
// and Caffeine's get(key, loader) run the loader once per key.
public class RegionalClients implements RequestHandler<Map<String, String>, String> {
    private static final Map<String, S3Client> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<String, SqsClient> QUEUES = new HashMap<>();
    private static final Cache<String, DynamoDbClient> BY_TENANT = Caffeine.newBuilder().maximumSize(100).build();
    private final Map<String, DynamoDbClient> tables = new ConcurrentHashMap<>();

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        String region = input.get("region");
        S3Client s3 = CLIENTS.computeIfAbsent(region, r -> S3Client.builder().region(Region.of(r)).build()); // ok: one client per region, cached
        DynamoDbClient ddb = tables.computeIfAbsent(region, this::newClient);
        DynamoDbClient t = BY_TENANT.get(input.get("tenant"), k -> DynamoDbClient.create()); // ok: Caffeine runs the loader once per key
        SqsClient q = QUEUES.computeIfAbsent(region, r -> SqsClient.create()); // want "LMI001"
        S3Client fresh = S3Client.create(); // want "LMI006"
        return s3.toString() + ddb + t + q + fresh;
    }

    private DynamoDbClient newClient(String region) {
        return DynamoDbClient.builder().region(Region.of(region)).build(); // ok: only ever the computeIfAbsent loader
    }
}
