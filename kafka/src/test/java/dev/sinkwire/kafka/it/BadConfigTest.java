/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sinkwire.kafka.KafkaBroker;
import dev.sinkwire.kafka.KeyExtractor;
import dev.sinkwire.kafka.it.Fixtures.Letters;
import dev.sinkwire.kafka.it.Fixtures.Order;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Bad keys of Kafka sinks and sources fail deployment, naming the key, never printing a value that
 * could be a secret.
 */
class BadConfigTest {

    private static final String SINK = "sinkwire.sinks.k.";
    private static final String SOURCE = "sinkwire.sources.s.";
    private static final String SECRET = "TopSecret-4711";

    /** A key extractor bean. */
    @ApplicationScoped
    public static class SeqKey implements KeyExtractor {
        @Override
        public String key(Object event) {
            return "seq-" + ((Order) event).getSeq();
        }
    }

    private static String failure(Container.Builder b) {
        Throwable t = catchThrowable(() -> b.start().close());
        assertThat(t).isInstanceOf(DeploymentException.class);
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        for (Throwable s : t.getSuppressed()) {
            all.append(s.getMessage()).append('\n');
        }
        assertThat(all.toString()).doesNotContain(SECRET);
        return all.toString();
    }

    private static Container.Builder sink() {
        return Container.builder().beans(Letters.class).config(SINK + "type", "kafka");
    }

    @Test
    void missingTopicAndBootstrapServers() {
        String m = failure(sink());
        assertThat(m).contains("sinkwire.sinks.k.topic is missing; allowed: a Kafka topic name")
                .contains("sinkwire.sinks.k.kafka.bootstrap.servers is missing; allowed: host:port");
    }

    /* Regression test: queue.* and async=false were accepted on a Kafka sink and did nothing (its queue stayed unbounded). */
    @Test
    void keysForAQueueInFrontFailOnTheSinkThatQueuesByItself() {
        String m = failure(sink().config(SINK + "topic", "t").config(SINK + "kafka.bootstrap.servers", "localhost:9")
                .config(SINK + "queue.capacity", "1000"));
        assertThat(m).contains("sinkwire.sinks.k.queue.capacity=1000 cannot be used with KafkaSink[k")
                .contains("allowed: no queue.* keys on this sink");
        String n = failure(sink().config(SINK + "topic", "t").config(SINK + "kafka.bootstrap.servers", "localhost:9")
                .config(SINK + "async", "false"));
        assertThat(n).contains("sinkwire.sinks.k.async=false cannot be used with KafkaSink[k")
                .contains("allowed: leave async unset (true)");
    }

    @Test
    void unknownKeysAreNamedWithoutTheirValues() {
        String m = failure(sink().config(SINK + "topic", "t").config(SINK + "kafka.bootstrap.servers", "localhost:9")
                .config(SINK + "colour", SECRET).config(SINK + "kafka.sasl.jaas.confg", SECRET)
                .config(SINK + "kafka.value.serializer", SECRET));
        assertThat(m).contains("sinkwire.sinks.k.colour: unknown key for a kafka sink; allowed: topic, key")
                .contains("sinkwire.sinks.k.kafka.sasl.jaas.confg: 'sasl.jaas.confg' is not a Kafka producer property")
                .contains("sinkwire.sinks.k.kafka.value.serializer: set by Sinkwire");
    }

    @Test
    void aValueTheProducerRefusesIsNamedButNotShown() {
        String m = failure(sink().config(SINK + "topic", "t").config(SINK + "kafka.bootstrap.servers", "localhost:9")
                .config(SINK + "kafka.security.protocol", "SASL_PLAINTEXT").config(SINK + "kafka.sasl.mechanism", "PLAIN")
                .config(SINK + "kafka.sasl.jaas.config", SECRET));
        assertThat(m).contains("sinkwire.sinks.k.kafka.");
        String n = failure(sink().config(SINK + "topic", "t").config(SINK + "kafka.bootstrap.servers", "localhost:9")
                .config(SINK + "kafka.acks", SECRET));
        assertThat(n).contains("sinkwire.sinks.k.kafka.acks: the Kafka producer refuses its value (not shown)");
    }

    @Test
    void bootstrapServersTheClientRefusesAreNamedButNotShown() {
        // Kafka's own message, "Invalid url in bootstrap.servers: <value>", echoes the value
        String m = failure(sink().config(SINK + "topic", "t").config(SINK + "kafka.bootstrap.servers", SECRET));
        assertThat(m).contains("sinkwire.sinks.k.kafka.bootstrap.servers: Invalid url in bootstrap.servers (value not"
                + " shown); allowed: host:port");
        String n = failure(Container.builder().beans(Letters.class).config(SOURCE + "type", "kafka")
                .config(SOURCE + "topic", "t").config(SOURCE + "group", "g")
                .config(SOURCE + "event-type", Order.class.getName())
                .config(SOURCE + "kafka.bootstrap.servers", "localhost:9," + SECRET));
        assertThat(n).contains("sinkwire.sources.s.kafka.bootstrap.servers: Invalid url in bootstrap.servers (value"
                + " not shown); allowed: host:port");
    }

