package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class SysProps implements RequestHandler<String, String> {
    static {
        System.setProperty("aws.region", "us-east-1"); // ok: once at init
    }

    public SysProps() {
        System.setProperty("https.protocols", "TLSv1.3"); // ok: constructor
    }

    @Override
    public String handleRequest(String input, Context context) {
        System.setProperty("tenant", input); // want "LMI008"
        System.clearProperty("debug"); // want "LMI008"
        String region = System.getProperty("aws.region"); // ok: reading
        String env = System.getenv("STAGE"); // ok: reading the environment
        return region + env;
    }
}
