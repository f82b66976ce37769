/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.cdi.config.Spec;
import dev.sinkwire.core.DropListeners;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dead-letter routing of one application's graph: each sink's reports go to the base listener
 * (log, CDI event), then into its dead-letter sink's chain, if any.
 *
 * <p>Built on one thread at startup; afterwards safe for concurrent use (the routes are published
 * through a concurrent map, and a route that is not built yet refuses letters, which are then
 * logged by {@link DropListeners#toSink}).
 */
public final class Routes {

    private final Spec spec;
    /** Per sink: logging and CDI events, then the sink's dead-letter sink, if any. Not counted. */
    private final Map<String, DropListener> listeners = new HashMap<>();
    /** Per dead-letter sink: its chain behind the entry (which refuses writes once stopping). */
    private final Map<String, Sink<Object>> routes = new ConcurrentHashMap<>();

    /** Creates the routes. */
    public Routes(Spec spec, DropListener base) {
        this.spec = spec;
        for (String name : spec.sinks().keySet()) {
            String target = spec.deadLetterOf(name);
            listeners.put(name, target == null ? base : DropListeners.all(base, DropListeners.toSink(new Route(target))));
        }
    }

    /** Where a sink's reports go (not counted: the chain builder counts them for the chain's components). */
    public DropListener listener(String sink) {
        return listeners.get(sink);
    }

    /** Records a built chain, so that other sinks' dead letters can be routed into it. */
    void built(String sink, Sink<Object> behindEntry) {
        if (spec.deadLetterSinks().contains(sink)) {
            routes.put(sink, behindEntry);
        }
    }

    /**
     * Tells whether a CDI event that reached {@code sink}'s observer is a dead letter routed to that sink already (then
     * the observer skips it, so the sink gets it once).
     */
    public boolean routedAlready(String sink, Object event) {
        return event instanceof DeadLetter letter && sink.equals(spec.deadLetterOf(letter.sink()));
    }

    /** Writes a dead letter into a dead-letter sink's chain, behind its entry. Safe for concurrent use. */
    private final class Route implements Sink<DeadLetter> {
        private final String target;

        Route(String target) {
            this.target = target;
        }

        @Override
        public void write(DeadLetter letter) {
            Sink<Object> chain = routes.get(target);
            if (chain == null) {
                throw new SinkClosedException("dead-letter sink '" + target + "' is not running");
            }
            chain.write(letter);
        }

        @Override
        public void close() {
            // the runtime closes the target's chain
        }

        @Override
        public String toString() {
            return "sink '" + target + "'";
        }
    }
}
