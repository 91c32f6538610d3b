package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

public class PooledPayments implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final HikariDataSource POOL;

    static {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(System.getenv("JDBC_URL"));
        cfg.setMaximumPoolSize(10);
        POOL = new HikariDataSource(cfg); // ok: the pool is built once, in a static initializer
    }

    private final DataSource ds;
    private final PaymentValidator validator;
    private int maxRetries;

    public PooledPayments() {
        this.ds = POOL;
        this.validator = new PaymentValidator();
        this.maxRetries = 3; // ok: a constructor write
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Receipt receipt = Receipt.builder().id(context.getAwsRequestId()).amount(12).build(); // ok: a builder made per request
        Payment payment = new Payment();
        payment.setAmount((Integer) input.get("amount"));
        payment.status = "NEW"; // ok: a field of a per-request object
        payment.lines.add("x"); // ok: a collection inside a per-request object
        Accumulator acc = new Accumulator();
        acc.add(3); // ok: Accumulator is created per request; its fields are not shared
        acc.add(4);
        validator.validate(payment);
        Currency c = Currency.fromCode((String) input.get("currency")); // ok: an enum with final fields
        List<String> rows = new ArrayList<>();
        try (Connection conn = ds.getConnection(); // ok: a pooled connection per request, returned by try-with-resources
             PreparedStatement ps = conn.prepareStatement("SELECT id FROM payments WHERE id = ?")) {
            ps.setString(1, receipt.getId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1)); // ok: a local list
                }
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
        Map<String, Object> out = new HashMap<>();
        out.put("rows", rows);
        out.put("total", acc.total());
        out.put("currency", c.symbol());
        out.put("retries", maxRetries);
        return out;
    }
}

class Payment {
    String status;
    final List<String> lines = new ArrayList<>();
    private int amount;

    void setAmount(int amount) {
        this.amount = amount; // ok: a setter on a per-request object
    }
}

class Accumulator {
    private int total;
    private final List<Integer> parts = new ArrayList<>();

    void add(int x) {
        total += x; // ok: an instance field of an object created per request
        parts.add(x);
    }

    int total() {
        return total;
    }
}

class PaymentValidator {
    private final List<String> errors = new ArrayList<>();

    void validate(Payment p) {
        List<String> errors = new ArrayList<>();
        errors.add("bad"); // ok: a local shadowing the field errors
    }
}

enum Currency {
    EUR("€"), USD("$");

    private final String symbol;

    Currency(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    static Currency fromCode(String code) {
        return valueOf(code);
    }
}

class Receipt {
    private String id;
    private int amount;

    String getId() {
        return id;
    }

    static Builder builder() {
        return new Builder();
    }

    static class Builder {
        private String id;
        private int amount;

        Builder id(String id) {
            this.id = id; // ok: a builder field
            return this;
        }

        Builder amount(int amount) {
            this.amount = amount;
            return this;
        }

        Receipt build() {
            Receipt r = new Receipt();
            r.id = id; // ok: a new object per build()
            r.amount = amount;
            return r;
        }
    }
}
