package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class LazyInit implements RequestHandler<String, String> {
    private static Service unsafeService;
    private static Service dcl;
    private static volatile Service safeDcl;
    private static Service syncService;
    private Service instanceLazy;

    private static class Holder {
        static final Service INSTANCE = new Service(); // ok: holder idiom, JVM-synchronised class init
    }

    @Override
    public String handleRequest(String input, Context context) {
        if (unsafeService == null) {
            unsafeService = new Service(); // want "LMI001"
        }
        if (dcl == null) {
            synchronized (LazyInit.class) {
                if (dcl == null) {
                    dcl = new Service(); // want "LMI001"
                }
            }
        }
        if (safeDcl == null) {
            synchronized (LazyInit.class) {
                if (safeDcl == null) {
                    safeDcl = new Service(); // ok: double-checked locking on a volatile field
                }
            }
        }
        Service h = Holder.INSTANCE;
        return h.name() + syncGet().name() + instance().name();
    }

    private static synchronized Service syncGet() {
        if (syncService == null) {
            syncService = new Service(); // ok: synchronized lazy init
        }
        return syncService;
    }

    private Service instance() {
        if (instanceLazy != null) {
            return instanceLazy;
        }
        instanceLazy = new Service(); // want "LMI001"
        return instanceLazy;
    }
}

class Service {
    String name() { return "s"; }
}
