package org.graalmp.manager;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalmp.connection.OsErrors;
import org.graalmp.connection.PythonAddresses;
import org.graalmp.connection.PythonError;
import org.graalmp.ipc.Handshake;
import org.graalmp.ipc.HubClient;
import org.graalmp.ipc.PythonValues;
import org.graalmp.ipc.Reply;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Managers as one process sees them; bound into each context as {@code graalmp.managers}.
 * Serves a manager ({@link ManagerServer}) and hands out this process's one connection per
 * manager (address and authkey), shared by all its proxies and threads. Thread-safe.
 */
public final class ManagerService implements AutoCloseable {

    private final Map<String, ManagerConnection> connections = new ConcurrentHashMap<>();
    private final Map<ManagerServer, Boolean> servers = new ConcurrentHashMap<>();

    /**
     * Starts serving at {@code address} ({@code None} for a fresh private socket path) with
     * {@code authkey}; {@code python} is the shim's Server. Answers {@code Reply.ok(ManagerServer)}.
     */
    @HostAccess.Export
    public Reply serve(String family, Value address, Value authkey, Value python) {
        try {
            SocketAddress bindTo = address.isNull() ? null : PythonAddresses.parse(family, address, "bind");
            ManagerServer server = new ManagerServer(bindTo, PythonValues.bytesOf(authkey), python);
            servers.put(server, Boolean.TRUE);
            return Reply.ok(server);
        } catch (PythonError e) {
            return e.reply();
        } catch (IOException e) {
            return OsErrors.of(e);
        }
    }

    /** This process's connection to the manager at {@code address}: {@code Reply.ok(ManagerConnection)}. */
    @HostAccess.Export
    public Reply connect(String family, Value address, Value authkey) {
        byte[] key = PythonValues.bytesOf(authkey);
        String name = family + " " + address + " " + HexFormat.of().formatHex(key);
        ManagerConnection known = connections.get(name);
        if (known != null && !known.isBroken()) {
            return Reply.ok(known);
        }
        try {
            ManagerConnection connection = new ManagerConnection(
                    new HubClient(PythonAddresses.parse(family, address, "connect"), key));
            connections.put(name, connection);
            return Reply.ok(connection);
        } catch (Handshake.AuthenticationFailure e) {
            return Reply.error("AuthenticationError", e.getMessage());
        } catch (PythonError e) {
            return e.reply();
        } catch (UnknownHostException e) {
            return OsErrors.of(e);
        } catch (IOException e) {
            return OsErrors.of(e);
        }
    }

    /** Process exit: connections close (the servers drop what this process held), servers stop. */
    @Override
    public void close() {
        connections.values().forEach(ManagerConnection::close);
        connections.clear();
        servers.keySet().forEach(ManagerServer::close);
        servers.clear();
    }
}
