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
import dev.sinkwire.cdi.spi.DurableStoreContext;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.SinkMeter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a provider gets for one sink: a {@link dev.sinkwire.cdi.spi.ConfiguredSinkProvider} its keys,
 * a {@link dev.sinkwire.cdi.spi.DurableStoreProvider} its store and the chain behind the store, both
 * the services of the chain, each counted in the sink's meter. Immutable; safe for concurrent use.
 *
 * @param spec the sink's spec
 * @param dropListener the sink's counted drop listener
 * @param meter the sink's meter
 * @param threads the container's thread factory, or {@code null}
 * @param lookup the container's beans
 * @param storedIds the graph's ids of stored events being delivered (used when the sink has a store)
 * @param inner for a durable store, the chain behind its stage; {@code null} for a configured sink
 * @param handedOut the go-events breaker of the strategy handed out, for the sink's state (set at
 *     startup by the one thread that builds the chains)
 */
record ProviderContext(SinkSpec spec, DropListener dropListener, SinkMeter meter, ThreadFactory threads,
        BeanLookup lookup, StoredIds storedIds, Sink<Object> inner, AtomicReference<Breaker> handedOut)
        implements ConfiguredSinkContext, DurableStoreContext {

    ProviderContext(SinkSpec spec, DropListener drop, SinkMeter meter, ThreadFactory threads, BeanLookup lookup,
            StoredIds storedIds, Sink<Object> inner) {
        this(spec, drop, meter, threads, lookup, storedIds, inner, new AtomicReference<>());
    }

    /** The one failure every reported failed attempt replays. */
    private static final ReportedFailure FAILURE = new ReportedFailure();

    /**
     * What a self-queued sink reports, replayed through the meter's one way of counting an
     * attempt ({@link SinkMeter#delivering}): a write that returns is a delivery, one that throws
     * a failed attempt. Stateless; safe for concurrent use.
     */
    private record Reported(ReportedFailure failure) implements Sink<Object> {
        @Override
        public void write(Object event) {
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void close() {
            // nothing to close
        }
    }

    /** The failure a reported failed attempt replays; no stack trace, shared. */
    private static final class ReportedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReportedFailure() {
            super("failed attempt reported by the sink", null, false, false);
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String prefix() {
        return ConfiguredSinkContext.super.prefix();
    }

    @Override
    public Class<?> eventClass() {
        return spec.binding().eventClass();
    }

    @Override
    public void deliver(Object event, String id) {
        storedIds.deliver(inner, event, id);
    }

    @Override
    public Consumer<Object> acceptListener() {
        return meter.accepting(new Reported(null))::write; // the store committed it; the meter counts
    }

    /** For a durable store, the sink's {@code store.*} keys; for a configured sink, its own keys. */
    @Override
    public Map<String, String> keys() {
        return inner != null ? spec.store().keys() : spec.own();
    }

    @Override
    public RetryStrategy retryStrategy(RetryStrategy defaultStrategy) {
        // a durable sink's relay retries persistently: no provider default in front of it
        RetryStrategy strategy = spec.retry().configured() ? spec.retry().newStrategy()
                : spec.store() != null ? null : defaultStrategy;
        if (strategy instanceof Breaker b) {
            handedOut.set(b);
        }
        return strategy == null ? null : meter.retrying(strategy);
    }

    /** @return the go-events breaker of the strategy handed out, or {@code null} */
    Breaker breaker() {
        return handedOut.get();
    }

    @Override
    public Consumer<Object> deliveryListener() {
        return meter.delivering(new Reported(null), false)::write; // a report: no duration to time
    }

    @Override
    public Consumer<Object> failedAttemptListener() {
        Sink<Object> failed = meter.delivering(new Reported(FAILURE), false);
        return attempt -> {
            try {
                failed.write(attempt);
            } catch (ReportedFailure counted) {
                // counted by the meter
            }
        };
    }

    @Override
    public Optional<Function<Object, String>> storedEventIds() {
        return spec.store() != null ? Optional.of(storedIds) : Optional.empty();
    }

    @Override
    public Optional<ThreadFactory> threadFactory() {
        return Optional.ofNullable(threads);
    }

    @Override
    public <T> Optional<T> bean(Class<T> type) {
        return lookup.byType(type);
    }

    @Override
    public <T> Optional<T> named(Class<T> type, String name) {
        List<Object> found = lookup.byName(name).stream().filter(h -> h.getBean().getTypes().stream()
                .anyMatch(t -> t instanceof Class<?> c && type.isAssignableFrom(c))).map(h -> (Object) h.get()).toList();
        return found.size() == 1 ? Optional.of(type.cast(found.get(0))) : Optional.empty();
    }

    /** Names the sink only: its keys may hold secrets. */
    @Override
    public String toString() {
        return "ConfiguredSinkContext[" + spec.name() + "]";
    }
}
