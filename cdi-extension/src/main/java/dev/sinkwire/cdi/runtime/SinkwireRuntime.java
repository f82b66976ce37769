/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.runtime;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.cdi.chain.BeanLookup;
import dev.sinkwire.cdi.chain.Chain;
import dev.sinkwire.cdi.chain.ChainBuilder;
import dev.sinkwire.cdi.chain.ChainEntry;
import dev.sinkwire.cdi.config.ConfigView;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.Keys;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SinkRules;
import dev.sinkwire.cdi.config.Spec;
import dev.sinkwire.cdi.config.SpecReader;
import dev.sinkwire.core.Broadcaster;
import dev.sinkwire.core.QueueFullException;
import dev.sinkwire.core.SinkStats;
import jakarta.enterprise.event.Event;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The running graph of one application: delivers the events the observers hand over, reports
 * the statistics, and shuts the chains down. {@link #start} runs the stages after discovery: read
 * the spec, build the chains, start, print every chain line; nothing is left running when a stage
 * fails.
 *
 * <p>Safe for concurrent use: {@link #deliver} and the chains may be used from any thread;
 * {@link #close} may be called more than once, from any thread.
 */
public final class SinkwireRuntime implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(SinkwireRuntime.class.getName());

    private final Spec spec;
    private final ChainBuilder.Graph graph;
    private final Map<String, Inlet> inlets;
    private final Broadcaster<Object> broadcaster;
    private final SinkwireStats stats;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Reads the spec, builds the chains and starts delivering; a problem fails with {@link ProblemsException}. */
    public static SinkwireRuntime start(List<SinkBinding> bindings, ConfigView config, BeanLookup lookup,
            Event<DeadLetter> deadLetters, FtMode ftMode) {
        Spec spec = SpecReader.read(config, bindings, ftMode);
        DropListener drop = new DeadLetterEvents(spec.deadLetterEvents() ? deadLetters : null);
        ThreadFactory threads = managedThreads(spec.threadFactoryJndiName());
        SinkwireRuntime runtime = new SinkwireRuntime(spec, ChainBuilder.build(spec, lookup, drop, threads), drop);
        LOGGER.log(Level.INFO, () -> "Sinkwire started " + bindings.size() + " sink(s); " + ftMode.describe()
                + (threads != null ? " (queue threads from " + spec.threadFactoryJndiName() + ")" : "")
                + runtime.inlets.values().stream().map(in -> "\n  " + in.entry()).reduce("", String::concat));
        return runtime;
    }

    /**
     * The container's managed thread factory, through JNDI and without the Jakarta Concurrency API
     * (a {@code ManagedThreadFactory} is a {@link ThreadFactory}); {@code null} where there is none
     * (Weld SE, Quarkus). Runs on a container thread at startup, where {@code java:comp} resolves.
     */
    private static ThreadFactory managedThreads(String jndiName) {
        if (jndiName == null) {
            return null;
        }
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof ThreadFactory factory) {
                LOGGER.log(Level.DEBUG, () -> "Sinkwire: queue threads come from " + jndiName);
                return factory;
            }
            LOGGER.log(Level.WARNING, () -> "Sinkwire: " + jndiName + " is not a ThreadFactory (" + found
                    + "); queues use plain daemon threads");
        } catch (NamingException | RuntimeException | LinkageError e) {
            LOGGER.log(Level.DEBUG, () -> "Sinkwire: no managed thread factory at " + jndiName + " (" + e
                    + "); queues use plain daemon threads");
        }
        return null;
    }

    /** Starts delivering into built chains. */
    SinkwireRuntime(Spec spec, ChainBuilder.Graph graph, DropListener drop) {
        this.spec = spec;
        this.graph = graph;
        Map<String, Inlet> in = new LinkedHashMap<>();
        graph.chains().forEach((name, chain) -> in.put(name, new Inlet(this, chain.entry())));
        this.inlets = Collections.unmodifiableMap(in);
        this.broadcaster = new Broadcaster<>(drop);
        graph.chains().values().stream().map(Chain::entry).filter(ChainEntry::enabled)
                .forEach(c -> broadcaster.add(new BroadcastMember(this, c)));
        this.stats = new SinkwireStats(graph.meters(), new LinkedHashMap<>(graph.chains()), spec.metricsEnabled());
    }

    /**
     * Writes an event that CDI delivered to the sink's synthetic observer. A failure is reported to the drop listener,
     * never thrown at the code that fired the event, except that a durable sink that cannot store the event throws (the
     * event was not accepted, and the caller's transaction must not commit without it), also once the application
     * stops ({@link SinkClosedException}); a disabled sink ignores it, and so does a sink of a supertype (such as
     * {@code Object}) for the container's own {@code Startup} and {@code Shutdown} events.
     */
    public void deliver(String sink, Object event) {
        Inlet inlet = inlets.get(sink);
        if (inlet != null) {
            deliver(inlet.entry(), sink, event);
        }
    }

    private void deliver(ChainEntry entry, String sink, Object event) {
        if (!entry.enabled() || SinkRules.isUnaskedContainerEvent(event, entry.eventClass())
                || graph.routes().routedAlready(sink, event)) {
            return;
        }
        write(entry, sink, event);
    }

    /**
     * Writes into a chain; what its entry refuses or fails is reported to the sink's drop listener (log, CDI event,
     * its dead-letter sink), whether the event came from CDI or through the broadcaster.
     */
    private void write(ChainEntry entry, String sink, Object event) {
        try {
            entry.write(event);
        } catch (SinkClosedException e) {
            if (entry.durable()) {
                throw e; // not stored (the application is stopping): the writer's transaction must not commit without it
            }
            dropped(new DeadLetter(event, sink, DropReason.CLOSED, e, 0));
        } catch (QueueFullException e) { // a bounded queue refused it (fail, or block past max-wait)
            dropped(new DeadLetter(event, sink, DropReason.OVERFLOW, e, 0));
        } catch (RuntimeException e) {
            if (entry.durable()) {
                throw e; // not stored, not accepted: the writer still owns the event
            }
            dropped(new DeadLetter(event, sink, DropReason.FAILED, e, 1));
        } catch (Throwable e) { // a failing sink must not break the code that fired the event, nor other sinks
            dropped(new DeadLetter(event, sink, DropReason.FAILED, e, 1));
        }
    }

    /** Reports an event the chain's entry refused; the listener is looked up only then, not per event. */
    private void dropped(DeadLetter letter) {
        DropListener.notify(graph.routes().listener(letter.sink()), letter);
    }

    /**
     * The way into one sink's chain, resolved once for the observers that feed it: delivering through
     * it is {@link #deliver(String, Object)} without the look-up by name. Safe for concurrent use.
     */
    public record Inlet(SinkwireRuntime runtime, ChainEntry entry) {

        /** Writes an event into the sink's chain, as {@link SinkwireRuntime#deliver(String, Object)} does. */
        public void deliver(Object event) {
            runtime.deliver(entry, entry.name(), event);
        }
    }

    /**
     * A chain as a member of the broadcaster: skips events of other types, and reports a refusal or failure as a CDI
     * event's is (so the broadcaster never sees one, except a durable sink's failure to store); closed by the runtime.
     */
    private record BroadcastMember(SinkwireRuntime runtime, ChainEntry entry) implements Sink<Object> {

        @Override
        public void write(Object event) {
            if (entry.eventClass().isInstance(event)) {
                runtime.write(entry, entry.name(), event);
            }
        }

        @Override
        public void close() {
            // the runtime closes the chain itself, with the shutdown deadline
        }

        @Override
        public String toString() {
            return entry.name();
        }
    }

    /** @return the inlet of every sink, by name, in declaration order */
    public Map<String, Inlet> inlets() {
        return inlets;
    }

    /** The outer end of a sink's chain. */
    public ChainEntry chain(String sink) {
        Inlet inlet = inlets.get(sink);
        if (inlet == null) {
            throw new IllegalArgumentException("no sink named '" + sink + "'; known sinks: " + inlets.keySet());
        }
        return inlet.entry();
    }

    /** @return the accounting of every sink */
    public SinkwireStats stats() {
        return stats;
    }

    /** @return the broadcaster of every enabled sink */
    public Broadcaster<Object> broadcaster() {
        return broadcaster;
    }

    /**
     * Closes the graph outer to inner within {@code sinkwire.shutdown.timeout}, see
     * {@link #close(Duration, String)}. A second call does nothing.
     */
    @Override
    public void close() {
        close(spec.shutdownTimeout(), Keys.SHUTDOWN_TIMEOUT + "=" + spec.shutdownTimeout());
    }

    /**
     * Closes the graph outer to inner: every chain entry stops accepting (so the broadcaster's
     * writes to the chains are refused too), then each queue delivers what it accepted (up to
     * {@code deadline}, shared by all queues; what is left is reported with reason
     * {@code SHUTDOWN}, never dropped silently), then the retrying sinks and the sinks themselves
     * are closed, dead-letter sinks after the sinks that report into them; the broadcaster is
     * closed last, once no writer can be left waiting in a queue while holding it. Logs at INFO
     * how many events were pending and where the deadline comes from, and at the end how many
     * were delivered and how many reported. A second call does nothing.
     *
     * @param deadline how long the queues may take to deliver what they accepted
     * @param source where the deadline comes from, for the log ({@code sinkwire.shutdown.timeout=PT30S})
     */
    public void close(Duration deadline, String source) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        inlets.values().forEach(in -> in.entry().stop());
        Map<String, SinkStats> before = stats.all();
        long pending = before.values().stream().mapToLong(SinkStats::pending).sum();
        LOGGER.log(Level.INFO, () -> "Sinkwire stopping: " + pending + " accepted event(s) not delivered yet;"
                + " delivering them within " + source);
        long start = System.nanoTime();
        for (String name : spec.closeOrder(inlets.keySet())) {
            Chain c = graph.chains().get(name);
            Duration left = Duration.ofNanos(Math.max(0, saturatedNanos(deadline) - (System.nanoTime() - start)));
            if (!c.close(left)) {
                LOGGER.log(Level.WARNING, () -> "Sinkwire: sink '" + name + "' did not deliver every queued event"
                        + " within " + source + "; the rest were reported as dropped (SHUTDOWN)");
            }
        }
        // Last, not first: a broadcast write holds the broadcaster while it waits for room in a full queue, and only
        // that queue's close above releases it. Meanwhile the stopped entries refuse broadcast writes (CLOSED letters).
        broadcaster.close();
        Map<String, SinkStats> after = stats.all();
        long delivered = before.keySet().stream()
                .mapToLong(n -> after.get(n).delivered() - before.get(n).delivered()).sum();
        long reported = before.keySet().stream()
                .mapToLong(n -> after.get(n).droppedTotal() - before.get(n).droppedTotal()).sum();
        LOGGER.log(Level.INFO, () -> "Sinkwire stopped: " + delivered + " event(s) delivered while stopping, "
                + reported + " reported as dead letters");
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    /**
     * The drop listener of every chain: logs through {@link DropListener#logging()}, then (when
     * enabled) fires the {@link DeadLetter} as a CDI event. A dead letter whose event is itself a
     * {@code DeadLetter} is only logged, so that a sink that observes dead letters and fails cannot
     * feed itself forever. Safe for concurrent use.
     */
    private record DeadLetterEvents(Event<DeadLetter> events) implements DropListener {

        @Override
        public void dropped(DeadLetter letter) {
            DropListener.notify(DropListener.logging(), letter);
            if (events == null || letter.event() instanceof DeadLetter) {
                return;
            }
            try {
                events.fire(letter);
            } catch (RuntimeException e) { // an observer failed, or the container is gone: the log above has it
                LOGGER.log(Level.WARNING, "Sinkwire: firing the CDI event " + letter + " failed", e);
            }
        }

        @Override
        public String toString() {
            return events == null ? "DropListener.logging()" : "DropListener.logging() + CDI DeadLetter events";
        }
    }
}
