/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import dev.sinkwire.kafka.messaging.EmitterSink;
import io.smallrye.config.inject.ConfigExtension;
import io.smallrye.reactive.messaging.providers.MediatorFactory;
import io.smallrye.reactive.messaging.providers.connectors.ExecutionHolder;
import io.smallrye.reactive.messaging.providers.connectors.WorkerPoolRegistry;
import io.smallrye.reactive.messaging.providers.extension.ChannelProducer;
import io.smallrye.reactive.messaging.providers.extension.EmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.smallrye.reactive.messaging.providers.extension.LegacyEmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.MediatorManager;
import io.smallrye.reactive.messaging.providers.extension.MutinyEmitterFactoryImpl;
import io.smallrye.reactive.messaging.providers.extension.ReactiveMessagingExtension;
import io.smallrye.reactive.messaging.providers.impl.ConfiguredChannelFactory;
import io.smallrye.reactive.messaging.providers.impl.ConnectorFactories;
import io.smallrye.reactive.messaging.providers.impl.InternalChannelRegistry;
import io.smallrye.reactive.messaging.providers.wiring.Wiring;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Reactive Messaging bridge against a real implementation (SmallRye Reactive Messaging, the one
 * Quarkus ships) under Weld SE: an {@code @EventSink} class wrapping {@link EmitterSink}, as its
 * Javadoc shows, writes to an {@code Emitter} whose channel is consumed by an {@code @Incoming}
 * method that acknowledges or refuses each message. An ack is a delivered event, a nack a failed
 * write (retried by the sink's strategy, or a dead letter), and a message nobody answers fails the
 * write after the sink's timeout.
 */
class EmitterSinkTest {

    /** What the consumer does with the n-th delivery of an order id. */
    static final Map<String, AtomicInteger> DELIVERIES = new ConcurrentHashMap<>();
    static final List<String> ACKED = new CopyOnWriteArrayList<>();
    static final List<DeadLetter> DEAD = new CopyOnWriteArrayList<>();

    private Container container;

    /** The event; its id says how the consumer answers ("flaky-": nack once, "poison-": always, "mute-": never). */
    public record Order(String id) { }

    /** The Sinkwire side: the documented wrapper. */
    @EventSink("orders-out")
    @ApplicationScoped
    public static class OrdersOut implements Sink<Order> {
        @Inject
        @Channel("orders")
        Emitter<Order> emitter;
        private EmitterSink<Order> sink;

        @PostConstruct
        void init() {
            sink = new EmitterSink<>(emitter, Duration.ofMillis(Long.getLong("it.ack-timeout-ms", 30_000)));
        }

        @Override
        public void write(Order order) {
            sink.write(order);
        }

        @Override
        public void close() {
            sink.close();
        }

        EmitterSink<Order> bridge() {
            return sink;
        }
    }

    /** The Reactive Messaging side: a consumer of the channel that acks or nacks. */
    @ApplicationScoped
    public static class Consumer {
        @Incoming("orders")
        public CompletionStage<Void> consume(Message<Order> message) {
            String id = message.getPayload().id();
            int n = DELIVERIES.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if (id.startsWith("mute-")) {
                return CompletableFuture.completedFuture(null); // neither ack nor nack
            }
            if (id.startsWith("poison-") || (id.startsWith("flaky-") && n == 1)) {
                return message.nack(new IllegalStateException("refused " + id + " (delivery " + n + ")"));
            }
            ACKED.add(id);
            return message.ack();
        }
    }

    /** Collects dead letters. */
    @ApplicationScoped
    public static class DeadLetters {
        void on(@Observes DeadLetter letter) {
            DEAD.add(letter);
        }
    }

    private Container start(String strategy) {
        DELIVERIES.clear();
        ACKED.clear();
        DEAD.clear();
        container = Container.builder()
                .beans(OrdersOut.class, Consumer.class, DeadLetters.class, MediatorFactory.class,
                        MediatorManager.class, InternalChannelRegistry.class, ConnectorFactories.class,
                        ConfiguredChannelFactory.class, ChannelProducer.class, ExecutionHolder.class,
                        WorkerPoolRegistry.class, HealthCenter.class, Wiring.class, EmitterFactoryImpl.class,
                        MutinyEmitterFactoryImpl.class, LegacyEmitterFactoryImpl.class)
                .extensions(new ConfigExtension(), new ReactiveMessagingExtension())
                .config("sinkwire.sinks.orders-out.retry.strategy", strategy)
                .config("sinkwire.sinks.orders-out.retry.base", "1ms")
                .config("sinkwire.sinks.orders-out.retry.max", "5ms")
                .start();
        return container;
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        System.clearProperty("it.ack-timeout-ms");
    }

    private SinkStats settled(int accepted) {
        SinkwireStats stats = container.get(SinkwireStats.class);
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            SinkStats s = stats.of("orders-out");
            return s.accepted() == accepted && s.pending() == 0;
        });
        return stats.of("orders-out");
    }

    @Test
    void acknowledgedMessagesAreDeliveredEvents() {
        start("none");
        IntStream.range(0, 50).forEach(i -> container.events().fire(new Order("ok-" + i)));

        SinkStats stats = settled(50);
        assertThat(stats.delivered()).isEqualTo(50);
        assertThat(stats.droppedTotal()).isZero();
        assertThat(stats.failedAttempts()).isZero();
        assertThat(ACKED).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "ok-" + i).toList());
        assertThat(DEAD).isEmpty();
    }

    @Test
    void aNackIsAFailedAttemptThatTheSinksStrategyRetries() {
        start("exponential");
        for (int i = 0; i < 10; i++) {
            container.events().fire(new Order((i % 2 == 0 ? "flaky-" : "ok-") + i));
        }

        SinkStats stats = settled(10);
        assertThat(stats.delivered()).isEqualTo(10);
        assertThat(stats.failedAttempts()).isEqualTo(5);
        assertThat(stats.droppedTotal()).isZero();
        assertThat(DELIVERIES).allSatisfy((id, n) -> assertThat(n.get()).isEqualTo(id.startsWith("flaky-") ? 2 : 1));
        assertThat(ACKED).hasSize(10);
        assertThat(DEAD).isEmpty();
    }

    @Test
    void aNackWithoutRetryIsADeadLetterCarryingTheConsumersReason() {
        start("none");
        container.events().fire(new Order("ok-1"));
        container.events().fire(new Order("poison-2"));
        container.events().fire(new Order("ok-3"));

        SinkStats stats = settled(3);
        assertThat(stats.delivered()).isEqualTo(2);
        assertThat(stats.dropped(DropReason.FAILED)).isEqualTo(1);
        await().atMost(Duration.ofMinutes(1)).until(() -> DEAD.size() == 1);
        DeadLetter letter = DEAD.get(0);
        assertThat(letter.event()).isEqualTo(new Order("poison-2"));
        assertThat(letter.reason()).isEqualTo(DropReason.FAILED);
        assertThat(letter.cause()).isInstanceOf(SinkException.class).hasMessageContaining("nacked")
                .hasRootCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("refused poison-2 (delivery 1)");
        assertThat(ACKED).containsExactly("ok-1", "ok-3");
    }

    @Test
    void aMessageNobodyAnswersFailsTheWriteAfterTheTimeout() {
        System.setProperty("it.ack-timeout-ms", "50");
        start("none");
        container.events().fire(new Order("mute-1"));
        container.events().fire(new Order("ok-2"));

        SinkStats stats = settled(2);
        assertThat(stats.delivered()).isEqualTo(1);
        assertThat(stats.dropped(DropReason.FAILED)).isEqualTo(1);
        await().atMost(Duration.ofMinutes(1)).until(() -> DEAD.size() == 1);
        assertThat(DEAD.get(0).cause()).isInstanceOf(SinkException.class)
                .hasMessageContaining("no acknowledgement within PT0.05S");
    }

    @Test
    void aClosedBridgeRefusesWrites() {
        start("none");
        EmitterSink<Order> bridge = container.get(OrdersOut.class).bridge();
        bridge.close();
        assertThatThrownBy(() -> bridge.write(new Order("late"))).isInstanceOf(SinkClosedException.class);
        assertThat(DELIVERIES).doesNotContainKey("late");
    }
}
