/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi;

import java.util.Objects;

/**
 * What one sink's chain is doing now, beside its counts ({@link SinkwireStats#of(String)}): the
 * state of its breaker, the depth of its bounded queue, whether its queue's consumer thread runs,
 * and whether its receiver disabled its endpoint. Read with {@link SinkwireStats#state(String)};
 * the metrics and health checks of {@code sinkwire-metrics} are built on it.
 *
 * <p>Immutable: safe for concurrent use. Each value is read on its own, so a state taken while
 * events flow is not one atomic picture of the chain.
 *
 * @param sink the sink's name
 * @param enabled whether the sink is enabled by configuration ({@code sinkwire.sinks.<name>.enabled})
 * @param breaker the state of the sink's breaker
 * @param queueDepth the events waiting in the sink's bounded queue, or {@code -1} when the sink has
 *     no bounded queue (an unbounded queue keeps no count: see {@code pending} in its counts)
 * @param queueCapacity the capacity of the sink's bounded queue, or 0 when it has none
 * @param queueSaturation the share of {@code queueCapacity} from which the queue counts as
 *     saturated ({@code sinkwire.sinks.<name>.health.queue-saturation}, else
 *     {@code sinkwire.health.queue-saturation}, else 0.9), above 0 and at most 1
 * @param consumerAlive {@code false} when the sink's queue consumer thread has died while the
 *     application runs (nothing more is delivered); {@code true} otherwise, also without a queue
 * @param endpointDisabled whether the receiver disabled the sink's endpoint (a webhook answered
 *     {@code 410 Gone}); {@link SinkwireStats#enable(String)} enables it again
 */
public record SinkState(String sink, boolean enabled, Breaker breaker, int queueDepth, int queueCapacity,
        double queueSaturation, boolean consumerAlive, boolean endpointDisabled) {

    /** The state of a sink's breaker. */
    public enum Breaker {
        /**
         * The sink has no breaker that Sinkwire applies: none configured, or an
         * {@code @CircuitBreaker} applied by the Fault Tolerance implementation (see its own metrics).
         */
        NONE,
        /** Attempts go through. */
        CLOSED,
        /** Attempts wait or are refused: the receiver failed too often. */
        OPEN,
        /** A trial attempt decides whether the breaker closes (MicroProfile FT's circuit breaker only). */
        HALF_OPEN
    }

    /**
     * Checks the components.
     *
     * @param sink the sink's name
     * @param enabled whether the sink is enabled by configuration
     * @param breaker the state of the sink's breaker
     * @param queueDepth the events waiting in the bounded queue, or {@code -1}
     * @param queueCapacity the capacity of the bounded queue, or 0
     * @param queueSaturation the share of the capacity from which the queue is saturated
     * @param consumerAlive whether the queue's consumer thread runs (or there is no queue)
     * @param endpointDisabled whether the receiver disabled the endpoint
     * @throws NullPointerException if {@code sink} or {@code breaker} is {@code null}
     */
    public SinkState {
        Objects.requireNonNull(sink, "sink must not be null");
        Objects.requireNonNull(breaker, "breaker must not be null");
    }

    /**
     * Whether the bounded queue holds at least {@code queueSaturation} of its capacity.
     *
     * @return {@code false} without a bounded queue
     */
    public boolean saturated() {
        // depth / capacity, not saturation × capacity: the product rounds above a whole number
        // (0.55 × 100 = 55.00000000000001), and 55 of 100 would not count; the quotient is the
        // double nearest to the exact share, so an exact share equals the configured decimal
        return queueCapacity > 0 && (double) queueDepth / queueCapacity >= queueSaturation;
    }

    /**
     * Whether the sink can take and deliver events now: enabled, its breaker not open, its
     * bounded queue not saturated, its endpoint not disabled, its consumer thread alive. The
     * readiness check of {@code sinkwire-metrics} is DOWN when a sink is not ready.
     *
     * @return whether the sink is ready
     */
    public boolean ready() {
        return !enabled || (breaker != Breaker.OPEN && !saturated() && !endpointDisabled && consumerAlive);
    }

    /**
     * One word for the health check's data: {@code disabled-by-config}, {@code consumer-dead},
     * {@code endpoint-disabled}, {@code breaker-open}, {@code saturated} or {@code up}, the first
     * that applies.
     *
     * @return the word
     */
    public String describe() {
        if (!enabled) {
            return "disabled-by-config";
        }
        if (!consumerAlive) {
            return "consumer-dead";
        }
        if (endpointDisabled) {
            return "endpoint-disabled";
        }
        if (breaker == Breaker.OPEN) {
            return "breaker-open";
        }
        return saturated() ? "saturated" : "up";
    }
}
