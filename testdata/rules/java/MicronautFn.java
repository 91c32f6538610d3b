package com.acme;

import io.micronaut.function.aws.MicronautRequestHandler;
import java.util.HashMap;
import java.util.Map;

public class MicronautFn extends MicronautRequestHandler<Map<String, String>, String> {
    private final Map<String, String> cache = new HashMap<>();

    @Override
    public String execute(Map<String, String> input) {
        cache.putAll(input); // want "LMI001"
        return "ok";
    }
}
