/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The SQL of one outbox table. Every method runs on a connection the caller owns, inside the
 * caller's transaction; none commits. Stateless after construction; safe for concurrent use.
 */
final class OutboxTable {

    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    static final String DEAD = "DEAD";
    static final String DEFAULT_NAME = "sinkwire_outbox";
    static final int MAX_ERROR = 4000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    static final String COLUMNS = "id, aggregatetype, aggregateid, type, payload, seq, sink, status, attempts,"
            + " next_attempt_at, lease_owner, lease_until, last_error, dead_reason, created_at, completed_at";

    final String name;
    final Dialect dialect;
    private final String insert;
    private final String claim;
    private final String claimPerKey;

    OutboxTable(String name, Dialect dialect) {
        this.name = name;
        this.dialect = dialect;
        this.insert = "INSERT INTO " + name + " (id, aggregatetype, aggregateid, type, payload, sink, status, attempts,"
                + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, " + dialect.payloadParameter + ", ?, '" + PENDING
                + "', 0, ?, ?)";
        String select = "SELECT o.id, o.aggregateid, o.type, o.payload, o.attempts FROM " + name + " o"
                + " WHERE o.sink = ? AND o.status = '" + PENDING + "' AND o.next_attempt_at <= ?"
                + " AND (o.lease_until IS NULL OR o.lease_until <= ?)";
        String tail = " ORDER BY o.seq LIMIT ? FOR UPDATE SKIP LOCKED";
        this.claim = select + tail;
        this.claimPerKey = select + " AND NOT EXISTS (SELECT 1 FROM " + name + " e WHERE e.sink = o.sink"
                + " AND e.aggregateid = o.aggregateid AND e.status = '" + PENDING + "' AND e.seq < o.seq)" + tail;
    }

    /** Whether {@code table} is an identifier this class writes into SQL (optionally schema-qualified). */
    static boolean validName(String table) {
        return table != null && NAME.matcher(table).matches();
    }

