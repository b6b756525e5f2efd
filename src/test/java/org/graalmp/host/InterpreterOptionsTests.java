package org.graalmp.host;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterpreterOptionsTests {

    private static InterpreterOptions withFlags(String letters) {
        InterpreterOptions.Builder builder = InterpreterOptions.builder();
        letters.chars().forEach(letter -> builder.flag((char) letter));
        return builder.warnOption("error::UserWarning").warnOption("ignore:a,b")
                .xOption("dev").xOption("pycache_prefix=/tmp/x").checkHashPycs("always").build();
    }

    @Test
    void argumentsReadBackAsTheSameOptions() {
        InterpreterOptions options = withFlags("bbBdEOOPqsSuvx");
        assertEquals(options, InterpreterOptions.fromArguments(options.toArguments()));
    }

    @Test
    void argumentsFollowCPythonsOrderAndNameIsolationAlone() {
        assertEquals(List.of("-O", "-O", "-B", "-I", "-W", "error::UserWarning", "-W", "ignore:a,b", "-X", "dev",
                "-X", "pycache_prefix=/tmp/x", "--check-hash-based-pycs", "always"),
                withFlags("IBOO").toArguments());
    }

    @Test
    void thePropertyReadsBackAsTheSameOptions() {
        InterpreterOptions options = withFlags("IOu");
        assertAll(
                () -> assertEquals(options, InterpreterOptions.fromProperty(options.toProperty())),
                () -> assertEquals(InterpreterOptions.DEFAULT, InterpreterOptions.fromProperty(null)),
                () -> assertEquals(InterpreterOptions.DEFAULT, InterpreterOptions.fromProperty("")));
    }

    @Test
    void xOptionValuesAreTheLastGiven() {
        InterpreterOptions options = InterpreterOptions.builder().xOption("a=1").xOption("a=2").xOption("b").build();
        assertAll(
                () -> assertEquals("2", options.xOptionValue("a")),
                () -> assertEquals("", options.xOptionValue("b")),
                () -> assertNull(options.xOptionValue("c")));
    }

    @Test
    void otherArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> InterpreterOptions.fromArguments(List.of("-Z")));
        assertThrows(IllegalArgumentException.class, () -> InterpreterOptions.fromArguments(List.of("-Es")));
    }
}
