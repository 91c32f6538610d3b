package com.acme.orders;

import java.util.Map;

// Not a RequestHandler: the template names the method.
public class Orders {
    private static int count;
    private String last;

    public String process(Map<String, Object> event) {
        count++; // want "LMI001"
        last = "x"; // want "LMI001"
        return helper();
    }

    private String helper() {
        count = 0; // want "LMI001"
        return "ok";
    }

    public String other(Map<String, Object> event) {
        count = 5; // ok: not the handler the template names
        return "";
    }
}
