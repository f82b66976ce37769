/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import dev.sinkwire.DropListener;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.config.SinkSpec;
import dev.sinkwire.cdi.spi.ConfiguredSinkContext;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.SinkMeter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * What a provider gets for one configured sink: its keys, and the services of the chain, each
 * counted in the sink's meter. Immutable; safe for concurrent use.
 */
final class ProviderContext implements ConfiguredSinkContext {

    private final SinkSpec spec;
    private final DropListener drop;
    private final SinkMeter meter;
    private final ThreadFactory threads;
    private final BeanLookup lookup;
    /** Counts a delivery reported by a self-queued sink. */
    private final Sink<Object> delivered;
    /** The go-events breaker handed to the provider, for the sink's state; set at startup by its one thread. */
    private Breaker breaker;

    ProviderContext(SinkSpec spec, DropListener drop, SinkMeter meter, ThreadFactory threads, BeanLookup lookup) {
        this.spec = spec;
        this.drop = drop;
        this.meter = meter;
        this.threads = threads;
        this.lookup = lookup;
        this.delivered = meter.delivering(new Sink<>() {
            @Override
            public void write(Object event) {
                // the sink delivered it already; the meter counts
            }

            @Override
            public void close() {
                // nothing to close
            }
        });
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Map<String, String> keys() {
        return spec.own();
    }

    @Override
    public RetryStrategy retryStrategy(RetryStrategy defaultStrategy) {
        // a durable sink's relay retries persistently: no provider default in front of it
        RetryStrategy strategy = spec.retry().configured() ? spec.retry().newStrategy()
                : spec.store() != null ? null : defaultStrategy;
        if (strategy instanceof Breaker b) {
            breaker = b;
        }
        return strategy == null ? null : meter.retrying(strategy);
    }

    /** @return the go-events breaker of the strategy handed out, or {@code null} */
    Breaker breaker() {
        return breaker;
    }

    @Override
    public DropListener dropListener() {
        return drop;
    }

    @Override
    public Consumer<Object> deliveryListener() {
        return delivered::write;
    }

    @Override
    public Optional<ThreadFactory> threadFactory() {
        return Optional.ofNullable(threads);
    }

    @Override
    public <T> Optional<T> bean(Class<T> type) {
        return lookup.byType(type);
    }
}
