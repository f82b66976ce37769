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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two relay processes on one PostgreSQL table, in each {@link Claim} mode: a child JVM and this one
 * relay the same sink's rows to one {@link Receiver}, which would notice two deliveries of one id
 * overlapping in time. Then the child is killed with SIGKILL in the middle of a delivery; the rows
 * it held are delivered by this process: with {@code LEASE} only once their lease had run out, with
 * {@code LOCK} as soon as PostgreSQL ended the dead session (no lease column is ever written). The
 * rows delivered again are exactly those the child had delivered in its unfinished claim, and those
 * whose answer a relay did not get (the receiver took the POST, the sender saw an I/O error).
 *
 * <p>Nothing here depends on how fast the machine is: leases last an hour, so none runs out on its
 * own while the test runs, and this process's relay reads a {@link TestClock} that the test moves
 * past the child's leases only after the kill; the rows the child holds are read while the
 * receiver holds its delivery, so its claim cannot change under the read.
 */
class TwoRelayProcessesTest {

    static final int EVENTS = 2_000;
    /** Longer than the test runs: a lease runs out only when the test moves a relay's clock past it. */
    static final Duration LEASE = Duration.ofHours(1);

    @ParameterizedTest
    @EnumSource(Claim.class)
    void noRowIsDeliveredByBothAndTheSurvivorTakesOverTheRowsOfTheKilledOne(Claim claim) throws Exception {
        Databases.Kind kind = Databases.Kind.POSTGRESQL;
        String url = Databases.url(kind);
        String user = Databases.user(kind);
        String table = Databases.freshTable();
        Path log = Path.of("target", "two-relays", "child-" + claim.name().toLowerCase() + ".log").toAbsolutePath();
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

            Set<String> unacked = ConcurrentHashMap.newKeySet(); // "<owner> <id> <attempt>": answers lost to an I/O error
            ChildProcess child = new ChildProcess(List.of("relay", url, user, table, "unused", receiver.url(), "0", "0",
                    "0", "child", Long.toString(LEASE.toMillis()), "50", "1", claim.name()), log);
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.from("child") >= 200);
            TestClock parentClock = new TestClock(Instant.now());
            try (DurableSink<Order> parent = DurableSink.builder("crash", Order.class, ds).table(table)
                    .owner("parent").claim(claim).lease(LEASE).batchSize(50).clock(parentClock)
                    .pollInterval(Duration.ofMillis(100))
                    .build(CrashChild.poster(URI.create(receiver.url()), "parent", u -> unacked.add(Receiver.Receipt.lostAnswer("parent", u))))) {
                long childBefore = receiver.from("child");
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> receiver.from("parent") >= 200 && receiver.from("child") >= childBefore + 200);

                // kill the child while the receiver holds one of its deliveries
                receiver.holdOwner = "child";
                assertThat(receiver.held.await(60, TimeUnit.SECONDS)).isTrue();
                // the rows the child holds, read while it waits in that delivery so its claim cannot change:
                // leased to it (LEASE: no lease runs out before the parent's clock moves), or locked by its
                // batch's transaction (LOCK, with the parent's batch: told apart by who delivered them below)
                Set<UUID> orphans = claim == Claim.LEASE ? leasedTo(ds, table, "child") : locked(ds, table);
                long killedAt = System.nanoTime();
                child.kill();
                child.awaitOutput(Duration.ofSeconds(120));
                child.unacked.forEach(u -> unacked.add(Receiver.Receipt.lostAnswer("child", u)));
                // the survivor may take the rows over from here: LOCK once the dead session ends, LEASE once
                // its clock has passed the child's leases
                long takeoverFrom = claim == Claim.LEASE ? System.nanoTime() : killedAt;
                if (claim == Claim.LEASE) {
                    parentClock.advance(LEASE.multipliedBy(2));
                }
                receiver.release.countDown();

                await().atMost(Duration.ofSeconds(120)).until(() -> receiver.receipts.stream()
                        .map(Receiver.Receipt::id).distinct().count() == EVENTS);
                await().until(() -> DurableSinkTest.rows(ds, table, "") == 0);

