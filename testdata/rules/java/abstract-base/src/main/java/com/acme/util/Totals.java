package com.acme.util;

public class Totals {
    private static long sum;
    private long mine;

    public void add(long n) {
        sum += n; // want "LMI001"
        mine += n; // ok: an instance of a class that is not a handler (not known to be shared)
    }
}
