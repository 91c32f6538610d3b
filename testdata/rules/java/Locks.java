package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

public class Locks implements RequestHandler<String, String> {
    private static final ReentrantLock lock = new ReentrantLock();
    private static final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private static final List<String> items = new ArrayList<>();
    private static int total;
    private final Object mutex = new Object();

    @Override
    public synchronized String handleRequest(String input, Context context) {
        total++; // ok: synchronized handler method
        return step(input);
    }

    private String step(String input) {
        lock.lock();
        try {
            items.add(input); // ok: under a ReentrantLock
            total += 1; // ok: under a ReentrantLock
        } finally {
            lock.unlock();
        }
        rw.writeLock().lock();
        try {
            items.remove(input); // ok: under a write lock
        } finally {
            rw.writeLock().unlock();
        }
        if (lock.tryLock()) {
            try {
                total--; // ok: tryLock succeeded
            } finally {
                lock.unlock();
            }
        }
        synchronized (mutex) {
            items.clear(); // ok: synchronized block
        }
        items.add("late"); // want "LMI001"
        return input;
    }
}
