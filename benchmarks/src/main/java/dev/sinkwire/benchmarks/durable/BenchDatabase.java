/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks.durable;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A database for one benchmark trial, with a small pool. Not thread-safe: set up and torn down by JMH. */
final class BenchDatabase implements AutoCloseable {

    private static int h2Count;

    final AgroalDataSource pool;
    private final EmbeddedPostgres postgres;

    private BenchDatabase(AgroalDataSource pool, EmbeddedPostgres postgres) {
        this.pool = pool;
        this.postgres = postgres;
    }

    /** {@code POSTGRESQL} (embedded, its own process) or {@code H2} (in-memory, in this JVM). */
    static BenchDatabase start(String kind) throws IOException, SQLException {
        if (kind.equals("POSTGRESQL")) {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new BenchDatabase(pool(pg.getJdbcUrl("postgres", "postgres"), "postgres"), pg);
        }
        if (kind.equals("H2")) {
            return new BenchDatabase(pool("jdbc:h2:mem:bench" + (++h2Count) + ";DB_CLOSE_DELAY=-1", "sa"), null);
        }
        throw new IllegalArgumentException("database " + kind + "; allowed: POSTGRESQL, H2");
    }

    private static AgroalDataSource pool(String url, String user) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> cp.maxSize(4).connectionFactoryConfiguration(cf -> cf.jdbcUrl(url)
                        .principal(new NamePrincipal(user)).credential(new SimplePassword("")))));
    }

    void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws IOException {
        pool.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
