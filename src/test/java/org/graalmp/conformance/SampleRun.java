package org.graalmp.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of a sample (or any program): its standard streams, exit code and wall time. */
public record SampleRun(String stdout, String stderr, int exitCode, double seconds, boolean timedOut) {

    /** A run may take this long before it counts as hung (graalmp children are JVMs). */
    static final long TIMEOUT_SECONDS = 600;

    /**
     * Runs {@code command} in {@code workDir} with stdin from /dev/null and the given
     * environment. A run that outlives the timeout is killed, with its descendants.
     */
    public static SampleRun of(List<String> command, Path workDir, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("sample", ".out");
        Path err = Files.createTempFile("sample", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            long start = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new SampleRun(Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), process.exitValue(), seconds, !finished);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
