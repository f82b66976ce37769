/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The persistent dead letters of one durable sink: rows whose every delivery attempt failed (or
 * whose payload could not be read back), kept in the outbox table with status {@code DEAD}, the
 * reason, the attempt count and the last error. List them, replay them (they become pending again
 * with a fresh attempt count, keeping their id) or purge them. Each call is one short transaction
 * of its own; safe for concurrent use, also across instances.
 */
public final class OutboxDeadLetters {

    /**
     * One dead letter as stored.
     *
     * @param id the event's stable id
     * @param sink the sink's name
     * @param key the event's key ({@code aggregateid})
     * @param type the event's class name ({@code type})
     * @param payload the event's JSON
     * @param attempts the delivery attempts made
     * @param lastError the last error, as text (truncated to 4000 characters)
     * @param reason {@code EXHAUSTED} (every attempt failed) or {@code UNDECODABLE} (the payload
     *     could not be read back as the event type)
     * @param createdAt when the event was accepted
     * @param deadAt when it became a dead letter
     */
    public record Entry(UUID id, String sink, String key, String type, String payload, int attempts,
            String lastError, String reason, Instant createdAt, Instant deadAt) {
    }

    private final String sink;
    private final DataSource dataSource;
    private final OutboxTable table;
    private final Clock clock;
    private final Runnable wake;

    OutboxDeadLetters(String sink, DataSource dataSource, OutboxTable table, Clock clock, Runnable wake) {
        this.sink = sink;
        this.dataSource = dataSource;
        this.table = table;
        this.clock = clock;
        this.wake = wake;
    }

    /**
     * The oldest dead letters.
     *
     * @param limit how many at most, at least 1
     * @return the dead letters, oldest first
     * @throws DurableException if the database cannot be read
     */
    public List<Entry> list(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return run("list dead letters", c -> table.dead(c, sink, limit));
    }

    /**
     * How many dead letters the sink has.
     *
     * @return the count
     * @throws DurableException if the database cannot be read
     */
    public long count() {
        return run("count dead letters", c -> table.count(c, sink, OutboxTable.DEAD));
    }

    /**
     * Makes one dead letter pending again, due now, with its attempt count reset; the relay is
     * woken. Its id stays the same.
     *
     * @param id the event id
     * @return whether such a dead letter existed
     * @throws DurableException if the database cannot be written
     */
    public boolean replay(UUID id) {
        Objects.requireNonNull(id, "id");
        boolean found = run("replay dead letter", c -> table.replay(c, sink, id, clock.instant())) == 1;
        wake.run();
        return found;
    }

    /**
     * Makes every dead letter of the sink pending again (see {@link #replay(UUID)}).
     *
     * @return how many were
     * @throws DurableException if the database cannot be written
     */
    public int replayAll() {
        int n = run("replay dead letters", c -> table.replay(c, sink, null, clock.instant()));
        wake.run();
        return n;
    }

    /**
     * Deletes one dead letter.
     *
     * @param id the event id
     * @return whether such a dead letter existed
     * @throws DurableException if the database cannot be written
     */
    public boolean purge(UUID id) {
        Objects.requireNonNull(id, "id");
        return run("purge dead letter", c -> table.purgeDead(c, sink, id)) == 1;
    }

    /**
     * Deletes every dead letter of the sink.
     *
     * @return how many were deleted
     * @throws DurableException if the database cannot be written
     */
    public int purgeAll() {
        return run("purge dead letters", c -> table.purgeDead(c, sink, null));
    }

    /**
     * Deletes rows marked done ({@link Completion#MARK_DONE}) that completed before {@code before};
     * the relay also does this on its own after the configured retention.
     *
     * @param before the cut-off
     * @return how many were deleted
     * @throws DurableException if the database cannot be written
     */
    public int purgeDone(Instant before) {
        Objects.requireNonNull(before, "before");
        return run("purge done rows", c -> table.purge(c, sink, OutboxTable.DONE, before));
    }

    private <T> T run(String what, Relay.Work<T> work) {
        try {
            return Relay.transaction(dataSource, work);
        } catch (SQLException e) {
            throw new DurableException("durable sink '" + sink + "': could not " + what + " in table " + table.name
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "OutboxDeadLetters[" + sink + "]";
    }
}
