/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks.durable;

import dev.sinkwire.Sink;
import dev.sinkwire.durable.Claim;
import dev.sinkwire.durable.DurableEvent;
import dev.sinkwire.durable.DurableSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Relay throughput: {@value #ROWS} committed rows (inserted before each invocation, not measured)
 * drained by a durable sink's relay rounds ({@link DurableSink#deliverDue()}, the code its thread
 * runs, here on the benchmark thread) into a no-op sink, against a bare SQL loop on one connection
 * that claims ({@code SELECT ... ORDER BY seq LIMIT batch FOR UPDATE SKIP LOCKED}), reads the
 * columns and deletes the same rows ({@code DELETE ... WHERE id = ANY (?)}) in batches of the same
 * size, one transaction per batch. The relay runs in both claim modes ({@code relay}: lease,
 * {@code relayLocked}: lock). An invocation ends when the table is empty; one operation is one
 * row. Goal (issue 14): the relay at least 0.7x the events/s of the bare loop.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class DurableRelayBenchmark {

    static final int ROWS = 2_000;
    static final int BATCH = 100;
    static final String TABLE = "bench_relay";

    /** The database. */
    @Param({"POSTGRESQL", "H2"})
    public String database;

    private BenchDatabase db;
    private DurableSink<BenchEvent> filler;
    private DurableSink<BenchEvent> relay;
    private DurableSink<BenchEvent> lockingRelay;
    private Connection connection;
    private final AtomicLong delivered = new AtomicLong();
    private final BenchEvent event = new BenchEvent("customer-42", 4242, "a pair of blue running shoes, size 44");

    /**
     * Starts the database, an accept-only sink to fill the table and a relaying one to drain it.
     *
     * @throws Exception if the database does not start
     */
    @Setup(Level.Trial)
    public void start() throws Exception {
        db = BenchDatabase.start(database);
        filler = DurableSink.builder("bench", BenchEvent.class, db.pool).table(TABLE).buildAcceptOnly();
        relay = relay(Claim.LEASE);
        lockingRelay = relay(Claim.LOCK);
        connection = db.pool.getConnection();
        connection.setAutoCommit(false);
    }

    /** A relaying sink into a no-op sink that counts; its thread polls hourly (the benchmark drives it). */
    private DurableSink<BenchEvent> relay(Claim claim) {
        return DurableSink.builder("bench", BenchEvent.class, db.pool).table(TABLE).batchSize(BATCH).claim(claim)
                .pollInterval(Duration.ofHours(1)).build(new Sink<DurableEvent<BenchEvent>>() {
                    @Override
                    public void write(DurableEvent<BenchEvent> e) {
                        delivered.incrementAndGet();
                    }

                    @Override
                    public void close() {
                    }
                });
    }

    /**
     * Inserts the rows of one invocation (not measured).
     *
     * @throws Exception on a database error
     */
    @Setup(Level.Invocation)
    public void fill() throws Exception {
        for (int i = 0; i < ROWS; i++) {
            filler.write(connection, event);
        }
        connection.commit();
    }

    /**
     * Stops everything.
     *
     * @throws Exception on a database error
     */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        connection.close();
        relay.close();
        lockingRelay.close();
        filler.close();
        db.close();
    }

    /**
     * The relay's rounds with {@link Claim#LEASE} (the default): claim and lease (commit), decode
     * (JSON-B), deliver, delete every row (with the next claim).
     *
     * @return the rows claimed (consumed by JMH)
     * @throws Exception on a database error
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long relay() throws Exception {
        return drain(relay);
    }

    /**
     * The relay's rounds with {@link Claim#LOCK}: claim, decode (JSON-B), deliver and delete in one
     * transaction per batch; no lease written.
     *
     * @return the rows claimed (consumed by JMH)
     * @throws Exception on a database error
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long relayLocked() throws Exception {
        return drain(lockingRelay);
    }

    private long drain(DurableSink<BenchEvent> sink) {
        long before = delivered.get();
        int claimed = sink.deliverDue(); // the relay's own rounds, on this thread (its thread only polls hourly)
        if (claimed != ROWS || delivered.get() - before != ROWS) {
            throw new IllegalStateException("claimed " + claimed + ", delivered " + (delivered.get() - before)
                    + ", expected " + ROWS);
        }
        return claimed;
    }

    /**
     * The limit: claim, read and delete in batches of the same size, one transaction each.
     *
     * @throws Exception on a database error
     * @return the number of rows read (consumed by JMH)
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long bareSqlLoop() throws Exception {
        long read = 0;
        List<UUID> ids = new ArrayList<>(BATCH);
        try (PreparedStatement claim = connection.prepareStatement("SELECT id, aggregateid, type, payload, attempts"
                + " FROM " + TABLE + " WHERE sink = ? AND status = 'PENDING' ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE id = ANY (?)")) {
            while (true) {
                ids.clear();
                claim.setString(1, "bench");
                claim.setInt(2, BATCH);
                try (ResultSet r = claim.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getObject(1, UUID.class));
                        read += r.getString(2).length() + r.getString(3).length() + r.getString(4).length()
                                + r.getInt(5);
                    }
                }
                if (ids.isEmpty()) {
                    connection.commit();
                    return read;
                }
                delete.setArray(1, connection.createArrayOf(database.equals("POSTGRESQL") ? "uuid" : "UUID",
                        ids.toArray()));
                delete.executeUpdate();
                connection.commit();
            }
        }
    }

    /**
     * Between the two: the bare loop plus what the lease protocol writes: the claim filters due,
     * unleased rows, one {@code UPDATE ... SET lease_owner, lease_until WHERE id = ANY (?)} per
     * batch, and the delete of the previous batch in the next claim's transaction, as the relay
     * does; no JSON-B, no sink, no pool round trip. Shows how much of the relay's cost is the
     * lease itself.
     *
     * @return the number of rows read (consumed by JMH)
     * @throws Exception on a database error
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long bareSqlLoopWithLease() throws Exception {
        long read = 0;
        List<UUID> ids = new ArrayList<>(BATCH);
        Object[] previous = new Object[0];
        String type = database.equals("POSTGRESQL") ? "uuid" : "UUID";
        try (PreparedStatement claim = connection.prepareStatement("SELECT id, aggregateid, type, payload, attempts"
                + " FROM " + TABLE + " WHERE sink = ? AND status = 'PENDING' AND next_attempt_at <= ?"
                + " AND (lease_until IS NULL OR lease_until <= ?) ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED");
                PreparedStatement lease = connection.prepareStatement("UPDATE " + TABLE
                        + " SET lease_owner = ?, lease_until = ? WHERE id = ANY (?)");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE
                        + " WHERE id = ANY (?) AND lease_owner = ?")) {
            while (true) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                if (previous.length > 0) {
                    delete.setArray(1, connection.createArrayOf(type, previous));
                    delete.setString(2, "bare");
                    delete.executeUpdate();
                }
                ids.clear();
                claim.setString(1, "bench");
                claim.setObject(2, now);
                claim.setObject(3, now);
                claim.setInt(4, BATCH);
                try (ResultSet r = claim.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getObject(1, UUID.class));
                        read += r.getString(2).length() + r.getString(3).length() + r.getString(4).length()
                                + r.getInt(5);
                    }
                }
                if (!ids.isEmpty()) {
                    lease.setString(1, "bare");
                    lease.setObject(2, now.plusMinutes(1));
                    lease.setArray(3, connection.createArrayOf(type, ids.toArray()));
                    lease.executeUpdate();
                }
                connection.commit();
                previous = ids.toArray();
                if (ids.isEmpty()) {
                    return read;
                }
            }
        }
    }
}
