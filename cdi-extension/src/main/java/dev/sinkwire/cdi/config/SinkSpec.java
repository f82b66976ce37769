/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.ExponentialBackoff;
import dev.sinkwire.core.ExponentialBackoffConfig;
import dev.sinkwire.core.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything configured for one sink, read once by {@link SpecReader} from the
 * {@code sinkwire.sinks.<name>.*} keys and the sink's MicroProfile Fault Tolerance annotations
 * with their override keys. Immutable.
 *
 * @param binding what the front end found: name, kind, classes
 * @param enabled whether the sink receives events at all
 * @param async whether a queue decouples writers from the sink
 * @param retry the go-events retry strategy
 * @param queue the queue's bound
 * @param filter the filter (no types and no matcher: every event)
 * @param deadLetter the sink that receives this sink's dead letters, or {@code null}
 * @param ft the FT annotations in effect and who applies them, or {@code null} when none
 * @param own for a sink declared in configuration alone, its provider's keys relative to
 *     {@code sinkwire.sinks.<name>.}; else empty
 * @param store the durable store ({@code store=jdbc}), or {@code null} for {@code store=memory}
 */
public record SinkSpec(SinkBinding binding, boolean enabled, boolean async, Retry retry, QueueBound queue,
        Filter filter, String deadLetter, FtSpec ft, Map<String, String> own, Store store) {

    public SinkSpec {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(filter, "filter");
        own = Map.copyOf(own);
    }

    public String name() {
        return binding.name();
    }

    /**
     * What this spec asks of the chain that a sink queuing by itself cannot give: Sinkwire puts no
     * queue in front of such a sink, and its writes return before delivery. Each setting would
     * otherwise be accepted and do nothing.
     *
     * @param sink describes the sink, for the messages (never a secret)
     * @return a problem per such key, naming it and what is allowed; empty when there is none
     */
    public List<String> needingAnOuterQueue(String sink) {
        String because = " cannot be used with " + sink + ": it queues by itself, ";
        List<String> problems = new ArrayList<>();
        if (store != null) {
            problems.add(Keys.of(name(), Keys.STORE) + "=" + store.type() + because + "so its writes return before"
                    + " delivery and the outbox would complete rows too early; allowed: a sink that delivers in its"
                    + " write (for type=http: batch.size=1)");
        }
        if (!async && store == null) { // a store has no queue of its own: async does not apply to it
            problems.add(Keys.of(name(), Keys.ASYNC) + "=false" + because + "so it never delivers on the thread"
                    + " that fired the event; allowed: leave async unset (true)");
        }
        if (queue != QueueBound.NONE) {
            problems.add(Keys.of(name(), Keys.QUEUE_CAPACITY) + "=" + queue.capacity() + because + "so Sinkwire puts"
                    + " no queue in front of it; allowed: no queue.* keys on this sink (for type=http, batch.capacity"
                    + " bounds its buffer)");
        }
        return problems;
    }

    /** Names a provider's keys without their values, which may be secrets. */
    @Override
    public String toString() {
        return "SinkSpec[" + name() + ", enabled=" + enabled + ", async=" + async + ", " + retry + ", " + queue + ", "
                + filter + ", deadLetter=" + deadLetter + ", ft=" + ft + ", own keys=" + own.keySet() + "]";
    }

    /** The go-events retry strategies: none, go-events' breaker, exponential backoff with full jitter. */
    public enum Strategy {
        NONE,
        BREAKER,
        EXPONENTIAL
    }

    /** The go-events retry strategy of a sink. Immutable. */
    public record Retry(Strategy strategy, int threshold, Duration backoff, ExponentialBackoffConfig exponential,
            boolean configured) {

        /** The default breaker threshold, as in go-events' example. */
        public static final int DEFAULT_THRESHOLD = 5;
        /** The default breaker backoff, as in go-events' example. */
        public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

        /** A new strategy instance (each chain gets its own: strategies have state), {@code null} for none. */
        public RetryStrategy newStrategy() {
            return switch (strategy) {
                case NONE -> null;
                case BREAKER -> new Breaker(threshold, backoff);
                case EXPONENTIAL -> new ExponentialBackoff(exponential);
            };
        }
    }

    /**
     * The bound of a sink's queue. Immutable.
     *
     * @param capacity the capacity, or {@code 0} for an unbounded queue
     * @param overflow what a full queue does
     * @param maxWait how long a blocked writer waits at most, or {@code null} for no limit
     * @param saturation the share of the capacity from which readiness is DOWN, in (0, 1]
     */
    public record QueueBound(int capacity, OverflowPolicy overflow, Duration maxWait, double saturation) {

        public static final double DEFAULT_SATURATION = 0.9;
        public static final QueueBound NONE = new QueueBound(0, OverflowPolicy.BLOCK, null, DEFAULT_SATURATION);

        public boolean bounded() {
            return capacity > 0;
        }

        /** @return the bound for the chain line, empty when unbounded */
        public String describe() {
            return !bounded() ? "" : ", capacity=" + capacity + ", overflow=" + Problems.spelling(overflow)
                    + (maxWait != null ? ", max-wait=" + maxWait : "");
        }
    }

    /** A sink's filter. Immutable. */
    public record Filter(List<String> types, String matcher) {

        public Filter {
            types = List.copyOf(types);
        }

        /** @return whether there is a filter layer */
        public boolean any() {
            return !types.isEmpty() || matcher != null;
        }
    }

    /**
     * A durable store. Immutable.
     *
     * @param type the value of {@code store}, lower case, such as {@code jdbc}
     * @param keys the sink's {@code store.*} keys, relative to {@code sinkwire.sinks.<name>.} (an
     *     environment variable by its own name), for the store's provider to read and check
     */
    public record Store(String type, Map<String, String> keys) {

        /** Checks the components. */
        public Store {
            Objects.requireNonNull(type, "type");
            keys = Map.copyOf(keys);
        }

        /** Names the keys without their values, which may be secrets (as {@link SinkSpec#toString()}). */
        @Override
        public String toString() {
            return "Store[" + type + ", keys=" + new TreeSet<>(keys.keySet()) + "]";
        }
    }
}
