/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.cdi;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.cdi.config.Problems;
import dev.sinkwire.cdi.spi.ConfiguredSink;
import dev.sinkwire.cdi.spi.ConfiguredSinkContext;
import dev.sinkwire.cdi.spi.ConfiguredSinkException;
import dev.sinkwire.cdi.spi.ConfiguredSinkProvider;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.kafka.KafkaFormat;
import dev.sinkwire.kafka.KafkaSink;
import dev.sinkwire.kafka.KeyExtractor;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds {@code type=kafka} sinks (keys in {@code docs/kafka.md}): a {@link KafkaSink} with its own
 * producer ({@code acks=all}, idempotence on, unless overridden), the record key from a property
 * path or a {@link KeyExtractor} bean, and the retry strategy of the sink's {@code retry.*} keys
 * (default: a breaker of threshold {@value #DEFAULT_THRESHOLD}, backoff 1 s). The sink is
 * self-queued and self-confirmed: it counts an event as delivered when the broker acknowledged it.
 * Every problem of the keys fails deployment, naming the key; values of {@code kafka.*} keys are
 * never printed. Stateless, thread-safe.
 */
public final class KafkaSinkProvider implements ConfiguredSinkProvider {

    /** The type this provider serves. */
    public static final String TYPE = "kafka";
    /** Retry threshold when no {@code retry.*} key is set. */
    public static final int DEFAULT_THRESHOLD = 10;
    /** Retry backoff when no {@code retry.*} key is set. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    /** Key: the topic. */
    static final String TOPIC = "topic";
    /** Key: the record key's property path. */
    static final String KEY = "key";
    /** Key: the class of the {@link KeyExtractor} bean. */
    static final String KEY_EXTRACTOR = "key-extractor";
    /** Key: the value format. */
    static final String FORMAT = "format";
    /** Key: the CloudEvents source attribute. */
    static final String SOURCE = "cloudevents.source";
    /** Key: the event classes. */
    static final String EVENTS = "events";
    /** Key: the shutdown bound. */
    static final String CLOSE_TIMEOUT = "close-timeout";
    /** Key: the most events in flight (sent or taken, not yet acknowledged). */
    static final String MAX_BATCH = "max-batch";
    /** Every key of a Kafka sink besides {@code kafka.*}. */
    static final List<String> ALLOWED = List.of(TOPIC, KEY, KEY_EXTRACTOR, FORMAT, SOURCE, EVENTS, CLOSE_TIMEOUT,
            MAX_BATCH);
    /** The key Sinkwire's shutdown deadline is read from, the default of {@code close-timeout}. */
    static final String SHUTDOWN_TIMEOUT = "sinkwire.shutdown.timeout";

    /** For {@link java.util.ServiceLoader}. */
    public KafkaSinkProvider() {
        // stateless
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> eventTypes(Map<String, String> keys) {
        return KafkaKeys.list(keys.get(EVENTS));
    }

    @Override
    public ConfiguredSink create(ConfiguredSinkContext context) {
        String p = context.prefix();
        Map<String, String> keys = context.keys();
        List<String> problems = new ArrayList<>();
        KafkaKeys.unknown(p, keys, ALLOWED, "a kafka sink", problems);
        String topic = KafkaKeys.topic(p, TOPIC, keys, true, problems);
        KafkaFormat format = KafkaFormat.ENVELOPE;
        if (keys.containsKey(FORMAT)) {
            try {
                format = KafkaFormat.of(keys.get(FORMAT));
            } catch (IllegalArgumentException e) {
                problems.add(p + FORMAT + "=" + keys.get(FORMAT).trim() + " is not a format; allowed: envelope,"
                        + " cloudevents-binary, cloudevents-structured");
            }
        }
        ClassLoader loader = loader();
        KeyExtractor key = key(context, loader, problems);
        Duration closeTimeout = KafkaKeys.duration(p, CLOSE_TIMEOUT, keys, shutdownTimeout(), problems);
        int maxBatch = maxBatch(p, keys, problems);
        Properties props = KafkaKeys.client(p, keys, ProducerConfig.configNames(),
                Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "records are bytes written by Sinkwire",
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "records are bytes written by Sinkwire"),
                Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
                "producer", problems);
        Jsonb jsonb = problems.isEmpty() ? jsonb(context, problems) : null;
        if (!problems.isEmpty()) {
            throw new ConfiguredSinkException(problems);
        }
        Producer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        } catch (RuntimeException e) {
            throw new ConfiguredSinkException(List.of(KafkaKeys.refused(p, e, "producer")));
        }
        RetryStrategy strategy = context.retryStrategy(new Breaker(DEFAULT_THRESHOLD, DEFAULT_BACKOFF));
        Consumer<Object> failed = context.failedAttemptListener();
        KafkaSink.Builder b = KafkaSink.builder(producer, topic, jsonb).name(context.name()).format(format).key(key)
                .retryStrategy(strategy).dropListener(context.dropListener())
                .outcomes(context.deliveryListener(), (event, error) -> failed.accept(event))
                .closeTimeout(closeTimeout)
                .maxBatch(maxBatch);
        String source = keys.get(SOURCE);
        if (source != null && !source.isBlank()) {
            b.cloudEventsSource(source.trim());
        }
        context.threadFactory().ifPresent(b::threadFactory);
        return ConfiguredSink.selfQueued(b.build());
    }

    /** The key: a property path checked against every class of {@code events}, or a bean. */
    private static KeyExtractor key(ConfiguredSinkContext context, ClassLoader loader, List<String> problems) {
        String p = context.prefix();
        Map<String, String> keys = context.keys();
        String path = keys.get(KEY);
        String extractor = keys.get(KEY_EXTRACTOR);
        if (path != null && !path.isBlank() && extractor != null && !extractor.isBlank()) {
            problems.add(p + KEY + " and " + p + KEY_EXTRACTOR + " are both set; allowed: one of them");
            return null;
        }
        if (path != null && !path.isBlank()) {
            List<String> events = KafkaKeys.list(keys.get(EVENTS));
            if (events.isEmpty()) {
                problems.add(p + KEY + "=" + path.trim() + ": the path cannot be checked without " + p + EVENTS
                        + "; allowed: name the event classes in " + p + EVENTS + " (comma-separated, fully qualified)");
                return null;
            }
            List<Class<?>> types = new ArrayList<>();
            int before = problems.size();
            for (String e : events) {
                Class<?> type = KafkaKeys.load(p, EVENTS, e, loader, problems);
                if (type != null) {
                    try {
                        KeyExtractor.ofPath(path, type);
                        types.add(type);
                    } catch (IllegalArgumentException ex) {
                        problems.add(p + KEY + "=" + path.trim() + ": " + ex.getMessage() + "; allowed: a dotted path"
                                + " of properties of " + type.getName());
                    }
                }
            }
            return problems.size() > before ? null : KeyExtractor.ofPath(path, types.toArray(new Class<?>[0]));
        }
        if (extractor != null && !extractor.isBlank()) {
            Class<?> type = KafkaKeys.load(p, KEY_EXTRACTOR, extractor, loader, problems);
            if (type == null) {
                return null;
            }
            if (!KeyExtractor.class.isAssignableFrom(type)) {
                problems.add(p + KEY_EXTRACTOR + "=" + extractor.trim() + " does not implement "
                        + KeyExtractor.class.getName() + "; allowed: a bean class implementing it");
                return null;
            }
            Optional<?> bean = context.bean(type);
            if (bean.isEmpty()) {
                problems.add(p + KEY_EXTRACTOR + "=" + extractor.trim() + ": the application has no bean of that type"
                        + " (or more than one); allowed: exactly one bean implementing " + KeyExtractor.class.getName());
                return null;
            }
            return (KeyExtractor) bean.get();
        }
        return null;
    }

    private static int maxBatch(String p, Map<String, String> keys, List<String> problems) {
        String v = keys.get(MAX_BATCH);
        if (v == null || v.isBlank()) {
            return 8192;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= 1_000_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(p + MAX_BATCH + "=" + v.trim() + " is not allowed; allowed: 1 to 1000000 events in flight"
                + " (sent and not yet acknowledged; default 8192)");
        return 1;
    }

    private static Duration shutdownTimeout() {
        try {
            Optional<String> v = org.eclipse.microprofile.config.ConfigProvider.getConfig(loader())
                    .getOptionalValue(SHUTDOWN_TIMEOUT, String.class);
            return v.map(t -> Problems.parseDuration(SHUTDOWN_TIMEOUT, t)).orElse(Duration.ofSeconds(30));
        } catch (RuntimeException | LinkageError e) { // the extension reports a missing configuration or a bad value
            return Duration.ofSeconds(30);
        }
    }

    private static Jsonb jsonb(ConfiguredSinkContext context, List<String> problems) {
        Optional<Jsonb> bean = context.bean(Jsonb.class);
        if (bean.isPresent()) {
            return bean.get();
        }
        try {
            Jsonb jsonb = JsonbBuilder.create();
            jsonb.toJson(Map.of());
            return jsonb;
        } catch (RuntimeException | LinkageError e) {
            problems.add(context.prefix() + "type=kafka: no JSON-B implementation found (" + e + "); allowed: add one"
                    + " to the application (e.g. org.eclipse:yasson), enable your runtime's jsonb feature, or produce"
                    + " a jakarta.json.bind.Jsonb bean");
            return null;
        }
    }

    /** @return the application's class loader (the context class loader, else this library's) */
    static ClassLoader loader() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return tccl != null ? tccl : KafkaSinkProvider.class.getClassLoader();
    }

    @Override
    public String toString() {
        return "KafkaSinkProvider[type=" + TYPE + "]";
    }
}
