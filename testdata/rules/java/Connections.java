package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

public class Connections implements RequestHandler<String, String> {
    private static final HikariDataSource POOL = new HikariDataSource(new HikariConfig()); // ok: static pool
    private static final JedisPool REDIS = new JedisPool("cache", 6379); // ok: static pool
    private static final DynamoDbClient DDB = DynamoDbClient.builder().region(Region.US_EAST_1).build(); // ok: init
    private final MongoClient mongo;
    private final S3Client s3;

    public Connections() {
        mongo = MongoClients.create("mongodb://db"); // ok: built in the constructor, once
        s3 = S3Client.create(); // ok: constructor
    }

    @Override
    public String handleRequest(String input, Context context) {
        try {
            Connection c = DriverManager.getConnection("jdbc:mysql://db/app"); // want "LMI006"
            HikariDataSource ds = new HikariDataSource(); // want "LMI006"
            Jedis j = new Jedis("cache", 6379); // want "LMI006"
            MongoClient m = MongoClients.create("mongodb://db"); // want "LMI006"
            DynamoDbClient d = DynamoDbClient.create(); // want "LMI006"
            DynamoDbClient d2 = DynamoDbClient.builder().region(Region.EU_WEST_1).build(); // want "LMI006"
            S3Client s = S3Client.create(); // want "LMI006"
            SqsClient q = SqsClient.builder().build(); // want "LMI006"
            try (Connection pooled = POOL.getConnection()) { // ok: pool checkout
                pooled.isValid(1);
            }
            try (Jedis r = REDIS.getResource()) { // ok: pool checkout
                r.get("k");
            }
            DDB.listTables(); // ok: shared client
            s3.listBuckets(); // ok
            mongo.listDatabaseNames(); // ok
            return "" + c + ds + j + m + d + d2 + s + q;
        } catch (Exception e) {
            return "error";
        }
    }
}
