/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.SinkClosedException;
import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The durable sink against real PostgreSQL and H2: accept, deliver with the stable id, retry,
 * dead letters (list, replay, purge), completion modes, per-key order, plain-JDBC transactions,
 * restarts, and bad input. The relay polls once an hour here: every delivery in these tests
 * happens because the sink was woken, so they also prove the wake-up path.
 */
class DurableSinkTest {

    private static AgroalDataSource postgres;
    private static AgroalDataSource h2;
    private final List<DurableSink<?>> sinks = new ArrayList<>();
    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeAll
    static void start() {
        postgres = Databases.pool(Databases.url(Databases.Kind.POSTGRESQL), "postgres", 8);
        h2 = Databases.pool(Databases.url(Databases.Kind.H2), "sa", 8);
    }

    @AfterAll
    static void stop() {
        postgres.close();
        h2.close();
    }

    @AfterEach
    void closeSinks() {
        sinks.forEach(DurableSink::close);
    }

    /** The relays' claim mode; {@link DurableSinkLockTest} runs every test again with {@link Claim#LOCK}. */
    Claim claim() {
        return Claim.LEASE;
    }

    static DataSource ds(Databases.Kind kind) {
        return kind == Databases.Kind.POSTGRESQL ? postgres : h2;
    }

    private DurableSink.Builder<Order> builder(Databases.Kind kind, String table) {
        return DurableSink.builder("orders", Order.class, ds(kind)).table(table).clock(clock).claim(claim())
                .pollInterval(Duration.ofHours(1)).closeTimeout(Duration.ofSeconds(20));
    }

    private DurableSink<Order> started(DurableSink.Builder<Order> b, Recorder inner) {
        DurableSink<Order> sink = b.build(inner);
        sinks.add(sink);
        return sink;
    }

