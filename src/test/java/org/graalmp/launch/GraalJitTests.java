package org.graalmp.launch;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests for {@link GraalJit}: when it applies and what it does to a child's command. */
class GraalJitTests {

    @TempDir
    Path jitLibrary;

    private void jars(String... names) throws IOException {
        for (String name : names) {
            Files.createFile(jitLibrary.resolve(name));
        }
    }

    @Test
    void isFoundOnJdk25WithTheCompilerJar() throws IOException {
        jars("compiler-25.0.3.jar", "word-25.0.3.jar");
        Optional<GraalJit> jit = GraalJit.locate(jitLibrary, 25);
        assertTrue(jit.isPresent());
        assertEquals(List.of(jitLibrary.resolve("compiler-25.0.3.jar"), jitLibrary.resolve("word-25.0.3.jar")),
                jit.get().modulePath());
    }

    @Test
    void isNotFoundOnJdk17EvenWithTheJars() throws IOException {
        jars("compiler-25.0.3.jar", "word-25.0.3.jar");
        assertFalse(GraalJit.locate(jitLibrary, 17).isPresent());
    }

    @Test
    void isNotFoundWithoutTheCompilerJar() throws IOException {
        jars("word-25.0.3.jar");
        assertAll(
                () -> assertFalse(GraalJit.locate(jitLibrary, 25).isPresent()),
                () -> assertFalse(GraalJit.locate(jitLibrary.resolve("missing"), 25).isPresent()));
    }

    @Test
    void replacesTheAotCacheAndC1OnlyTieringByTheCompilerModule() {
        ChildCommand plain = new ChildCommand(Path.of("/jdk/bin/java"), "a.jar:b.jar",
                List.of("-Dx=1", "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.2",
                        "-XX:AOTCache=/t/app.aot", "-Xlog:aot=off", "-Xlog:cds=off"));
        GraalJit jit = new GraalJit(List.of(Path.of("/lib/compiler.jar"), Path.of("/lib/word.jar")));
        ChildCommand withJit = jit.applyTo(plain);
        assertAll(
                () -> assertEquals(List.of("-Dx=1", "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                        "--upgrade-module-path=/lib/compiler.jar:/lib/word.jar"), withJit.jvmOptions()),
                () -> assertEquals(plain.classPath(), withJit.classPath()),
                () -> assertEquals(plain.javaExecutable(), withJit.javaExecutable()));
    }

    @Test
    void leavesPoolWorkersAloneWhenOff() {
        ChildCommand plain = new ChildCommand(Path.of("java"), "a.jar", List.of());
        assertFalse(GraalJit.forPoolWorkers(GraalJit.Mode.OFF, Path.of("."), plain).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "ON", " on "})
    void modeIsOnWhenAskedFor(String value) {
        assertEquals(GraalJit.Mode.ON, GraalJit.Mode.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "", "yes", "auto"})
    void modeIsOffOtherwise(String value) {
        assertEquals(GraalJit.Mode.OFF, GraalJit.Mode.parse(value));
    }
}
