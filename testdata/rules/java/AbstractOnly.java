package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

// An abstract handler base with no concrete subclass in the scan: not deployed as such.
public abstract class AbstractOnly implements RequestHandler<String, String> {
    private static int n;

    @Override
    public String handleRequest(String input, Context context) {
        n++; // ok: an abstract class is never the handler itself
        return input;
    }
}
