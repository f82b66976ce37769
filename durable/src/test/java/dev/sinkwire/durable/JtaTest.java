/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Accepting inside a JTA transaction (Narayana, with Agroal's enlisted pool) on PostgreSQL and H2:
 * the event and the business row commit or roll back together, and the relay is woken by the
 * commit (it polls once an hour here, so nothing else would deliver).
 */
class JtaTest {

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theEventCommitsAndRollsBackWithTheBusinessRowAndTheCommitWakesTheRelay(Databases.Kind kind)
            throws Exception {
        TransactionManager tm = Databases.transactionManager();
        String table = Databases.freshTable();
        String business = "orders_" + table;
        try (AgroalDataSource ds = Databases.pool(Databases.url(kind), Databases.user(kind), 5, tm,
                Databases.registry());
                AgroalDataSource relay = Databases.pool(Databases.url(kind), Databases.user(kind), 2)) {
            try (Connection c = relay.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + business + " (n INTEGER PRIMARY KEY)");
            }
            Recorder inner = new Recorder();
            List<UUID> ids = new CopyOnWriteArrayList<>();
            try (DurableSink<Order> sink = DurableSink.builder("orders", Order.class, ds).table(table)
                    .transactions(JtaTransactions.of(Databases.registry())).relayDataSource(relay)
                    .pollInterval(Duration.ofHours(1)).ids(() -> {
                        UUID id = UUID.randomUUID();
                        ids.add(id);
                        return id;
                    }).build(inner)) {

                // rolled back: business row and events vanish together
                tm.begin();
                insertBusinessRow(ds, business, 1);
                sink.write(new Order("a", 1));
                sink.write(new Order("a", 2));
                tm.rollback();

                // committed: both stay, and the commit (not a poll) wakes the relay
                tm.begin();
                insertBusinessRow(ds, business, 3);
                sink.write(new Order("a", 3));
                sink.write(new Order("a", 4));
                assertThat(inner.delivered).isEmpty(); // not visible before commit
                tm.commit();
                await().atMost(Duration.ofSeconds(60)).until(() -> inner.delivered.size() == 2);
                assertThat(inner.numbers()).containsExactlyInAnyOrder(3, 4);
                assertThat(inner.delivered).extracting(DurableEvent::id).containsExactlyInAnyOrderElementsOf(
                        ids.subList(2, 4));

                // outside a transaction: commits on its own
                sink.write(new Order("a", 5));
                await().until(() -> inner.delivered.size() == 3);

                // a failed write inside a transaction (unserializable key) writes nothing; the caller rolls back
                DurableSink<Order> badKey = DurableSink.builder("orders", Order.class, ds).table(table)
                        .transactions(JtaTransactions.of(Databases.registry())).relayDataSource(relay)
                        .pollInterval(Duration.ofHours(1)).key(o -> {
                            throw new IllegalStateException("no key");
                        }).build(new Recorder());
                tm.begin();
                insertBusinessRow(ds, business, 6);
                assertThatThrownBy(() -> badKey.write(new Order("a", 6))).isInstanceOf(DurableException.class)
                        .hasMessageContaining("'orders'").hasMessageContaining("nothing was written");
                tm.rollback();
                badKey.close();

                assertThat(inner.numbers()).containsExactlyInAnyOrder(3, 4, 5);
                assertThat(DurableSinkTest.rows(relay, business, "")).isEqualTo(1);
                assertThat(DurableSinkTest.rows(relay, table, "")).isZero();
            }
        }
    }

    private static void insertBusinessRow(javax.sql.DataSource ds, String table, int n) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement p = c.prepareStatement("INSERT INTO " + table + " (n) VALUES (?)")) {
            p.setInt(1, n);
            p.executeUpdate();
        }
    }
}
