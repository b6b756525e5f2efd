package org.graalmp.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * The shared objects as one process sees them; bound into each context as
 * {@code graalmp.objects}. In the root process they live here, in an {@link ObjectRegistry}
 * that a {@link HubServer} (started with the first child) serves to others; in any other
 * process every call goes to the root through one {@link HubClient}. Thread-safe.
 */
public final class ObjectSpace implements AutoCloseable {

    private final ObjectRegistry registry;
    private HubServer server;
    private String rootAddress;
    private byte[] rootKey;
    private HubClient client;

    public ObjectSpace(ObjectRegistry registry) {
        this.registry = registry;
    }

    /** Creates a shared object of {@code kind} ("queue", "lock", "event", ...). */
    @HostAccess.Export
    public Reply create(String kind, Value args) throws IOException, InterruptedException {
        try {
            return newObject(kind, PythonValues.toJava(args));
        } catch (MessageTooLongException e) {
            return e.reply();
        }
    }

    /** A handle on shared object {@code id}, as a pickled reference names it. */
    @HostAccess.Export
    public SharedHandle attach(long id) {
        return new SharedHandle(id, this);
    }

    /** Where children reach the shared objects: the root's hub, started on first use. */
    @HostAccess.Export
    public synchronized String hubAddress() throws IOException {
        if (!isRoot()) {
            return rootAddress;
        }
        if (server == null) {
            server = new HubServer(registry);
        }
        return server.address();
    }

    /** The hub's key, hex-encoded; it travels only inside spawn payloads. */
    @HostAccess.Export
    public synchronized String hubKey() throws IOException {
        hubAddress();
        return HexFormat.of().formatHex(isRoot() ? server.key() : rootKey);
    }

    /** Makes this process a client of the root's hub (called while a child starts). */
    @HostAccess.Export
    public synchronized void connect(String address, String keyHex) {
        this.rootAddress = address;
        this.rootKey = HexFormat.of().parseHex(keyHex);
    }

    /** Creates a shared object of {@code kind} from Java values; returns its id or an error. */
    public Reply newObject(String kind, Object... args) throws IOException, InterruptedException {
        if (isRoot()) {
            return registry.create(kind, args);
        }
        Object[] withKind = new Object[args.length + 1];
        withKind[0] = kind;
        System.arraycopy(args, 0, withKind, 1, args.length);
        return client().call(CallFrames.REGISTRY, "create", withKind);
    }

    /** Calls {@code method} on shared object {@code id}, wherever it lives, and waits for the reply. */
    public Reply call(long id, String method, Object... args) throws IOException, InterruptedException {
        if (isRoot()) {
            return registry.call(id, method, args, SharedObject.Caller.ROOT);
        }
        return client().call(id, method, args);
    }

    /**
     * Makes a call that cannot block or fail without waiting for the root to run it (see
     * {@link HubClient#post}); in the root it runs at once.
     */
    public void post(long id, String method, Object... args) throws IOException, InterruptedException {
        if (isRoot()) {
            registry.call(id, method, args, SharedObject.Caller.ROOT);
        } else {
            client().post(id, method, args);
        }
    }

    /**
     * Starts a call without waiting for it. In the root process the call runs on a thread of
     * its own, as the hub would run it.
     */
    public CompletableFuture<Reply> callAsync(long id, String method, Object... args) throws IOException {
        if (!isRoot()) {
            return client().callAsync(id, method, args);
        }
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                reply.complete(registry.call(id, method, args, SharedObject.Caller.ROOT));
            } catch (InterruptedException | RuntimeException e) {
                reply.completeExceptionally(e);
            }
        }, "graalmp-async-call");
        caller.setDaemon(true);
        caller.start();
        return reply;
    }

    private synchronized boolean isRoot() {
        return rootAddress == null;
    }

    private synchronized HubClient client() {
        if (client == null) {
            try {
                client = new HubClient(rootAddress, rootKey);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reach the root process's hub at " + rootAddress, e);
            }
        }
        return client;
    }

    /** Closes the hub or the connection to it. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            client = null;
        }
    }
}