    @Test
    void aKeyPathMustExistOnTheEventType() {
        String m = failure(sink().config(SINK + "topic", "t").config(SINK + "kafka.bootstrap.servers", "localhost:9")
                .config(SINK + "events", Order.class.getName()).config(SINK + "key", "detail.name"));
        assertThat(m).contains("sinkwire.sinks.k.key=detail.name: " + Fixtures.Customer.class.getName()
                + " has no property 'name'");
        String n = failure(sink().config(SINK + "topic", "t").config(SINK + "kafka.bootstrap.servers", "localhost:9")
                .config(SINK + "key", "customer"));
        assertThat(n).contains("sinkwire.sinks.k.key=customer: the path cannot be checked without sinkwire.sinks.k.events");
        String o = failure(sink().config(SINK + "topic", "t").config(SINK + "kafka.bootstrap.servers", "localhost:9")
                .config(SINK + "format", "avro").config(SINK + "key-extractor", "com.example.Nope"));
        assertThat(o).contains("sinkwire.sinks.k.format=avro is not a format; allowed: envelope, cloudevents-binary")
                .contains("sinkwire.sinks.k.key-extractor=com.example.Nope: class not found");
    }

    @Test
    void aKeyExtractorBeanSetsTheKey() throws Exception {
        KafkaBroker broker = KafkaBroker.shared();
        String topic = broker.newTopic("keyed", 1);
        AtomicBoolean started = new AtomicBoolean();
        try (Container c = sink().beans(Letters.class, SeqKey.class).config(SINK + "topic", topic)
                .config(SINK + "events", Order.class.getName())
                .config(SINK + "key-extractor", SeqKey.class.getName())
                .config(SINK + "kafka.bootstrap.servers", broker.bootstrapServers()).start()) {
            started.set(true);
            c.events().select(Order.class).fire(new Order("ann", 42));
            var records = broker.read(topic, 1, Duration.ofSeconds(30));
            assertThat(records).hasSize(1);
            assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("seq-42");
        }
        assertThat(started).isTrue();
    }

    @Test
    void badSourceKeys() {
        String m = failure(Container.builder().beans(Letters.class).config(SOURCE + "type", "kafka")
                .config(SOURCE + "qualifiers", Order.class.getName()).config(SOURCE + "retry-backoff", "soon")
                .config(SOURCE + "kafka.enable.auto.commit", "true").config(SOURCE + "kafka.sasl.jaas.config", SECRET)
                .config(SOURCE + "kafka.group.id", SECRET).config(SOURCE + "secret", SECRET));
        assertThat(m).contains("sinkwire.sources.s.topic is missing")
                .contains("sinkwire.sources.s.group is missing")
                .contains("sinkwire.sources.s.event-type is missing")
                .contains("sinkwire.sources.s.kafka.bootstrap.servers is missing")
                .contains("sinkwire.sources.s.qualifiers=" + Order.class.getName() + " names " + Order.class.getName()
                        + ", which is not a qualifier")
                .contains("sinkwire.sources.s.retry-backoff=soon is not a valid duration")
                .contains("sinkwire.sources.s.kafka.enable.auto.commit: set by Sinkwire")
                .contains("sinkwire.sources.s.kafka.group.id: set by Sinkwire (set it with sinkwire.sources.s.group)")
                .contains("unknown configuration key sinkwire.sources.s.secret; allowed keys for source 's': type,");
        String n = failure(Container.builder().beans(Letters.class).config(SOURCE + "type", "rabbit"));
        assertThat(n).contains("sinkwire.sources.s.type=rabbit is not a source type; allowed: kafka");
    }

    @Test
    void sourceKeysAreCheckedWithTheSinksOnceEachAndTyposGetAHint() {
        Container.Builder b = Container.builder().beans(Letters.class).config("sinkwire.sinks.letters.async", "maybe")
                .config(SOURCE + "type", "kafka").config(SOURCE + "topic", "orders in")
                .config(SOURCE + "grup", SECRET).config(SOURCE + "event-type", Order.class.getName())
                .config(SOURCE + "dead-letter.topic", "dlq/1").config(SOURCE + "kafka.bootstrap.servers", "localhost:9")
                .config(SOURCE + "kafka.sasl.jaas.confg", SECRET);
        String m = failure(b);
        assertThat(m).contains("configuration key sinkwire.sinks.letters.async names sink 'letters'") // a sink key
                .contains("unknown configuration key sinkwire.sources.s.grup; did you mean sinkwire.sources.s.group?")
                .contains("sinkwire.sources.s.group is missing")
                .contains("sinkwire.sources.s.topic=orders in is not a valid Kafka topic name")
                .contains("sinkwire.sources.s.dead-letter.topic=dlq/1 is not a valid Kafka topic name")
                .contains("sinkwire.sources.s.kafka.sasl.jaas.confg: 'sasl.jaas.confg' is not a Kafka consumer"
                        + " property");
        // the deployment failure lists each problem once: the sources' runner does not report them again
        String top = catchThrowable(() -> b.start().close()).getMessage();
        assertThat(top.split("sinkwire.sources.s.group is missing", -1)).hasSize(2);
        assertThat(top.split("sinkwire.sinks.letters.async names", -1)).hasSize(2);
    }
}
