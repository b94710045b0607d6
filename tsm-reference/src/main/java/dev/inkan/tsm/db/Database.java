package dev.inkan.tsm.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The registry's database (REQ SYS-3): an embedded H2 file database by default, PostgreSQL by
 * JDBC URL for deployments, migrated by Flyway on open ({@code db/migration/common} for both,
 * {@code db/migration/h2} or {@code db/migration/postgresql} for the state-dependent uniqueness
 * rules). Connections come from a small pool; {@link #inTransaction} runs work in one
 * transaction and retries it when the database reports a serialization failure or deadlock.
 */
public final class Database implements AutoCloseable {
    /** Which SQL dialect the migrations took. */
    public enum Vendor { H2, POSTGRESQL }

    private final JdbcConnectionPool pool;
    private final Vendor vendor;
    private final String url;

    private Database(JdbcConnectionPool pool, Vendor vendor, String url) {
        this.pool = pool;
        this.vendor = vendor;
        this.url = url;
    }

    /** An H2 file database at {@code dir/jpki.mv.db} (created when absent). */
    public static Database embedded(Path dir) {
        return open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("jpki") + ";LOCK_TIMEOUT=20000", "sa", "");
    }

    /** A private in-memory H2 database (tests); {@code name} keeps it apart from others. */
    public static Database inMemory(String name) {
        return open("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000", "sa", "");
    }

    /**
     * A database by JDBC URL: {@code jdbc:h2:...} or {@code jdbc:postgresql://host:port/db}.
     * Migrates it to the current schema.
     */
    public static Database open(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Vendor vendor;
        ConnectionPoolDataSource source;
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(jdbcUrl);
            h2.setUser(user);
            h2.setPassword(password);
            source = h2;
            vendor = Vendor.H2;
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
            pg.setURL(jdbcUrl);
            pg.setUser(user);
            pg.setPassword(password);
            source = pg;
            vendor = Vendor.POSTGRESQL;
        } else {
            throw new IllegalArgumentException("only H2 (jdbc:h2:) and PostgreSQL (jdbc:postgresql:) are supported: "
                    + jdbcUrl);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        pool.setMaxConnections(32);
        pool.setLoginTimeout(30);
        migrate(pool, vendor);
        return new Database(pool, vendor, jdbcUrl);
    }

    private static void migrate(DataSource ds, Vendor vendor) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/common",
                        "classpath:db/migration/" + vendor.name().toLowerCase(Locale.ROOT))
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    public Vendor vendor() {
        return vendor;
    }

    public String url() {
        return url;
    }

    /** A connection of the pool (auto-commit on); close it to give it back. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** Work done in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction (READ COMMITTED, row locks taken by the work) and
     * commits; rolls back on any exception. A serialization failure or deadlock (SQLSTATE 40001,
     * 40P01) or an H2 lock timeout (HYT00) runs it again, up to 8 times.
     */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(c, e);
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (retryable(e) && attempt < 8) {
                    backOff(attempt);
                    continue;
                }
                throw new DatabaseException(e);
            }
        }
    }

    static boolean retryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@code e} is the violation of the named unique constraint or index. */
    public static boolean violates(SQLException e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState()) && s.getMessage() != null
                    && s.getMessage().toLowerCase(Locale.ROOT).contains(constraint.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
