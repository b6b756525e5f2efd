package org.graalmp.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.graalmp.ipc.Reply;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * {@code multiprocessing.connection.wait}: blocks until one of some connections is readable or
 * one of some child processes has ended; bound as {@code graalmp.readiness}. Waits without
 * polling: each connection's {@link Endpoint#whenReadable} and each child's exit complete a
 * future, and the first one to complete wakes the caller.
 */
public final class Readiness {

    private final IntFunction<CompletableFuture<?>> exitOfSentinel;

    /** @param exitOfSentinel the exit of the child with a sentinel number (done if unknown) */
    public Readiness(IntFunction<CompletableFuture<?>> exitOfSentinel) {
        this.exitOfSentinel = exitOfSentinel;
    }

    /**
     * Returns the positions of the ready objects: endpoints first (0..n-1), then sentinels
     * (n..). Waits up to the timeout (negative: for ever) for at least one.
     */
    @HostAccess.Export
    public int[] waitAny(Value endpointList, Value sentinelList, double timeoutSeconds) throws InterruptedException {
        List<Endpoint> endpoints = new ArrayList<>();
        for (long i = 0; i < endpointList.getArraySize(); i++) {
            endpoints.add(endpointList.getArrayElement(i).asHostObject());
        }
        List<CompletableFuture<?>> exits = new ArrayList<>();
        for (long i = 0; i < sentinelList.getArraySize(); i++) {
            exits.add(exitOfSentinel.apply(sentinelList.getArrayElement(i).asInt()));
        }
        int[] ready = readyNow(endpoints, exits);
        if (ready.length > 0 || timeoutSeconds == 0) {
            return ready;
        }
        awaitFirst(endpoints, exits, timeoutSeconds);
        return readyNow(endpoints, exits);
    }

    private static void awaitFirst(List<Endpoint> endpoints, List<CompletableFuture<?>> exits, double timeoutSeconds)
            throws InterruptedException {
        List<CompletableFuture<Boolean>> readable = endpoints.stream().map(Endpoint::whenReadable).toList();
        List<CompletableFuture<?>> all = new ArrayList<>(readable);
        all.addAll(exits);
        CompletableFuture<Object> first = CompletableFuture.anyOf(all.toArray(CompletableFuture[]::new));
        try {
            if (timeoutSeconds < 0) {
                first.get();
            } else {
                first.get((long) (timeoutSeconds * 1e9), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // a failed wait counts as ready (a recv reports the error); a timeout as nothing ready
        } finally {
            readable.forEach(future -> future.cancel(false));
        }
    }

    private static int[] readyNow(List<Endpoint> endpoints, List<CompletableFuture<?>> exits) {
        List<Integer> ready = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            Reply poll = endpoints.get(i).poll(0);
            if (poll.failed() || Boolean.TRUE.equals(poll.value())) {
                ready.add(i);
            }
        }
        for (int i = 0; i < exits.size(); i++) {
            if (exits.get(i).isDone()) {
                ready.add(endpoints.size() + i);
            }
        }
        return ready.stream().mapToInt(Integer::intValue).toArray();
    }
}