                assertThat(receiver.overlapping).as("no id delivered by both at the same time").isEmpty();
                // the held delivery left the overlap tracking (its relay was to be killed): the survivor may
                // deliver that id only after the kill, when the dead relay's lease or lock is gone
                assertThat(receiver.receipts).filteredOn(r -> r.id().equals(receiver.heldId))
                        .filteredOn(r -> r.owner().equals("parent"))
                        .allSatisfy(r -> assertThat(r.arrivedNanos()).as("the held id, taken over").isGreaterThan(killedAt));
                Map<UUID, List<Receiver.Receipt>> byId = receiver.receipts.stream()
                        .collect(Collectors.groupingBy(Receiver.Receipt::id));
                if (claim == Claim.LOCK) { // the rows of the child's open batch it had delivered, the held one too
                    orphans.removeIf(id -> byId.get(id).stream().noneMatch(r -> r.owner().equals("child")));
                }
                assertThat(orphans).as("the killed relay held rows, the held delivery's among them")
                        .contains(receiver.heldId);
                for (UUID orphan : orphans) {
                    List<Receiver.Receipt> late = byId.get(orphan).stream().filter(r -> r.arrivedNanos() > killedAt)
                            .toList();
                    assertThat(late).as("taken over by the survivor").isNotEmpty()
                            .allSatisfy(r -> {
                                assertThat(r.owner()).isEqualTo("parent");
                                assertThat(r.arrivedNanos()).as("once it could").isGreaterThan(takeoverFrom);
                            });
                }
                if (claim == Claim.LOCK) {
                    assertThat(DurableSinkTest.rows(ds, table, "lease_owner IS NOT NULL")).as("no lease written")
                            .isZero();
                }
                Set<UUID> repeated = byId.entrySet().stream().filter(e -> e.getValue().size() > 1)
                        .map(Map.Entry::getKey).collect(Collectors.toSet());
                // exact: delivered again are the rows the child held at the kill and had delivered already, and
                // those whose answer a relay did not get (taken by the receiver, an I/O error at the sender)
                Predicate<Receiver.Receipt> lost = r -> unacked.contains(r.lostAnswerKey());
                Set<UUID> inFlight = orphans.stream().filter(id -> byId.get(id).stream()
                        .anyMatch(r -> r.owner().equals("child") && !lost.test(r))).collect(Collectors.toSet());
                Set<UUID> answersLost = receiver.receipts.stream().filter(lost).map(Receiver.Receipt::id)
                        .collect(Collectors.toSet());
                Set<UUID> explained = new HashSet<>(inFlight);
                explained.addAll(answersLost);
                assertThat(repeated).as("delivered more than once: exactly the rows in flight at the kill or whose"
                        + " answer was lost").isEqualTo(explained);
                assertThat(byId).allSatisfy((id, receipts) -> assertThat(receipts).as("deliveries of %s", id)
                        .hasSize(1 + (inFlight.contains(id) ? 1 : 0) + (int) receipts.stream().filter(lost).count()));
                System.out.printf("two relays (claim %s): child delivered %d, parent %d, %d rows taken over after the kill,"
                        + " %d delivered again (%d in flight at the kill, %d answers lost)%n", claim,
                        receiver.from("child"), receiver.from("parent"), orphans.size(), repeated.size(), inFlight.size(),
                        answersLost.size());
            }
        }
    }

    /** The ids of the pending rows leased to {@code owner}. */
    private static Set<UUID> leasedTo(AgroalDataSource ds, String table, String owner) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT id FROM " + table + " WHERE lease_owner = ? AND status = 'PENDING'")) {
            p.setString(1, owner);
            return ids(p.executeQuery());
        }
    }

    /**
     * The ids of the rows some transaction holds locked: every row, less those a {@code SKIP LOCKED}
     * read can lock. A row completed between the two reads counts as locked too; its receipts tell.
     */
    private static Set<UUID> locked(AgroalDataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            Set<UUID> rows = ids(s.executeQuery("SELECT id FROM " + table));
            c.setAutoCommit(false);
            try {
                rows.removeAll(ids(s.executeQuery("SELECT id FROM " + table + " FOR UPDATE SKIP LOCKED")));
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            return rows;
        }
    }

    private static Set<UUID> ids(ResultSet r) throws SQLException {
        try (r) {
            Set<UUID> ids = new HashSet<>();
            while (r.next()) {
                ids.add(r.getObject(1, UUID.class));
            }
            return ids;
        }
    }
}
