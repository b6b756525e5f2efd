package org.graalmp.connection;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.graalmp.ipc.PythonValues;
import org.graalvm.polyglot.Value;

/**
 * Socket addresses between Python's forms and Java's: {@code (host, port)} for AF_INET,
 * {@code (host, port[, flowinfo[, scope_id]])} for AF_INET6, a path for AF_UNIX. Bad ones are
 * refused with the errors CPython's {@code socket} module raises for them.
 */
public final class PythonAddresses {

    private PythonAddresses() {
    }

    /** The Java address for {@code family}'s Python {@code address}; {@code call} names the socket call for messages. */
    public static SocketAddress parse(String family, Value address, String call) throws PythonError, UnknownHostException {
        return switch (family) {
            case "AF_INET" -> inet(address, call, false);
            case "AF_INET6" -> inet(address, call, true);
            case "AF_UNIX" -> unix(address);
            default -> throw new PythonError("AttributeError", "module 'socket' has no attribute '" + family + "'");
        };
    }

    /** The Python form of an address: a str, or a list for Python to make a tuple of. */
    public static Object toPython(SocketAddress address) {
        if (address == null) {
            return null;
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            return unix.getPath().toString();
        }
        InetSocketAddress inet = (InetSocketAddress) address;
        if (inet.getAddress() instanceof Inet6Address v6) {
            String host = v6.getHostAddress();
            int scope = host.indexOf('%');
            return List.of(scope < 0 ? host : host.substring(0, scope), inet.getPort(), 0, v6.getScopeId());
        }
        return List.of(inet.getAddress().getHostAddress(), inet.getPort());
    }

    private static SocketAddress inet(Value address, String call, boolean v6) throws PythonError, UnknownHostException {
        String family = v6 ? "AF_INET6" : "AF_INET";
        String type = typeName(address);
        if (!type.equals("tuple")) {
            throw new PythonError("TypeError", call + "(): " + family + " address must be tuple, not " + type);
        }
        long size = address.getArraySize();
        if (!v6 && size != 2) {
            throw new PythonError("TypeError", "AF_INET address must be a pair (host, port)");
        }
        if (v6 && (size < 2 || size > 4)) {
            throw new PythonError("TypeError", "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])");
        }
        String host = host(address.getArrayElement(0));
        int port = port(address.getArrayElement(1), call);
        return new InetSocketAddress(resolve(host, v6), port);
    }

    private static String host(Value host) throws PythonError {
        if (host.isString()) {
            return host.asString();
        }
        if (host.hasBufferElements()) {
            return new String(PythonValues.bytesOf(host), StandardCharsets.US_ASCII);
        }
        throw new PythonError("TypeError", "str, bytes or bytearray expected, not " + typeName(host));
    }

    private static int port(Value port, String call) throws PythonError {
        boolean integral = port.isBoolean() || port.isNumber() && !typeName(port).equals("float");
        if (!integral) {
            throw new PythonError("TypeError", "'" + typeName(port) + "' object cannot be interpreted as an integer");
        }
        if (!port.isBoolean() && !port.fitsInLong()) {
            throw new PythonError("OverflowError", call + "(): port must be 0-65535.");
        }
        long number = port.isBoolean() ? (port.asBoolean() ? 1 : 0) : port.asLong();
        if (number < 0 || number > 65535) {
            throw new PythonError("OverflowError", call + "(): port must be 0-65535.");
        }
        return (int) number;
    }

    /** As CPython: "" is any address, "<broadcast>" the broadcast one, else a name or literal. */
    private static InetAddress resolve(String host, boolean v6) throws UnknownHostException {
        if (host.isEmpty()) {
            return InetAddress.getByName(v6 ? "::" : "0.0.0.0");
        }
        if (host.equals("<broadcast>") && !v6) {
            return InetAddress.getByName("255.255.255.255");
        }
        Class<? extends InetAddress> wanted = v6 ? Inet6Address.class : Inet4Address.class;
        return Arrays.stream(InetAddress.getAllByName(host))
                .filter(wanted::isInstance)
                .findFirst()
                .orElseThrow(() -> new UnknownHostException(host));
    }

    private static SocketAddress unix(Value address) throws PythonError {
        String path;
        if (address.isString()) {
            path = address.asString();
        } else if (address.hasBufferElements()) {
            path = new String(PythonValues.bytesOf(address), StandardCharsets.UTF_8);
        } else {
            throw new PythonError("TypeError", "a bytes-like object is required, not '" + typeName(address) + "'");
        }
        if (path.startsWith("\0")) {
            throw new PythonError("OSError", "graalmp cannot use Linux abstract socket addresses: " + path.substring(1));
        }
        return UnixDomainSocketAddress.of(path);
    }

    /**
     * The Python type name of a value. GraalPy hands str, int, float and bool over as Java
     * values, whose meta object names the Java class; those are mapped back.
     */
    private static String typeName(Value value) {
        if (value.isNull()) {
            return "NoneType";
        }
        Value meta = value.getMetaObject();
        String name = meta == null ? "object" : meta.getMetaSimpleName();
        return switch (name) {
            case "TruffleString", "String", "Character" -> "str";
            case "Integer", "Long", "Byte", "Short", "BigInteger" -> "int";
            case "Double", "Float" -> "float";
            case "Boolean" -> "bool";
            default -> name;
        };
    }
}
