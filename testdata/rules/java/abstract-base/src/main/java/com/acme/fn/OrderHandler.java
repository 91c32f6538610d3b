package com.acme.fn;

import com.acme.base.BaseHandler;
import com.acme.util.Totals;

public class OrderHandler extends BaseHandler<String, String> {
    private int handled;
    private final Totals totals = new Totals();

    @Override
    protected String process(String input) {
        handled++; // want "LMI001"
        lastRequest = input; // want "LMI001"
        totals.add(input.length());
        return input;
    }

    String notReached() {
        handled = 0; // ok: nothing calls it
        return "";
    }
}
