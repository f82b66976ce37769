/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real databases the tests run against: one embedded PostgreSQL 17 and one H2 TCP server per
 * test JVM, started on first use and stopped at exit; pooled DataSources (Agroal), optionally
 * enlisted in Narayana's JTA transactions. Safe for concurrent use.
 */
final class Databases {

    /** A database the tests run against. */
    enum Kind {
        POSTGRESQL, H2
    }

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    private static org.h2.tools.Server h2;

    private Databases() {
    }

    /** A fresh table name, so tests sharing a database never see each other's rows. */
    static String freshTable() {
        return "outbox_" + ProcessHandle.current().pid() + "_" + TABLES.incrementAndGet();
    }

    /** The JDBC URL of {@code kind} (user {@code postgres} / {@code sa}, no password). */
    static synchronized String url(Kind kind) {
        switch (kind) {
            case POSTGRESQL -> {
                if (postgres == null) {
                    try {
                        postgres = EmbeddedPostgres.builder()
                                .setServerConfig("max_connections", "200")
                                .start();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    EmbeddedPostgres pg = postgres;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException e) {
                            // the JVM is exiting; the data directory is temporary
                        }
                    }));
                }
                return postgres.getJdbcUrl("postgres", "postgres");
            }
            case H2 -> {
                if (h2 == null) {
                    try {
                        Path dir = Path.of("target", "h2").toAbsolutePath();
                        h2 = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir",
                                dir.toString()).start();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    org.h2.tools.Server server = h2;
                    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
                }
                return "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:sinkwire;DB_CLOSE_DELAY=-1";
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }

    static String user(Kind kind) {
        return kind == Kind.POSTGRESQL ? "postgres" : "sa";
    }

    /** A pool on {@code url}, not enlisted in any transaction manager. */
    static AgroalDataSource pool(String url, String user, int size) {
        return pool(url, user, size, null, null);
    }

    /** A pool on {@code url}, enlisted in {@code tm}'s transactions when {@code tm} is not null. */
    static AgroalDataSource pool(String url, String user, int size, TransactionManager tm,
            TransactionSynchronizationRegistry tsr) {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> {
                    cp.maxSize(size).connectionFactoryConfiguration(cf -> cf.jdbcUrl(url)
                            .principal(new NamePrincipal(user)).credential(new SimplePassword("")));
                    if (tm != null) {
                        cp.transactionIntegration(new NarayanaTransactionIntegration(tm, tsr));
                    }
                    return cp;
                });
        try {
            return AgroalDataSource.from(config);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Narayana's transaction manager (one per JVM). */
    static TransactionManager transactionManager() {
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    /** Narayana's synchronization registry. */
    static TransactionSynchronizationRegistry registry() {
        return new TransactionSynchronizationRegistryImple();
    }

    /**
     * The database sessions open now (on H2, of the test database; on PostgreSQL, the client backends
     * of the server), with or without the calling one. A killed process's sessions end only once the
     * database has run every command the process had sent before it died (each session reads its
     * connection to the end) and ended its transactions.
     */
    static Set<String> sessions(AgroalDataSource ds, Kind kind, boolean withCaller) throws SQLException {
        String sql = kind == Kind.H2 ? "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS"
                + (withCaller ? "" : " WHERE SESSION_ID <> SESSION_ID()")
                : "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend'"
                + (withCaller ? "" : " AND pid <> pg_backend_pid()");
        Set<String> ids = new HashSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    /**
     * The ids in {@code table} once every transaction of a killed process has ended (call it once
     * the process's {@link #sessions} are gone; a
     * {@code FOR UPDATE} read also waits for the row locks of a transaction the database is still
     * committing or rolling back for the dead session), so it sees the final state.
     */
    static Set<UUID> rowsLeft(AgroalDataSource ds, Kind kind, String table) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(kind == Kind.H2 ? "SET LOCK_TIMEOUT 120000" : "SET LOCAL lock_timeout = '120s'");
            try (ResultSet r = s.executeQuery("SELECT id FROM " + table + " FOR UPDATE")) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                }
            }
            c.rollback();
            c.setAutoCommit(true);
        }
        return ids;
    }
}
