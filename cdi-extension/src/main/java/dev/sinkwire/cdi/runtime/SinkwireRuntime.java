/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.runtime;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.cdi.chain.Chain;
import dev.sinkwire.cdi.chain.ChainBuilder;
import dev.sinkwire.cdi.chain.ChainEntry;
import dev.sinkwire.cdi.config.Keys;
import dev.sinkwire.cdi.config.SinkRules;
import dev.sinkwire.cdi.config.Spec;
import dev.sinkwire.core.Broadcaster;
import dev.sinkwire.core.QueueFullException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running graph of one application: delivers the events the observers hand over, reports
 * the statistics, and shuts the chains down. It neither reads nor validates configuration: it
 * gets built chains ({@link Assembly}).
 *
 * <p>Safe for concurrent use: {@link #deliver} and the chains may be used from any thread;
 * {@link #close} may be called more than once, from any thread.
 */
public final class SinkwireRuntime implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(SinkwireRuntime.class.getName());

    private final Spec spec;
    private final ChainBuilder.Graph graph;
    private final Map<String, ChainEntry> entries;
    private final Broadcaster<Object> broadcaster;
    private final SinkwireStats stats;
    private final Object closeLock = new Object();
    private boolean closed;

    /**
     * Starts delivering into built chains.
     *
     * @param spec the configuration the chains were built from
     * @param graph the chains
     * @param drop where the broadcaster reports failures
     */
    SinkwireRuntime(Spec spec, ChainBuilder.Graph graph, DropListener drop) {
        this.spec = spec;
        this.graph = graph;
        Map<String, ChainEntry> e = new LinkedHashMap<>();
        graph.chains().forEach((name, chain) -> e.put(name, chain.entry()));
        this.entries = Collections.unmodifiableMap(e);
        this.broadcaster = new Broadcaster<>(drop);
        entries.values().stream().filter(ChainEntry::enabled).forEach(c -> broadcaster.add(c.asBroadcastMember()));
        Map<String, SinkwireStats.Probe> probes = new LinkedHashMap<>();
        graph.chains().forEach((name, chain) -> probes.put(name, chain.probe()));
        this.stats = new SinkwireStats(graph.meters(), probes, spec.metricsEnabled());
    }

    /**
     * Writes an event that CDI delivered to the sink's synthetic observer. A failure is reported to
     * the drop listener, never thrown at the code that fired the event; a disabled sink ignores it,
     * and so does a sink of a supertype (such as {@code Object}) for the container's own
     * {@code Startup} and {@code Shutdown} events.
     *
     * @param sink the sink's name
     * @param event the event
     */
    public void deliver(String sink, Object event) {
        ChainEntry entry = entries.get(sink);
        if (entry == null || !entry.enabled() || SinkRules.isUnaskedContainerEvent(event, entry.eventClass())
                || graph.routes().routedAlready(sink, event)) {
            return;
        }
        DropListener listener = graph.routes().listener(sink);
        try {
            entry.write(event);
        } catch (SinkClosedException e) {
            DropListener.notify(listener, new DeadLetter(event, sink, DropReason.CLOSED, e, 0));
        } catch (QueueFullException e) { // a bounded queue refused it (fail, or block past max-wait)
            DropListener.notify(listener, new DeadLetter(event, sink, DropReason.OVERFLOW, e, 0));
        } catch (Throwable e) { // a failing sink must not break the code that fired the event, nor other sinks
            DropListener.notify(listener, new DeadLetter(event, sink, DropReason.FAILED, e, 1));
        }
    }

    /**
     * The outer end of a sink's chain.
     *
     * @param sink the sink's name
     * @return the chain
     * @throws IllegalArgumentException if there is no such sink
     */
    public ChainEntry chain(String sink) {
        ChainEntry entry = entries.get(sink);
        if (entry == null) {
            throw new IllegalArgumentException("no sink named '" + sink + "'; known sinks: " + entries.keySet());
        }
        return entry;
    }

    /** @return the accounting of every sink */
    public SinkwireStats stats() {
        return stats;
    }

    /** @return the broadcaster of every enabled sink */
    public Broadcaster<Object> broadcaster() {
        return broadcaster;
    }

    /** @return the chain lines, one per sink, for the startup log */
    String describe() {
        return entries.values().stream().map(c -> "\n  " + c).reduce("", String::concat);
    }

    /**
     * Closes the graph outer to inner: the broadcaster and every chain entry stop accepting, then
     * each queue delivers what it accepted (up to the shutdown timeout, shared by all queues;
     * what is left is reported with reason {@code SHUTDOWN}), then the retrying sinks and the
     * sinks themselves are closed, dead-letter sinks after the sinks that report into them. A
     * second call does nothing.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        broadcaster.close();
        entries.values().forEach(ChainEntry::stop);
        long start = System.nanoTime();
        for (String name : spec.closeOrder(entries.keySet())) {
            Chain c = graph.chains().get(name);
            Duration left = Duration.ofNanos(Math.max(0, saturatedNanos(spec.shutdownTimeout())
                    - (System.nanoTime() - start)));
            if (!c.close(left)) {
                LOGGER.log(Level.WARNING, () -> "Sinkwire: sink '" + name + "' did not deliver every queued event"
                        + " within " + Keys.SHUTDOWN_TIMEOUT + "=" + spec.shutdownTimeout() + "; the rest were"
                        + " reported as dropped (SHUTDOWN)");
            }
        }
        LOGGER.log(Level.DEBUG, "Sinkwire stopped");
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
