package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class Suppressed implements RequestHandler<String, String> {
    private static int hits;
    private static int misses;
    @SuppressWarnings("lmicheck:LMI001")
    private static int metric;

    @Override
    public String handleRequest(String input, Context context) {
        // lmicheck:ignore LMI001 -- metrics only; a lost increment is acceptable
        hits++; // ok: suppressed by the comment above
        count();
        misses++; // want "LMI001"
        metric++; // ok: the field is annotated
        return input;
    }

    @SuppressWarnings({"unchecked", "lmicheck:LMI001"})
    private void count() {
        hits++; // ok: the method is annotated
        hits += 2; // ok: annotated
    }
}
