/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.cdi;

import dev.sinkwire.kafka.KafkaSource;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The running Kafka sources of one application, shared by both front ends
 * ({@link KafkaSourceExtension}, {@link KafkaSourceBuildCompatibleExtension}): reads and checks
 * {@code sinkwire.sources.*}, starts one {@link KafkaSource} per source firing through the
 * container's {@link BeanContainer}, stops them. {@link #stop} may be called from any thread, more
 * than once.
 */
final class SourceRuntime {

    private static final System.Logger LOGGER = System.getLogger(SourceRuntime.class.getName());

    private final List<KafkaSource> sources;
    private final Jsonb ownJsonb;
    private final Duration stopTimeout;
    private boolean stopped;

    private SourceRuntime(List<KafkaSource> sources, Jsonb ownJsonb, Duration stopTimeout) {
        this.sources = sources;
        this.ownJsonb = ownJsonb;
        this.stopTimeout = stopTimeout;
    }

    /**
     * Reads the sources and starts them.
     *
     * @param container the container
     * @return the running sources (none when no {@code sinkwire.sources.} key is set)
     * @throws DeploymentException naming every problem (nothing is left running)
     */
    static SourceRuntime start(BeanContainer container) {
        ClassLoader loader = KafkaSinkProvider.loader();
        Map<String, String> keys = new TreeMap<>();
        Duration stopTimeout = Duration.ofSeconds(30);
        try {
            Config config = ConfigProvider.getConfig(loader);
            for (String k : config.getPropertyNames()) {
                if (k.startsWith(Sources.PREFIX)) {
                    config.getOptionalValue(k, String.class).ifPresent(v -> keys.put(k, v));
                }
            }
            stopTimeout = config.getOptionalValue(KafkaSinkProvider.SHUTDOWN_TIMEOUT, String.class)
                    .map(Keys::parseDuration).orElse(stopTimeout);
        } catch (RuntimeException | LinkageError e) {
            throw new DeploymentException("Sinkwire: Kafka sources read MicroProfile Config, which is not available ("
                    + e + ")");
        }
        if (keys.isEmpty()) {
            return new SourceRuntime(List.of(), null, stopTimeout);
        }
        List<String> problems = new ArrayList<>();
        List<Sources.Spec> specs = Sources.read(keys, loader, container::isQualifier, problems);
        if (!problems.isEmpty()) {
            throw new DeploymentException("Sinkwire: " + String.join("\nSinkwire: ", problems));
        }
        Jsonb bean = jsonbBean(container);
        Jsonb own = bean == null ? JsonbBuilder.create() : null;
        List<KafkaSource> running = new ArrayList<>();
        try {
            for (Sources.Spec s : specs) {
                running.add(source(s, bean != null ? bean : own, container.getEvent()));
            }
        } catch (RuntimeException e) {
            running.forEach(r -> r.stop(Duration.ZERO));
            throw new DeploymentException("Sinkwire: " + e.getMessage());
        }
        running.forEach(KafkaSource::start);
        LOGGER.log(Level.INFO, () -> "Sinkwire started " + running.size() + " Kafka source(s): " + running);
        return new SourceRuntime(running, own, stopTimeout);
    }

    private static KafkaSource source(Sources.Spec s, Jsonb jsonb, Event<Object> events) {
        String p = Sources.PREFIX + s.name() + ".";
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(s.consumer(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(Keys.refused(p, e, "consumer"), e);
        }
        Event<Object> typed = events.select(s.qualifiers());
        KafkaSource.Builder b = KafkaSource.builder(consumer, s.topic(), jsonb, typed::fire)
                .name(s.name()).bare(s.bare()).retryBackoff(s.retryBackoff());
        if (s.defaultType() != null) {
            b.defaultType(s.defaultType());
        }
        s.types().forEach(b::type);
        if (s.deadLetterTopic() != null) {
            try {
                b.deadLetters(new KafkaProducer<>(s.producer(), new ByteArraySerializer(), new ByteArraySerializer()),
                        s.deadLetterTopic());
            } catch (RuntimeException e) {
                consumer.close();
                throw new IllegalArgumentException(Keys.refused(p, e, "producer"), e);
            }
        }
        return b.build();
    }

    /** @return the application's {@code Jsonb} bean if it has exactly one, else {@code null} */
    private static Jsonb jsonbBean(BeanContainer container) {
        Set<Bean<?>> beans = container.getBeans(Jsonb.class);
        if (beans.size() != 1) {
            return null;
        }
        Bean<?> bean = beans.iterator().next();
        return (Jsonb) container.getReference(bean, Jsonb.class, container.createCreationalContext(bean));
    }

    /** Stops every source (each waits for the record it hands over and its commit). Idempotent. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (KafkaSource s : sources) {
            if (!s.stop(stopTimeout)) {
                LOGGER.log(Level.WARNING, () -> "Sinkwire: " + s + " did not stop within " + stopTimeout);
            }
        }
        if (ownJsonb != null) {
            try {
                ownJsonb.close();
            } catch (Exception e) {
                LOGGER.log(Level.DEBUG, "closing JSON-B failed", e);
            }
        }
    }
}
