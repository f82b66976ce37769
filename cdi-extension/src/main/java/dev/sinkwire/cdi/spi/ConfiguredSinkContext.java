/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.spi;

import dev.sinkwire.DropListener;
import dev.sinkwire.RetryStrategy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the extension gives a {@link ConfiguredSinkProvider} for one sink. Implementations are
 * immutable and thread-safe.
 */
public interface ConfiguredSinkContext {

    /** @return the sink's name (the {@code <name>} of {@code sinkwire.sinks.<name>.}) */
    String name();

    /** @return {@code sinkwire.sinks.<name>.}, for messages naming keys */
    default String prefix() {
        return "sinkwire.sinks." + name() + ".";
    }

    /**
     * The sink's own keys, relative to {@link #prefix()}, without the extension's keys
     * ({@code type}, {@code enabled}, {@code async}, the go-events {@code retry.*} keys
     * ({@code strategy}, {@code threshold}, {@code backoff}, {@code base}, {@code factor},
     * {@code max}), {@code filter.*}, {@code queue.*}, {@code dead-letter}, {@code store} and
     * {@code store.*}). Every other key (such as {@code timeout}) is the provider's: it checks them
     * and reports unknown ones.
     *
     * @return an unmodifiable map
     */
    Map<String, String> keys();

    /**
     * The retry strategy configured with {@code retry.*}, counted in the sink's statistics.
     *
     * @param defaultStrategy what to use when {@code retry.strategy} is not set (the other
     *     {@code retry.*} keys then do not apply)
     * @return the configured strategy, {@code defaultStrategy} when none is configured, or
     *     {@code null} for {@code retry.strategy=none}
     */
    RetryStrategy retryStrategy(RetryStrategy defaultStrategy);

    /** @return where the sink must report events it gives up on (never {@code null}) */
    DropListener dropListener();

    /**
     * Where a sink that queues by itself ({@link ConfiguredSink#selfQueued}) reports each event it
     * delivered, so that the sink's statistics count the delivery then, not when the event entered
     * the sink's own queue. Events it gives up on go to {@link #dropListener()} instead: each event
     * is reported once, to one of the two. A chained sink must not use it (the extension counts
     * its deliveries itself).
     *
     * @return the listener (the default ignores every report); safe for concurrent use
     */
    default Consumer<Object> deliveryListener() {
        return event -> { };
    }

    /**
     * Where a sink that queues by itself ({@link ConfiguredSink#selfQueued}) reports each failed
     * write to its destination (one call per failed attempt: with the event, or with the events of
     * a batch sent as one request), whether it will be retried or not, so that the sink's
     * statistics count failed attempts as for a chained sink; the retry strategy from
     * {@link #retryStrategy} counts the retries. A chained sink must not use it (the extension
     * counts its attempts itself).
     *
     * @return the listener (the default ignores every report); safe for concurrent use
     */
    default Consumer<Object> failedAttemptListener() {
        return attempt -> { };
    }

    /**
     * For a sink behind a durable store ({@code store=jdbc}): the id the store gave each event it
     * delivers, the outbox row's id, the same on every attempt, after restarts and on another
     * instance. A sink that sends an event id (a webhook envelope's {@code id}) should send this one,
     * so receivers can drop duplicates. The function answers for an event while the store's relay
     * writes it to the sink's chain (during that write, on any thread), and throws
     * {@code IllegalStateException} otherwise.
     *
     * @return the ids of stored events, or empty when the sink has no durable store
     */
    default Optional<Function<Object, String>> storedEventIds() {
        return Optional.empty();
    }

    /** @return the managed thread factory of the application, if the extension uses one */
    Optional<ThreadFactory> threadFactory();

    /**
     * The application's bean of a type, if it has exactly one (for {@code http}: its {@code Jsonb}).
     *
     * @param type the bean type
     * @param <T> the bean type
     * @return the bean, or empty if there is none or more than one
     */
    <T> Optional<T> bean(Class<T> type);
}
