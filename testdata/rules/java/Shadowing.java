package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

// Locals, loop variables, pattern variables and switch-block locals named
// like the handler's fields, an init method the constructor calls, and a
// per-request inner class.
public class Shadowing implements RequestHandler<Map<String, String>, String> {
    private String region;
    private Map<String, String> config;
    private int count;
    private List<String> items = new ArrayList<>();

    public Shadowing() {
        loadConfig();
    }

    private void loadConfig() {
        region = System.getenv("AWS_REGION"); // ok: called only from the constructor
        config = new HashMap<>(); // ok: called only from the constructor
        config.put("a", "b"); // ok: called only from the constructor
    }

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        int count = 0;
        for (String k : input.keySet()) {
            count++; // ok: a local named like the field count
        }
        List<String> items = new ArrayList<>();
        items.add("x"); // ok: a local named like the field items
        for (int i = 0; i < 3; i++) {
            items.add(String.valueOf(i)); // ok: still the local
        }
        Object o = input.get("v");
        if (o instanceof String region) {
            items.add(region); // ok: a pattern variable named like the field region
        }
        Batch b = new Batch();
        b.add("x"); // ok: Batch is created per request
        String result = switch (input.get("op")) {
            case "a" -> {
                String config = "local"; // ok: a switch-block local named like the field config
                yield config;
            }
            default -> "none";
        };
        return result + count + items + config.get("a");
    }

    class Batch {
        private final List<String> entries = new ArrayList<>();
        private int size;

        void add(String e) {
            entries.add(e); // ok: a field of a per-request object
            size++; // ok: a field of a per-request object
        }
    }
}
