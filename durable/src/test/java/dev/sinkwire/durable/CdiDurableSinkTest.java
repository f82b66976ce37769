/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.core.SinkStats;
import dev.sinkwire.durable.CdiFixtures.Deliveries;
import dev.sinkwire.durable.CdiFixtures.Delivered;
import dev.sinkwire.durable.CdiFixtures.Jta;
import dev.sinkwire.durable.CdiFixtures.OrdersSink;
import dev.sinkwire.durable.cdi.DurableDeadLetters;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A durable sink configured by keys alone ({@code sinkwire.sinks.orders.store=jdbc}) under Weld SE
 * with the Sinkwire extension: delivery through the sink's chain with the outbox id, JTA commit and
 * rollback (Narayana, Agroal, PostgreSQL and H2), a restart that delivers what the previous
 * container accepted, the dead-letter bean, and exact counts under concurrent writers.
 */
class CdiDurableSinkTest {

    @TempDir
    Path directory;

    @BeforeEach
    @AfterEach
    void reset() throws Exception {
        Deliveries.reset();
        TransactionManager tm = Databases.transactionManager();
        if (tm.getStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
            tm.rollback(); // a failed test must not leave its transaction on the thread
        }
    }

    /** The embedded default: an H2 file database under {@code store.h2.directory}. */
    private CdiContainer.Builder embedded(Map<String, String> more) {
        Map<String, String> keys = new HashMap<>(Map.of("store", "jdbc", "store.h2.directory", directory.toString()));
        keys.putAll(more);
        return CdiContainer.builder().beans(OrdersSink.class).sink("orders", keys);
    }

    /** The application's JTA DataSource on {@code kind}, in a fresh table. */
    private static CdiContainer.Builder jta(Databases.Kind kind, String table, Map<String, String> more) {
        Jta.KIND.set(kind);
        Map<String, String> keys = new HashMap<>(Map.of("store", "jdbc", "store.datasource", "ordersDb",
                "store.table", table));
        keys.putAll(more);
        return CdiContainer.builder().beans(OrdersSink.class, Jta.class).sink("orders", keys);
    }

