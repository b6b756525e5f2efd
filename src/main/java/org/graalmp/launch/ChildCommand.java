package org.graalmp.launch;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.graalmp.host.GraalmpHome;
import org.graalmp.host.InterpreterOptions;

/**
 * The command line of a child JVM: the same {@code java}, class path and JVM options as this
 * JVM, running {@link ChildMain}. Nothing secret goes on it: the payload (authkey included)
 * travels over the child's standard input.
 */
public record ChildCommand(Path javaExecutable, String classPath, List<String> jvmOptions) {

    /**
     * The command that starts a child like this JVM, for the graalmp installation at
     * {@code home}: named on the command line, since this JVM may have been told where it is
     * otherwise (a system property set in code), and a child may start in another folder.
     * The child runs with the parent's interpreter options ({@code -E}, {@code -W}, ...), as
     * CPython's multiprocessing passes them on a child's command line.
     */
    public static ChildCommand ofCurrentJvm(Path home, InterpreterOptions interpreterOptions) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Stream<String> graalmpProperties = Stream.of(
                "-D" + GraalmpHome.PROPERTY + "=" + home,
                "-D" + InterpreterOptions.PROPERTY + "=" + interpreterOptions.toProperty());
        List<String> options = Stream.concat(
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(ChildCommand::isInherited),
                graalmpProperties).toList();
        return new ChildCommand(java, System.getProperty("java.class.path"), options);
    }

    /**
     * Debug agents and the like would clash on ports; graalmp's own properties are set
     * anew. Everything else a child shares.
     */
    private static boolean isInherited(String option) {
        return !option.startsWith("-agentlib:") && !option.startsWith("-javaagent:")
                && !option.startsWith("-XX:AOTCacheOutput") && !option.startsWith("-D" + GraalmpHome.PROPERTY + "=")
                && !option.startsWith("-D" + InterpreterOptions.PROPERTY + "=");
    }

    public List<String> toList() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmOptions);
        // No JVM signal handlers: SIGTERM kills a child on the spot, as it kills a CPython
        // child, even while the JVM is still starting (which it would otherwise report).
        command.add("-Xrs");
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        return command;
    }
}
