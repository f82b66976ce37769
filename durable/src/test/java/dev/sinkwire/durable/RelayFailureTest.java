/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.Timekeeper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How the relay survives what its inner sink and its settings throw at it, in both claim modes (H2:
 * nothing here depends on the database): an {@link Error} or a checked exception from the inner
 * sink is one failed attempt, not the end of the relay; a poll interval or close timeout too long
 * for a nanosecond count does not stop it; and {@code close} returns even when the inner sink's
 * write ignores the interruption and only the inner sink's own {@code close} would end it.
 */
class RelayFailureTest extends H2Relays {

    private DurableSink.Builder<Order> builder(Claim claim, String table) {
        return DurableSink.builder("orders", Order.class, h2).table(table).clock(clock).claim(claim)
                .pollInterval(Duration.ofHours(1)).closeTimeout(Duration.ofSeconds(20));
    }

    private DurableSink<Order> started(DurableSink.Builder<Order> b, Sink<DurableEvent<Order>> inner) {
        DurableSink<Order> sink = b.build(inner);
        sinks.add(sink);
        return sink;
    }

    /** A sink that throws {@code failure} at the first attempt of event 1, and passes the rest to {@code recorder}. */
    private static Sink<DurableEvent<Order>> throwingOnce(Throwable failure, Recorder recorder) {
        return new Sink<>() {
            @Override
            public void write(DurableEvent<Order> event) {
                if (event.event().n() == 1 && event.attempt() == 1) {
                    Sneaky.<RuntimeException>raise(failure);
                }
                recorder.write(event);
            }

            @Override
            public void close() {
                recorder.close();
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Claim.class)
    void anErrorFromTheInnerSinkIsOneFailedAttemptAndTheRelayCarriesOn(Claim claim) throws SQLException {
        anInnerFailureIsOneFailedAttempt(claim, new AssertionError("inner sink broke its own invariant"));
    }

    @ParameterizedTest
    @EnumSource(Claim.class)
    void aStackOverflowFromTheInnerSinkIsOneFailedAttempt(Claim claim) throws SQLException {
        anInnerFailureIsOneFailedAttempt(claim, new StackOverflowError());
    }

    @ParameterizedTest
    @EnumSource(Claim.class)
    void aCheckedExceptionThrownSneakilyByTheInnerSinkIsOneFailedAttempt(Claim claim) throws SQLException {
        anInnerFailureIsOneFailedAttempt(claim, new java.io.IOException("connection reset"));
    }

    private void anInnerFailureIsOneFailedAttempt(Claim claim, Throwable failure) throws SQLException {
        String table = Databases.freshTable();
        Recorder inner = new Recorder();
        DurableSink<Order> sink = started(builder(claim, table)
                .retries(3, Duration.ofSeconds(10), Duration.ofSeconds(10)), throwingOnce(failure, inner));

        sink.write(new Order("a", 0));
        sink.write(new Order("a", 1));
        await().until(() -> DurableSinkTest.rows(h2, table, "attempts = 1") == 1);
        assertThat(DurableSinkTest.rows(h2, table, "attempts = 1 AND last_error LIKE '%"
                + failure.getClass().getSimpleName() + "%'")).isEqualTo(1);

        sink.write(new Order("a", 2)); // the relay is still there
        await().until(() -> inner.numbers().containsAll(List.of(0, 2)));

        clock.advance(Duration.ofSeconds(10));
        sink.wake();
        await().until(() -> inner.numbers().contains(1)); // retried as the row's second attempt
        assertThat(inner.delivered).filteredOn(e -> e.event().n() == 1).singleElement()
                .satisfies(e -> assertThat(e.attempt()).isEqualTo(2));
        await().until(() -> DurableSinkTest.rows(h2, table, "") == 0);
    }

    /** An event whose JSON may nest as deep as its producer likes. */
    public record Nested(List<Object> next) {
    }

    @ParameterizedTest
    @EnumSource(Claim.class)
    void aPayloadNestedTooDeeplyToReadIsAnUndecodableDeadLetterAndTheRelayCarriesOn(Claim claim) throws SQLException {
        String table = Databases.freshTable();
        DurableSink<Nested> writer = DurableSink.builder("nested", Nested.class, h2).table(table).clock(clock)
                .buildAcceptOnly();
        sinks.add(writer);
        writer.write(new Nested(List.of("x")));
        // as another producer (plain SQL, another version) may have stored it
        String deep = "{\"next\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        try (Connection c = h2.getConnection();
                java.sql.PreparedStatement p = c.prepareStatement("UPDATE " + table + " SET payload = ?")) {
            p.setString(1, deep);
            p.executeUpdate();
        }
        List<Nested> delivered = new CopyOnWriteArrayList<>();
        List<dev.sinkwire.DeadLetter> dead = new CopyOnWriteArrayList<>();
        DurableSink<Nested> relay = DurableSink.builder("nested", Nested.class, h2).table(table).clock(clock)
                .claim(claim).pollInterval(Duration.ofHours(1)).dropListener(dead::add)
                .build(DurableEvent.unwrapping(new Sink<Nested>() {
                    @Override
                    public void write(Nested event) {
                        delivered.add(event);
                    }

                    @Override
                    public void close() {
                    }
                }));
        sinks.add(relay);

        await().until(() -> DurableSinkTest.rows(h2, table, "status = 'DEAD' AND dead_reason = 'UNDECODABLE'") == 1);
        await().until(() -> dead.size() == 1); // reported once the row's update committed
        assertThat(dead.get(0).event()).isEqualTo(deep);
        // JSON-B's recursion overflows the stack, or the parser's depth limit (1,000) comes first once
        // the JIT has made the frames small enough: which one depends on the JVM's state, not on Sinkwire
        assertThat(dead.get(0).cause()).hasMessageStartingWith("JSON-B cannot read the payload as " + Nested.class.getName())
                .satisfiesAnyOf(e -> assertThat(e).hasMessageContaining("StackOverflowError"),
                        e -> assertThat(e).hasMessageContaining("too deeply nested"));
        relay.write(new Nested(List.of("y"))); // the relay is still there
        await().until(() -> delivered.size() == 1);
    }

    @ParameterizedTest
    @EnumSource(Claim.class)
    void aPollIntervalTooLongForNanosecondsDoesNotStopTheRelay(Claim claim) {
        String table = Databases.freshTable();
        Recorder inner = new Recorder();
        DurableSink<Order> sink = started(builder(claim, table).pollInterval(Duration.ofDays(365L * 1000))
                .closeTimeout(Duration.ofDays(365L * 1000)), inner);

        for (int i = 0; i < 3; i++) { // each wait after a round used to overflow and end the relay thread
            sink.write(new Order("a", i));
            int n = i;
            await().until(() -> inner.numbers().contains(n));
        }
        sink.close(); // the close timeout's nanoseconds overflowed too
        assertThat(inner.closed).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Claim.class)
    void aFailureLongAfterTheBackoffPassedWhatADurationHoldsIsStillRescheduled(Claim claim) throws SQLException {
        String table = Databases.freshTable();
        Recorder inner = new Recorder();
        inner.fails = e -> true;
        DurableSink<Order> sink = started(builder(claim, table)
                .retries(100, Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE)), inner); // "no cap"

        sink.write(new Order("a", 0));
        await().until(() -> DurableSinkTest.rows(h2, table, "attempts = 1") == 1);
        // as after 69 more failures: 1 s doubled 70 times overflows a Duration, and long before that an Instant
        try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE " + table + " SET attempts = 70, next_attempt_at = created_at");
        }
        sink.wake();
        await().until(() -> DurableSinkTest.rows(h2, table, "attempts = 71") == 1);
        assertThat(DurableSinkTest.rows(h2, table, "status = 'PENDING' AND lease_owner IS NULL"
                + " AND next_attempt_at > created_at")).isEqualTo(1);
        assertThat(inner.failed).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Claim.class)
    void closeReturnsWhenTheInnerWriteIgnoresTheInterruptAndClosesTheInnerSink(Claim claim) throws Exception {
        String table = Databases.freshTable();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch innerClosed = new CountDownLatch(1);
        List<Integer> written = new CopyOnWriteArrayList<>();
        // a write that only the inner sink's own close ends (a client blocked on a socket, say)
        Sink<DurableEvent<Order>> inner = new Sink<>() {
            @Override
            public void write(DurableEvent<Order> event) {
                writing.countDown();
                boolean interrupted = false;
                while (innerClosed.getCount() > 0) {
                    try {
                        innerClosed.await();
                    } catch (InterruptedException e) {
                        interrupted = true; // ignored, as a non-interruptible I/O call would
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                written.add(event.event().n());
                throw new SinkClosedException("inner sink closed during the write");
            }

            @Override
            public void close() {
                innerClosed.countDown();
            }
        };
        // the relay waits for real; the thread that closes finds every timeout already passed
        Timekeeper timekeeper = new Timekeeper() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public boolean await(CountDownLatch wake, long nanos) throws InterruptedException {
                if (Thread.currentThread().getName().startsWith("sinkwire-durable-")) {
                    return Timekeeper.system().await(wake, nanos);
                }
                return wake.getCount() == 0;
            }
        };
        DurableSink<Order> sink = builder(claim, table).timekeeper(timekeeper).build(inner);
        sink.write(new Order("a", 7));
        writing.await();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(sink::close);
        try {
            await().until(closing::isDone);
        } finally {
            innerClosed.countDown(); // never leave the relay thread blocked, even when the test fails
        }
        assertThat(closing).isCompleted();
        assertThat(innerClosed.getCount()).isZero();

        // the row was not delivered (the write ended with SinkClosedException): it stays, pending, for the next start
        await().until(() -> written.size() == 1);
        await().until(() -> DurableSinkTest.rows(h2, table, "status = 'PENDING' AND lease_owner IS NULL"
                + " AND attempts = 0") == 1);
    }

    /** Throws a checked exception without declaring it, as code compiled from other languages can. */
    private static final class Sneaky {
        @SuppressWarnings("unchecked")
        static <T extends Throwable> void raise(Throwable t) throws T {
            throw (T) t;
        }
    }
}
