/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.cdi;

import dev.sinkwire.cdi.config.ConfigView;
import dev.sinkwire.cdi.config.Keys;
import dev.sinkwire.cdi.config.MpConfigView;
import dev.sinkwire.cdi.config.Problems;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SourceSpec;
import dev.sinkwire.cdi.config.Spec;
import dev.sinkwire.cdi.config.SpecReader;
import dev.sinkwire.kafka.KafkaSource;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The running Kafka sources of one application, shared by both front ends
 * ({@link KafkaSourceExtension}, {@link KafkaSourceBuildCompatibleExtension}): has the extension's
 * one configuration reader ({@link SpecReader}) read {@code sinkwire.sources.*}, starts one {@link KafkaSource} per source firing through the
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
     * Reads the sources (through the extension's one configuration reader) and starts them.
     *
     * @param container the container
     * @param reportProblems whether a problem of the keys fails here; {@code false} where Sinkwire's
     *     own extension reads the same keys in the same deployment and reports every problem already
     * @return the running sources (none when no source is declared, or the keys have problems that
     *     are reported elsewhere)
     * @throws DeploymentException naming every problem (nothing is left running)
     */
    static SourceRuntime start(BeanContainer container, boolean reportProblems) {
        Duration stopTimeout;
        Map<String, SourceSpec> specs;
        try {
            ConfigView config = MpConfigView.load();
            specs = SpecReader.sources(config);
            stopTimeout = config.value(Keys.SHUTDOWN_TIMEOUT).map(v -> Problems.parseDuration(Keys.SHUTDOWN_TIMEOUT, v))
                    .orElse(Spec.DEFAULT_SHUTDOWN_TIMEOUT);
        } catch (ProblemsException e) {
            if (!reportProblems) {
                LOGGER.log(Level.DEBUG, () -> "Sinkwire: Kafka sources not started, Sinkwire reports: " + e.getMessage());
                return new SourceRuntime(List.of(), null, Duration.ZERO);
            }
            throw new DeploymentException(e.getMessage());
        } catch (IllegalArgumentException e) { // a bad shutdown timeout: reported by Sinkwire's reader
            if (!reportProblems) {
                return new SourceRuntime(List.of(), null, Duration.ZERO);
            }
            throw new DeploymentException("Sinkwire: " + e.getMessage());
        }
        if (specs.isEmpty()) {
            return new SourceRuntime(List.of(), null, stopTimeout);
        }
        Jsonb bean = jsonbBean(container);
        Jsonb own = bean == null ? JsonbBuilder.create() : null;
        List<KafkaSource> running = new ArrayList<>();
        try {
            for (SourceSpec s : specs.values()) {
                running.add(source(s, bean != null ? bean : own, container));
            }
        } catch (RuntimeException e) {
            running.forEach(r -> r.stop(Duration.ZERO));
            throw new DeploymentException("Sinkwire: " + e.getMessage());
        }
        running.forEach(KafkaSource::start);
        LOGGER.log(Level.INFO, () -> "Sinkwire started " + running.size() + " Kafka source(s): " + running);
        return new SourceRuntime(running, own, stopTimeout);
    }

    private static KafkaSource source(SourceSpec s, Jsonb jsonb, BeanContainer container) {
        String p = s.prefix();
        List<Annotation> qualifiers = new ArrayList<>();
        for (Class<? extends Annotation> q : s.qualifiers()) {
            Annotation a = QualifierLiterals.literal(q);
            if (a == null || !container.isQualifier(q)) { // the reader checked @Qualifier; the container decides
                throw new IllegalArgumentException(p + Keys.SOURCE_QUALIFIERS + ": the container does not take "
                        + q.getName() + " as a qualifier; allowed: qualifier annotations whose members all have"
                        + " defaults");
            }
            qualifiers.add(a);
        }
        List<String> problems = new ArrayList<>();
        Properties consumerProps = KafkaSourceProvider.consumer(p, keysOf(s), problems);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, s.group());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(KafkaKeys.refused(p, e, "consumer"), e);
        }
        Event<Object> typed = container.getEvent().select(qualifiers.toArray(new Annotation[0]));
        KafkaSource.Builder b = KafkaSource.builder(consumer, s.topic(), jsonb, typed::fire)
                .name(s.name()).bare(s.format() == SourceSpec.Format.JSON).retryBackoff(s.retryBackoff());
        if (s.eventType() != null) {
            b.defaultType(s.eventType());
        }
        s.types().forEach(b::type);
        if (s.deadLetterTopic() != null) {
            try {
                b.deadLetters(new KafkaProducer<>(KafkaSourceProvider.producer(consumerProps),
                        new ByteArraySerializer(), new ByteArraySerializer()), s.deadLetterTopic());
            } catch (RuntimeException e) {
                consumer.close();
                throw new IllegalArgumentException(KafkaKeys.refused(p, e, "producer"), e);
            }
        }
        return b.build();
    }

    /** The source's client properties as keys ({@code kafka.<property>}), as the reader checked them. */
    private static Map<String, String> keysOf(SourceSpec s) {
        Map<String, String> keys = new TreeMap<>();
        s.client().forEach((k, v) -> keys.put(KafkaKeys.KAFKA + k, v));
        return keys;
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
