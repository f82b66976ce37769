/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two relay processes on one PostgreSQL table: a child JVM and this one relay the same sink's rows
 * to one {@link Receiver}, which would notice two deliveries of one id overlapping in time. Then
 * the child is killed with SIGKILL in the middle of a delivery; the rows it held are delivered by
 * this process, and only once their lease had run out.
 */
class TwoRelayProcessesTest {

    static final int EVENTS = 2_000;

    @Test
    void noRowIsDeliveredByBothAndTheSurvivorTakesOverTheRowsOfTheKilledOneAfterTheLease() throws Exception {
        Databases.Kind kind = Databases.Kind.POSTGRESQL;
        String url = Databases.url(kind);
        String user = Databases.user(kind);
        String table = Databases.freshTable();
        Path log = Path.of("target", "two-relays", "child.log").toAbsolutePath();
        try (AgroalDataSource ds = Databases.pool(url, user, 4);
                Receiver receiver = new Receiver(0.0, 0.3, 10)) {
            DurableSink<Order> filler = DurableSink.builder("crash", Order.class, ds).table(table).buildAcceptOnly();
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                for (int n = 0; n < EVENTS; n++) {
                    filler.write(c, new Order("run-0", n));
                }
                c.commit();
            }
            filler.close();

            ChildProcess child = new ChildProcess(List.of("relay", url, user, table, "unused", receiver.url(), "0", "0",
                    "0", "child", "3000", "50", "1"), log);
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.from("child") >= 200);
            try (DurableSink<Order> parent = DurableSink.builder("crash", Order.class, ds).table(table)
                    .owner("parent").lease(Duration.ofSeconds(3)).batchSize(50).pollInterval(Duration.ofMillis(100))
                    .build(CrashChild.poster(URI.create(receiver.url()), "parent"))) {
                long childBefore = receiver.from("child");
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> receiver.from("parent") >= 200 && receiver.from("child") >= childBefore + 200);

                // kill the child while the receiver holds one of its deliveries
                receiver.holdOwner = "child";
                assertThat(receiver.held.await(60, TimeUnit.SECONDS)).isTrue();
                child.kill();
                long killedAt = System.nanoTime();
                Map<UUID, Instant> orphans = new HashMap<>();
                try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(
                        "SELECT id, lease_until FROM " + table + " WHERE lease_owner = 'child' AND status = 'PENDING'")) {
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            orphans.put(r.getObject(1, UUID.class),
                                    r.getObject(2, java.time.OffsetDateTime.class).toInstant());
                        }
                    }
                }
                receiver.release.countDown();
                assertThat(orphans).as("the killed relay held rows").isNotEmpty();

                await().atMost(Duration.ofSeconds(120)).until(() -> receiver.receipts.stream()
                        .map(Receiver.Receipt::id).distinct().count() == EVENTS);
                await().until(() -> DurableSinkTest.rows(ds, table, "") == 0);

                assertThat(receiver.overlapping).as("no id delivered by both at the same time").isEmpty();
                Map<UUID, List<Receiver.Receipt>> byId = receiver.receipts.stream()
                        .collect(Collectors.groupingBy(Receiver.Receipt::id));
                for (Map.Entry<UUID, Instant> orphan : orphans.entrySet()) {
                    List<Receiver.Receipt> late = byId.get(orphan.getKey()).stream()
                            .filter(r -> r.arrivedNanos() > killedAt).toList();
                    assertThat(late).as("taken over by the survivor").isNotEmpty()
                            .allSatisfy(r -> {
                                assertThat(r.owner()).isEqualTo("parent");
                                assertThat(r.arrivedAt()).isAfterOrEqualTo(orphan.getValue());
                            });
                }
                Set<UUID> repeated = byId.entrySet().stream().filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::getKey).collect(Collectors.toSet());
                assertThat(orphans.keySet()).as("only rows held at the kill are delivered twice").containsAll(repeated);
                System.out.printf("two relays: child delivered %d, parent %d, %d rows taken over after the kill,"
                        + " %d delivered twice%n", receiver.from("child"), receiver.from("parent"), orphans.size(),
                        repeated.size());
            }
        }
    }
}
