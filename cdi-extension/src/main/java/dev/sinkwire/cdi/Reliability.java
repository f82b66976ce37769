package dev.sinkwire.cdi;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.spi.Deliveries;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.DropListeners;
import dev.sinkwire.core.Queue;
import dev.sinkwire.core.SinkMeter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reliability wiring of one application's graph: a {@link SinkMeter} per sink (accepted,
 * delivered, failed attempts, retried, dropped), bounded queues, and dead-letter routing from a
 * sink's drop listener into another sink's chain. The runtime asks it for each layer while it
 * builds a chain.
 *
 * <p>Built on one thread at startup; afterwards safe for concurrent use (the routes are published
 * through a concurrent map, and a route that is not built yet refuses letters, which are then
 * logged by {@link DropListeners#toSink}).
 */
final class Reliability {

    private final ReliabilitySettings settings;
    private final SinkwireStats stats;
    /** Per sink: logging and CDI events, then the sink's dead-letter sink, if any. Not counted. */
    private final Map<String, DropListener> listeners = new HashMap<>();
    /** Per sink: the same, counted as dropped by the sink's meter. */
    private final Map<String, DropListener> metered = new HashMap<>();
    /** Per dead-letter sink: its chain behind the entry (which refuses writes once stopping). */
    private final Map<String, Sink<Object>> routes = new ConcurrentHashMap<>();

    /**
     * Creates the wiring.
     *
     * @param settings the validated reliability settings
     * @param names every declared sink's name, in declaration order
     * @param base where every dead letter goes first (log, CDI event)
     */
    Reliability(ReliabilitySettings settings, List<String> names, DropListener base) {
        this.settings = settings;
        Map<String, SinkMeter> meters = new LinkedHashMap<>();
        for (String name : names) {
            SinkMeter meter = new SinkMeter(name);
            meters.put(name, meter);
            String target = settings.deadLetterOf(name);
            DropListener listener = target == null ? base
                    : DropListeners.all(base, DropListeners.toSink(new Route(target)));
            listeners.put(name, listener);
            metered.put(name, meter.dropping(listener));
        }
        this.stats = new SinkwireStats(meters);
    }

    /** @return the injectable accounting */
    SinkwireStats stats() {
        return stats;
    }

    /**
     * The listener for reports of events the sink's chain did not accept (not counted).
     *
     * @param sink the sink's name
     * @return the listener
     */
    DropListener listener(String sink) {
        return listeners.get(sink);
    }

    /**
     * The listener for every component of the sink's chain: counts, then routes.
     *
     * @param sink the sink's name
     * @return the listener
     */
    DropListener dropping(String sink) {
        return metered.get(sink);
    }

    /**
     * Wraps the layer that makes one attempt (the destination, or a timeout around it) to count
     * delivered events and failed attempts.
     *
     * @param sink the sink's name
     * @param attempt the destination, or the layer making one attempt
     * @return the counting layer
     */
    Sink<Object> delivering(String sink, Sink<Object> attempt) {
        return stats.meter(sink).delivering(attempt);
    }

    /**
     * The delivery counter of a sink that confirms deliveries itself: the same counts as
     * {@link #delivering}, reported per event instead of per returned write.
     *
     * @param sink the sink's name
     * @return the counter
     */
    Deliveries deliveries(String sink) {
        Sink<Object> ok = stats.meter(sink).delivering(new Counted(false));
        Sink<Object> failed = stats.meter(sink).delivering(new Counted(true));
        return new Deliveries() {
            @Override
            public void delivered(Object event) {
                ok.write(event);
            }

            @Override
            public void failedAttempt(Object event, Throwable error) {
                try {
                    failed.write(event);
                } catch (FailedAttempt expected) {
                    // counted
                }
            }

            @Override
            public String toString() {
                return "deliveries(" + sink + ")";
            }
        };
    }

    /** A destination that only lets a meter count: it accepts every write, or fails every one. Stateless. */
    private static final class Counted implements Sink<Object> {
        private final boolean fail;

        Counted(boolean fail) {
            this.fail = fail;
        }

        @Override
        public void write(Object event) {
            if (fail) {
                throw FailedAttempt.INSTANCE;
            }
        }

        @Override
        public void close() {
            // nothing to close
        }
    }

    /** Thrown through a meter's delivering layer to count a failed attempt; carries no stack. */
    private static final class FailedAttempt extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final FailedAttempt INSTANCE = new FailedAttempt();

        private FailedAttempt() {
            super("failed attempt", null, false, false);
        }
    }

    /**
     * Wraps a retry strategy to count retries.
     *
     * @param sink the sink's name
     * @param strategy the strategy, or {@code null}
     * @return the counting strategy, or {@code null}
     */
    RetryStrategy retrying(String sink, RetryStrategy strategy) {
        return strategy == null ? null : stats.meter(sink).retrying(strategy);
    }

    /**
     * Wraps the chain below any filter to count accepted events.
     *
     * @param sink the sink's name
     * @param inner the outermost layer below the filter
     * @return the counting layer
     */
    Sink<Object> accepting(String sink, Sink<Object> inner) {
        return stats.meter(sink).accepting(inner);
    }

    /**
     * Applies the sink's queue bound, if any.
     *
     * @param sink the sink's name
     * @param builder the queue's builder
     * @return a description of the bound for the chain's {@code toString()}, empty when unbounded
     */
    String bound(String sink, Queue.Builder<Object> builder) {
        ReliabilitySettings.SinkReliability r = settings.sinks().get(sink);
        if (r == null || !r.bounded()) {
            return "";
        }
        builder.capacity(r.capacity()).overflow(r.overflow());
        if (r.maxWait() != null) {
            builder.maxWait(r.maxWait());
        }
        return ", capacity=" + r.capacity() + ", overflow=" + ReliabilitySettings.policyName(r.overflow())
                + (r.maxWait() != null ? ", max-wait=" + r.maxWait() : "");
    }

    /**
     * Records a built chain, so that other sinks' dead letters can be routed into it.
     *
     * @param sink the sink's name
     * @param behindEntry the chain's outermost layer behind its entry
     */
    void built(String sink, Sink<Object> behindEntry) {
        if (settings.deadLetterSinks().contains(sink)) {
            routes.put(sink, behindEntry);
        }
    }

    /** @return the sink names that receive other sinks' dead letters */
    java.util.Set<String> deadLetterSinks() {
        return settings.deadLetterSinks();
    }

    /**
     * Tells whether a CDI event that reached {@code sink}'s observer is a dead letter routed to that
     * sink already (then the observer skips it, so the sink gets it once).
     *
     * @param sink the observing sink
     * @param event the CDI event
     * @return whether to skip it
     */
    boolean routedAlready(String sink, Object event) {
        return event instanceof DeadLetter letter && sink.equals(settings.deadLetterOf(letter.sink()));
    }

    /**
     * The order in which to close chains: a dead-letter sink after every sink that reports into it,
     * so that their last reports (shutdown leftovers) still reach it. Otherwise declaration order.
     *
     * @param names the sink names in declaration order
     * @return the names in closing order
     */
    List<String> closeOrder(Collection<String> names) {
        Map<String, Integer> depth = new HashMap<>();
        names.forEach(n -> depth.put(n, 0));
        // settings are acyclic: relaxing |names| times settles every depth
        for (int i = 0; i < names.size(); i++) {
            for (String n : names) {
                String target = settings.deadLetterOf(n);
                if (target != null && depth.containsKey(target)) {
                    depth.put(target, Math.max(depth.get(target), depth.get(n) + 1));
                }
            }
        }
        List<String> order = new ArrayList<>(names);
        order.sort(Comparator.comparingInt(depth::get)); // stable: declaration order within a depth
        return order;
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
