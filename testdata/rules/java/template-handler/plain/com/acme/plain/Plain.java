package com.acme.plain;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

public class Plain implements RequestStreamHandler {
    private static byte[] last;

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws java.io.IOException {
        last = in.readAllBytes(); // want "LMI003"
        out.write(last);
    }
}
