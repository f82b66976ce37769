/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import io.agroal.api.AgroalDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A poison row: one whose every delivery attempt fails in a way that makes the whole batch's
 * transaction fail, not just the row's attempt. Its failed attempts must still be counted, so that
 * it becomes a dead letter after the configured attempts, and the rows around it must be delivered
 * (each once) rather than held back or delivered again with it.
 */
class RelayPoisonTest extends H2Relays {

    private static AgroalDataSource postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = Databases.pool(Databases.url(Databases.Kind.POSTGRESQL), "postgres", 4);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    private static DataSource pool(Databases.Kind kind) {
        return kind == Databases.Kind.H2 ? h2 : postgres;
    }

    /** Connections of their own (no pool: a connection whose session was ended is not reused). */
    private static DataSource unpooled(Databases.Kind kind) {
        if (kind == Databases.Kind.POSTGRESQL) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(Databases.url(kind));
            return ds;
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(Databases.url(kind));
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    /** {@code target}, remembering the last connection it gave out in {@code last}. */
    private static DataSource remembering(DataSource target, AtomicReference<Connection> last) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(target, args);
                        if (result instanceof Connection c) {
                            last.set(c);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * Ends the database session of {@code relays}, as the database does when a session times out
     * ({@code idle_in_transaction_session_timeout}) or is killed.
     */
    private static void endSession(Databases.Kind kind, Connection relays) throws SQLException {
        boolean h2Session = kind == Databases.Kind.H2;
        int session;
        try (Statement s = relays.createStatement();
                ResultSet r = s.executeQuery(h2Session ? "CALL SESSION_ID()" : "SELECT pg_backend_pid()")) {
            r.next();
            session = r.getInt(1);
        }
        try (Connection admin = pool(kind).getConnection(); Statement s = admin.createStatement();
                ResultSet r = s.executeQuery(h2Session ? "CALL ABORT_SESSION(" + session + ")"
                        : "SELECT pg_terminate_backend(" + session + ", 60000)")) {
            r.next();
            assertThat(r.getBoolean(1)).as("session %s ended", session).isTrue();
        }
    }

    /** Writes orders 0 to {@code events - 1} through an accept-only sink (the relay is not woken). */
    private void fill(DataSource ds, String table, int events) {
        DurableSink<Order> writer = DurableSink.builder("orders", Order.class, ds).table(table).clock(clock)
                .buildAcceptOnly();
        sinks.add(writer);
        for (int i = 0; i < events; i++) {
            writer.write(new Order("c" + i, i)); // a key per event: nothing is held back by order
        }
    }

    /**
     * {@link Claim#LOCK}: while order 1 is being delivered, the database ends the relay's session
     * (PostgreSQL's {@code idle_in_transaction_session_timeout} firing during a slow write does
     * this, so does an operator or a failover), and then the write fails. The batch's transaction
     * is gone with its row locks and everything it had written, yet the attempt counts: after three
     * attempts the row is a dead letter; the rest, in the same batch and after it, is delivered once.
     */
    @ParameterizedTest
    @EnumSource(Databases.Kind.class)
    void aRowWhoseDeliveryEndsTheBatchsSessionIsCountedAndBecomesADeadLetter(Databases.Kind kind)
            throws SQLException {
        DataSource ds = pool(kind);
        String table = Databases.freshTable();
        fill(ds, table, 8);
        AtomicReference<Connection> relayConnection = new AtomicReference<>();
        List<DurableEvent<Order>> delivered = new CopyOnWriteArrayList<>();
        List<Integer> poisonAttempts = new CopyOnWriteArrayList<>();
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        DurableSink<Order> relay = DurableSink.builder("orders", Order.class, ds)
                .relayDataSource(remembering(unpooled(kind), relayConnection)).table(table).clock(clock)
                .claim(Claim.LOCK).batchSize(3).retries(3, Duration.ofSeconds(10), Duration.ofSeconds(10))
                .pollInterval(Duration.ofHours(1)).closeTimeout(Duration.ofSeconds(20)).dropListener(dead::add)
                .build(new Sink<DurableEvent<Order>>() {
                    @Override
                    public void write(DurableEvent<Order> event) {
                        if (event.event().n() != 1) {
                            delivered.add(event);
                            return;
                        }
                        poisonAttempts.add(event.attempt());
                        try {
                            endSession(kind, relayConnection.get()); // the batch's connection: the only one open now
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        throw new SinkException("receiver timed out");
                    }

                    @Override
                    public void close() {
                    }
                });
        sinks.add(relay);

        // the first attempt: counted, the others delivered, none twice, without waiting for a poll
        await().until(() -> DurableSinkTest.rows(ds, table, "attempts = 1") == 1);
        assertThat(DurableSinkTest.rows(ds, table, "attempts = 1 AND last_error LIKE '%receiver timed out%'"))
                .isEqualTo(1);
        await().until(() -> delivered.size() == 7);
        assertThat(delivered).extracting(e -> e.event().n()).containsExactlyInAnyOrder(0, 2, 3, 4, 5, 6, 7);
        await().until(() -> DurableSinkTest.rows(ds, table, "") == 1); // only the poison row is left

        clock.advance(Duration.ofSeconds(10));
        relay.wake();
        await().until(() -> DurableSinkTest.rows(ds, table, "attempts = 2") == 1);

        clock.advance(Duration.ofSeconds(10));
        relay.wake();
        await().until(() -> dead.size() == 1);
        assertThat(dead.get(0).reason()).isEqualTo(DropReason.GAVE_UP);
        assertThat(dead.get(0).attempts()).isEqualTo(3);
        assertThat(DurableSinkTest.rows(ds, table, "status = 'DEAD' AND dead_reason = 'EXHAUSTED' AND attempts = 3"
                + " AND last_error LIKE '%receiver timed out%'")).isEqualTo(1);
        assertThat(poisonAttempts).containsExactly(1, 2, 3);
        assertThat(delivered).hasSize(7);
    }

    /**
     * Both claim modes, PostgreSQL: a failure whose text holds a NUL character (an exception quoting
     * a binary response) cannot be stored as such in a text column; the attempt is still recorded
     * (the NUL replaced), the row becomes a dead letter after its attempts, and the others are
     * delivered once.
     */
    @ParameterizedTest
    @EnumSource(Claim.class)
    void aFailureWhoseTextHoldsANulCharacterIsRecorded(Claim claim) throws SQLException {
        String table = Databases.freshTable();
        fill(postgres, table, 5);
        List<DurableEvent<Order>> delivered = new CopyOnWriteArrayList<>();
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        DurableSink<Order> relay = DurableSink.builder("orders", Order.class, postgres).table(table).clock(clock)
                .claim(claim).batchSize(10).retries(2, Duration.ofSeconds(10), Duration.ofSeconds(10))
                .pollInterval(Duration.ofHours(1)).closeTimeout(Duration.ofSeconds(20)).dropListener(dead::add)
                .build(new Sink<DurableEvent<Order>>() {
                    @Override
                    public void write(DurableEvent<Order> event) {
                        if (event.event().n() == 1) {
                            throw new SinkException("receiver answered 400: \u0000\u0001binary");
                        }
                        delivered.add(event);
                    }

                    @Override
                    public void close() {
                    }
                });
        sinks.add(relay);

        await().until(() -> DurableSinkTest.rows(postgres, table, "attempts = 1") == 1);
        assertThat(DurableSinkTest.rows(postgres, table, "last_error LIKE '%receiver answered 400: %binary%'"))
                .isEqualTo(1);
        await().until(() -> DurableSinkTest.rows(postgres, table, "") == 1);
        assertThat(delivered).extracting(e -> e.event().n()).containsExactlyInAnyOrder(0, 2, 3, 4);

        clock.advance(Duration.ofSeconds(10));
        relay.wake();
        await().until(() -> dead.size() == 1);
        assertThat(dead.get(0).attempts()).isEqualTo(2);
        assertThat(DurableSinkTest.rows(postgres, table, "status = 'DEAD' AND attempts = 2")).isEqualTo(1);
        assertThat(delivered).extracting(e -> e.event().n()).containsExactlyInAnyOrderElementsOf(
                IntStream.of(0, 2, 3, 4).boxed().toList());
    }

    private static final int WRITERS = 4;
    private static final int PER_WRITER = 60;
    private static final int RELAYS = 3;

    private static boolean poison(int n) {
        return n % 10 == 3;
    }

    /**
     * {@link Claim#LOCK}, three relays and four writers on one table, started behind a barrier in
     * random order; every tenth event ends its relay's session and fails on every attempt. Checked:
     * each poison row is a dead letter with exactly the configured attempts, reported once; every
     * other event is delivered and completed exactly once ({@code MARK_DONE} counts the delivering
     * attempt: 1 on each); no row is ever in two relays' writes at once.
     */
    @Test
    void poisonRowsAmongManyRelaysAreCountedAndBuriedAndTheRestIsCompletedOnce() throws Exception {
        String table = Databases.freshTable();
        long seed = System.nanoTime();
        System.out.println("RelayPoisonTest seed " + seed);
        Map<UUID, Boolean> inFlight = new ConcurrentHashMap<>();
        List<UUID> overlaps = new CopyOnWriteArrayList<>();
        Map<Integer, Integer> deliveries = new ConcurrentHashMap<>();
        Map<Integer, Integer> poisonAttempts = new ConcurrentHashMap<>();
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        List<DurableSink<Order>> relays = new CopyOnWriteArrayList<>();
        DurableSink<Order> writer = DurableSink.builder("orders", Order.class, h2).table(table).clock(clock)
                .buildAcceptOnly();
        sinks.add(writer);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + RELAYS);
        try {
            CyclicBarrier start = new CyclicBarrier(WRITERS + RELAYS);
            List<Runnable> starters = new ArrayList<>();
            for (int r = 0; r < RELAYS; r++) {
                String owner = "relay-" + r;
                starters.add(() -> {
                    AtomicReference<Connection> connection = new AtomicReference<>();
                    Sink<DurableEvent<Order>> inner = new Sink<>() {
                        @Override
                        public void write(DurableEvent<Order> e) {
                            if (inFlight.putIfAbsent(e.id(), Boolean.TRUE) != null) {
                                overlaps.add(e.id());
                            }
                            Thread.yield(); // widen the window in which an overlap would show
                            inFlight.remove(e.id());
                            int n = e.event().n();
                            if (!poison(n)) {
                                deliveries.merge(n, 1, Integer::sum);
                                return;
                            }
                            poisonAttempts.merge(n, 1, Integer::sum);
                            try {
                                endSession(Databases.Kind.H2, connection.get()); // from here on, the rows are unlocked
                            } catch (SQLException x) {
                                throw new IllegalStateException(x);
                            }
                            throw new SinkException("receiver timed out");
                        }

                        @Override
                        public void close() {
                        }
                    };
                    arrive(start);
                    DurableSink<Order> relay = DurableSink.builder("orders", Order.class, h2)
                            .relayDataSource(remembering(unpooled(Databases.Kind.H2), connection)).table(table).clock(clock)
                            .owner(owner).claim(Claim.LOCK).batchSize(5).completion(Completion.MARK_DONE,
                                    Duration.ofDays(1000)).retries(3, Duration.ofSeconds(1), Duration.ofSeconds(1))
                            .pollInterval(Duration.ofHours(1)).closeTimeout(Duration.ofSeconds(20))
                            .dropListener(dead::add).build(inner);
                    relays.add(relay);
                    sinks.add(relay);
                });
            }
            for (int w = 0; w < WRITERS; w++) {
                int writerId = w;
                starters.add(() -> {
                    arrive(start);
                    for (int i = 0; i < PER_WRITER; i++) {
                        writer.write(new Order("w" + writerId, writerId * 1000 + i));
                    }
                });
            }
            Collections.shuffle(starters, new Random(seed));
            List<Future<?>> tasks = new ArrayList<>();
            for (Runnable s : starters) {
                tasks.add(pool.submit(s));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
            // each look moves the clock past every backoff and wakes the relays (they poll hourly)
            await().until(() -> {
                clock.advance(Duration.ofSeconds(1));
                relays.forEach(DurableSink::wake);
                return DurableSinkTest.rows(h2, table, "status = 'PENDING'") == 0;
            });
        } finally {
            pool.shutdownNow();
        }
        System.out.println("RelayPoisonTest: healthy events delivered more than once: "
                + deliveries.values().stream().filter(c -> c > 1).count() + ", poison attempts beyond the 3 counted: "
                + poisonAttempts.values().stream().mapToInt(c -> c - 3).sum());
        int poisoned = WRITERS * PER_WRITER / 10;
        int healthy = WRITERS * PER_WRITER - poisoned;
        assertThat(overlaps).isEmpty();
        assertThat(DurableSinkTest.rows(h2, table, "status = 'DEAD' AND dead_reason = 'EXHAUSTED' AND attempts = 3"))
                .isEqualTo(poisoned);
        assertThat(dead).hasSize(poisoned).allSatisfy(d -> {
            assertThat(d.reason()).isEqualTo(DropReason.GAVE_UP);
            assertThat(d.attempts()).isEqualTo(3);
        });
        assertThat(dead.stream().map(d -> ((DurableEvent<?>) d.event()).id()).distinct()).hasSize(poisoned);
        assertThat(poisonAttempts).hasSize(poisoned).allSatisfy((n, attempts) -> assertThat(attempts)
                .isGreaterThanOrEqualTo(3));
        assertThat(deliveries).hasSize(healthy).doesNotContainKeys(poisonAttempts.keySet().toArray(Integer[]::new));
        assertThat(DurableSinkTest.rows(h2, table, "status = 'DONE' AND attempts = 1")).isEqualTo(healthy);
        assertThat(DurableSinkTest.rows(h2, table, "")).isEqualTo(healthy + poisoned);
    }

    private static void arrive(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event type of {@link #aRowWhoseEventClassCannotBeInitializedIsUndecodableAndTheRelayCarriesOn}. */
    public interface Shape {
    }

    /** A well-behaved {@link Shape}. */
    public record Square(int side) implements Shape {
    }

    /** A {@link Shape} whose class fails to initialize (its static initializer throws). */
    public static final class Broken implements Shape {
        static final int SIDE = Integer.parseInt("not a number");
        public int side;
    }

    /**
     * Both claim modes: a row naming an event class whose initialization fails (JSON-B meets an
     * {@link ExceptionInInitializerError}, then a {@link NoClassDefFoundError}) is an
     * {@code UNDECODABLE} dead letter; the relay goes on with the next row.
     */
    @ParameterizedTest
    @EnumSource(Claim.class)
    void aRowWhoseEventClassCannotBeInitializedIsUndecodableAndTheRelayCarriesOn(Claim claim) throws SQLException {
        String table = Databases.freshTable();
        DurableSink<Shape> writer = DurableSink.builder("shapes", Shape.class, h2).table(table).clock(clock)
                .buildAcceptOnly();
        sinks.add(writer);
        writer.write(new Square(1));
        try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE " + table + " SET type = '" + Broken.class.getName() + "', payload = '{\"side\":1}'");
        }
        writer.write(new Square(2));
        List<Shape> delivered = new CopyOnWriteArrayList<>();
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        DurableSink<Shape> relay = DurableSink.builder("shapes", Shape.class, h2).table(table).clock(clock)
                .claim(claim).pollInterval(Duration.ofHours(1)).closeTimeout(Duration.ofSeconds(20))
                .dropListener(dead::add).build(new Sink<DurableEvent<Shape>>() {
                    @Override
                    public void write(DurableEvent<Shape> event) {
                        delivered.add(event.event());
                    }

                    @Override
                    public void close() {
                    }
                });
        sinks.add(relay);
        await().until(() -> dead.size() == 1 && delivered.size() == 1);
        assertThat(delivered).containsExactly(new Square(2));
        assertThat(DurableSinkTest.rows(h2, table, "status = 'DEAD' AND dead_reason = 'UNDECODABLE'")).isEqualTo(1);
        relay.write(new Square(3)); // the relay is still there (and woken by its own sink's write)
        await().until(() -> delivered.size() == 2);
    }
}