    @Test
    void aSinkConfiguredByKeysDeliversThroughItsChainWithTheOutboxId() {
        try (CdiContainer c = embedded(Map.of()).start()) {
            String line = c.chainLine("orders");
            assertThat(line).contains("DurableStore[").contains("embedded H2").contains("own transactions");
            for (int i = 1; i <= 20; i++) {
                c.fire(new Order("c" + (i % 3), i));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> Deliveries.ALL.size() == 20);
            assertThat(Deliveries.numbers()).containsExactlyInAnyOrderElementsOf(range(1, 20));
            assertThat(Deliveries.ALL).extracting(Delivered::id).doesNotHaveDuplicates().doesNotContainNull();
            assertThat(Deliveries.ALL).extracting(Delivered::thread).allMatch(t -> t.startsWith("sinkwire-durable-"));
            await().until(() -> c.stats("orders").delivered() == 20);
            SinkStats stats = c.stats("orders");
            assertThat(stats.accepted()).isEqualTo(20);
            assertThat(stats.pending()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anEventFiredInARolledBackTransactionIsNeverDeliveredOneThatCommitsIs(Databases.Kind kind) throws Exception {
        String table = Databases.freshTable();
        String business = "business_" + table;
        TransactionManager tm = Databases.transactionManager();
        try (CdiContainer c = jta(kind, table, Map.of()).start();
                io.agroal.api.AgroalDataSource plain = Databases.pool(Databases.url(kind), Databases.user(kind), 2)) {
            assertThat(c.chainLine("orders")).contains("store.datasource=ordersDb").contains("joins JTA transactions");
            DataSource db = c.named(DataSource.class, "ordersDb");
            execute(db, "CREATE TABLE " + business + " (n INTEGER PRIMARY KEY)");

            tm.begin();
            execute(db, "INSERT INTO " + business + " VALUES (1)");
            c.fire(new Order("a", 1));
            c.fire(new Order("a", 2));
            tm.rollback();

            tm.begin();
            execute(db, "INSERT INTO " + business + " VALUES (3)");
            c.fire(new Order("a", 3));
            c.fire(new Order("a", 4));
            assertThat(count(plain, "SELECT COUNT(*) FROM " + table)).as("not visible before the commit").isZero();
            tm.commit();

            c.fire(new Order("a", 5)); // outside a transaction: commits on its own
            await().atMost(Duration.ofSeconds(60)).until(() -> Deliveries.ALL.size() == 3);
            await().until(() -> count(plain, "SELECT COUNT(*) FROM " + table) == 0);
            assertThat(Deliveries.numbers()).containsExactlyInAnyOrder(3, 4, 5);
            assertThat(count(plain, "SELECT COUNT(*) FROM " + business)).isEqualTo(1);
            SinkStats stats = c.stats("orders");
            assertThat(stats.accepted()).as("a rolled-back event is never accepted").isEqualTo(3);
            assertThat(stats.delivered()).isEqualTo(3);
            assertThat(stats.pending()).isZero();
        }
    }

    /** A restart against the same database: the new container delivers, with the same ids. */
    @ParameterizedTest
    @EnumSource(Restart.class)
    void aRestartDeliversWhatThePreviousContainerAcceptedButDidNotDeliver(Restart restart) throws Exception {
        String table = Databases.freshTable();
        Map<String, String> keys = Map.of("store.retry.base", "20ms", "store.retry.max", "50ms",
                "store.max-attempts", "1000000");
        CdiContainer.Builder builder = restart == Restart.EMBEDDED_H2 ? embedded(keys)
                : jta(Databases.Kind.POSTGRESQL, table, keys);
        Deliveries.FAILING.set("the receiver is down");
        try (CdiContainer first = builder.start()) {
            for (int i = 1; i <= 30; i++) {
                first.fire(new Order("c", i));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> Deliveries.FAILED_IDS.size() == 30);
            SinkStats stats = first.stats("orders");
            assertThat(stats.accepted()).isEqualTo(30);
            assertThat(stats.delivered()).isZero();
            assertThat(stats.pending()).isEqualTo(30);
        }
        Map<Integer, UUID> attempted = new HashMap<>(Deliveries.FAILED_IDS);
        assertThat(Deliveries.ALL).isEmpty();
        Deliveries.FAILING.set(null);

        try (CdiContainer second = builder.start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> Deliveries.ALL.size() == 30);
            assertThat(Deliveries.numbers()).containsExactlyInAnyOrderElementsOf(range(1, 30));
            for (Delivered d : Deliveries.ALL) {
                assertThat(d.id()).as("order " + d.order().n()).isEqualTo(attempted.get(d.order().n()));
            }
            await().until(() -> second.stats("orders").delivered() == 30);
            SinkStats stats = second.stats("orders");
            assertThat(stats.pending()).isZero();
            assertThat(second.get(DurableDeadLetters.class).of("orders").count()).isZero();
        }
    }

    /** Where the restart test's database is. */
    enum Restart {
        /** The embedded default, an H2 file database in a directory. */
        EMBEDDED_H2,
        /** The application's JTA DataSource on PostgreSQL. */
        POSTGRESQL
    }

    @Test
    void theDeadLetterBeanListsReplaysAndPurgesBySinkName() {
        Deliveries.FAILING.set("the receiver said 400");
        try (CdiContainer c = embedded(Map.of("store.max-attempts", "2", "store.retry.base", "10ms",
                "store.retry.max", "20ms")).start()) {
            DurableDeadLetters deadLetters = c.get(DurableDeadLetters.class);
            assertThat(deadLetters.sinks()).containsExactly("orders");
            for (int i = 1; i <= 3; i++) {
                c.fire(new Order("c", i));
            }
            OutboxDeadLetters letters = deadLetters.of("orders");
            await().atMost(Duration.ofSeconds(60)).until(() -> letters.count() == 3);
            List<OutboxDeadLetters.Entry> list = letters.list(10);
            assertThat(list).hasSize(3).allSatisfy(e -> {
                assertThat(e.attempts()).isEqualTo(2);
                assertThat(e.lastError()).contains("the receiver said 400");
            });
            await().until(() -> c.stats("orders").droppedTotal() == 3);
            assertThat(c.stats("orders").pending()).isZero();
            Map<Integer, UUID> ids = Map.copyOf(Deliveries.FAILED_IDS);

            Deliveries.FAILING.set(null);
            assertThat(letters.replay(ids.get(1))).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> Deliveries.ALL.size() == 1);
            assertThat(Deliveries.ALL.get(0).id()).as("a replay keeps the id").isEqualTo(ids.get(1));
            assertThat(letters.purge(ids.get(2))).isTrue();
            assertThat(letters.list(10)).extracting(OutboxDeadLetters.Entry::id).containsExactly(ids.get(3));
            assertThat(letters.purgeAll()).isEqualTo(1);
            assertThat(letters.count()).isZero();
            assertThat(Deliveries.numbers()).containsExactly(1);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> deadLetters.of("audit")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("durable sinks (store=jdbc):"
                            + " orders");
        }
    }

    /**
     * Writers on many threads, each in its own JTA transactions of 1-5 events, a random third rolled
     * back, started behind a barrier in random order: every committed event delivered exactly
     * once, none of the rolled-back ones, and the counts exact.
     */
    @Test
    void concurrentWritersThroughCdiKeepExactCounts() throws Exception {
        String table = Databases.freshTable();
        int threads = 8;
        int perThread = 60;
        TransactionManager tm = Databases.transactionManager();
        try (CdiContainer c = jta(Databases.Kind.POSTGRESQL, table, Map.of()).start()) {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Integer> order = new ArrayList<>(range(0, threads - 1));
            Collections.shuffle(order);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<Integer>>> committed = new ArrayList<>();
            try {
                for (int w : order) {
                    committed.add(pool.submit(() -> {
                        List<Integer> mine = new ArrayList<>();
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        start.await();
                        int n = 0;
                        while (n < perThread) {
                            int size = Math.min(perThread - n, 1 + random.nextInt(5));
                            boolean rollback = random.nextInt(3) == 0;
                            List<Integer> batch = new ArrayList<>();
                            tm.begin();
                            for (int i = 0; i < size; i++, n++) {
                                int number = w * perThread + n;
                                c.fire(new Order("w" + w, number));
                                batch.add(number);
                            }
                            if (rollback) {
                                tm.rollback();
                            } else {
                                tm.commit();
                                mine.addAll(batch);
                            }
                        }
                        return mine;
                    }));
                }
                List<Integer> expected = new ArrayList<>();
                for (Future<List<Integer>> f : committed) {
                    expected.addAll(f.get());
                }
                await().atMost(Duration.ofSeconds(120)).until(() -> c.stats("orders").delivered() == expected.size());
                assertThat(Deliveries.numbers()).containsExactlyInAnyOrderElementsOf(expected);
                SinkStats stats = c.stats("orders");
                assertThat(stats.accepted()).isEqualTo(expected.size());
                assertThat(stats.delivered()).isEqualTo(expected.size());
                assertThat(stats.droppedTotal()).isZero();
                assertThat(stats.pending()).isZero();
                assertThat(expected.size()).as("some transactions committed, some rolled back")
                        .isBetween(1, threads * perThread - 1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aDataSourceIsFoundByItsIdentifierQualifier() {
        String table = Databases.freshTable();
        try (CdiContainer c = CdiContainer.builder().beans(OrdersSink.class, CdiFixtures.Identified.class)
                .sink("orders", Map.of("store", "jdbc", "store.datasource", "salesDb", "store.table", table)).start()) {
            assertThat(c.chainLine("orders")).contains("store.datasource=salesDb").contains("table=" + table)
                    .contains("own transactions");
            c.fire(new Order("c", 1));
            await().atMost(Duration.ofSeconds(60)).until(() -> Deliveries.ALL.size() == 1);
        }
    }

    @Test
    void anEventTheStoreCannotWriteFailsTheFireNamingTheSinkAndWritesNothing() {
        CdiFixtures.WidgetsSink.LABELS.clear();
        try (CdiContainer c = CdiContainer.builder().beans(CdiFixtures.WidgetsSink.class).sink("widgets",
                Map.of("store", "jdbc", "store.h2.directory", directory.toString())).start()) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> c.fire(new CdiFixtures.Widget("poison")));
            assertThat(thrown).hasMessageContaining("durable sink 'widgets': JSON-B cannot serialize an event of")
                    .hasMessageContaining("nothing was written");
            c.fire(new CdiFixtures.Widget("fine"));
            await().atMost(Duration.ofSeconds(60)).until(() -> c.stats("widgets").delivered() == 1);
            assertThat(CdiFixtures.WidgetsSink.LABELS).containsExactly("fine");
            SinkStats stats = c.stats("widgets");
            assertThat(stats.accepted()).as("the refused event was never accepted").isEqualTo(1);
            assertThat(stats.droppedTotal()).isZero();
        }
    }

    private static void execute(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            r.add(i);
        }
        return r;
    }
}
