/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import dev.sinkwire.kafka.KafkaBroker;
import dev.sinkwire.kafka.it.Fixtures.Letters;
import dev.sinkwire.kafka.it.Fixtures.Order;
import dev.sinkwire.kafka.it.Fixtures.Received;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Events fired in one Weld SE container travel through a real broker as a config-only Kafka sink's
 * records, and come out of a Kafka source in a second container as CDI events, in order per key.
 */
class RoundTripTest {

    private static final KafkaBroker BROKER = KafkaBroker.shared();
    static final String SINK = "sinkwire.sinks.orders.";
    static final String SOURCE = "sinkwire.sources.orders.";

    static Container.Builder producer(String topic, String format) {
        return Container.builder().beans(Letters.class)
                .config(SINK + "type", "kafka")
                .config(SINK + "topic", topic)
                .config(SINK + "events", Order.class.getName())
                .config(SINK + "key", "customer")
                .config(SINK + "format", format)
                .config(SINK + "kafka.bootstrap.servers", BROKER.bootstrapServers())
                .config(SINK + "kafka.linger.ms", "1");
    }

    static Container.Builder consumer(String topic, String group) {
        return Container.builder().beans(Received.class)
                .config(SOURCE + "type", "kafka")
                .config(SOURCE + "topic", topic)
                .config(SOURCE + "group", group)
                .config(SOURCE + "event-type", Order.class.getName())
                .config(SOURCE + "qualifiers", Fixtures.Remote.class.getName())
                .config(SOURCE + "retry-backoff", "50ms")
                .config(SOURCE + "kafka.bootstrap.servers", BROKER.bootstrapServers())
                .config(SOURCE + "kafka.auto.offset.reset", "earliest")
                .config("sinkwire.sinks.audit.async", "false");
    }

    @Test
    void eventsFiredInOneContainerArriveInAnotherInOrderPerKey() throws Exception {
        for (String format : List.of("envelope", "cloudevents-binary", "cloudevents-structured")) {
            String topic = BROKER.newTopic("orders", 3);
            int perCustomer = 60;
            List<String> customers = List.of("ann", "bob", "cyd", "dan");
            try (Container b = consumer(topic, "g-" + topic).start();
                    Container a = producer(topic, format).start()) {
                // four threads fire at once, one customer each, so the per-key order is each thread's order
                CyclicBarrier start = new CyclicBarrier(customers.size());
                ExecutorService pool = Executors.newFixedThreadPool(customers.size());
                List<Future<?>> done = new ArrayList<>();
                for (String c : customers) {
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < perCustomer; i++) {
                            a.events().select(Order.class).fire(new Order(c, i));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();
                int total = perCustomer * customers.size();
                Received received = b.get(Received.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> received.remote().size() >= total);
                await().atMost(Duration.ofSeconds(10)).until(() -> received.sunk().size() >= total);

                assertThat(received.remote()).hasSize(total);
                assertThat(received.observed()).hasSize(total); // @Observes Order sees qualified events too
                Map<String, List<Integer>> seqs = new LinkedHashMap<>();
                received.remote().forEach(o -> seqs.computeIfAbsent(o.getCustomer(), k -> new ArrayList<>())
                        .add(o.getSeq()));
                for (String c : customers) {
                    assertThat(seqs.get(c)).as(format + ": order of " + c).isSortedAccordingTo(Integer::compare)
                            .hasSize(perCustomer);
                }
                assertThat(received.sunk()).hasSize(total); // the @EventSink of the second container sees them too
                assertThat(received.sunk().get(0).getDetail().getId()).isEqualTo(received.sunk().get(0).getCustomer()
                        .toUpperCase(java.util.Locale.ROOT));

                SinkStats stats = a.get(SinkwireStats.class).of("orders");
                await().atMost(Duration.ofSeconds(10)).until(() -> a.get(SinkwireStats.class).of("orders")
                        .delivered() == total);
                stats = a.get(SinkwireStats.class).of("orders");
                assertThat(stats.accepted()).isEqualTo(total);
                assertThat(stats.delivered()).isEqualTo(total);
                assertThat(stats.pending()).isZero();
                assertThat(a.get(Letters.class).deadLetters()).isEmpty();
            }
        }
    }

    @Test
    void aSourceAndASinkOfOneTopicInOneApplicationDoNotLoop() {
        String topic = BROKER.newTopic("loop", 2);
        Container.Builder both = consumer(topic, "g-" + topic);
        producer(topic, "envelope").properties().forEach(both::config);
        try (Container c = both.start()) {
            for (int i = 0; i < 5; i++) {
                c.events().select(Order.class).fire(new Order("ann", i));
            }
            Received received = c.get(Received.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> received.remote().size() >= 5);
            SinkwireStats stats = c.get(SinkwireStats.class);
            // the sink saw its own 5 events and the 5 the source fired back: all settled
            await().atMost(Duration.ofSeconds(30)).until(() -> stats.of("orders").accepted() == 10
                    && stats.of("orders").pending() == 0);
            assertThat(stats.of("orders").delivered()).isEqualTo(10);
            // delivered means acknowledged, so a record written back would be on the topic by now
            assertThat(BROKER.count(topic)).isEqualTo(5);
            assertThat(received.remote()).extracting(Order::getSeq).containsExactly(0, 1, 2, 3, 4);
        }
    }

    /** Answers every remote order below 100 with an order of its own, fired on the source's thread. */
    @ApplicationScoped
    public static class Answering {
        @Inject
        Event<Order> orders;

        void answer(@Observes @Fixtures.Remote Order order) {
            if (order.getSeq() < 100) {
                orders.fire(new Order(order.getCustomer(), order.getSeq() + 100));
            }
        }
    }

    @Test
    void anEventAnObserverFiresWhileTheSourceHandsOverARecordIsWrittenToTheTopic() {
        String topic = BROKER.newTopic("answer", 1);
        Container.Builder both = consumer(topic, "g-" + topic).beans(Received.class, Answering.class);
        producer(topic, "envelope").properties().forEach(both::config);
        try (Container c = both.start()) {
            c.events().select(Order.class).fire(new Order("ann", 1));
            SinkwireStats stats = c.get(SinkwireStats.class);
            // 1 fired, 1 the source fired back (not written again), 1 new order fired by the observer
            await().atMost(Duration.ofSeconds(60)).until(() -> stats.of("orders").accepted() >= 3
                    && stats.of("orders").pending() == 0);
            // delivered means acknowledged: the observer's order is on the topic, not counted and skipped
            assertThat(BROKER.count(topic)).isEqualTo(2);
            Received received = c.get(Received.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> received.remote().size() >= 2);
            assertThat(received.remote()).extracting(Order::getSeq).containsExactly(1, 101);
            await().atMost(Duration.ofSeconds(60)).until(() -> stats.of("orders").accepted() == 4
                    && stats.of("orders").pending() == 0);
            assertThat(stats.of("orders").delivered()).isEqualTo(4);
            assertThat(BROKER.count(topic)).isEqualTo(2);
        }
    }
}
