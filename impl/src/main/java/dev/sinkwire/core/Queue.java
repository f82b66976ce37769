/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.internal.BoundedClose;
import dev.sinkwire.core.internal.Checks;
import dev.sinkwire.core.internal.Describe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A FIFO in front of a sink: one consumer thread delivers the events to the destination in the
 * order they were accepted. go-events' {@code Queue}. Unbounded by default ({@link #write} never
 * blocks); bounded with {@link Builder#capacity(int)}, with an {@link OverflowPolicy} saying what
 * a write that finds the queue full does.
 *
 * <p>Safe for concurrent use. Events from one writer thread are delivered in the order that
 * thread wrote them; events from different threads, in the order their writes were accepted.
 *
 * <p>{@link #close()} stops accepting, delivers everything already accepted, closes the
 * destination, then returns. Every write either returns normally, and its event is then
 * delivered or reported, or throws {@link SinkClosedException}, and its event was never accepted:
 * nothing in between. An event the destination fails to accept is handed to the
 * {@link DropListener} with reason {@link DropReason#FAILED}; put a {@link RetryingSink} between
 * the queue and the destination to retry instead.
 *
 * <p>When the destination is gone for good, the queue closes itself. A destination that throws
 * {@link SinkClosedException} is never written to again: the queue stops accepting (later writes
 * throw {@link SinkClosedException} saying why), and that event and every event already accepted
 * are reported once each with reason {@link DropReason#CLOSED}, the later ones with zero
 * attempts. A destination that throws a {@link VirtualMachineError} ({@link OutOfMemoryError},
 * {@link StackOverflowError}...) is treated the same way, with reason {@link DropReason#FAILED}
 * and that error as the cause; then the consumer thread ends by throwing the error, so that its
 * {@link Thread.UncaughtExceptionHandler} sees it. Any other {@link Error} is one failed event,
 * like an exception: reported, and the queue carries on. If the drop listener itself throws a
 * {@link VirtualMachineError}, nothing more can be reported: the queue stops accepting and the
 * consumer ends at once, leaving what was still queued unreported. {@code close} returns normally
 * in all these cases.
 *
 * <p>Bounded mode ({@link Builder#capacity(int)}): at most {@code capacity} events wait in the
 * queue (plus the one the consumer is delivering). A write that finds it full follows the
 * {@link OverflowPolicy}: {@link OverflowPolicy#BLOCK} (the default) waits for room, at most
 * {@link Builder#maxWait(Duration) maxWait}, then fails with {@link QueueFullException};
 * {@link OverflowPolicy#REJECT} accepts the new event and reports it at once with reason
 * {@link DropReason#OVERFLOW}; {@link OverflowPolicy#DROP_OLDEST} evicts and reports the oldest
 * queued event, then queues the new one; {@link OverflowPolicy#FAIL} throws
 * {@link QueueFullException}. A writer waiting for room is released by {@code close} with
 * {@link SinkClosedException}, and by interruption with {@link dev.sinkwire.SinkException}
 * (interrupt flag restored); in every failure case its event was not accepted. Overflow reports
 * are made on the writer's thread, before {@code write} returns, and {@code close} returns only
 * after every overflow report under way is made (so a drop listener must not close the queue from
 * an overflow report: that close would wait for itself). A destination (or a drop
 * listener called by the consumer) must not write into its own full {@code BLOCK} queue without
 * a maximum wait: the consumer would wait for room that only it can make.
 *
 * <p>Not for: surviving a crash. Nothing is persisted, so what is queued is lost if the process
 * dies. An unbounded queue grows without limit while the destination is slower than the writers:
 * give a queue a capacity when the destination may be down for long.
 *
 * <p>Implementation. Unbounded: a linked multi-producer, single-consumer queue; writers append
 * with one compare-and-set on the tail (kept on a cache line of its own, so that the writers'
 * compare-and-set does not evict the fields the consumer reads for every event) and link the new
 * node with a release store; the consumer spins briefly, then parks, when the queue is empty, and
 * a writer unparks it only when it has parked. Bounded: a lock and two conditions
 * around an array deque (see {@code BoundedBuffer}), because every overflow policy needs the size
 * and the content changed together; the unbounded path pays one predictable branch for it, no
 * atomic operation. The consumer thread belongs to the queue: an interrupt that reaches it between
 * two deliveries is discarded, one that reaches it during a delivery is left to the destination.
 *
 * @param <E> the type of events
 */
public final class Queue<E> implements Sink<E> {

    /*
     * Memory-ordering argument of the unbounded path (the bounded path is under one lock).
     *
     * Accepting. A write is accepted exactly when its compare-and-set moves `tail` from a node
     * `p` to its own node `n`. The CAS is atomic, so each node has exactly one predecessor and
     * each `p.next` is written exactly once: the accepted nodes form one chain from the stub, in
     * CAS order (which, for one writer, is its program order). A CAS that reads CLOSED never
     * succeeds, so nothing is accepted after close's getAndSet.
     *
     * Publishing. The writer fills `n.event` (constructor), then `setRelease(p.next, n)`; the
     * consumer reads `p.next` with getAcquire. Release/acquire on the same variable gives a
     * happens-before edge, so the consumer sees the event (no full fence needed here: the CAS
     * already was one, and the link needs only ordering, not a store-load barrier).
     *
     * No lost or duplicated event. The consumer follows `next` links from the stub one at a
     * time and delivers each node's event once (it advances a local; a node is never revisited).
     * Between a writer's CAS and its link, `p.next` is null while `tail` is already past `p`:
     * the consumer waits at `p` (it neither skips the node nor parks on it, see below), so the
     * chain is always consumed in CAS order without gaps.
     *
     * No lost wakeup. A Dekker pair of synchronization actions:
     *   writer:   CAS tail (volatile write)   ; read `parked` (volatile read)
     *   consumer: write `parked` = true       ; read tail (volatile read) — park only if tail == h
     * In the single total order of synchronization actions, either the consumer's read of the
     * tail comes after the writer's CAS (it sees tail != h and does not park; it yields until the
     * link shows), or the writer's read of `parked` comes after the consumer's write (it sees
     * true, wins the CAS true -> false and unparks; an unpark before the park leaves a permit).
     * A CAS on `parked` lets exactly one of several writers pay for the unpark. The re-check reads
     * the tail, not `h.next`: the link is a release store, not a synchronization action, so it may
     * become visible after the writer's later read of `parked` (store-load reordering); a
     * consumer re-checking only `next` could see null and park although that writer had already
     * read `parked == false`. The CAS on the tail is a synchronization action, so the pair above
     * holds. A consumer that sees the tail moved but `next` still null (a writer between its CAS
     * and its link) yields and looks again rather than parking or spinning hot.
     *
     * Close drains everything accepted before it. close's getAndSet(tail, CLOSED) returns the
     * last node that won a CAS, `L`, and no CAS succeeds after it. `last = L` (volatile) and an
     * unconditional unpark follow. The consumer stops only at `h == last` with `h.next == null`,
     * i.e. after delivering `L`, the end of the chain; if L is not yet linked it waits (tail is
     * CLOSED, not h, so it yields instead of parking). close() returns after the consumer has
     * counted down `terminated`, which happens-after every delivery.
     *
     * A close past its deadline takes the write in flight over. The consumer publishes its token
     * (the node) in `inFlight` with a release store before the write and takes it back with a CAS
     * after; the close, after its grace, CASes a token it reads to TAKEN_OVER. The two CASes on
     * one variable are totally ordered: exactly one succeeds, so the event is accounted for once.
     * The close that wins owns the node and the chain after it: the consumer never reads past a
     * node whose CAS it lost, and `last` was set by stopAccepting before the deadline, so the close
     * walks to `last` like the consumer would. The release store needs no fence: a close that
     * reads null (the store not yet visible, or the consumer between writes) does not conclude
     * anything; it waits another grace and looks again, until it sees a token, STOPPED_WRITING
     * (the consumer saw `abandoned` and only reports from then on) or the consumer's end.
     */

    private static final int SPINS_BEFORE_PARK = 256;
    private static final int YIELDS_BEFORE_PARK = 8;
    private static final AtomicInteger UNNAMED = new AtomicInteger();

    private static final VarHandle PARKED = Checks.varHandle(MethodHandles.lookup(), Queue.class, "parked",
            boolean.class);

    /** Marks the tail of a closed queue: a writer that reads it fails. Never linked. */
    private static final Node<Object> CLOSED = new Node<>(null);

    /** In {@link #inFlight}: the consumer saw the shutdown deadline and writes nothing more. */
    private static final Object STOPPED_WRITING = new Object();
    /** In {@link #inFlight}: a close at its deadline took the write in flight, and everything after it, over. */
    private static final Object TAKEN_OVER = new Object();
    /** What {@link #deliver} returns when a close took its write over: the consumer stops at once. */
    private static final Throwable ABANDONED_WRITE = new Throwable("write taken over at the shutdown deadline", null,
            false, false) { };
    /**
     * How long a close past its deadline waits, on the queue's {@link Timekeeper}, for the consumer
     * to end after the interrupt before it takes the write in flight over. An interruptible write
     * ends within it and reports its own failure (its cause, a retrying sink's attempts); only a
     * write that ignores the interrupt is abandoned.
     */
    static final Duration DEADLINE_GRACE = Duration.ofSeconds(1);

    private final Sink<? super E> dst;
    private final String name;
    /** The bounded buffer, or {@code null} for the unbounded lock-free list below. */
    private final BoundedBuffer<E> bounded;
    private final DropListener dropListener;
    private final Thread consumer;
    private final Timekeeper timekeeper;
    private final CountDownLatch terminated = new CountDownLatch(1);
    /**
     * Released when every accepted event is delivered or reported: when the consumer ends, or when a
     * close at its deadline took the write in flight over and reported the rest. {@code close} waits for it.
     */
    private final CountDownLatch settled = new CountDownLatch(1);

    /** The last node appended; {@link #CLOSED} once closed. Writers CAS it. */
    private final PaddedRef tail;
    /** The stub the consumer starts from; from then on the consumer keeps its position in a local. */
    private final Node<E> head;
    /** Closes the destination once, whichever of the consumer and the shutdown deadline comes first. */
    private final java.util.concurrent.atomic.AtomicBoolean dstClosed = new java.util.concurrent.atomic.AtomicBoolean();
    /** Set once by close: the last node ever linked. The consumer stops after it. */
    private volatile Node<E> last;
    /** The consumer is parked, or about to park: a writer must unpark it. */
    private volatile boolean parked;
    /**
     * Who owns the write to the destination under way. The consumer puts its token there (the
     * node, unbounded; the event, bounded) with a release store before it writes, and takes it out
     * with a compare-and-set when the write returns; a close past its deadline claims a token it
     * finds with a compare-and-set to {@link #TAKEN_OVER}. Exactly one of the two compare-and-sets
     * succeeds: the consumer then owns the outcome of that write as before, or the close reports
     * its event and everything queued after it, and the consumer stops without a word when the
     * write returns. {@link #STOPPED_WRITING} once the consumer saw the deadline: nothing left to
     * claim. Written by the consumer only while it holds no token, so the plain stores never race
     * with the close's compare-and-set.
     */
    private final PaddedRef inFlight = new PaddedRef(null); // alone on its line: set twice per event
    /** The destination (a {@link RetryingSink}) reported the attempt under way at the deadline itself. */
    private volatile boolean destinationReportedInFlight;
    /** The shutdown deadline passed: report what is left instead of delivering it. */
    private volatile boolean abandoned;
    /** Some event was reported with {@link DropReason#SHUTDOWN}. */
    private volatile boolean reportedShutdown;
    /** Why the queue stopped accepting by itself (read by writers that find it closed), or {@code null}. */
    private volatile String closedBecause;

    /**
     * Creates a queue in front of {@code dst}, with a daemon consumer thread and
     * {@link DropListener#logging()}.
     *
     * @param dst the destination
     * @throws NullPointerException if {@code dst} is {@code null}
     */
    public Queue(Sink<? super E> dst) {
        this(builder(dst));
    }

    private Queue(Builder<E> builder) {
        this.dst = builder.dst;
        this.name = builder.name != null ? builder.name : "queue-" + UNNAMED.incrementAndGet();
        this.dropListener = builder.dropListener;
        this.timekeeper = builder.timekeeper;
        this.bounded = builder.capacity > 0
                ? new BoundedBuffer<>(name, builder.capacity,
                        builder.overflow != null ? builder.overflow : OverflowPolicy.BLOCK, builder.maxWait)
                : null;
        Node<E> stub = new Node<>(null);
        this.head = stub;
        this.tail = new PaddedRef(stub);
        ThreadFactory factory = builder.threadFactory != null ? builder.threadFactory : this::defaultThread;
        this.consumer = factory.newThread(this::run);
        if (consumer == null) {
            throw new IllegalStateException("thread factory " + Describe.of(factory) + " returned no thread for queue "
                    + name);
        }
        consumer.start();
    }

    /**
     * Starts building a queue with more options than {@link #Queue(Sink)} takes.
     *
     * @param dst the destination
     * @param <E> the type of events
     * @return a builder
     * @throws NullPointerException if {@code dst} is {@code null}
     */
    public static <E> Builder<E> builder(Sink<? super E> dst) {
        return new Builder<>(dst);
    }

    /**
     * Accepts the event for delivery. Unbounded: never blocks. Bounded and full: follows the
     * {@link OverflowPolicy} (see the class documentation).
     *
     * @throws NullPointerException if {@code event} is {@code null}
     * @throws SinkClosedException if the queue is closed, or closes while this write waits for room
     * @throws QueueFullException if the queue is full and its policy is {@link OverflowPolicy#FAIL},
     *     or {@link OverflowPolicy#BLOCK} and the maximum wait passed; the event is not accepted
     * @throws dev.sinkwire.SinkException if interrupted while waiting for room (the flag is
     *     restored); the event is not accepted
     */
    @Override
    public void write(E event) {
        Objects.requireNonNull(event, "event must not be null");
        if (bounded != null) {
            writeBounded(event);
            return;
        }
        Node<E> node = new Node<>(event);
        PaddedRef t = tail;
        Object prev;
        do {
            prev = t.value;
            if (prev == CLOSED) {
                throw closedException();
            }
        } while (!PaddedRef.VALUE.weakCompareAndSet(t, prev, node));
        /* Once the CAS succeeded the event is accepted: it is delivered (close drains up to the
           last node that won this CAS), whatever happens next. The release store publishes the
           event to the consumer's acquire load of `next`. No lost wakeup: the CAS (a volatile
           write) precedes our volatile read of `parked`, and the consumer's volatile write of
           `parked` precedes its volatile read of the tail; in the one total order of those
           accesses, either the consumer sees the tail moved past its node (and does not park), or
           we see `parked` (and unpark it). */
        @SuppressWarnings("unchecked")
        Node<E> p = (Node<E>) prev;
        Node.NEXT.setRelease(p, node);
        if (parked && PARKED.compareAndSet(this, true, false)) {
            LockSupport.unpark(consumer);
        }
    }

    private void writeBounded(E event) {
        E discarded = bounded.offer(event);
        if (discarded != null) {
            try {
                DropListener.notify(dropListener, new DeadLetter(discarded, name, DropReason.OVERFLOW, null, 0));
            } finally {
                bounded.reported(); // the consumer, hence close, waits for this report
            }
        }
    }

    private SinkClosedException closedException() {
        String because = closedBecause;
        return new SinkClosedException("queue " + name + " is closed" + (because == null ? "" : ": " + because));
    }

    /** Stops accepting: later writes fail; the consumer goes on to the last event accepted. */
    private void stopAccepting() {
        if (bounded != null) {
            bounded.close(closedBecause);
            return;
        }
        @SuppressWarnings("unchecked")
        Node<E> lastLinked = (Node<E>) PaddedRef.VALUE.getAndSet(tail, (Object) CLOSED);
        if (lastLinked != CLOSED) {
            last = lastLinked;
            LockSupport.unpark(consumer);
        }
    }

    /**
     * Stops accepting events, delivers every event already accepted, closes the destination, then
     * returns. Waits as long as delivery takes, a destination write that never returns included.
     * Writers waiting for room in a bounded queue fail with {@link SinkClosedException}. A second
     * call does nothing (from another thread, it waits for the first to finish; once a
     * {@link #close(Duration)} has taken a write over at its deadline, it returns at once). Called
     * from the consumer thread itself (by the destination), it only stops accepting, since waiting
     * there would never end.
     *
     * <p>Not interruptible, on purpose: returning early would break the promise that every
     * accepted event has been delivered or reported when {@code close} returns. An interrupt
     * during the wait is kept, and the interrupt flag is set again when {@code close} returns; to
     * bound the wait, use {@link #close(Duration)}.
     */
    @Override
    public void close() {
        close(null);
    }

    /**
     * Like {@link #close()}, but waits at most {@code timeout} for delivery. Events still
     * undelivered at the deadline are handed to the {@link DropListener} with reason
     * {@link DropReason#SHUTDOWN}; at the deadline the consumer thread is interrupted, which wakes
     * a {@link RetryingSink} that is backing off, and the destination is closed (a
     * {@link RetryingSink} destination, also one behind the CDI extension's fault-tolerance layers,
     * only after the grace below, with {@link RetryingSink#close(Duration)} and a zero deadline).
     *
     * <p>After the interrupt, this waits a short grace (one second, on the queue's clock) for the
     * write in flight to end; an interruptible write ends within it and its event is reported
     * with the write's own failure, as are the events still queued. A write still under way after
     * the grace, one that ignores the interrupt, is abandoned: its event is reported with reason
     * {@link DropReason#SHUTDOWN}, one attempt (the one under way) and no error, then every event
     * queued after it, and this returns without waiting for that write. The consumer thread stays
     * in the write ({@link #consumerAlive()} is {@code true}) and, whenever the write returns,
     * reports nothing and delivers nothing more (rethrowing only a {@link VirtualMachineError});
     * the event is accounted for by that report, whatever the write does. A write that succeeds
     * after the deadline has delivered an event that was also reported (at-least-once, as for an
     * attempt {@link RetryingSink#close(Duration)} reported at its deadline); an event is never
     * reported twice. Who accounts for the event is decided by one compare-and-set between the
     * consumer and this close. When the destination is a {@link RetryingSink} that reported its
     * attempt under way itself (with its attempts and last error), the queue does not report that
     * event again: this assumes the queue is that retrying sink's only writer, as in a chain.
     *
     * <p>Past the deadline the destination is closed while the abandoned write may still be running
     * in it, as {@link RetryingSink#close(Duration)} does with the sink it wraps. This can still
     * wait past the deadline for a destination whose {@code close} waits for its write in flight
     * (a sink wrapping a {@link RetryingSink} closes it without a deadline), or for a drop listener
     * that does not return; give such a sink a timeout of its own. Like {@link #close()}, not
     * interruptible: an interrupt is kept and restored on return.
     *
     * @param timeout how long to wait for delivery, or {@code null} to wait as long as it takes
     * @return {@code true} if no event had to be abandoned: every accepted event was delivered (or
     *     reported by the destination's own retry); {@code false} if some were reported with
     *     {@link DropReason#SHUTDOWN}. A queue already drained when the deadline passes returns
     *     {@code true}, even for a zero timeout
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean close(Duration timeout) {
        if (timeout != null) {
            Checks.notNegative(timeout, "timeout");
        }
        stopAccepting();
        if (Thread.currentThread() == consumer) {
            return true;
        }
        boolean[] interrupted = {false};
        boolean inTime = true;
        if (timeout == null) {
            awaitSettled(interrupted);
        } else if (!awaitSettled(Checks.saturatedNanos(timeout), interrupted)) {
            inTime = false;
            abandon();
            settleAfterDeadline(interrupted);
        }
        if (interrupted[0]) {
            Thread.currentThread().interrupt();
        }
        // settled: every SHUTDOWN report, the consumer's or a take-over's, is visible
        return inTime || !reportedShutdown;
    }

    /** Waits for {@link #settled} without bound; notes an interrupt in {@code interrupted[0]}. */
    private void awaitSettled(boolean[] interrupted) {
        while (true) {
            try {
                settled.await();
                return;
            } catch (InterruptedException e) {
                interrupted[0] = true;
            }
        }
    }

    /** Waits for {@link #settled} at most {@code nanos} on the timekeeper; tells whether it was released. */
    private boolean awaitSettled(long nanos, boolean[] interrupted) {
        long start = timekeeper.nanoTime();
        while (true) {
            try {
                return timekeeper.await(settled, Math.max(0, nanos - (timekeeper.nanoTime() - start)));
            } catch (InterruptedException e) {
                interrupted[0] = true;
            }
        }
    }

    private void abandon() {
        abandoned = true;
        // The interrupt cuts an interruptible write short, and wakes a RetryingSink that is backing off.
        consumer.interrupt();
        LockSupport.unpark(consumer);
        if (!closesWithDeadline()) {
            closeDestination("closing destination at the shutdown deadline failed");
        } // a retrying destination is closed after the grace: closing it now would cut its attempt short
    }

    /** Whether the destination is a retrying sink whose close this queue bounds (see {@link #closeDestinationAfterGrace}). */
    private boolean closesWithDeadline() {
        return dst instanceof RetryingSink<?> || dst instanceof BoundedClose;
    }

    /**
     * Past the deadline, after the interrupt: waits a short grace for the consumer to end; if it is
     * still in a write then, claims that write (see {@link #inFlight}) and reports its event and
     * the rest. Returns when every accepted event is delivered or reported; waits without bound
     * only for a consumer that is not in a write (it is reporting: a drop listener that never
     * returns still holds the close).
     */
    private void settleAfterDeadline(boolean[] interrupted) {
        long grace = Checks.saturatedNanos(DEADLINE_GRACE);
        if (awaitSettled(grace, interrupted)) {
            return;
        }
        if (closesWithDeadline()) {
            closeDestinationAfterGrace();
            if (destinationReportedInFlight) {
                grace = 0; // its writer, our consumer, is in an attempt that outlived the grace already
            }
        }
        do {
            Object token = PaddedRef.VALUE.getAcquire(inFlight);
            if (token == STOPPED_WRITING || token == TAKEN_OVER) { // reporting, by the consumer or another close
                awaitSettled(interrupted);
                return;
            }
            if (token != null && PaddedRef.VALUE.compareAndSet(inFlight, token, TAKEN_OVER)) {
                takeOver(token);
                return;
            }
            // between two writes, not yet past its look at `abandoned`: look again after the grace
            Thread.yield();
        } while (!awaitSettled(grace, interrupted));
    }

    /**
     * Reports the event of the write this close claimed, and every event queued after it, with
     * reason {@link DropReason#SHUTDOWN}; the consumer stops without a word when that write
     * returns. The in-flight event is not reported again when the destination, a
     * {@link RetryingSink}, reported its attempt under way at its own close.
     */
    @SuppressWarnings("unchecked")
    private void takeOver(Object token) {
        try {
            reportedShutdown = true;
            E event = bounded != null ? (E) token : ((Node<E>) token).event;
            if (!destinationReportedInFlight) {
                // attempts: the one under way; no error yet, as RetryingSink reports an attempt under way
                DropListener.notify(dropListener, new DeadLetter(event, name, DropReason.SHUTDOWN, null, 1));
            }
            if (bounded != null) {
                for (E e = bounded.take(); e != null; e = bounded.take()) { // closed: returns null once drained
                    DropListener.notify(dropListener, new DeadLetter(e, name, DropReason.SHUTDOWN, null, 0));
                }
                return;
            }
            // The consumer never moves past a claimed node: the chain after it is ours, up to `last`
            // (set by stopAccepting before the deadline).
            Node<E> h = (Node<E>) token;
            while (true) {
                Node<E> next = h.next();
                if (next == null) {
                    if (h == last) {
                        return;
                    }
                    Thread.yield(); // a writer between its compare-and-set and its link
                    continue;
                }
                E e = next.event;
                next.event = null;
                h = next;
                DropListener.notify(dropListener, new DeadLetter(e, name, DropReason.SHUTDOWN, null, 0));
            }
        } finally {
            settled.countDown();
        }
    }

    /**
     * Closes a {@link RetryingSink} destination (or a decorator of one that says so by implementing
     * {@link BoundedClose}, as the CDI extension's fault-tolerance layers do) once the grace after
     * the interrupt has passed with the consumer still busy: with a zero deadline, so that its
     * close does not wait for an attempt that ignores the interrupt. It reports such an attempt
     * itself (with its attempts and last error), and then this queue does not. Not at the
     * deadline: closing it then would report an attempt that was about to end, and the interrupt
     * alone wakes a retrying sink that is backing off.
     */
    private void closeDestinationAfterGrace() {
        if (!dstClosed.compareAndSet(false, true)) {
            return;
        }
        try {
            boolean noneReported = dst instanceof RetryingSink<?> retrying ? retrying.close(Duration.ZERO)
                    : ((BoundedClose) dst).close(Duration.ZERO);
            if (!noneReported) {
                destinationReportedInFlight = true; // this queue is its writer: it was our write
            }
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) {
            System.getLogger(Queue.class.getName()).log(System.Logger.Level.WARNING,
                    "queue " + name + ": closing destination at the shutdown deadline failed", e);
        }
    }

    /**
     * The events waiting in a bounded queue now, not counting the one the consumer is
     * delivering; for monitoring (it takes the queue's lock briefly, like a write). An unbounded
     * queue keeps no count, so that its writes stay a single atomic operation: it returns
     * {@code -1}; count its backlog with a {@link SinkMeter} ({@link SinkStats#pending()}).
     *
     * @return from 0 to {@link #capacity()}, or {@code -1} when unbounded
     */
    public int size() {
        return bounded != null ? bounded.size() : -1;
    }

    /**
     * The capacity given to {@link Builder#capacity(int)}.
     *
     * @return the most events that wait in the queue, or 0 when unbounded
     */
    public int capacity() {
        return bounded != null ? bounded.capacity() : 0;
    }

    /**
     * Whether the consumer thread is running. It ends when {@link #close()} has delivered
     * everything, and before that only when the destination or the drop listener threw a
     * {@link VirtualMachineError} (see the class documentation): then nothing more is delivered.
     * After {@link #close(Duration)} abandoned a write at its deadline, it runs until that write
     * returns, then ends without delivering or reporting anything more.
     *
     * @return {@code false} once the consumer thread has ended
     */
    public boolean consumerAlive() {
        return terminated.getCount() != 0; // counted down as the consumer's run ends, before close returns
    }

    /** The name given to the builder, or a generated one; used for the thread and in reports. */
    @Override
    public String toString() {
        return name;
    }

    private Thread defaultThread(Runnable task) {
        Thread thread = new Thread(task, "sinkwire-" + name);
        thread.setDaemon(true);
        return thread;
    }

    private void run() {
        Throwable stopped;
        try {
            stopped = drain();
        } catch (VirtualMachineError fatal) { // from a drop listener: nothing more can be reported
            closedBecause = "its consumer thread died of " + fatal;
            stopAccepting();
            throw fatal;
        } finally {
            try {
                closeDestination("closing destination failed");
            } finally {
                terminated.countDown();
                settled.countDown();
            }
        }
        if (stopped instanceof VirtualMachineError) {
            // every event was reported; now end the consumer thread visibly (its uncaught-exception handler)
            throw (VirtualMachineError) stopped;
        }
    }

    /**
     * Delivers until closed and drained. Returns {@code null}, or what the destination threw that
     * made the queue stop writing to it ({@link SinkClosedException} or a
     * {@link VirtualMachineError}); the events after that one were reported, not written. Kept in
     * a local, not a field: the consumer's loop reads no shared state beyond the queue's links.
     */
    private Throwable drain() {
        Throwable stopped = null;
        if (bounded != null) {
            for (E event = bounded.take(); event != null; event = bounded.take()) {
                stopped = stopped == null ? deliver(event, event) : reportUnwritten(event, stopped);
                if (stopped == ABANDONED_WRITE) {
                    return null; // a close took this write and the rest over
                }
            }
            return stopped;
        }
        Node<E> h = head;
        while (true) {
            Node<E> next = h.next();
            if (next == null) {
                next = awaitNext(h);
                if (next == null) {
                    break;
                }
            }
            h = next; // a local: a field written per event would share a cache line with writers' reads
            stopped = stopped == null ? deliver(next.event, next) : reportUnwritten(next.event, stopped);
            if (stopped == ABANDONED_WRITE) {
                return null; // a close took this write and the rest over: `next` and after are its
            }
            next.event = null; // `next` is the stub now: let the event go
        }
        return stopped;
    }

    private void closeDestination(String failure) {
        if (!dstClosed.compareAndSet(false, true)) {
            return;
        }
        try {
            dst.close();
        } catch (SinkClosedException alreadyClosed) {
            // a destination that closed itself may say so again: nothing to do
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) { // any other Error included: at the deadline, close(Duration) must still wait for the consumer
            System.getLogger(Queue.class.getName()).log(System.Logger.Level.WARNING, "queue " + name + ": " + failure, e);
        }
    }

    /** Waits for the node after {@code h}; returns {@code null} when the queue is closed and drained. */
    private Node<E> awaitNext(Node<E> h) {
        int idle = 0;
        while (true) {
            Node<E> next = h.next();
            if (next != null) {
                return next;
            }
            if (h == last) {
                return null;
            }
            if (idle < SPINS_BEFORE_PARK) {
                idle++;
                Thread.onSpinWait();
            } else if (idle < SPINS_BEFORE_PARK + YIELDS_BEFORE_PARK) {
                idle++;
                Thread.yield();
            } else {
                parked = true;
                Thread.interrupted(); // a stray interrupt would make park return at once: a busy loop
                /* Re-check after announcing, through the tail (see write): if no writer has moved
                   it past `h`, any later writer will see `parked` and unpark us. If one has, but
                   not linked yet (preempted between its CAS and its link), or the queue is being
                   closed (`last` not yet set), do not park: yield until the link or `last` shows. */
                if (tail.value == h && h.next() == null && h != last) {
                    LockSupport.park(this);
                } else if (h.next() == null) {
                    Thread.yield();
                }
                parked = false;
            }
        }
    }

    /**
     * Writes one event to the destination, or reports it. Returns {@code null}, or the failure
     * after which the destination must not be written again: {@link SinkClosedException} (the
     * destination is closed) or a {@link VirtualMachineError}; the queue has then stopped
     * accepting.
     */
    private Throwable deliver(E event, Object token) {
        // Discard an interrupt that arrived between deliveries. The deadline's interrupt is never
        // lost by this: `abandoned` is set before it and read after this line.
        Thread.interrupted();
        if (abandoned) {
            stopWriting();
            reportedShutdown = true;
            DropListener.notify(dropListener, new DeadLetter(event, name, DropReason.SHUTDOWN, null, 0));
            return null;
        }
        // Publish the write (a release store: the close only reads it past the deadline, and looks
        // again until it sees it), then decide who owns its outcome by one compare-and-set.
        PaddedRef.VALUE.setRelease(inFlight, token);
        Throwable thrown = null;
        try {
            dst.write(event);
        } catch (Throwable e) {
            thrown = e;
        }
        if (!PaddedRef.VALUE.compareAndSet(inFlight, token, null)) {
            // A close at its deadline claimed this write: it reported the event and the rest.
            if (thrown instanceof VirtualMachineError fatal) {
                throw fatal; // nothing left to report; end the consumer visibly
            }
            return ABANDONED_WRITE;
        }
        Throwable stopped = null;
        if (thrown instanceof SinkClosedException e) {
            stopped = stop(e, "its destination is closed");
            report(event, abandoned ? DropReason.SHUTDOWN : DropReason.CLOSED, e);
        } else if (thrown instanceof VirtualMachineError e) {
            stopped = stop(e, "its destination threw " + e);
            report(event, abandoned ? DropReason.SHUTDOWN : DropReason.FAILED, e);
        } else if (thrown != null) { // the consumer survives any other failure of the destination, Errors included
            report(event, abandoned ? DropReason.SHUTDOWN : DropReason.FAILED, thrown);
        }
        if (abandoned) {
            Thread.interrupted(); // the interrupt was for the write that was in flight
        }
        return stopped;
    }

    /**
     * Tells a close past its deadline that this consumer writes nothing more, only reports: it then
     * waits for the reports instead of claiming a write. Only the consumer writes {@link #inFlight}
     * while it holds no token, so a plain release store is enough.
     */
    private void stopWriting() {
        if (inFlight.value != STOPPED_WRITING) {
            PaddedRef.VALUE.setRelease(inFlight, STOPPED_WRITING);
        }
    }

    /** The destination is gone for good: stop accepting; the consumer reports the rest instead of writing it. */
    private Throwable stop(Throwable cause, String because) {
        closedBecause = because;
        stopAccepting();
        return cause;
    }

    /** Reports an event accepted before the destination was found gone: it is never written. */
    private Throwable reportUnwritten(E event, Throwable stopped) {
        if (abandoned) {
            stopWriting();
        }
        DropReason reason = abandoned ? DropReason.SHUTDOWN
                : stopped instanceof SinkClosedException ? DropReason.CLOSED : DropReason.FAILED;
        if (reason == DropReason.SHUTDOWN) {
            reportedShutdown = true;
        }
        DropListener.notify(dropListener, new DeadLetter(event, name, reason, stopped, 0));
        return stopped;
    }

    /**
     * Reports an event whose write failed. A {@link RetryingSink} that stopped retrying (closed or
     * interrupted at the shutdown deadline) says how many attempts it made and what the
     * destination last said: the letter carries those, not the retrying sink's own exception.
     */
    private void report(E event, DropReason reason, Throwable failure) {
        if (reason == DropReason.SHUTDOWN) {
            reportedShutdown = true;
        }
        int attempts = 1;
        Throwable cause = failure;
        if (failure instanceof RetryingSink.Stopped) {
            RetryingSink.Stopped stopped = (RetryingSink.Stopped) failure;
            attempts = stopped.attempts();
            if (stopped.lastError() != null) {
                cause = stopped.lastError();
            }
        }
        DropListener.notify(dropListener, new DeadLetter(event, name, reason, cause, attempts));
    }

    /**
     * A queue node. The first node is a stub whose event is already delivered (or none). {@code next}
     * is written once, with a release store, by the writer that appended the following node.
     */
    private static final class Node<E> {
        static final VarHandle NEXT = Checks.varHandle(MethodHandles.lookup(), Node.class, "next", Node.class);

        E event;
        @SuppressWarnings("unused") // through NEXT
        private Node<E> next;

        Node(E event) {
            this.event = event;
        }

        @SuppressWarnings("unchecked")
        Node<E> next() {
            return (Node<E>) NEXT.getAcquire(this);
        }
    }

    /**
     * Options for a {@link Queue}. Not thread-safe; use from one thread, then {@link #build()}.
     *
     * @param <E> the type of events
     */
    public static final class Builder<E> {
        private final Sink<? super E> dst;
        private String name;
        private ThreadFactory threadFactory;
        private DropListener dropListener = DropListener.logging();
        private int capacity;
        private OverflowPolicy overflow;
        private Duration maxWait;
        private Timekeeper timekeeper = Timekeeper.system();

        private Builder(Sink<? super E> dst) {
            this.dst = Checks.notNull(dst, "dst");
        }

        /**
         * Names the queue, for its thread ({@code sinkwire-<name>}) and its drop reports.
         *
         * @param name the name; default {@code queue-<n>}
         * @return this builder
         */
        public Builder<E> name(String name) {
            this.name = Checks.notBlank(name, "name");
            return this;
        }

        /**
         * Sets where the consumer thread comes from, for example a container's
         * {@code ManagedThreadFactory}. The factory is asked for exactly one thread.
         *
         * @param threadFactory the factory; default: a daemon thread named {@code sinkwire-<name>}
         * @return this builder
         */
        public Builder<E> threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Checks.notNull(threadFactory, "threadFactory");
            return this;
        }

        /**
         * Sets who hears of events the destination did not accept.
         *
         * @param dropListener the listener; default {@link DropListener#logging()}
         * @return this builder
         */
        public Builder<E> dropListener(DropListener dropListener) {
            this.dropListener = Checks.notNull(dropListener, "dropListener");
            return this;
        }

        /**
         * Bounds the queue: at most {@code capacity} events wait for delivery (the one being
         * delivered is not counted). A write that finds the queue full follows the
         * {@link #overflow(OverflowPolicy) overflow policy}, {@link OverflowPolicy#BLOCK} unless
         * set.
         *
         * @param capacity the most events waiting, at least 1; default: unbounded
         * @return this builder
         * @throws IllegalArgumentException if {@code capacity} is zero or negative
         */
        public Builder<E> capacity(int capacity) {
            if (capacity <= 0) {
                throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * Sets what a write that finds the bounded queue full does. Requires
         * {@link #capacity(int)}.
         *
         * @param overflow the policy; default {@link OverflowPolicy#BLOCK}
         * @return this builder
         * @throws NullPointerException if {@code overflow} is {@code null}
         */
        public Builder<E> overflow(OverflowPolicy overflow) {
            this.overflow = Checks.notNull(overflow, "overflow");
            return this;
        }

        /**
         * Sets the longest a writer waits for room under {@link OverflowPolicy#BLOCK}; when it
         * passes, the write fails with {@link QueueFullException} and the event is not accepted.
         * Zero fails at once, like {@link OverflowPolicy#FAIL}. Requires the policy
         * {@link OverflowPolicy#BLOCK}.
         *
         * @param maxWait the longest wait; default: no limit
         * @return this builder
         * @throws NullPointerException if {@code maxWait} is {@code null}
         * @throws IllegalArgumentException if {@code maxWait} is negative
         */
        public Builder<E> maxWait(Duration maxWait) {
            this.maxWait = Checks.notNegative(maxWait, "maxWait");
            return this;
        }

        /**
         * Sets the clock of {@link Queue#close(Duration)}'s deadline and of the grace after it; a
         * test seam (package-private), so tests drive the deadline with a manual timekeeper.
         */
        Builder<E> timekeeper(Timekeeper timekeeper) {
            this.timekeeper = Checks.notNull(timekeeper, "timekeeper");
            return this;
        }

        /**
         * Creates the queue and starts its consumer thread.
         *
         * @return the queue
         * @throws IllegalArgumentException if an overflow policy or a maximum wait was set without
         *     a capacity, or a maximum wait with a policy other than {@link OverflowPolicy#BLOCK}
         */
        public Queue<E> build() {
            if (capacity == 0 && (overflow != null || maxWait != null)) {
                throw new IllegalArgumentException((overflow != null ? "overflow " + overflow : "maxWait " + maxWait)
                        + " needs a bounded queue: set capacity as well (an unbounded queue never overflows)");
            }
            if (maxWait != null && overflow != null && overflow != OverflowPolicy.BLOCK) {
                throw new IllegalArgumentException("maxWait " + maxWait + " applies only to overflow BLOCK, not "
                        + overflow);
            }
            return new Queue<>(this);
        }
    }
}
