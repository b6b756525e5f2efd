package org.graalmp.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every sample in {@code samples/} under CPython ({@code python3}) and under
 * {@code ./graalmp}, and compares stdout, stderr and exit code by the sample's
 * {@link SampleRules rule}. Prints a summary table at the end and writes it to
 * {@code target/conformance-report.md}.
 */
class SampleConformanceIT {

    private static final Path ROOT = Path.of(System.getProperty("graalmp.home", "")).toAbsolutePath();
    private static final Path SAMPLES = ROOT.resolve("samples");
    private static final ConcurrentLinkedQueue<String> REPORT = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void cpythonIsInstalled() throws Exception {
        try {
            Process probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            assertEquals(0, probe.waitFor(), "python3 --version failed");
        } catch (IOException e) {
            fail("python3 is not on PATH: the conformance suite compares against CPython and needs it");
        }
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py")).sorted()
                    .toList().stream();
        }
    }

    @Test
    void everyRuleNamesAnExistingSample() {
        for (SampleRule rule : SampleRules.ALL) {
            assertTrue(Files.isRegularFile(SAMPLES.resolve(rule.sample())), "rule for missing sample " + rule.sample());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sampleConformsToCPython(String sample) throws Exception {
        SampleRule rule = SampleRules.BY_SAMPLE.get(sample);
        assertNotNull(rule, "no comparison rule for " + sample + " in SampleRules: every sample needs one");
        Path workDir = Files.createTempDirectory("graalmp-sample");
        SampleRun cpython;
        SampleRun graalmp;
        try {
            cpython = run(List.of("python3", sample), workDir);
            graalmp = run(List.of(ROOT.resolve("graalmp").toString(), sample), workDir);
        } finally {
            Files.delete(workDir);
        }
        List<String> problems = OutputComparison.differences(rule, cpython, graalmp);
        String details = "\n--- CPython stderr:\n" + cpython.stderr() + "\n--- graalmp stderr:\n" + graalmp.stderr();

        if (rule.pending().isPresent()) {
            SampleRule.Pending pending = rule.pending().get();
            record(sample, "FAIL: needs " + pending.feature() + " (issue #" + pending.issue() + ")", graalmp, cpython);
            assertTrue(graalmp.stderr().contains(pending.refusal()),
                    sample + " is marked as needing " + pending.feature() + " but failed otherwise:" + details);
            assertFalse(problems.isEmpty(), sample + " conforms now: remove its pending mark in SampleRules");
            return;
        }
        record(sample, problems.isEmpty() ? "PASS" : "FAIL", graalmp, cpython);
        assertTrue(problems.isEmpty(), sample + " differs from CPython:\n" + String.join("\n", problems) + details);
    }

    /**
     * Runs in a fresh copy of samples/ (some samples rewrite their data files), in the same
     * folder for both interpreters so that paths in tracebacks agree; empties it afterwards.
     */
    private static SampleRun run(List<String> command, Path workDir) throws Exception {
        try {
            try (Stream<Path> files = Files.list(SAMPLES)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, workDir.resolve(file.getFileName()));
                }
            }
            return SampleRun.of(command, workDir, environment());
        } finally {
            try (Stream<Path> files = Files.walk(workDir)) {
                for (Path p : files.filter(p -> !p.equals(workDir))
                        .sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The same environment for both interpreters: this one's, with UTF-8 streams and without
     * PYTHONUNBUFFERED (which the machine may set), so both block-buffer a redirected stdout.
     */
    private static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.remove("PYTHONUNBUFFERED");
        environment.put("PYTHONIOENCODING", "utf-8");
        return environment;
    }

    private static void record(String sample, String result, SampleRun graalmp, SampleRun cpython) {
        REPORT.add("| %s | %s | %.1f | %.2f |".formatted(sample, result, graalmp.seconds(), cpython.seconds()));
    }

    @AfterAll
    static void printSummary() throws IOException {
        List<String> rows = new ArrayList<>(REPORT);
        rows.sort(null);
        List<String> table = new ArrayList<>();
        table.add("| sample | result | graalmp s | CPython s |");
        table.add("| --- | --- | --- | --- |");
        table.addAll(rows);
        long passed = rows.stream().filter(r -> r.contains("| PASS |")).count();
        table.add("");
        table.add("conformance: " + passed + " of " + rows.size() + " samples pass");
        String text = String.join("\n", table) + "\n";
        System.out.println("\n" + text);
        Path target = ROOT.resolve("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("conformance-report.md"), text);
    }
}
