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
    void reset() {
        Deliveries.reset();
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

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            r.add(i);
        }
        return r;
    }
}
