package org.graalmp.conformance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./graalmp} against {@code python3}: the same script, run from another folder than
 * the script's and the launcher's, must give the same stdout, stderr and exit status.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("graalmp.home", "")).toAbsolutePath()
            .resolve("graalmp");

    @TempDir
    Path tmp;
    private Path scripts;
    private Path elsewhere;

    @BeforeEach
    void folders() throws Exception {
        scripts = Files.createDirectories(tmp.resolve("scripts"));
        elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    }

    @Test
    void argvPathFileAndNameMatchPython3() throws Exception {
        write("show.py", """
                import os, sys
                print(sys.argv)
                print(sys.path[0] == os.path.dirname(os.path.realpath(__file__)))
                print(__file__ == os.path.abspath(sys.argv[0]), os.path.isabs(__file__))
                print(__name__, __spec__, os.getcwd() == os.path.realpath('.'))
                """);
        assertSameAsPython3(List.of("../scripts/show.py", "a", "b c"));
    }

    @Test
    void exitStatusesMatchPython3() throws Exception {
        write("exit5.py", "import sys\nsys.exit(5)\n");
        write("exitmsg.py", "import sys\nsys.exit('leaving now')\n");
        write("raise.py", "def f():\n    raise ValueError('bad value')\nf()\n");
        write("syntax.py", "x = 1\nprint 'python 2'\n");
        assertAll(
                () -> assertSameAsPython3(List.of(scripts.resolve("exit5.py").toString())),
                () -> assertSameAsPython3(List.of(scripts.resolve("exitmsg.py").toString())),
                () -> assertSameAsPython3(List.of(scripts.resolve("raise.py").toString())),
                () -> assertSameAsPython3(List.of(scripts.resolve("syntax.py").toString())));
    }

    @Test
    void dashCRunsCodeWithArguments() throws Exception {
        assertSameAsPython3(List.of("-c", "import sys; print(sys.argv, sys.path[0] == '')", "x", "-y"));
    }

    @Test
    void sysExecutableRunsPythonTheSameWay() throws Exception {
        write("other.py", "import sys\nprint('other', sys.argv[1:])\nsys.exit(3)\n");
        write("parent.py", """
                import subprocess, sys, os
                other = os.path.join(os.path.dirname(__file__), 'other.py')
                done = subprocess.run([sys.executable, other, 'arg'], capture_output=True, text=True)
                print(done.returncode, done.stdout.strip())
                """);
        assertSameAsPython3(List.of("../scripts/parent.py"));
    }

    @Test
    void isolatedModeSetsItsFlagsAndLeavesTheScriptFolderOffThePath() throws Exception {
        write("isolated.py", """
                import os, sys
                f = sys.flags
                print(f.isolated, f.ignore_environment, f.no_user_site, f.safe_path, f.no_site)
                print(os.path.dirname(os.path.realpath(__file__)) in sys.path, '' in sys.path)
                """);
        assertAll(
                () -> assertSameAsPython3(List.of("-I", "../scripts/isolated.py")),
                () -> assertSameAsPython3(List.of("-X", "faulthandler", "-I", "-c",
                        "import sys; f = sys.flags; print(f.isolated, f.safe_path, sys._xoptions, '' in sys.path)")));
    }

    @Test
    void combinedFlagsWarningAndXOptionsMatchPython3() throws Exception {
        String code = """
                import sys, warnings
                f = sys.flags
                print(f.ignore_environment, f.no_user_site, f.no_site, f.optimize, f.dont_write_bytecode)
                print(sys.warnoptions, sys._xoptions)
                warnings.warn('checked', UserWarning)
                """;
        Map<String, String> environment = Map.of("PYTHONWARNINGS", "ignore", "PYTHONDONTWRITEBYTECODE", "1");
        assertAll(
                () -> assertSameAsPython3(List.of("-EsS", "-Wdefault", "-W", "error::UserWarning",
                        "-Xdev", "-X", "a=b", "-c", code), environment),
                () -> assertSameAsPython3(List.of("-OB", "-c", code, "x"), environment));
    }

    @Test
    void pythonPathFoldersComeFirstUnlessTheEnvironmentIsIgnored() throws Exception {
        write("mod.py", "VALUE = 'from PYTHONPATH'\n");
        String code = """
                import os, sys
                print(sys.path.index(os.environ['PYTHONPATH']) if os.environ['PYTHONPATH'] in sys.path else None)
                import mod
                print(mod.VALUE)
                """;
        Map<String, String> environment = Map.of("PYTHONPATH", scripts.toString());
        assertAll(
                () -> assertSameAsPython3(List.of("-c", code), environment),
                () -> assertSameAsPython3(List.of("-E", "-c", code), environment));
    }

    @Test
    void bytecodeOfTheStandardLibraryIsReadAlsoWhenWritingIsOff() throws Exception {
        // python3 reads the bytecode its installation ships under PYTHONDONTWRITEBYTECODE too.
        write("mod.py", "VALUE = 1\n");
        String code = """
                import importlib.util, json, os, mod
                print(os.path.exists(importlib.util.cache_from_source(mod.__file__)))
                """;
        SampleRun notWriting = run(LAUNCHER.toString(), List.of("-v", "-c", code),
                Map.of("PYTHONDONTWRITEBYTECODE", "1", "PYTHONPATH", scripts.toString()));
        SampleRun writing = run(LAUNCHER.toString(), List.of("-c", code),
                Map.of("PYTHONDONTWRITEBYTECODE", "", "PYTHONPATH", scripts.toString()));
        assertAll(
                () -> assertTrue(notWriting.stderr().matches(
                        "(?s).*# code object from '[^']*/json/__init__\\.[^']*\\.pyc'.*"), notWriting::toString),
                () -> assertEquals("False\n", notWriting.stdout(), "no bytecode written for mod.py"),
                () -> assertEquals("True\n", writing.stdout(), "bytecode written for mod.py"));
    }

    @Test
    void dashMRunsAModuleAsMain() throws Exception {
        Files.writeString(elsewhere.resolve("mod.py"), """
                import os, sys
                print(__name__, sys.argv[1:], sys.argv[0] == os.path.abspath('mod.py'))
                print(sys.path[0] == os.getcwd())
                raise SystemExit(4)
                """);
        assertAll(
                () -> assertSameAsPython3(List.of("-m", "mod", "-E", "x")),
                () -> assertSameAsPython3(List.of("-Esm", "mod")));
    }

    @Test
    void unknownOptionsAndMissingArgumentsAreUsageErrors() throws Exception {
        for (List<String> args : List.of(List.of("-Z"), List.of("-Es", "-c"), List.of("--frobnicate"))) {
            SampleRun cpython = run("python3", args, Map.of());
            SampleRun graalmp = run(LAUNCHER.toString(), args, Map.of());
            // The usage line names each one's executable; the rest is python3's words.
            String usageLine = "(?m)^usage: \\S+ ";
            assertAll(String.join(" ", args),
                    () -> assertEquals(2, graalmp.exitCode()),
                    () -> assertEquals(cpython.exitCode(), graalmp.exitCode()),
                    () -> assertEquals(cpython.stderr().replaceAll(usageLine, "usage: python "),
                            graalmp.stderr().replaceAll(usageLine, "usage: python ")),
                    () -> assertEquals("", graalmp.stdout()));
        }
    }

    @Test
    void missingFileIsAUsageError() throws Exception {
        SampleRun graalmp = run(LAUNCHER.toString(), List.of("no-such-file.py"));
        assertAll(graalmp.toString(),
                () -> assertEquals(2, graalmp.exitCode()),
                () -> assertTrue(graalmp.stderr().contains("can't open file '" + elsewhere.resolve("no-such-file.py")
                        + "': [Errno 2] No such file or directory")));
    }

    @Test
    void versionNamesGraalPyPythonAndTheJdk() throws Exception {
        SampleRun graalmp = run(LAUNCHER.toString(), List.of("--version"));
        assertAll(graalmp.toString(),
                () -> assertEquals(0, graalmp.exitCode()),
                () -> assertTrue(graalmp.stdout().matches("(?s)graalmp \\S+ \\(GraalPy 25\\.0\\.\\d+, Python 3\\.12\\.\\d+\\) on JDK \\d+.*")),
                () -> assertEquals("", graalmp.stderr()));
    }

    private void write(String name, String source) throws Exception {
        Files.writeString(scripts.resolve(name), source);
    }

    private void assertSameAsPython3(List<String> args) throws Exception {
        assertSameAsPython3(args, Map.of());
    }

    private void assertSameAsPython3(List<String> args, Map<String, String> environment) throws Exception {
        SampleRun cpython = run("python3", args, environment);
        SampleRun graalmp = run(LAUNCHER.toString(), args, environment);
        assertAll(String.join(" ", args),
                () -> assertEquals(cpython.exitCode(), graalmp.exitCode(), "exit status"),
                () -> assertEquals(cpython.stdout(), graalmp.stdout(), "stdout"),
                () -> assertEquals(cpython.stderr(), graalmp.stderr(), "stderr"));
    }

    private SampleRun run(String program, List<String> args) throws Exception {
        return run(program, args, Map.of());
    }

    private SampleRun run(String program, List<String> args, Map<String, String> extraEnvironment) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(args);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PYTHONIOENCODING", "utf-8");
        environment.putAll(extraEnvironment);
        return SampleRun.of(command, elsewhere, environment);
    }
}
