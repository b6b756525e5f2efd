package org.graalmp.ipc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The shared objects of a program, by id. Lives in the root process. Thread-safe.
 *
 * <p>Objects are never removed while the program runs: a reference pickled into a message may
 * be resolved at any later time, as long as any process is alive.
 */
public final class ObjectRegistry implements CallTarget {

    /** The registry's no-op call: its reply says the hub has run what the connection sent before. */
    static final String SYNC = "sync";

    private final Map<Long, SharedObject> objects = new ConcurrentHashMap<>();
    private final Map<String, SharedObject.Factory> factories;
    private final AtomicLong nextId = new AtomicLong(1);

    public ObjectRegistry(Map<String, SharedObject.Factory> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** Creates an object of {@code kind}; returns its id, or an error reply for a bad kind or arguments. */
    public Reply create(String kind, Object[] args) {
        SharedObject.Factory factory = factories.get(kind);
        if (factory == null) {
            return Reply.error("ValueError", "unknown shared object kind " + kind);
        }
        SharedObject object;
        try {
            object = factory.create(args, objects::get);
        } catch (IllegalArgumentException e) {
            return Reply.error("ValueError", e.getMessage());
        }
        long id = nextId.getAndIncrement();
        objects.put(id, object);
        return Reply.ok(id);
    }

    @Override
    public Reply call(long id, String method, Object[] args, SharedObject.Caller caller) throws InterruptedException {
        if (id == CallFrames.REGISTRY) {
            return createFromWire(method, args);
        }
        SharedObject object = objects.get(id);
        if (object == null) {
            return Reply.error("OSError", "no shared object " + id + " in this program");
        }
        return object.call(method, args, caller);
    }

    @Override
    public Reply callNow(long id, String method, Object[] args, SharedObject.Caller caller) {
        if (id == CallFrames.REGISTRY) {
            return SYNC.equals(method) ? Reply.ok(null) : null;
        }
        SharedObject object = objects.get(id);
        return object == null ? null : object.callNow(method, args, caller);
    }

    @Override
    public boolean callLater(long id, String method, Object[] args, SharedObject.Caller caller,
            Consumer<Reply> answer) {
        SharedObject object = id == CallFrames.REGISTRY ? null : objects.get(id);
        return object != null && object.callLater(method, args, caller, answer);
    }

    /** A {@code create(kind, *args)} call that came over the hub. */
    private Reply createFromWire(String method, Object[] args) {
        if (!"create".equals(method) || args.length == 0 || !(args[0] instanceof String kind)) {
            return Reply.error("ValueError", "bad registry call " + method);
        }
        return create(kind, java.util.Arrays.copyOfRange(args, 1, args.length));
    }

    /** Drops what {@code caller} held in every object. */
    @Override
    public void release(SharedObject.Caller caller) {
        objects.values().forEach(object -> object.release(caller));
    }
}
