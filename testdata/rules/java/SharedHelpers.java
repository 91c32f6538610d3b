package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

// Helper objects of this file: one kept in a static field or built by the
// handler's constructor is shared by every request's thread; one created
// per request is not.
public class SharedHelpers implements RequestHandler<Map<String, String>, String> {
    private static final Registry REGISTRY = new Registry();
    private static final Options DEFAULTS = new Options();
    private final Metrics metrics;
    private final SafeIndex index = new SafeIndex();

    public SharedHelpers() {
        this.metrics = new Metrics();
    }

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        String v = REGISTRY.lookup(input.get("k"));
        metrics.record(v);
        index.put(v);
        Options o = new Options();
        o.setLimit(5);
        Tally t = new Tally();
        t.add(v);
        return v + DEFAULTS.limit() + o.limit() + t;
    }
}

class Registry {
    private final Map<String, String> cache = new HashMap<>();
    private int hits;

    String lookup(String k) {
        hits++; // want "LMI001"
        return cache.computeIfAbsent(k, x -> x + "!"); // want "LMI001"
    }
}

class Metrics {
    private long count;

    void record(String v) {
        count += v.length(); // want "LMI001"
    }
}

class SafeIndex {
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    void put(String v) {
        seen.put(v, Boolean.TRUE); // ok: a ConcurrentHashMap in a shared helper
    }
}

// A default instance kept in a static field, and one per request: the
// per-request instances are not shared.
class Options {
    private int limit = 10;

    void setLimit(int limit) {
        this.limit = limit; // ok: Options is also created per request
    }

    int limit() {
        return limit;
    }
}

class Tally {
    private final List<String> items = new java.util.ArrayList<>();

    void add(String v) {
        items.add(v); // ok: created per request
    }
}
