/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.spi;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import java.util.Objects;

/**
 * A sink built by a {@link ConfiguredSinkProvider} and how the extension chains it: either as
 * usual ({@code Queue -> RetryingSink(strategy) -> sink}, with the strategy the provider chose),
 * or as a sink that queues and retries by itself (nothing in front but the filter). Immutable.
 */
public final class ConfiguredSink {

    /**
     * An endpoint that its receiver can disable (a webhook that answered {@code 410 Gone}), shown
     * in {@code SinkwireStats.state(name)} and the health checks, and enabled again with
     * {@code SinkwireStats.enable(name)}. Safe for concurrent use.
     */
    public interface Endpoint {
        /** @return whether the receiver disabled the endpoint */
        boolean disabled();

        /**
         * Sends again.
         *
         * @return whether the endpoint was disabled
         */
        boolean enable();
    }

    private final Sink<Object> sink;
    private final RetryStrategy retryStrategy;
    private final boolean selfQueued;
    private final Endpoint endpoint;

    private ConfiguredSink(Sink<Object> sink, RetryStrategy retryStrategy, boolean selfQueued, Endpoint endpoint) {
        this.sink = Objects.requireNonNull(sink, "sink must not be null");
        this.retryStrategy = retryStrategy;
        this.selfQueued = selfQueued;
        this.endpoint = endpoint;
    }

    /**
     * The same sink, with an endpoint that its receiver can disable.
     *
     * @param endpoint the endpoint
     * @return a copy with the endpoint
     * @throws NullPointerException if {@code endpoint} is {@code null}
     */
    public ConfiguredSink withEndpoint(Endpoint endpoint) {
        return new ConfiguredSink(sink, retryStrategy, selfQueued, Objects.requireNonNull(endpoint,
                "endpoint must not be null"));
    }

    /** @return the endpoint its receiver can disable, or {@code null} */
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * A sink the extension puts behind its queue and a retrying sink.
     *
     * @param sink the sink
     * @param retryStrategy the strategy of the retrying sink; {@code null} for no retrying sink
     * @return the chained sink
     */
    public static ConfiguredSink chained(Sink<Object> sink, RetryStrategy retryStrategy) {
        return new ConfiguredSink(sink, retryStrategy, false, null);
    }

    /**
     * A sink that has its own queue and retry (such as a batched webhook): the extension adds
     * neither a queue nor a retrying sink.
     *
     * @param sink the sink
     * @return the self-queued sink
     */
    public static ConfiguredSink selfQueued(Sink<Object> sink) {
        return new ConfiguredSink(sink, null, true, null);
    }

    /** @return the sink */
    public Sink<Object> sink() {
        return sink;
    }

    /** @return the strategy for the extension's retrying sink, or {@code null} for none */
    public RetryStrategy retryStrategy() {
        return retryStrategy;
    }

    /** @return whether the sink queues and retries by itself */
    public boolean selfQueued() {
        return selfQueued;
    }

    @Override
    public String toString() {
        return (selfQueued ? "self-queued " : "chained ") + sink + (retryStrategy != null ? " retry " + retryStrategy : "");
    }
}
