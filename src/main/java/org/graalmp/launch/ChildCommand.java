package org.graalmp.launch;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.graalmp.host.GraalmpHome;
import org.graalmp.host.InterpreterOptions;
import org.graalmp.ipc.MessageLimit;

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
                "-D" + InterpreterOptions.PROPERTY + "=" + interpreterOptions.toProperty(),
                // The root's limit for every process: a child's heap may differ (another GC).
                "-D" + MessageLimit.PROPERTY + "=" + MessageLimit.MAX_MESSAGE);
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
                && !option.startsWith("-D" + InterpreterOptions.PROPERTY + "=")
                && !option.startsWith("-D" + MessageLimit.PROPERTY + "=");
    }

    /**
     * A child's footprint decides how many fit at once (measured on JDK 25, 2 cores, 24 GiB,
     * AOT cache on, idle child after a small job: VmRSS 322-335 MB before, 252-260 MB after;
     * RssAnon 276-289 MB before, 209-216 MB after). Put ahead of the inherited options, and
     * left out where those already choose, so a user's choice wins without a conflict.
     * <ul>
     * <li>{@code -XX:+UseSerialGC}: G1 (the default here) keeps ~45 MB of remembered sets and
     *     card tables per JVM and sizes its young generation from the machine; a child's heap
     *     is small (~70 MB live) and its pauses are short on any collector. Same CPU measured.
     * <li>{@code -Xms32m}: the default initial heap is 1/64 of RAM (384 MB here), and its
     *     young generation is filled before the first collection; with 32 MB it starts small
     *     and grows as the program needs. Together: -75 MB RSS per child. Left out when a heap
     *     or young generation size is given: a young generation of 32 MB or more would leave
     *     no old generation for the AOT cache's objects, and the JVM would not start.
     * <li>{@code -XX:SweeperThreshold=50}: a full collection runs whenever 15% (the default) of
     *     the code cache (48 MB with C1 only) has filled since the last one, to unload stale
     *     code; a child's start-up fills that once, and the full collection (~100 ms) then sizes
     *     the old generation from start-up's garbage. At 50% it does not happen in a short
     *     child; the cache still gets collected when it runs low. Measured: one child's peak
     *     RSS 249-257 MB before, 243-245 MB after; same start time.
     * </ul>
     * Measured and left at their defaults: a smaller code cache, one compiler thread (no
     * change: only touched pages count), {@code -Xss512k} (GraalPy overflows its stack while
     * importing), {@code -Xmx} (would cap what a user's child may hold; the live data is what
     * it is). The AOT cache's mapping holds ~84 MB of dirty pages per child (it is relocated on
     * mapping) but saves about as much metaspace: without it (GRAALMP_AOT=off) RssAnon is
     * 246 MB with these flags.
     */
    static List<String> memoryOptions(List<String> inherited) {
        List<String> options = new ArrayList<>();
        if (inherited.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            options.add("-XX:+UseSerialGC");
        }
        if (inherited.stream().noneMatch(o -> o.startsWith("-Xms") || o.startsWith("-Xmx") || o.startsWith("-Xmn")
                || o.startsWith("-XX:InitialHeapSize") || o.startsWith("-XX:MaxHeapSize")
                || o.startsWith("-XX:NewSize") || o.startsWith("-XX:MaxNewSize"))) {
            options.add("-Xms32m");
        }
        if (inherited.stream().noneMatch(o -> o.startsWith("-XX:SweeperThreshold="))) {
            options.add("-XX:SweeperThreshold=50");
        }
        return options;
    }

    public List<String> toList() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(memoryOptions(jvmOptions));
        // Files in /tmp a child ended by a signal would leave behind (measured: one of each per
        // terminate(), under -Xrs): a JVM may open its attach socket /tmp/.java_pid<PID>, and
        // every JVM maps /tmp/hsperfdata_<user>/<PID> (until some later JVM sweeps it). Ahead of
        // the inherited options, so -XX:-DisableAttachMechanism there lets jcmd in.
        command.add("-XX:+DisableAttachMechanism");
        command.add("-XX:-UsePerfData");
        command.addAll(jvmOptions);
        // No -Xrs: it would forbid the program's own SIGINT/SIGTERM handlers (SIG_IGN too);
        // ChildMain gives those signals back to the operating system instead (DefaultSignals).
        // The price: SIGQUIT stays the JVM's (a thread dump) where -Xrs left it deadly.
        command.add("-cp");
        command.add(classPath);
        command.add(ChildMain.class.getName());
        return command;
    }
}
