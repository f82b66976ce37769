/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.messaging;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A sink that hands each event to a MicroProfile Reactive Messaging {@link Emitter} (for users whose
 * Kafka, AMQP... channels are configured in Reactive Messaging) and returns when the message was
 * acknowledged: a nack, a refused send (no subscriber, overflow) or no answer within the timeout
 * fails the write with a {@link SinkException}, so Sinkwire's retry, breaker and dead letters apply
 * as for any sink. Wrap it in an {@code @EventSink} class that injects the emitter:
 * <pre>{@code
 * @EventSink("orders-out")
 * @ApplicationScoped
 * public class OrdersOut implements Sink<OrderPlaced> {
 *     @Inject @Channel("orders") Emitter<OrderPlaced> emitter;
 *     private EmitterSink<OrderPlaced> sink;
 *
 *     @PostConstruct void init() { sink = new EmitterSink<>(emitter, Duration.ofSeconds(10)); }
 *     public void write(OrderPlaced e) { sink.write(e); }
 *     public void close() { sink.close(); }
 * }
 * }</pre>
 *
 * <p>Needs {@code org.eclipse.microprofile.reactive.messaging:microprofile-reactive-messaging-api}
 * (an optional dependency of {@code sinkwire-kafka}) and an implementation (SmallRye Reactive
 * Messaging in Quarkus, Open Liberty's {@code mpReactiveMessaging}); tested with SmallRye Reactive
 * Messaging 4.33 under Weld SE and inside Quarkus 3.33 ({@code quarkus-messaging}; see
 * {@code docs/kafka.md}).
 *
 * <p>Safe for concurrent use if the emitter is (emitters are): each write waits for its own
 * acknowledgement. It waits one message at a time per writer thread; behind a Sinkwire queue that
 * is one message in flight.
 *
 * @param <T> the type of events
 */
public final class EmitterSink<T> implements Sink<T> {

    private final Emitter<T> emitter;
    private final Duration timeout;
    private volatile boolean closed;

    /**
     * @param emitter the emitter of the channel
     * @param timeout how long a write waits for the acknowledgement
     */
    public EmitterSink(Emitter<T> emitter, Duration timeout) {
        this.emitter = Objects.requireNonNull(emitter, "emitter must not be null");
        this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, was " + timeout);
        }
    }

    /**
     * Sends the event and waits for its acknowledgement.
     *
     * @param event the event
     * @throws SinkClosedException if this sink is closed
     * @throws SinkException on a nack, a refused send, a timeout or an interruption
     */
    @Override
    public void write(T event) {
        Objects.requireNonNull(event, "event must not be null");
        if (closed) {
            throw new SinkClosedException("emitter sink is closed");
        }
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        Message<T> message = Message.of(event, () -> {
            outcome.complete(null);
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            outcome.completeExceptionally(reason != null ? reason : new SinkException("nacked without a reason"));
            return CompletableFuture.completedFuture(null);
        });
        try {
            emitter.send(message);
        } catch (RuntimeException e) { // no subscriber, overflow, cancelled channel
            throw new SinkException("the emitter refused the message: " + e, e);
        }
        try {
            outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new SinkException("the message was nacked: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new SinkException("no acknowledgement within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while waiting for the acknowledgement", e);
        }
    }

    /** Stops accepting writes; the emitter belongs to the container and stays open. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "EmitterSink[" + emitter + "]";
    }
}
