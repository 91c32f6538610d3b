package com.acme;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class SpringFunctions {
    private final List<String> received = new ArrayList<>();
    private static int calls;

    @Bean
    public Function<String, String> uppercase() {
        calls = 0; // ok: the bean method runs once, at startup
        return value -> {
            calls++; // want "LMI001"
            received.add(value); // want "LMI001"
            return value.toUpperCase();
        };
    }
}
