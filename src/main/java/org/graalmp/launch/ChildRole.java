package org.graalmp.launch;

import java.util.Locale;

/**
 * What a child JVM is started for; the role picks its JVM flags. A short child (any
 * {@code Process}) and a Manager server want a quick start (AOT cache, C1 only); a Pool worker
 * may run CPU-heavy Python for long and may get the Graal JIT instead (see {@link GraalJit}).
 */
public enum ChildRole {
    PROCESS, POOL_WORKER, MANAGER_SERVER;

    /** The role the shim names ({@code 'process'}, {@code 'pool_worker'}, {@code 'manager_server'}). */
    public static ChildRole named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