    static long rows(DataSource ds, String table, String where) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table + (where.isEmpty() ? "" : " WHERE " + where))) {
            r.next();
            return r.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void deliversEachEventWithTheIdItWasAcceptedWith(Databases.Kind kind) throws SQLException {
        String table = Databases.freshTable();
        List<UUID> ids = new CopyOnWriteArrayList<>();
        Recorder inner = new Recorder();
        DurableSink<Order> sink = started(builder(kind, table).ids(() -> {
            UUID id = UUID.randomUUID();
            ids.add(id);
            return id;
        }), inner);

        for (int i = 0; i < 250; i++) {
            sink.write(new Order("c" + (i % 7), i));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> inner.delivered.size() == 250);
        assertThat(inner.numbers()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, 250).boxed().toList());
        for (DurableEvent<Order> e : inner.delivered) {
            assertThat(e.id()).isEqualTo(ids.get(e.event().n()));
            assertThat(e.sink()).isEqualTo("orders");
            assertThat(e.attempt()).isEqualTo(1);
            assertThat(e.event().customer()).isEqualTo("c" + (e.event().n() % 7));
        }
        await().until(() -> rows(ds(kind), table, "") == 0); // delivered rows are deleted
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void retriesWithBackoffThenBuriesAndReportsADeadLetterThatCanBeReplayedAndPurged(Databases.Kind kind)
            throws SQLException {
        String table = Databases.freshTable();
        Recorder inner = new Recorder();
        inner.fails = e -> e.event().n() == 1;
        List<DeadLetter> drops = new CopyOnWriteArrayList<>();
        DurableSink<Order> sink = started(builder(kind, table)
                .retries(3, Duration.ofSeconds(10), Duration.ofSeconds(15)).dropListener(drops::add), inner);

        sink.write(new Order("a", 0));
        sink.write(new Order("a", 1));
        await().until(() -> inner.delivered.size() == 1 && inner.failed.size() == 1);
        await().until(() -> rows(ds(kind), table, "attempts = 1") == 1); // rescheduled before the clock moves

        // not due yet: a wake-up alone does not retry it
        clock.advance(Duration.ofSeconds(9));
        sink.wake();
        sink.write(new Order("a", 2)); // a round that surely ran after the wake-up
        await().until(() -> inner.delivered.size() == 2);
        assertThat(inner.failed).hasSize(1);

        clock.advance(Duration.ofSeconds(1)); // 10 s: the first backoff is over
        sink.wake();
        await().until(() -> inner.failed.size() == 2);
        assertThat(inner.failed.get(1).attempt()).isEqualTo(2);
        assertThat(inner.failed.get(1).id()).isEqualTo(inner.failed.get(0).id());
        await().until(() -> rows(ds(kind), table, "attempts = 2") == 1);

        clock.advance(Duration.ofSeconds(15)); // second backoff: 20 s capped at 15 s
        sink.wake();
        await().until(() -> drops.size() == 1);
        assertThat(inner.failed).hasSize(3);
        DeadLetter letter = drops.get(0);
        assertThat(letter.sink()).isEqualTo("orders");
        assertThat(letter.reason()).isEqualTo(DropReason.GAVE_UP);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.cause()).hasMessageContaining("receiver refused");
        assertThat(((DurableEvent<?>) letter.event()).id()).isEqualTo(inner.failed.get(0).id());

        List<OutboxDeadLetters.Entry> dead = sink.deadLetters().list(10);
        assertThat(dead).hasSize(1);
        OutboxDeadLetters.Entry entry = dead.get(0);
        assertThat(entry.id()).isEqualTo(inner.failed.get(0).id());
        assertThat(entry.attempts()).isEqualTo(3);
        assertThat(entry.reason()).isEqualTo("EXHAUSTED");
        assertThat(entry.lastError()).contains("receiver refused");
        assertThat(entry.type()).isEqualTo(Order.class.getName());
        assertThat(entry.payload()).contains("\"n\"");
        assertThat(sink.deadLetters().count()).isEqualTo(1);

        // replay: pending again with the same id, and delivered once the receiver accepts it
        inner.fails = e -> false;
        assertThat(sink.deadLetters().replay(entry.id())).isTrue();
        await().until(() -> inner.delivered.size() == 3);
        assertThat(inner.delivered.get(2).id()).isEqualTo(entry.id());
        assertThat(inner.delivered.get(2).attempt()).isEqualTo(1);
        assertThat(sink.deadLetters().count()).isZero();
        assertThat(sink.deadLetters().replay(entry.id())).isFalse();

        // purge
        inner.fails = e -> true;
        int failedBefore = inner.failed.size();
        sink.write(new Order("b", 3)); // wakes the relay itself: its first attempt may come before the loop
        for (int attempt = 1; attempt <= 3; attempt++) {
            int expected = failedBefore + attempt;
            sink.wake();
            await().until(() -> inner.failed.size() >= expected);
            String recorded = "attempts = " + attempt;
            await().until(() -> rows(ds(kind), table, recorded) == 1);
            clock.advance(Duration.ofSeconds(15));
        }
        await().until(() -> sink.deadLetters().count() == 1);
        UUID id = sink.deadLetters().list(1).get(0).id();
        assertThat(sink.deadLetters().purge(id)).isTrue();
        assertThat(sink.deadLetters().purgeAll()).isZero();
        assertThat(rows(ds(kind), table, "")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aRowThatCannotBeReadBackBecomesADeadLetterAtOnce(Databases.Kind kind) throws SQLException {
        String table = Databases.freshTable();
        Recorder inner = new Recorder();
        List<DeadLetter> drops = new CopyOnWriteArrayList<>();
        DurableSink<Order> sink = started(builder(kind, table).dropListener(drops::add), inner);
        try (Connection c = ds(kind).getConnection()) {
            c.setAutoCommit(false); // the relay must never see the row before its type is spoiled
            UUID id = sink.write(c, new Order("x", 1));
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE " + table + " SET type = 'java.lang.String' WHERE id = '" + id + "'");
            }
            c.commit();
            c.setAutoCommit(true);
        }
        sink.wake();
        await().until(() -> drops.size() == 1);
        assertThat(inner.delivered).isEmpty();
        assertThat(drops.get(0).event()).isInstanceOf(String.class);
        assertThat(drops.get(0).cause()).hasMessageContaining("java.lang.String is not a " + Order.class.getName());
        assertThat(sink.deadLetters().list(5)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("UNDECODABLE"));
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void markDoneKeepsDeliveredRowsUntilPurged(Databases.Kind kind) throws SQLException {
        String table = Databases.freshTable();
        Recorder inner = new Recorder();
        DurableSink<Order> sink = started(builder(kind, table)
                .completion(Completion.MARK_DONE, Duration.ofHours(1)), inner);
        sink.write(new Order("a", 1));
        sink.write(new Order("a", 2));
        await().until(() -> inner.delivered.size() == 2);
        await().until(() -> rows(ds(kind), table, "status = 'DONE'") == 2);
        assertThat(sink.deadLetters().purgeDone(clock.instant())).isZero(); // completed at clock time: not before
        clock.advance(Duration.ofMinutes(61));
        sink.write(new Order("a", 3)); // the next round purges rows done over an hour ago
        await().until(() -> inner.delivered.size() == 3);
        await().until(() -> rows(ds(kind), table, "") == 1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(sink.deadLetters().purgeDone(clock.instant())).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void perKeyOrderHoldsAnEventBackUntilTheEarlierOneOfItsKeyIsDelivered(Databases.Kind kind) throws SQLException {
        String table = Databases.freshTable();
        Recorder inner = new Recorder();
        inner.fails = e -> e.event().n() == 0 && e.attempt() == 1;
        DurableSink<Order> sink = started(builder(kind, table).key(Order::customer).ordering(Ordering.PER_KEY)
                .retries(5, Duration.ofSeconds(1), Duration.ofSeconds(1)), inner);
        sink.write(new Order("a", 0));
        sink.write(new Order("a", 1));
        sink.write(new Order("a", 2));
        sink.write(new Order("b", 3));
        await().until(() -> inner.delivered.size() == 1);
        assertThat(inner.numbers()).containsExactly(3); // b goes ahead; a's later events wait for a's first
        await().until(() -> rows(ds(kind), table, "attempts = 1") == 1); // rescheduled before the clock moves
        for (int i = 0; i < 3; i++) {
            int before = inner.delivered.size();
            clock.advance(Duration.ofSeconds(1));
            sink.wake();
            await().until(() -> inner.delivered.size() > before);
        }
        assertThat(inner.numbers()).containsExactly(3, 0, 1, 2);
        assertThat(inner.delivered.get(0).key()).isEqualTo("b");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aPlainJdbcTransactionThatRollsBackLeavesNoEvent(Databases.Kind kind) throws SQLException {
        String table = Databases.freshTable();
        Recorder inner = new Recorder();
        DurableSink<Order> sink = started(builder(kind, table), inner);
        UUID committed;
        try (Connection c = ds(kind).getConnection()) {
            c.setAutoCommit(false);
            sink.write(c, new Order("a", 1));
            sink.write(c, new Order("a", 2));
            c.rollback();
            committed = sink.write(c, new Order("a", 3));
            c.commit();
            c.setAutoCommit(true);
        }
        sink.wake();
        await().until(() -> inner.delivered.size() == 1);
        sink.write(new Order("a", 4));
        await().until(() -> inner.delivered.size() == 2);
        assertThat(inner.numbers()).containsExactly(3, 4);
        assertThat(inner.delivered.get(0).id()).isEqualTo(committed);
        assertThat(rows(ds(kind), table, "")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void rowsLeftAtCloseAreDeliveredByTheNextStartWithTheSameIds(Databases.Kind kind) throws SQLException {
        String table = Databases.freshTable();
        Recorder first = new Recorder();
        first.fails = e -> true;
        DurableSink<Order> sink = builder(kind, table).retries(10, Duration.ofHours(1), Duration.ofHours(1))
                .build(first);
        sink.write(new Order("a", 1));
        sink.write(new Order("a", 2));
        await().until(() -> first.failed.size() == 2);
        sink.close();
        assertThat(first.closed).isTrue();
        assertThatThrownBy(() -> sink.write(new Order("a", 3))).isInstanceOf(SinkClosedException.class)
                .hasMessageContaining("orders");
        sink.close(); // idempotent
        assertThat(rows(ds(kind), table, "status = 'PENDING'")).isEqualTo(2);

        Recorder second = new Recorder();
        DurableSink<Order> restarted = started(builder(kind, table), second);
        clock.advance(Duration.ofHours(1));
        restarted.wake();
        await().until(() -> second.delivered.size() == 2);
        assertThat(second.delivered).extracting(DurableEvent::id)
                .containsExactlyInAnyOrderElementsOf(first.failed.stream().map(DurableEvent::id).toList());
        assertThat(second.delivered).extracting(DurableEvent::attempt).containsOnly(2);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void anEventJsonbCannotSerializeFailsTheWriteNamingTheSinkAndWritesNothing(Databases.Kind kind)
            throws SQLException {
        String table = Databases.freshTable();
        DurableSink<Object> sink = DurableSink.builder("audit", Object.class, ds(kind)).table(table)
                .pollInterval(Duration.ofHours(1)).build(new dev.sinkwire.Sink<DurableEvent<Object>>() {
                    @Override
                    public void write(DurableEvent<Object> event) {
                    }

                    @Override
                    public void close() {
                    }
                });
        sinks.add(sink);
        Object unserializable = new Object() {
            @SuppressWarnings("unused")
            public String getBoom() {
                throw new IllegalStateException("no JSON for you");
            }
        };
        assertThatThrownBy(() -> sink.write(unserializable)).isInstanceOf(DurableException.class)
                .hasMessageContaining("durable sink 'audit'").hasMessageContaining("JSON-B cannot serialize")
                .hasMessageContaining("nothing was written");
        assertThatThrownBy(() -> sink.write(null)).isInstanceOf(NullPointerException.class);
        assertThat(rows(ds(kind), table, "")).isZero();
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aMissingTableWithSchemaCreationOffFailsTheBuildNamingTheTableAndTheScript(Databases.Kind kind) {
        String table = Databases.freshTable();
        String script = kind == Databases.Kind.POSTGRESQL ? "schema-postgresql.sql" : "schema-h2.sql";
        assertThatThrownBy(() -> builder(kind, table).schema(SchemaMode.VALIDATE).build(new Recorder()))
                .isInstanceOf(DurableException.class)
                .hasMessageContaining("durable sink 'orders'")
                .hasMessageContaining("table " + table + " is missing")
                .hasMessageContaining("dev/sinkwire/durable/" + script);
        // created once, the same check passes
        started(builder(kind, table), new Recorder());
        started(builder(kind, table).schema(SchemaMode.VALIDATE), new Recorder());
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theShippedScriptCreatesATableTheSinkAccepts(Databases.Kind kind) throws Exception {
        String table = Databases.freshTable();
        String resource = kind == Databases.Kind.POSTGRESQL ? "schema-postgresql.sql" : "schema-h2.sql";
        String script;
        try (var in = DurableSink.class.getResourceAsStream(resource)) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("sinkwire_outbox", table);
        }
        try (Connection c = ds(kind).getConnection(); Statement s = c.createStatement()) {
            for (String statement : script.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
        Recorder inner = new Recorder();
        DurableSink<Order> sink = started(builder(kind, table).schema(SchemaMode.VALIDATE), inner);
        sink.write(new Order("a", 1));
        await().until(() -> inner.delivered.size() == 1);
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void theTableHasTheColumnsDebeziumsOutboxRouterReads(Databases.Kind kind) throws SQLException {
        String table = Databases.freshTable();
        DurableSink<Order> sink = started(builder(kind, table).key(Order::customer).aggregateType("Order"),
                new Recorder());
        try (Connection c = ds(kind).getConnection()) {
            c.setAutoCommit(false);
            UUID id = sink.write(c, new Order("alice", 7));
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT id, aggregatetype, aggregateid, type, payload FROM " + table)) {
                assertThat(r.next()).isTrue();
                assertThat(r.getObject(1, UUID.class)).isEqualTo(id);
                assertThat(r.getString(2)).isEqualTo("Order");
                assertThat(r.getString(3)).isEqualTo("alice");
                assertThat(r.getString(4)).isEqualTo(Order.class.getName());
                assertThat(r.getString(5)).contains("\"customer\"").contains("alice").contains("7");
            }
            c.rollback();
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aDataSourceThatGivesNoConnectionFailsTheBuildNamingTheSink(Databases.Kind kind) {
        DataSource broken = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw new SQLException("connection refused (" + kind + " is down)");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        assertThatThrownBy(() -> DurableSink.builder("orders", Order.class, broken).build(new Recorder()))
                .isInstanceOf(DurableException.class)
                .hasMessageContaining("durable sink 'orders': the DataSource gives no usable connection")
                .hasMessageContaining("connection refused");
        assertThatThrownBy(() -> DurableSink.builder("orders", Order.class, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("durable sink 'orders' has no DataSource");
    }

    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void badSettingsNameTheSinkAndWhatIsAllowed(Databases.Kind kind) {
        Consumer<Runnable> fails = r -> assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'orders'");
        fails.accept(() -> builder(kind, "x").batchSize(0));
        fails.accept(() -> builder(kind, "x").table("drop table; --"));
        fails.accept(() -> builder(kind, "x").lease(Duration.ZERO));
        fails.accept(() -> builder(kind, "x").retries(0, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        fails.accept(() -> builder(kind, "x").retries(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        fails.accept(() -> builder(kind, Databases.freshTable()).ordering(Ordering.PER_KEY).build(new Recorder()));
    }
}
