package org.graalmp.manager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.Value;

/**
 * A manager's objects by id, with how many proxies each process holds on each. An object goes
 * when no process holds a proxy on it any more; a process's holdings go with its connection.
 * Thread-safe.
 */
final class ReferentTable {

    /** A hosted object, its typeid and the methods proxies may call on it. */
    record Referent(Value object, String typeid, Set<String> exposed) {
    }

    private final Map<Long, Referent> referents = new HashMap<>();
    private final Map<Long, Map<Long, Integer>> holders = new HashMap<>();  // id -> pid -> count
    private long nextId = 1;

    /** Adds {@code referent}, held once by process {@code pid}; returns its id. */
    synchronized long add(Referent referent, long pid) {
        long id = nextId++;
        referents.put(id, referent);
        holders.put(id, new HashMap<>(Map.of(pid, 1)));
        return id;
    }

    synchronized Referent get(long id) {
        return referents.get(id);
    }

    /** One more proxy on {@code id} in process {@code pid}; false if there is no such object. */
    synchronized boolean incref(long id, long pid) {
        Map<Long, Integer> counts = holders.get(id);
        if (counts == null) {
            return false;
        }
        counts.merge(pid, 1, Integer::sum);
        return true;
    }

    /** One proxy fewer on {@code id} in process {@code pid}; the object goes with the last one. */
    synchronized void decref(long id, long pid) {
        Map<Long, Integer> counts = holders.get(id);
        if (counts != null && counts.computeIfPresent(pid, (p, n) -> n > 1 ? n - 1 : null) == null) {
            dropIfUnheld(id, counts);
        }
    }

    /** Process {@code pid} has gone: every proxy it held is dropped. */
    synchronized void releaseAll(long pid) {
        for (Long id : List.copyOf(holders.keySet())) {
            Map<Long, Integer> counts = holders.get(id);
            if (counts.remove(pid) != null) {
                dropIfUnheld(id, counts);
            }
        }
    }

    private void dropIfUnheld(long id, Map<Long, Integer> counts) {
        if (counts.isEmpty()) {
            holders.remove(id);
            referents.remove(id);  // Python collects the object once nothing else refers to it
        }
    }

    synchronized int size() {
        return referents.size();
    }

    /** For debug_info: each object's id, typeid and total count. */
    synchronized String describe() {
        StringBuilder text = new StringBuilder();
        referents.forEach((id, referent) -> text.append("  ").append(id).append(": refcount=")
                .append(holders.get(id).values().stream().mapToInt(Integer::intValue).sum())
                .append("\n    ").append(referent.typeid()).append('\n'));
        return text.toString();
    }
}
