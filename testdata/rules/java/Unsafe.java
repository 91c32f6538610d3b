package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.text.SimpleDateFormat;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import software.amazon.awssdk.services.s3.S3Client;

public class Unsafe implements RequestHandler<Map<String, String>, String> {
    private static final SimpleDateFormat FMT = new SimpleDateFormat("yyyy-MM-dd");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_DATE; // ok: immutable
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final MessageDigest SHA;
    private static Cipher cipher;
    private static final Calendar CAL = Calendar.getInstance();
    private final StringBuilder log = new StringBuilder();
    private static Connection conn;
    private static final HikariDataSource pool = new HikariDataSource(); // ok: a pool built at init
    private static final S3Client s3 = S3Client.create(); // ok: SDK clients are thread-safe
    private static final Map<String, String> lookup = new HashMap<>();
    private static final Map<String, String> table = new HashMap<>();

    static {
        try {
            SHA = MessageDigest.getInstance("SHA-256");
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
            conn = DriverManager.getConnection("jdbc:postgresql://db/app"); // ok: init time
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
        table.put("a", "b"); // ok: filled at init
    }

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        String day = FMT.format(new Date()); // want "LMI004"
        String iso = ISO.format(java.time.LocalDate.now()); // ok: DateTimeFormatter is immutable
        String json = toJson(event);
        byte[] h = SHA.digest(day.getBytes()); // want "LMI004"
        CAL.setTime(new Date()); // want "LMI004"
        log.append(iso); // want "LMI004"
        String seen = lookup.get("k"); // want "LMI004"
        lookup.put("k", json); // want "LMI001"
        String t = table.get("a"); // ok: a HashMap only read during invocations
        s3.listBuckets(); // ok: thread-safe client
        try {
            byte[] out = cipher.doFinal(h); // want "LMI004"
            PreparedStatement st = conn.prepareStatement("SELECT 1"); // want "LMI004"
            try (Connection c = pool.getConnection()) { // ok: a pool checkout per request
                c.prepareStatement("SELECT 2").execute(); // ok: a local connection
            }
            return seen + t + out.length + st;
        } catch (Exception e) {
            return "error";
        }
    }

    private String toJson(Object o) {
        try {
            return MAPPER.writeValueAsString(o); // ok: ObjectMapper is thread-safe once configured
        } catch (Exception e) {
            return "";
        }
    }

    private static synchronized String formatLocked(Date d) {
        return FMT.format(d); // ok: not reached, and synchronized
    }
}
