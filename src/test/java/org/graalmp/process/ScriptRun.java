package org.graalmp.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graalmp.host.PythonHost;

/** A Python script run through the embedding API, with its (and its children's) output captured. */
public record ScriptRun(int status, String out, String err) {

    public static ScriptRun of(Path folder, String source) throws IOException {
        Path script = folder.resolve("script.py");
        Files.writeString(script, source);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PythonHost host = PythonHost.builder().stdout(out).stderr(err).build()) {
            status = host.runFile(script, List.of());
        }
        return new ScriptRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public List<String> lines() {
        return out.lines().toList();
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
    }
}
