package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Callbacks implements RequestHandler<List<String>, Integer> {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(4); // ok: init
    private static final List<String> results = new ArrayList<>();
    private static int total;
    private static final Runnable WARM = () -> total = 0; // ok: never run per request

    @Override
    public Integer handleRequest(List<String> input, Context context) {
        input.forEach(s -> results.add(s)); // want "LMI001"
        POOL.submit(new Runnable() {
            @Override
            public void run() {
                total++; // want "LMI001"
            }
        });
        List<String> mine = new ArrayList<>();
        input.forEach(mine::add); // ok: a local list
        return Nested.bump();
    }

    static class Nested {
        static int calls;

        static int bump() {
            return ++calls; // want "LMI001"
        }
    }
}
