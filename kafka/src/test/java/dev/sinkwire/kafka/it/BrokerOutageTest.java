/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import dev.sinkwire.kafka.KafkaBroker;
import dev.sinkwire.kafka.it.Fixtures.Letters;
import dev.sinkwire.kafka.it.Fixtures.Order;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The broker stops in the middle of a stream and comes back: every event accepted by the Kafka sink
 * is delivered (on the topic) or dead-lettered, the counts add up exactly, and the retries show in
 * {@link SinkwireStats}. Its own broker, since it stops it.
 */
class BrokerOutageTest {

    private static final String SINK = "sinkwire.sinks.orders.";

    @Test
    void nothingIsLostWhenTheBrokerStopsAndComesBack() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(); Jsonb jsonb = JsonbBuilder.create()) {
            String topic = broker.newTopic("outage", 2);
            try (Container a = Container.builder().beans(Letters.class)
                    .config(SINK + "type", "kafka")
                    .config(SINK + "topic", topic)
                    .config(SINK + "events", Order.class.getName())
                    .config(SINK + "key", "customer")
                    .config(SINK + "retry.strategy", "breaker")
                    .config(SINK + "retry.threshold", "1")
                    .config(SINK + "retry.backoff", "100ms")
                    .config(SINK + "kafka.bootstrap.servers", broker.bootstrapServers())
                    .config(SINK + "kafka.linger.ms", "0")
                    .config(SINK + "kafka.request.timeout.ms", "1000")
                    .config(SINK + "kafka.delivery.timeout.ms", "2000")
                    .config(SINK + "kafka.max.block.ms", "200")
                    .config(SINK + "kafka.reconnect.backoff.max.ms", "200")
                    .config(SINK + "kafka.retry.backoff.max.ms", "200")
                    .start()) {
                SinkwireStats stats = a.get(SinkwireStats.class);
                fire(a, 0, 100);
                await().atMost(Duration.ofSeconds(30)).until(() -> stats.of("orders").delivered() == 100);

                broker.stopBroker();
                fire(a, 100, 300);
                // with the broker gone each send of the first attempt waits max.block.ms for metadata,
                // so the first retry comes after up to 200 x 200 ms on a slow machine: a bound, not a wait
                await().atMost(Duration.ofMinutes(3)).until(() -> stats.of("orders").retried() > 0);
                assertThat(stats.of("orders").pending()).isPositive();

                broker.restartBroker();
                fire(a, 300, 400);
                await().atMost(Duration.ofSeconds(90)).until(() -> stats.of("orders").pending() == 0);

                SinkStats s = stats.of("orders");
                assertThat(s.accepted()).isEqualTo(400);
                // every retried send failed first, and the sink reported each failed send
                assertThat(s.failedAttempts()).isPositive().isGreaterThanOrEqualTo(s.retried());
                assertThat(s.delivered() + s.droppedTotal()).isEqualTo(400);
                Set<Integer> dropped = new HashSet<>();
                for (DeadLetter d : a.get(Letters.class).deadLetters()) {
                    dropped.add(((Order) d.event()).getSeq());
                }
                assertThat(dropped).hasSize((int) s.droppedTotal());

                Set<Integer> onTopic = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> r : broker.read(topic, (int) s.delivered(), Duration.ofSeconds(60))) {
                    Map<?, ?> envelope = jsonb.fromJson(new String(r.value(), StandardCharsets.UTF_8), Map.class);
                    onTopic.add(((Number) ((Map<?, ?>) envelope.get("event")).get("seq")).intValue());
                }
                for (int i = 0; i < 400; i++) {
                    assertThat(onTopic.contains(i) || dropped.contains(i)).as("event " + i).isTrue();
                }
                assertThat(onTopic).hasSize((int) s.delivered());
            }
        }
    }

    private static void fire(Container c, int from, int to) {
        for (int i = from; i < to; i++) {
            c.events().select(Order.class).fire(new Order("c" + (i % 7), i));
        }
    }

    @Test
    void aDeploymentStartsAndStopsWhileNoBrokerIsReachable() {
        String source = RoundTripTest.SOURCE;
        // nothing listens on port 1: deployment neither contacts the broker nor waits for it
        Container c = Container.builder().beans(Letters.class)
                .config(SINK + "type", "kafka")
                .config(SINK + "topic", "orders")
                .config(SINK + "events", Order.class.getName())
                .config(SINK + "close-timeout", "1s")
                .config(SINK + "kafka.bootstrap.servers", "127.0.0.1:1")
                .config(source + "type", "kafka")
                .config(source + "topic", "orders")
                .config(source + "group", "nobody")
                .config(source + "event-type", Order.class.getName())
                .config(source + "kafka.bootstrap.servers", "127.0.0.1:1")
                .start();
        List<DeadLetter> letters;
        try {
            c.events().select(Order.class).fire(new Order("ann", 1));
            assertThat(c.get(SinkwireStats.class).of("orders").accepted()).isEqualTo(1);
            letters = c.get(Letters.class).deadLetters();
        } finally {
            c.close(); // the source stops; the sink gives up after its close-timeout and reports the event
        }
        assertThat(letters).singleElement().satisfies(l -> assertThat(l.reason()).isEqualTo(DropReason.SHUTDOWN));
    }
}