    /** The shipped script for the dialect, with the table name in place of the default one. */
    String script() {
        try (InputStream in = OutboxTable.class.getResourceAsStream(dialect.script)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + dialect.scriptPath());
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String base = name.contains(".") ? name.substring(name.indexOf('.') + 1) : name;
            // index names are derived from the bare table name; the table itself may be qualified
            return sql.replace("INDEX IF NOT EXISTS " + DEFAULT_NAME, "INDEX IF NOT EXISTS " + base)
                    .replace(DEFAULT_NAME + " (", name + " (");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dialect.scriptPath(), e);
        }
    }

    /** Runs the script's statements. */
    void create(Connection c) throws SQLException {
        StringBuilder statement = new StringBuilder();
        try (Statement s = c.createStatement()) {
            for (String line : script().split("\n")) {
                if (line.startsWith("--")) {
                    continue;
                }
                statement.append(line).append('\n');
                if (line.trim().endsWith(";")) {
                    String sql = statement.toString().trim();
                    s.execute(sql.substring(0, sql.length() - 1));
                    statement.setLength(0);
                }
            }
        }
    }

    /** Fails (with the database's error) unless every column is there. */
    void check(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT " + COLUMNS + " FROM " + name + " WHERE 1 = 0").close();
        }
    }

    void insert(Connection c, UUID id, String aggregateType, String key, String type, String payload, String sink,
            Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(insert)) {
            p.setObject(1, id);
            p.setString(2, aggregateType);
            p.setString(3, key);
            p.setString(4, type);
            p.setString(5, payload);
            p.setString(6, sink);
            OffsetDateTime t = time(now);
            p.setObject(7, t);
            p.setObject(8, t);
            p.executeUpdate();
        }
    }

    /** One claimed row. */
    record Row(UUID id, String key, String type, String payload, int attempts) {
    }

    /** Locks up to {@code limit} due, unleased rows of {@code sink}, oldest first, skipping locked ones. */
    List<Row> claim(Connection c, String sink, Instant now, int limit, boolean perKey) throws SQLException {
        List<Row> rows = new ArrayList<>(limit);
        try (PreparedStatement p = c.prepareStatement(perKey ? claimPerKey : claim)) {
            OffsetDateTime t = time(now);
            p.setString(1, sink);
            p.setObject(2, t);
            p.setObject(3, t);
            p.setInt(4, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getString(4),
                            r.getInt(5)));
                }
            }
        }
        return rows;
    }

    /** Leases freshly claimed (locked) rows to {@code owner} until {@code until}: one statement. */
    void lease(Connection c, List<UUID> ids, String owner, Instant until) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + name + " SET lease_owner = ?, lease_until = ?"
                + " WHERE id = ANY (?)")) {
            p.setString(1, owner);
            p.setObject(2, time(until));
            p.setArray(3, uuids(c, ids));
            p.executeUpdate();
        }
    }

    /**
     * Extends the lease of the pending rows among {@code ids} that {@code owner} still holds; returns
     * the update count per id (0: taken over by another relay).
     */
    int[] renew(Connection c, List<UUID> ids, String owner, Instant until) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + name + " SET lease_until = ? WHERE id = ?"
                + " AND lease_owner = ? AND status = '" + PENDING + "'")) {
            for (UUID id : ids) {
                p.setObject(1, time(until));
                p.setObject(2, id);
                p.setString(3, owner);
                p.addBatch();
            }
            return p.executeBatch();
        }
    }

    /**
     * Completes delivered rows that {@code owner} still holds, in one statement; returns how many were.
     * With {@code owner} null the caller holds the rows' locks ({@link Claim#LOCK}): no owner check.
     */
    int complete(Connection c, List<UUID> ids, String owner, Completion completion, Instant now) throws SQLException {
        String sql = (completion == Completion.DELETE
                ? "DELETE FROM " + name + " WHERE id = ANY (?)"
                : "UPDATE " + name + " SET status = '" + DONE + "', attempts = attempts + 1, lease_owner = NULL,"
                        + " lease_until = NULL, completed_at = ? WHERE id = ANY (?)") + ownedBy(owner);
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int i = 1;
            if (completion == Completion.MARK_DONE) {
                p.setObject(i++, time(now));
            }
            p.setArray(i++, uuids(c, ids));
            if (owner != null) {
                p.setString(i, owner);
            }
            return p.executeUpdate();
        }
    }

    /** An SQL array of UUIDs, for {@code = ANY (?)}. */
    private Array uuids(Connection c, List<UUID> ids) throws SQLException {
        return c.createArrayOf(dialect == Dialect.POSTGRESQL ? "uuid" : "UUID", ids.toArray());
    }

    /** The owner check of a statement on rows a relay holds; none when the caller holds the locks. */
    private static String ownedBy(String owner) {
        return owner == null ? "" : " AND lease_owner = ?";
    }

    /**
     * Records a failed attempt and when to try again; returns whether the row was still ours
     * ({@code owner} null: the caller holds its lock).
     */
    boolean reschedule(Connection c, UUID id, String owner, int attempts, Instant next, String error)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + name + " SET attempts = ?, next_attempt_at = ?,"
                + " last_error = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?" + ownedBy(owner))) {
            p.setInt(1, attempts);
            p.setObject(2, time(next));
            p.setString(3, errorText(error));
            p.setObject(4, id);
            if (owner != null) {
                p.setString(5, owner);
            }
            return p.executeUpdate() == 1;
        }
    }

    /** Turns a row into a dead letter; returns whether the row was still ours ({@code owner} null: locked by the caller). */
    boolean bury(Connection c, UUID id, String owner, int attempts, String error, String reason, Instant now)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + name + " SET status = '" + DEAD + "', attempts = ?,"
                + " last_error = ?, dead_reason = ?, completed_at = ?, lease_owner = NULL, lease_until = NULL"
                + " WHERE id = ?" + ownedBy(owner))) {
            p.setInt(1, attempts);
            p.setString(2, errorText(error));
            p.setString(3, reason);
            p.setObject(4, time(now));
            p.setObject(5, id);
            if (owner != null) {
                p.setString(6, owner);
            }
            return p.executeUpdate() == 1;
        }
    }

    /**
     * Locks again those of {@code ids} that are still pending, unleased at {@code now} and not locked
     * by another transaction (skipped); returns each one's attempt count. Used after a
     * {@link Claim#LOCK} batch's transaction rolled back, to write what that batch had learnt.
     */
    Map<UUID, Integer> relock(Connection c, List<UUID> ids, Instant now) throws SQLException {
        Map<UUID, Integer> attempts = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, attempts FROM " + name + " WHERE id = ANY (?)"
                + " AND status = '" + PENDING + "' AND (lease_until IS NULL OR lease_until <= ?) FOR UPDATE SKIP LOCKED")) {
            p.setArray(1, uuids(c, ids));
            p.setObject(2, time(now));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    attempts.put(r.getObject(1, UUID.class), r.getInt(2));
                }
            }
        }
        return attempts;
    }

    /** Those of {@code ids} that are pending, locked or not. */
    Set<UUID> pending(Connection c, List<UUID> ids) throws SQLException {
        Set<UUID> pending = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM " + name + " WHERE id = ANY (?) AND status = '"
                + PENDING + "'")) {
            p.setArray(1, uuids(c, ids));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    pending.add(r.getObject(1, UUID.class));
                }
            }
        }
        return pending;
    }

    /** Gives up the lease of rows {@code owner} holds, so another relay may claim them at once. */
    void release(Connection c, List<UUID> ids, String owner) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + name + " SET lease_owner = NULL, lease_until = NULL"
                + " WHERE id = ? AND lease_owner = ?")) {
            for (UUID id : ids) {
                p.setObject(1, id);
                p.setString(2, owner);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Deletes rows of {@code sink} with {@code status} completed before {@code before}. */
    int purge(Connection c, String sink, String status, Instant before) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + name + " WHERE sink = ? AND status = ?"
                + (before == null ? "" : " AND completed_at < ?"))) {
            p.setString(1, sink);
            p.setString(2, status);
            if (before != null) {
                p.setObject(3, time(before));
            }
            return p.executeUpdate();
        }
    }

    /** Dead letters of {@code sink}, oldest first. */
    List<OutboxDeadLetters.Entry> dead(Connection c, String sink, int limit) throws SQLException {
        List<OutboxDeadLetters.Entry> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, aggregateid, type, payload, attempts, last_error,"
                + " dead_reason, created_at, completed_at FROM " + name + " WHERE sink = ? AND status = '" + DEAD
                + "' ORDER BY seq LIMIT ?")) {
            p.setString(1, sink);
            p.setInt(2, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new OutboxDeadLetters.Entry(r.getObject(1, UUID.class), sink, r.getString(2),
                            r.getString(3), r.getString(4), r.getInt(5), r.getString(6), r.getString(7),
                            r.getObject(8, OffsetDateTime.class).toInstant(),
                            r.getObject(9, OffsetDateTime.class).toInstant()));
                }
            }
        }
        return out;
    }

    /** Makes dead letters of {@code sink} pending again (one, or all when {@code id} is null). */
    int replay(Connection c, String sink, UUID id, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE " + name + " SET status = '" + PENDING + "',"
                + " attempts = 0, next_attempt_at = ?, dead_reason = NULL, completed_at = NULL"
                + " WHERE sink = ? AND status = '" + DEAD + "'" + (id == null ? "" : " AND id = ?"))) {
            p.setObject(1, time(now));
            p.setString(2, sink);
            if (id != null) {
                p.setObject(3, id);
            }
            return p.executeUpdate();
        }
    }

    /** Deletes dead letters of {@code sink} (one, or all when {@code id} is null). */
    int purgeDead(Connection c, String sink, UUID id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM " + name + " WHERE sink = ? AND status = '" + DEAD
                + "'" + (id == null ? "" : " AND id = ?"))) {
            p.setString(1, sink);
            if (id != null) {
                p.setObject(2, id);
            }
            return p.executeUpdate();
        }
    }

    /** Counts rows of {@code sink} with {@code status}. */
    long count(Connection c, String sink, String status) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM " + name + " WHERE sink = ? AND status = ?")) {
            p.setString(1, sink);
            p.setString(2, status);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The pending rows of {@code sink} and the age of the oldest at {@code now} (metrics). */
    DurableSink.Backlog backlog(Connection c, String sink, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*), MIN(created_at) FROM " + name
                + " WHERE sink = ? AND status = '" + PENDING + "'")) {
            p.setString(1, sink);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                OffsetDateTime oldest = r.getObject(2, OffsetDateTime.class);
                // another instance's clock may run ahead of ours: an age is never negative
                return new DurableSink.Backlog(r.getLong(1), oldest == null || oldest.toInstant().isAfter(now)
                        ? java.time.Duration.ZERO : java.time.Duration.between(oldest.toInstant(), now));
            }
        }
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * A failure's text as the {@code last_error} column can hold it: at most {@link #MAX_ERROR}
     * characters, and no NUL character, which PostgreSQL refuses in text ("invalid byte sequence");
     * it would fail the statement that records the failed attempt, on every attempt.
     */
    static String errorText(String error) {
        if (error == null) {
            return null;
        }
        String text = error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
        return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }
}
