/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks.durable;

import dev.sinkwire.durable.DurableSink;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
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
 * Accepting an event inside a transaction: {@link DurableSink#write(Connection, Object)} (JSON-B
 * serialization, a fresh UUID, the INSERT) against a hand-written INSERT of the same row, with the
 * payload serialized once up front, on the same connection. One invocation is one transaction of
 * {@value #PER_TRANSACTION} events and its commit; one operation is one event. The table is
 * truncated before each iteration. Goal (issue 14): {@code durable} at most 1.25x the time of
 * {@code handWrittenInsert}, that is at least 0.8x its events/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class DurableAcceptBenchmark {

    static final int PER_TRANSACTION = 10;
    static final String TABLE = "bench_outbox";

    /** The database. */
    @Param({"POSTGRESQL", "H2"})
    public String database;

    private BenchDatabase db;
    private DurableSink<BenchEvent> sink;
    private Connection connection;
    private String insert;
    private final BenchEvent event = new BenchEvent("customer-42", 4242, "a pair of blue running shoes, size 44");
    private String payload;
    private Jsonb jsonb;

    /**
     * Starts the database and creates the table through the sink.
     *
     * @throws Exception if the database does not start
     */
    @Setup(Level.Trial)
    public void start() throws Exception {
        db = BenchDatabase.start(database);
        sink = DurableSink.builder("bench", BenchEvent.class, db.pool).table(TABLE).buildAcceptOnly();
        connection = db.pool.getConnection();
        connection.setAutoCommit(false);
        insert = "INSERT INTO " + TABLE + " (id, aggregatetype, aggregateid, type, payload, sink, status, attempts,"
                + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, "
                + (database.equals("POSTGRESQL") ? "CAST(? AS jsonb)" : "?") + ", ?, 'PENDING', 0, ?, ?)";
        jsonb = JsonbBuilder.create();
        payload = jsonb.toJson(event);
    }

    /**
     * Empties the table, so that every iteration inserts into the same size of table.
     *
     * @throws Exception on a database error
     */
    @Setup(Level.Iteration)
    public void truncate() throws Exception {
        connection.createStatement().execute("TRUNCATE TABLE " + TABLE);
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
        jsonb.close();
        sink.close();
        db.close();
    }

    /**
     * The durable sink's accept, ten events and a commit.
     *
     * @throws Exception on a database error
     */
    @Benchmark
    @OperationsPerInvocation(PER_TRANSACTION)
    public void durable() throws Exception {
        for (int i = 0; i < PER_TRANSACTION; i++) {
            sink.write(connection, event);
        }
        connection.commit();
    }

    /**
     * For comparison, not the goal's limit: a hand-written outbox, which serializes each event with
     * one shared {@code Jsonb} before the same INSERT (what {@code durable} does, without the
     * library).
     *
     * @throws Exception on a database error
     */
    @Benchmark
    @OperationsPerInvocation(PER_TRANSACTION)
    public void handWrittenOutbox() throws Exception {
        try (PreparedStatement p = connection.prepareStatement(insert)) {
            for (int i = 0; i < PER_TRANSACTION; i++) {
                insertRow(p, jsonb.toJson(event));
            }
        }
        connection.commit();
    }

    /**
     * What one id costs: {@link UUID#randomUUID()} (a {@code SecureRandom} draw), as both the sink
     * and the hand-written INSERT make one per event.
     *
     * @return the id (consumed by JMH)
     */
    @Benchmark
    public UUID uuid() {
        return UUID.randomUUID();
    }

    /**
     * What JSON-B costs per event: {@code toJson} of the benchmark's event with one shared
     * {@code Jsonb} (Yasson), the part of {@code durable} the hand-written INSERT does not do.
     *
     * @return the payload (consumed by JMH)
     */
    @Benchmark
    public String serialize() {
        return jsonb.toJson(event);
    }

    /**
     * The limit: the same row, hand-written, ten inserts through one prepared statement and a commit.
     *
     * @throws Exception on a database error
     */
    @Benchmark
    @OperationsPerInvocation(PER_TRANSACTION)
    public void handWrittenInsert() throws Exception {
        try (PreparedStatement p = connection.prepareStatement(insert)) {
            for (int i = 0; i < PER_TRANSACTION; i++) {
                insertRow(p, payload);
            }
        }
        connection.commit();
    }

    private static void insertRow(PreparedStatement p, String payload) throws Exception {
        UUID id = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        p.setObject(1, id);
        p.setString(2, "bench");
        p.setString(3, id.toString());
        p.setString(4, BenchEvent.class.getName());
        p.setString(5, payload);
        p.setString(6, "bench");
        p.setObject(7, now);
        p.setObject(8, now);
        p.executeUpdate();
    }
}
