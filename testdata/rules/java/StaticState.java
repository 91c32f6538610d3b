package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public class StaticState implements RequestHandler<Map<String, Object>, String> {
    private static int served;
    private static long bytes;
    private static String lastKey;
    private static final List<String> seen = new ArrayList<>();
    private static final Map<String, Integer> counts = new HashMap<>();
    private final List<String> batch = new ArrayList<>();
    private int perInstance;
    private static final AtomicInteger atomicServed = new AtomicInteger();
    private static final AtomicLong atomicBytes = new AtomicLong();
    private static final Map<String, String> concurrent = new ConcurrentHashMap<>();
    private static final List<String> synced = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> cow = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<StringBuilder> buffer = ThreadLocal.withInitial(StringBuilder::new);
    private static final Map<String, String> constants = new HashMap<>();
    private static final int LIMIT = 10;

    static {
        constants.put("a", "b"); // ok: static initialiser runs once at init
        served = 0; // ok: init code
    }

    public StaticState() {
        perInstance = 1; // ok: constructor runs once, before any invocation
        batch.add("init"); // ok: constructor
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        served++; // want "LMI001"
        bytes += 10; // want "LMI001"
        lastKey = "fixed"; // want "LMI001"
        seen.add("x"); // want "LMI001"
        counts.put("k", 1); // want "LMI001"
        counts.merge("k", 1, Integer::sum); // want "LMI001"
        batch.clear(); // want "LMI001"
        perInstance = 2; // want "LMI001"
        atomicServed.incrementAndGet(); // ok: AtomicInteger
        atomicBytes.addAndGet(10); // ok: AtomicLong
        concurrent.put("k", "v"); // ok: ConcurrentHashMap
        synced.add("x"); // ok: Collections.synchronizedList
        cow.add("x"); // ok: CopyOnWriteArrayList
        buffer.get().setLength(0); // ok: ThreadLocal
        buffer.set(new StringBuilder()); // ok: ThreadLocal.set
        String v = constants.get("a"); // ok: read-only map filled at init
        int local = LIMIT + 1; // ok: reading a constant
        List<String> mine = new ArrayList<>();
        mine.add(v); // ok: a local list
        synchronized (StaticState.class) {
            served++; // ok: inside synchronized
            seen.add("y"); // ok: inside synchronized
        }
        record(local);
        return v;
    }

    private void record(int n) {
        bytes = n; // want "LMI001"
        helperOnlyAtInit();
    }

    private static synchronized void bump() {
        served++; // ok: synchronized method (not reached anyway)
    }

    private static void helperOnlyAtInit() {
        lastKey = null; // want "LMI001"
    }
}
