/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.Timekeeper;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Feeds one sink's outbox rows to its inner sink, on one thread of its own: claim a batch with a
 * lease, deliver row by row, complete the delivered rows, reschedule or bury the failed ones; then
 * wait for a wake-up ({@link #wake()}) or the poll interval. Safe for concurrent use: {@link #wake()}
 * and {@link #close()} may be called from any thread.
 */
final class Relay<E> {

    private static final System.Logger LOGGER = System.getLogger(Relay.class.getName());

    /** Everything the relay needs, fixed when the sink is built. */
    record Settings<E>(String sink, DataSource dataSource, OutboxTable table, Codec<E> codec,
            Sink<? super DurableEvent<E>> inner, String owner, Clock clock, Timekeeper timekeeper, int batchSize,
            Claim claim, Duration lease, Duration pollInterval, int maxAttempts, Duration retryBase, Duration retryMax,
            Completion completion, Ordering ordering, Duration retainDone, DropListener dropListener,
            Duration closeTimeout) {
    }

    private final Settings<E> s;
    private final AtomicReference<CountDownLatch> wake = new AtomicReference<>(new CountDownLatch(1));
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    /** Held for each round, so that rounds of the relay thread and of {@link #deliverDue()} never overlap. */
    private final ReentrantLock rounds = new ReentrantLock();
    private volatile boolean closing;
    private Instant nextPurge = Instant.MIN; // guarded by rounds
    /** Delivered rows of the last full batch, completed in the next claim's transaction; guarded by rounds. */
    private final List<UUID> toComplete = new ArrayList<>();
    /**
     * {@link Claim#LOCK}: failed attempts of batches that rolled back, not yet counted because another
     * relay held the row when this one wrote its batch's outcome again; guarded by rounds.
     */
    private final List<Failure> unsettled = new ArrayList<>();

    Relay(Settings<E> settings, ThreadFactory threads) {
        this.s = settings;
        this.thread = threads.newThread(this::run);
        if (thread == null) {
            throw new IllegalStateException("the thread factory returned null");
        }
    }

    void start() {
        thread.start();
    }

    /** Makes the relay look for work now instead of at the end of its poll interval. */
    void wake() {
        wake.get().countDown();
    }

    /**
     * Stops the relay: it finishes the delivery in progress, completes what it delivered, gives up
     * the lease of the rest of its batch and returns; waits up to the close timeout, then interrupts
     * and waits up to the close timeout once more. If the relay is still inside the inner sink's
     * write then (a write that ignores interruption), returns anyway, so that the caller can close the
     * inner sink, which may be the only thing that ends that write.
     */
    void close() {
        closing = true;
        wake();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            if (!s.timekeeper().await(stopped, nanos(s.closeTimeout()))) {
                LOGGER.log(Level.WARNING, "durable sink '" + s.sink() + "': the relay did not stop within "
                        + s.closeTimeout() + "; interrupting it (the rows it held are taken over after their lease)");
                thread.interrupt();
                if (!s.timekeeper().await(stopped, nanos(s.closeTimeout()))) {
                    LOGGER.log(Level.WARNING, "durable sink '" + s.sink() + "': the relay ignored the interruption"
                            + " for another " + s.closeTimeout() + "; close goes on without it (it stops once the"
                            + " inner sink's write returns; the rows it holds stay in the outbox)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The longest duration the relay works with: longer settings (a lease, poll interval, backoff,
     * retention or close timeout meaning "forever") act as this, which the database's timestamps,
     * {@link Instant} arithmetic and nanosecond waits all hold.
     */
    static final Duration LONGEST = Duration.ofDays(36_500);

    /** {@code d}, at most {@link #LONGEST}. */
    static Duration bounded(Duration d) {
        return d.compareTo(LONGEST) > 0 ? LONGEST : d;
    }

    /** {@code d} in nanoseconds, saturated: a wait longer than about 292 years is as good as forever. */
    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    private void run() {
        try {
            while (!closing) {
                CountDownLatch latch = new CountDownLatch(1);
                wake.set(latch); // a wake() from here on ends the wait below at once
                int claimed;
                rounds.lock();
                try {
                    claimed = cycle();
                } catch (SQLException | RuntimeException e) {
                    LOGGER.log(Level.WARNING, "durable sink '" + s.sink() + "': relay cycle failed; retrying after "
                            + s.pollInterval(), e);
                    claimed = 0;
                } finally {
                    rounds.unlock();
                }
                if (claimed < s.batchSize() && !closing) {
                    s.timekeeper().await(latch, nanos(s.pollInterval()));
                }
            }
        } catch (InterruptedException e) {
            if (!closing) { // an interrupt from elsewhere (a container killing its threads): say that the relay ends
                LOGGER.log(Level.WARNING, "durable sink '" + s.sink() + "': the relay thread was interrupted and stops;"
                        + " the pending rows stay in the outbox for the next start or another instance");
            }
            Thread.currentThread().interrupt();
        } catch (Error e) {
            LOGGER.log(Level.ERROR, "durable sink '" + s.sink() + "': the relay stops on " + e + "; the pending rows"
                    + " stay in the outbox for the next start or another instance", e);
            throw e;
        } finally {
            rounds.lock();
            try {
                complete(toComplete);
            } catch (SQLException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "durable sink '" + s.sink() + "': could not complete " + toComplete.size()
                        + " delivered row(s) at close; they will be delivered again", e);
            }
            try {
                settleUnsettled();
            } catch (SQLException | RuntimeException e) {
                // settle has logged it: those attempts are not counted
            } finally {
                rounds.unlock();
            }
            stopped.countDown();
        }
    }

    /**
     * Runs rounds on the calling thread until one claims less than a full batch; returns the rows
     * claimed in all.
     */
    int deliverDue() throws SQLException {
        int total = 0;
        while (!closing) {
            int claimed;
            rounds.lock();
            try {
                claimed = cycle();
            } finally {
                rounds.unlock();
            }
            total += claimed;
            if (claimed < s.batchSize()) {
                break;
            }
        }
        return total;
    }

    /**
     * One round; returns how many rows it claimed (with {@link Claim#LOCK}, the batch size after a
     * batch whose transaction failed was settled, so that the caller runs the next round at once).
     * Called with {@link #rounds} held.
     */
    int cycle() throws SQLException {
        Instant now = s.clock().instant();
        purgeIfDue(now);
        if (s.claim() == Claim.LOCK) {
            return cycleLocked(now);
        }
        List<OutboxTable.Row> rows = inTransaction(c -> {
            if (!toComplete.isEmpty()) {
                completeIn(c, toComplete, now);
            }
            List<OutboxTable.Row> claimed = s.table().claim(c, s.sink(), now, s.batchSize(),
                    s.ordering() == Ordering.PER_KEY);
            if (!claimed.isEmpty()) {
                s.table().lease(c, ids(claimed), s.owner(), now.plus(s.lease()));
            }
            return claimed;
        });
        toComplete.clear();
        if (rows.isEmpty()) {
            return 0;
        }
        Instant leaseUntil = now.plus(s.lease());
        Duration renewBefore = s.lease().dividedBy(2);
        List<UUID> delivered = new ArrayList<>(rows.size());
        Set<UUID> lost = Set.of();
        for (int i = 0; i < rows.size(); i++) {
            OutboxTable.Row row = rows.get(i);
            if (closing) {
                List<UUID> rest = ids(rows.subList(i, rows.size()));
                inTransaction(c -> {
                    s.table().release(c, rest, s.owner());
                    return null;
                });
                break;
            }
            Instant t = s.clock().instant();
            if (!t.isBefore(leaseUntil.minus(renewBefore))) {
                complete(delivered);
                delivered.clear();
                lost = renew(rows.subList(i, rows.size()), t.plus(s.lease()));
                leaseUntil = t.plus(s.lease());
            }
            if (lost.contains(row.id())) {
                continue; // another relay took it over after our lease ran out
            }
            if (deliver(null, row, null)) {
                delivered.add(row.id());
            }
        }
        if (rows.size() < s.batchSize() || closing) {
            complete(delivered);
        } else {
            toComplete.addAll(delivered); // more work is waiting: complete these with the next claim, one commit less
        }
        return rows.size();
    }

    /**
     * One round of {@link Claim#LOCK}: claim, deliver, complete and reschedule in one transaction
     * that holds the rows' locks throughout; dead letters are reported once it committed. If that
     * transaction fails (the database ended the session during a delivery, a statement failed), what
     * the batch learnt is written again in a new one ({@link #settle}).
     */
    private int cycleLocked(Instant now) throws SQLException {
        settleUnsettled();
        Locked batch = new Locked();
        int claimed;
        try {
            claimed = inTransaction(c -> {
                List<OutboxTable.Row> rows = s.table().claim(c, s.sink(), now, s.batchSize(),
                        s.ordering() == Ordering.PER_KEY);
                for (OutboxTable.Row row : rows) {
                    if (closing) {
                        break; // the commit below releases the rest
                    }
                    if (deliver(c, row, batch)) {
                        batch.delivered.add(row.id());
                    }
                }
                if (!batch.delivered.isEmpty()) {
                    s.table().complete(c, batch.delivered, null, s.completion(), s.clock().instant());
                }
                return rows.size();
            });
        } catch (SQLException | RuntimeException e) {
            if (batch.delivered.isEmpty() && batch.failures.isEmpty()) {
                throw e; // nothing was delivered or attempted: nothing to write again
            }
            LOGGER.log(Level.WARNING, "durable sink '" + s.sink() + "': a batch's transaction failed after "
                    + batch.delivered.size() + " row(s) were delivered and " + batch.failures.size() + " attempt(s)"
                    + " failed; completing and counting them in a new transaction", e);
            unsettled.addAll(settle(batch.delivered, batch.failures));
            return s.batchSize(); // the rows the failure left unattempted are due: the next round at once
        }
        batch.buried.forEach(d -> DropListener.notify(s.dropListener(), d));
        return claimed;
    }

    /**
     * What a {@link Claim#LOCK} batch has done so far, kept in memory so that it can be written again
     * if the batch's transaction rolls back: the rows delivered, and the failed attempts. Used by the
     * thread running the round only.
     */
    private static final class Locked {
        final List<UUID> delivered = new ArrayList<>();
        final List<Failure> failures = new ArrayList<>();
        /** Dead letters to report once the batch's transaction committed. */
        final List<DeadLetter> buried = new ArrayList<>();
    }

    /**
     * A failed attempt at {@code row}: {@code event} is what the dead letter carries, {@code reason}
     * {@code UNDECODABLE} (the row is buried as it is) or null (one more failed attempt).
     */
    private record Failure(OutboxTable.Row row, Object event, Throwable cause, String reason) {
    }

    /**
     * After a {@link Claim#LOCK} batch's transaction rolled back, writes what it learnt in a new
     * transaction, so that the rollback does not lose it: {@code delivered} rows are completed (not
     * delivered again) and each failed attempt is counted on top of the row's current count
     * (rescheduled with its backoff, or a dead letter), for the rows this transaction can lock again
     * as pending and unleased. A delivered row that another relay has claimed since is left to it; a
     * failure whose row another relay holds now is kept in {@link #unsettled} and counted once the
     * row is free (returned, for {@link #unsettled}: the next rounds try first); one whose row is no
     * longer pending is dropped. If this transaction fails too (the database is gone), it throws, and
     * the caller drops the failures: those rows are attempted again without these attempts counted.
     */
    private List<Failure> settle(List<UUID> delivered, List<Failure> failures) throws SQLException {
        Instant now = s.clock().instant();
        List<DeadLetter> buried = new ArrayList<>();
        List<Failure> held = new ArrayList<>();
        try {
            inTransaction(c -> {
                List<UUID> ids = new ArrayList<>(delivered);
                failures.forEach(f -> ids.add(f.row().id()));
                Map<UUID, Integer> free = s.table().relock(c, ids, now);
                List<UUID> done = new ArrayList<>(delivered);
                done.retainAll(free.keySet());
                if (!done.isEmpty()) {
                    s.table().complete(c, done, null, s.completion(), now);
                }
                Set<UUID> pending = null;
                for (Failure f : failures) {
                    UUID id = f.row().id();
                    Integer attempts = free.get(id);
                    if (attempts == null) {
                        if (pending == null) {
                            pending = s.table().pending(c, ids);
                        }
                        if (pending.contains(id)) {
                            held.add(f); // another relay holds it: count this attempt once it is free
                        }
                        continue;
                    }
                    int attempt = f.reason() == null ? attempts + 1 : attempts;
                    if (f.reason() != null || attempt >= s.maxAttempts()) {
                        String reason = f.reason() == null ? "EXHAUSTED" : f.reason();
                        s.table().bury(c, id, null, attempt, describe(f.cause()), reason, now);
                        buried.add(new DeadLetter(f.event(), s.sink(), DropReason.GAVE_UP, f.cause(), attempt));
                        free.remove(id);
                    } else {
                        s.table().reschedule(c, id, null, attempt, now.plus(backoff(attempt)), describe(f.cause()));
                        free.put(id, attempt); // the same row again in this list: count on top of this one
                    }
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "durable sink '" + s.sink() + "': could not complete " + delivered.size()
                    + " delivered row(s) and count " + failures.size() + " failed attempt(s) after their batch's"
                    + " transaction failed; those rows are delivered again, and those attempts are not counted", e);
            throw e;
        }
        buried.forEach(d -> DropListener.notify(s.dropListener(), d));
        return held;
    }

    /** Counts the failed attempts in {@link #unsettled} whose rows are free by now. Called with {@link #rounds} held. */
    private void settleUnsettled() throws SQLException {
        if (!unsettled.isEmpty()) {
            List<Failure> failures = List.copyOf(unsettled);
            unsettled.clear(); // dropped if the settling fails
            unsettled.addAll(settle(List.of(), failures));
        }
    }

    /**
     * Delivers one row; returns whether it was delivered. Failures are recorded here: with
     * {@code batch} null ({@link Claim#LEASE}) each in a transaction of its own, checked against
     * this relay's lease, its dead letter reported at once; otherwise ({@link Claim#LOCK}) on the
     * batch's connection, whose transaction holds the row's lock, and kept in {@code locked} (the
     * dead letter to be reported once that transaction committed, the failure to be written again if
     * it rolls back).
     */
    private boolean deliver(Connection batch, OutboxTable.Row row, Locked locked) throws SQLException {
        int attempt = row.attempts() + 1;
        E event;
        try {
            event = s.codec().read(row.type(), row.payload());
        } catch (IllegalArgumentException e) {
            if (locked != null) {
                locked.failures.add(new Failure(row, row.payload(), e, "UNDECODABLE"));
            }
            bury(batch, row.id(), row.payload(), attempt - 1, e, "UNDECODABLE", locked);
            return false;
        }
        DurableEvent<E> durable = new DurableEvent<>(row.id(), s.sink(), row.key(), event, attempt);
        Throwable failure;
        try {
            s.inner().write(durable);
            return true;
        } catch (SinkClosedException e) {
            closing = true; // the chain behind us is gone: stop, leave the row for the next start
            LOGGER.log(Level.WARNING, "durable sink '" + s.sink() + "': the inner sink is closed; the relay stops and"
                    + " the pending rows stay in the outbox", e);
            if (batch == null) { // with a lock, the batch's commit releases it
                inTransaction(c -> {
                    s.table().release(c, List.of(row.id()), s.owner());
                    return null;
                });
            }
            return false;
        } catch (VirtualMachineError fatal) {
            if (!(fatal instanceof StackOverflowError)) {
                throw fatal; // the JVM is in trouble: the relay stops (run() logs it), the rows stay for a restart
            }
            failure = fatal; // this event's chain recursed too deep; the stack is unwound by now
        } catch (Throwable e) { // any other Error, or a checked exception thrown sneakily: one failed attempt
            failure = e;
        }
        if (locked != null) {
            locked.failures.add(new Failure(row, durable, failure, null)); // before the write, which may fail the batch
        }
        if (attempt >= s.maxAttempts()) {
            bury(batch, row.id(), durable, attempt, failure, "EXHAUSTED", locked);
        } else {
            Instant next = s.clock().instant().plus(backoff(attempt));
            String error = describe(failure);
            on(batch, c -> s.table().reschedule(c, row.id(), owner(batch), attempt, next, error));
        }
        return false;
    }

    private void bury(Connection batch, UUID id, Object event, int attempts, Throwable cause, String reason,
            Locked locked) throws SQLException {
        Instant now = s.clock().instant();
        boolean ours = on(batch, c -> s.table().bury(c, id, owner(batch), attempts, describe(cause), reason, now));
        if (ours) {
            DeadLetter letter = new DeadLetter(event, s.sink(), DropReason.GAVE_UP, cause, attempts);
            if (batch == null) {
                DropListener.notify(s.dropListener(), letter);
            } else {
                locked.buried.add(letter);
            }
        }
    }

    /** Runs {@code work} on the batch's connection, or in a transaction of its own when there is none. */
    private <T> T on(Connection batch, Work<T> work) throws SQLException {
        return batch == null ? inTransaction(work) : work.run(batch);
    }

    /** The lease owner to check, or null when the batch's transaction holds the row's lock. */
    private String owner(Connection batch) {
        return batch == null ? s.owner() : null;
    }

    /** {@code retryBase · 2^(attempt-1)}, capped at {@code retryMax}. */
    Duration backoff(int attempt) {
        Duration d = s.retryBase();
        for (int i = 1; i < attempt && d.compareTo(s.retryMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(s.retryMax()) > 0 ? s.retryMax() : d;
    }

    private Set<UUID> renew(List<OutboxTable.Row> rest, Instant until) throws SQLException {
        List<UUID> ids = ids(rest);
        int[] counts = inTransaction(c -> s.table().renew(c, ids, s.owner(), until));
        Set<UUID> lost = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (counts[i] == 0) {
                lost.add(ids.get(i));
            }
        }
        return lost;
    }

    private void complete(List<UUID> delivered) throws SQLException {
        if (delivered.isEmpty()) {
            return;
        }
        Instant now = s.clock().instant();
        inTransaction(c -> {
            completeIn(c, delivered, now);
            return null;
        });
        delivered.clear();
    }

    private void completeIn(Connection c, List<UUID> delivered, Instant now) throws SQLException {
        int done = s.table().complete(c, delivered, s.owner(), s.completion(), now);
        if (done < delivered.size()) {
            LOGGER.log(Level.INFO, () -> "durable sink '" + s.sink() + "': " + (delivered.size() - done) + " delivered"
                    + " row(s) had been taken over by another relay after the lease ran out; they may be delivered"
                    + " again");
        }
    }

    private void purgeIfDue(Instant now) throws SQLException {
        if (s.completion() != Completion.MARK_DONE || now.isBefore(nextPurge)) {
            return;
        }
        Duration every = s.retainDone().dividedBy(10);
        nextPurge = now.plus(every.compareTo(s.pollInterval()) < 0 ? s.pollInterval() : every);
        inTransaction(c -> s.table().purge(c, s.sink(), OutboxTable.DONE, now.minus(s.retainDone())));
    }

    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != e && b.length() < OutboxTable.MAX_ERROR;
                cause = cause.getCause()) {
            b.append("; caused by ").append(cause);
        }
        return b.toString();
    }

    private static List<UUID> ids(List<OutboxTable.Row> rows) {
        List<UUID> ids = new ArrayList<>(rows.size());
        for (OutboxTable.Row r : rows) {
            ids.add(r.id());
        }
        return ids;
    }

    /** Work on one connection in one local transaction. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    <T> T inTransaction(Work<T> work) throws SQLException {
        return transaction(s.dataSource(), work);
    }

    static <T> T transaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            if (auto) {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException r) {
                    e.addSuppressed(r);
                }
                throw e;
            } finally {
                if (auto) {
                    c.setAutoCommit(true);
                }
            }
        }
    }
}
