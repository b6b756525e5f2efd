package org.graalmp.manager;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.graalmp.connection.PythonAddresses;
import org.graalmp.ipc.CallFrames;
import org.graalmp.ipc.CallTarget;
import org.graalmp.ipc.HubServer;
import org.graalmp.ipc.MessageTooLongException;
import org.graalmp.ipc.PythonValues;
import org.graalmp.ipc.Reply;
import org.graalmp.ipc.SharedObject;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * A manager's server: a {@link HubServer} at the manager's address, keyed with its authkey,
 * whose calls land here. Each call runs on its own hub thread, which enters Python to create a
 * referent or call its method (GraalPy lets Java threads in, one at a time under its GIL, and a
 * referent blocked in {@code Queue.get} or {@code Lock.acquire} lets the others run).
 *
 * <p>Calls a client thread makes run on one server thread of their own (a lane), as CPython's
 * server runs each client thread's connection on a thread: a referent owned by a thread (an
 * RLock, a Condition's lock) sees the same owner for a client thread's acquire and release.
 *
 * <p>Requests: to {@link CallFrames#REGISTRY}, {@code create(typeid, payload)},
 * {@code shutdown}, {@code dummy}, {@code number_of_objects}, {@code debug_info}; to an object,
 * {@code #INCREF [pid]}, {@code #DECREF}, or a method name with the calling thread's id and
 * a pickled {@code (args, kwds)}.
 * Replies to creations and methods are pickled by Python ({@code ('#RETURN', value)} and so on).
 */
public final class ManagerServer implements CallTarget, AutoCloseable {

    /** What every referent answers, exposed or not (as CPython's server's fallbacks). */
    private static final Set<String> FALLBACKS = Set.of("__str__", "__repr__", "#GETVALUE");

    private final ReferentTable table = new ReferentTable();
    private final Value python;  // the shim's Server: create(typeid, payload, pid), invoke(...)
    private final HubServer hub;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<List<Long>, ExecutorService> lanes = new ConcurrentHashMap<>();  // (caller, thread)
    private final AtomicLong laneCount = new AtomicLong();

    ManagerServer(SocketAddress address, byte[] authkey, Value python) throws IOException {
        this.python = python;
        this.hub = new HubServer(this, address, authkey);
    }

    /** The address proxies connect to, in Python's form (a path, or [host, port]). */
    @HostAccess.Export
    public Object address() throws IOException {
        return PythonAddresses.toPython(hub.boundAddress());
    }

    /** Blocks until a client asks for shutdown, then stops serving. */
    @HostAccess.Export
    public void serveForever() throws InterruptedException {
        try {
            stopped.await();
        } finally {
            close();
        }
    }

    /**
     * Adds a referent the shim created, held once by process {@code pid}; returns its id.
     * {@code exposed} is a Python sequence of method names.
     */
    @HostAccess.Export
    public long register(Value referent, String typeid, Value exposed, long pid) {
        Set<String> names = new HashSet<>();
        for (long i = 0; i < exposed.getArraySize(); i++) {
            names.add(exposed.getArrayElement(i).asString());
        }
        return table.add(new ReferentTable.Referent(referent, typeid, Set.copyOf(names)), pid);
    }

    @Override
    public Reply call(long id, String method, Object[] args, SharedObject.Caller caller) throws InterruptedException {
        if (id == CallFrames.REGISTRY) {
            return serverCall(method, args, caller);
        }
        return switch (method) {
            case "#INCREF" -> table.incref(id, args.length > 0 && args[0] instanceof Long pid ? pid : caller.pid())
                    ? Reply.ok(null)
                    : Reply.error("KeyError", "no shared object " + id);
            case "#DECREF" -> {
                table.decref(id, caller.pid());
                yield Reply.ok(null);
            }
            default -> callReferent(id, method, args, caller);
        };
    }

    private Reply serverCall(String method, Object[] args, SharedObject.Caller caller) {
        return switch (method) {
            case "create" -> args.length == 2 && args[0] instanceof String typeid
                    ? fromPython(() -> python.invokeMember("create", typeid, latin1(args[1]), caller.pid()))
                    : Reply.error("ValueError", "bad create call");
            case "shutdown" -> {
                stopped.countDown();
                yield Reply.ok(null);
            }
            case "dummy" -> Reply.ok(null);
            case "number_of_objects" -> Reply.ok((long) table.size());
            case "debug_info" -> Reply.ok(table.describe());
            default -> Reply.error("ValueError", "unknown manager request " + method);
        };
    }

    private Reply callReferent(long id, String method, Object[] args, SharedObject.Caller caller)
            throws InterruptedException {
        if (args.length == 0 || !(args[0] instanceof Long thread)) {
            return Reply.error("ValueError", "a method call names its calling thread");
        }
        ExecutorService lane = lanes.computeIfAbsent(List.of(caller.id(), thread), key -> newLane());
        try {
            return lane.submit(() -> callOnLane(id, method, args, caller)).get();
        } catch (ExecutionException e) {
            return Reply.error("RuntimeError", "graalmp manager: " + e.getCause());
        } catch (RejectedExecutionException e) {
            return Reply.error("EOFError", "");  // the caller's connection has gone meanwhile
        }
    }

    private ExecutorService newLane() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "graalmp-manager-lane-" + laneCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private Reply callOnLane(long id, String method, Object[] args, SharedObject.Caller caller) {
        ReferentTable.Referent referent = table.get(id);
        if (referent == null) {
            return Reply.error("KeyError", "no shared object " + id + " in this manager");
        }
        if (!referent.exposed().contains(method) && !FALLBACKS.contains(method)) {
            // Python phrases the refusal, as CPython's server does: a RemoteError's traceback.
            return fromPython(() -> python.invokeMember("refuse", referent.object(), method,
                    referent.exposed().stream().sorted().toList()));
        }
        Object payload = args.length > 1 ? latin1(args[1]) : null;
        return fromPython(() -> python.invokeMember("invoke", referent.object(), referent.typeid(), method, payload,
                caller.pid()));
    }

    /** Runs a call into the shim, whose answer is the pickled reply (bytes); refuses an overlong one. */
    private static Reply fromPython(java.util.function.Supplier<Value> call) {
        try {
            return Reply.ok(PythonValues.messageOf(call.get()));
        } catch (PolyglotException e) {
            return Reply.error("RuntimeError", "graalmp manager: " + e.getMessage());
        } catch (MessageTooLongException e) {
            return e.reply();
        }
    }

    /** Bytes for Python as a latin-1 string: converted in bulk on the Python side. */
    private static String latin1(Object bytes) {
        return bytes instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : null;
    }

    @Override
    public void release(SharedObject.Caller caller) {
        lanes.keySet().removeIf(key -> {
            if (key.get(0) != caller.id()) {
                return false;
            }
            lanes.get(key).shutdown();  // a call blocked in Python keeps its thread until it returns
            return true;
        });
        table.releaseAll(caller.pid());
    }

    /** Stops serving: closes the socket (removing a socket file) and every connection. */
    @Override
    public void close() {
        stopped.countDown();
        hub.close();
        lanes.values().forEach(ExecutorService::shutdown);
    }
}
