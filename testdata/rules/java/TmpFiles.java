package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.File;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.UUID;

public class TmpFiles implements RequestHandler<String, String> {
    private static final String OUT = "/tmp/report.csv";
    private static final File CACHE_DIR = new File("/tmp/cache"); // ok: created once at init

    @Override
    public String handleRequest(String input, Context context) {
        try {
            File f = new File("/tmp/out.json"); // want "LMI005"
            File g = new File("/tmp", "data.bin"); // want "LMI005"
            new FileOutputStream("/tmp/stream.bin").close(); // want "LMI005"
            new FileWriter(OUT).close(); // want "LMI005"
            Files.write(Paths.get("/tmp/a.txt"), input.getBytes()); // want "LMI005"
            Files.writeString(Path.of("/tmp", "b.txt"), input); // want "LMI005"
            Path p = Paths.get("/tmp/c.txt");
            Files.newOutputStream(p).close(); // want "LMI005"
            String tmp = System.getProperty("java.io.tmpdir");
            Files.write(Paths.get(tmp, "fixed.dat"), input.getBytes()); // want "LMI005"
            Path t1 = Files.createTempFile("in", ".json"); // ok: a unique temp file
            Path t2 = Files.createTempDirectory("work"); // ok: a unique temp folder
            File t3 = File.createTempFile("x", ".tmp"); // ok: unique
            File mine = new File("/tmp/" + context.getAwsRequestId() + ".json"); // ok: per-request name
            Files.write(Paths.get("/tmp", UUID.randomUUID() + ".bin"), input.getBytes()); // ok: a UUID name
            String home = System.getProperty("user.home");
            Files.write(Paths.get(home, "x"), input.getBytes()); // ok: not /tmp
            Files.write(t1.resolve("y"), input.getBytes()); // ok: inside a unique temp file path
            return f.getName() + g + t2 + t3 + mine;
        } catch (Exception e) {
            return "error";
        }
    }
}
