package org.graalmp.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.graalmp.cli.Command.Program;
import org.graalmp.host.InterpreterOptions;
import org.junit.jupiter.api.Test;

class CommandLineParserTests {

    @Test
    void aFileEndsTheOptionsAndTheRestIsArgv() throws Exception {
        Command.Run run = run("-E", "job.py", "-c", "x");
        assertAll(
                () -> assertTrue(run.options().ignoreEnvironment()),
                () -> assertEquals(new Program.Script("job.py"), run.program()),
                () -> assertEquals(List.of("-c", "x"), run.args()));
    }

    @Test
    void flagsCombineInOneArgument() throws Exception {
        InterpreterOptions options = run("-Es", "-uB", "-c", "pass").options();
        assertAll(
                () -> assertTrue(options.ignoreEnvironment()),
                () -> assertTrue(options.noUserSite()),
                () -> assertTrue(options.unbuffered()),
                () -> assertTrue(options.dontWriteBytecode()),
                () -> assertFalse(options.noSite()));
    }

    @Test
    void countedFlagsKeepTheirCount() throws Exception {
        InterpreterOptions options = run("-OO", "-v", "-bvb", "-c", "pass").options();
        assertAll(
                () -> assertEquals(2, options.optimize()),
                () -> assertEquals(2, options.verbose()),
                () -> assertEquals(2, options.bytesWarning()));
    }

    @Test
    void isolatedImpliesIgnoreEnvironmentNoUserSiteAndSafePath() throws Exception {
        InterpreterOptions options = run("-I", "-c", "pass").options();
        assertAll(
                () -> assertTrue(options.isolated()),
                () -> assertTrue(options.ignoreEnvironment()),
                () -> assertTrue(options.noUserSite()),
                () -> assertTrue(options.safePath()));
    }

    @Test
    void xOptionsTakeTheirValueAttachedOrNextInOrder() throws Exception {
        Command.Run run = run("-X", "faulthandler", "-Xdev", "-Xint_max_str_digits=9", "-c", "pass");
        assertEquals(List.of("faulthandler", "dev", "int_max_str_digits=9"), run.options().xOptions());
    }

    @Test
    void warnOptionsTakeTheirValueAttachedOrNextInOrder() throws Exception {
        Command.Run run = run("-W", "error", "-Wd", "-sWignore::DeprecationWarning", "-c", "pass");
        assertAll(
                () -> assertEquals(List.of("error", "d", "ignore::DeprecationWarning"), run.options().warnOptions()),
                () -> assertTrue(run.options().noUserSite()));
    }

    @Test
    void dashCEndsTheOptions() throws Exception {
        Command.Run run = run("-I", "-c", "print(1)", "-E", "--", "x");
        assertAll(
                () -> assertEquals(new Program.Code("print(1)"), run.program()),
                () -> assertEquals(List.of("-E", "--", "x"), run.args()),
                () -> assertFalse(run.options().unbuffered()));
    }

    @Test
    void dashCTakesAnAttachedProgramAfterOtherFlags() throws Exception {
        Command.Run run = run("-Ecprint(2)", "a");
        assertAll(
                () -> assertEquals(new Program.Code("print(2)"), run.program()),
                () -> assertEquals(List.of("a"), run.args()),
                () -> assertTrue(run.options().ignoreEnvironment()));
    }

    @Test
    void dashMRunsAModuleAndEndsTheOptions() throws Exception {
        Command.Run run = run("-Im", "json.tool", "-E", "file.json");
        assertAll(
                () -> assertEquals(new Program.Module("json.tool"), run.program()),
                () -> assertEquals(List.of("-E", "file.json"), run.args()),
                () -> assertTrue(run.options().isolated()));
    }

    @Test
    void dashAndNothingReadStandardInput() throws Exception {
        Command.Run named = run("-E", "-", "a");
        Command.Run unnamed = run("-E");
        assertAll(
                () -> assertEquals(new Program.StandardInput(true), named.program()),
                () -> assertEquals(List.of("a"), named.args()),
                () -> assertEquals(new Program.StandardInput(false), unnamed.program()),
                () -> assertEquals(List.of(), unnamed.args()));
    }

    @Test
    void doubleDashEndsTheOptionsEvenBeforeADashName() throws Exception {
        Command.Run run = run("-s", "--", "-c", "x");
        assertAll(
                () -> assertEquals(new Program.Script("-c"), run.program()),
                () -> assertEquals(List.of("x"), run.args()));
    }

    @Test
    void checkHashBasedPycsTakesAMode() throws Exception {
        assertEquals("never", run("--check-hash-based-pycs", "never", "f.py").options().checkHashPycs());
        assertEquals("--check-hash-based-pycs must be one of 'default', 'always', or 'never'",
                error("--check-hash-based-pycs", "sometimes").getMessage());
    }

    @Test
    void helpAndVersionWinOverTheProgram() throws Exception {
        assertAll(
                () -> assertInstanceOf(Command.ShowHelp.class, CommandLineParser.parse(List.of("-E", "-h", "f.py"))),
                () -> assertInstanceOf(Command.ShowHelp.class, CommandLineParser.parse(List.of("-?"))),
                () -> assertInstanceOf(Command.ShowHelp.class, CommandLineParser.parse(List.of("--help-env"))),
                () -> assertEquals(new Command.ShowVersion(2), CommandLineParser.parse(List.of("-VV", "-c", "x"))),
                () -> assertEquals(new Command.ShowVersion(1), CommandLineParser.parse(List.of("--version"))));
    }

    @Test
    void unknownOptionsAreReportedInPython3Words() {
        assertAll(
                () -> assertEquals("Unknown option: -Z", error("-Z").getMessage()),
                () -> assertEquals("Unknown option: -Z", error("-EZ", "-c", "x").getMessage()),
                () -> assertEquals("unknown option --frobnicate", error("--frobnicate").getMessage()),
                () -> assertEquals("-J is reserved for Jython", error("-J").getMessage()),
                () -> assertTrue(error("-Z").withUsage()));
    }

    @Test
    void aMissingValueIsReportedInPython3Words() {
        assertAll(
                () -> assertEquals("Argument expected for the -c option", error("-c").getMessage()),
                () -> assertEquals("Argument expected for the -c option", error("-Ec").getMessage()),
                () -> assertEquals("Argument expected for the -m option", error("-m").getMessage()),
                () -> assertEquals("Argument expected for the -W option", error("-W").getMessage()),
                () -> assertEquals("Argument expected for the -X option", error("-sX").getMessage()),
                () -> assertEquals("Argument expected for the --check-hash-based-pycs options",
                        error("--check-hash-based-pycs").getMessage()));
    }

    @Test
    void interactiveInspectionIsRefusedWithoutUsage() {
        UsageError error = error("-i", "f.py");
        assertAll(
                () -> assertFalse(error.withUsage()),
                () -> assertTrue(error.getMessage().startsWith("-i is not supported")));
    }

    @Test
    void usageErrorsExitWithStatusTwo() {
        assertEquals(2, Main.run(new String[] {"-Z"}));
    }

    private static Command.Run run(String... args) throws UsageError {
        return assertInstanceOf(Command.Run.class, CommandLineParser.parse(List.of(args)));
    }

    private static UsageError error(String... args) {
        return assertThrows(UsageError.class, () -> CommandLineParser.parse(List.of(args)));
    }
}
