package com.acme;

import java.util.ArrayList;
import java.util.List;

// A library class: no handler interface, no template: nothing is invocation code.
public class NotAHandler {
    private static final List<String> items = new ArrayList<>();
    private static int n;

    public void handleRequest(String input) {
        items.add(input); // ok: not a Lambda handler
        n++; // ok: not a Lambda handler
    }
}
