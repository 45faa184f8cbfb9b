package dev.riskdesk.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Every connection to a file that other processes share, retried for a bounded time while one of them
 * is starting its server or closing it: H2 then answers "Database may be already in use", "Lock file
 * recently modified", or the server named in the lock file refuses or drops the connection. This holds
 * for the first connection of an open and for every later one the pool or a bulk job makes (a console
 * that owned the file may exit while this process works). After {@link Database#BUSY_RETRY_MILLIS}
 * the last failure is thrown.
 */
final class SharedFileConnections implements DataSource {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(SharedFileConnections.class);

    /** A connection source that may fail while the file is busy. */
    @FunctionalInterface
    interface Source {
        Connection get() throws SQLException;
    }

    private final DataSource pool;
    private final String where;

    SharedFileConnections(DataSource pool, String where) {
        this.pool = pool;
        this.where = where;
    }

    /** A connection from {@code source}, retried while the shared file is busy. */
    static Connection whileBusy(Source source, String where) throws SQLException {
        long deadline = System.nanoTime() + Database.BUSY_RETRY_MILLIS * 1_000_000;
        while (true) {
            try {
                return source.get();
            } catch (SQLException e) {
                if (!Database.busy(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.info("{} is busy ({}); retrying", where, e.getMessage());
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return whileBusy(pool::getConnection, where);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return whileBusy(() -> pool.getConnection(username, password), where);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return pool.isWrapperFor(iface);
    }
}
