package com.acme.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

// Payments: one Handler instance serves every concurrent invocation on LMI.
public class Handler implements RequestHandler<Map<String, String>, String> {
    private static final SimpleDateFormat DAY = new SimpleDateFormat("yyyy-MM-dd");
    private static final HikariDataSource POOL = new HikariDataSource(); // safe: one pool, built at init
    private static final AtomicLong CHARGED = new AtomicLong();          // safe: atomic counter
    private String lastPayer;

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        lastPayer = event.get("payer");                       // LMI003: request data in a field of the handler
        String day = DAY.format(new Date());                  // LMI004: SimpleDateFormat shared by threads
        CHARGED.incrementAndGet();
        try (Connection c = POOL.getConnection();             // safe: a pooled connection per request
             PreparedStatement st = c.prepareStatement("INSERT INTO charges VALUES (?, ?)")) {
            st.setString(1, lastPayer);
            st.setString(2, day);
            st.executeUpdate();
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
        return context.getAwsRequestId();
    }
}
