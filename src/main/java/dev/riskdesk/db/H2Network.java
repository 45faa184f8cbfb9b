package dev.riskdesk.db;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Keeps H2's AUTO_SERVER port on this machine. Several RiskDesk processes share one database file
 * through the TCP server that the first of them starts (H2's AUTO_SERVER, started with
 * {@code -tcpAllowOthers}); by default it listens on every interface. H2 binds its server sockets to
 * the system property {@code h2.bindAddress}, which it reads once, when its first class loads, so
 * {@link #bindToLoopback()} runs first thing in the launcher and {@link #requireLoopback()} refuses
 * to open a shared file when H2 was loaded without it.
 */
public final class H2Network {
    static final String BIND_ADDRESS = "h2.bindAddress";
    static final String LOOPBACK = "127.0.0.1";

    private H2Network() {
    }

    /** Binds H2's servers to the loopback address unless a bind address was already chosen; call before H2 loads. */
    public static void bindToLoopback() {
        if (System.getProperty(BIND_ADDRESS) == null || System.getProperty(BIND_ADDRESS).isBlank()) {
            System.setProperty(BIND_ADDRESS, LOOPBACK);
        }
    }

    /** Throws unless the H2 loaded in this process binds its servers to a loopback address. */
    static void requireLoopback() {
        bindToLoopback();
        String bound = org.h2.engine.SysProperties.BIND_ADDRESS;
        if (!loopback(bound)) {
            throw new IllegalStateException("H2 would accept connections to the shared database from other machines (h2.bindAddress is "
                    + (bound == null ? "unset" : bound) + " in this process); it must be " + LOOPBACK);
        }
    }

    static boolean loopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
