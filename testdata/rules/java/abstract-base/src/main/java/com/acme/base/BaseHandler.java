package com.acme.base;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;

public abstract class BaseHandler<I, O> implements RequestHandler<I, O> {
    protected static int invocations;
    protected final List<String> audit = new ArrayList<>();
    protected String lastRequest;

    @Override
    public O handleRequest(I input, Context context) {
        invocations++; // want "LMI001"
        audit.add("start"); // want "LMI001"
        return process(input);
    }

    protected abstract O process(I input);

    protected void unusedHelper() {
        invocations = 0; // ok: never called during an invocation
    }
}
