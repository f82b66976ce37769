package dev.sinkwire.kafka.cdi;

import dev.sinkwire.kafka.KafkaSource;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
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
 * Runs the Kafka sources declared in {@code sinkwire.sources.<name>.*} (keys in
 * {@code docs/kafka.md}): after deployment validation (after Sinkwire built its sinks) it reads and
 * checks every source, failing deployment with every problem, then starts one consumer thread per
 * source, which fires each record as a CDI event of its mapped type and qualifiers through the
 * {@code BeanManager}. The sources stop before the application context is destroyed (before
 * Sinkwire closes its sinks), or at {@code BeforeShutdown} if that was not announced.
 *
 * <p>A portable extension registered in {@code META-INF/services}; CDI Lite (Quarkus) is not served
 * yet. The container calls its observers one at a time.
 */
public final class KafkaSourceExtension implements Extension {

    private static final System.Logger LOGGER = System.getLogger(KafkaSourceExtension.class.getName());
    /** Start after Sinkwire's own start (default priority), so that its sinks exist. */
    static final int START_PRIORITY = 4000;
    /** Stop before application observers and before Sinkwire closes its sinks (4900). */
    static final int STOP_PRIORITY = 100;

    private final List<KafkaSource> running = new ArrayList<>();
    private Jsonb ownJsonb;
    private Duration stopTimeout = Duration.ofSeconds(30);

    /** For {@link java.util.ServiceLoader}. */
    public KafkaSourceExtension() {
        // state is set at deployment
    }

    /**
     * Reads the sources and starts them.
     *
     * @param adv the event
     * @param bm the bean manager
     */
    void start(@Observes @Priority(START_PRIORITY) AfterDeploymentValidation adv, BeanManager bm) {
        ClassLoader loader = KafkaSinkProvider.loader();
        Map<String, String> keys = new TreeMap<>();
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
            adv.addDeploymentProblem(new DeploymentException("Sinkwire: Kafka sources read MicroProfile Config, which is"
                    + " not available (" + e + ")"));
            return;
        }
        if (keys.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<Sources.Spec> specs = Sources.read(keys, loader, bm::isQualifier, problems);
        if (!problems.isEmpty()) {
            problems.forEach(p -> adv.addDeploymentProblem(new DeploymentException("Sinkwire: " + p)));
            return;
        }
        Jsonb jsonb = jsonb(bm);
        try {
            for (Sources.Spec s : specs) {
                running.add(source(s, jsonb, bm.getEvent()));
            }
        } catch (RuntimeException e) {
            running.forEach(r -> r.stop(Duration.ZERO));
            running.clear();
            adv.addDeploymentProblem(new DeploymentException("Sinkwire: " + e.getMessage()));
            return;
        }
        running.forEach(KafkaSource::start);
        LOGGER.log(Level.INFO, () -> "Sinkwire started " + running.size() + " Kafka source(s): " + running);
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
        KafkaSource.Builder b = KafkaSource.builder(consumer, s.topic(), jsonb, event -> typed.fire(event))
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
                consumer.close(Duration.ZERO);
                throw new IllegalArgumentException(Keys.refused(p, e, "producer"), e);
            }
        }
        return b.build();
    }

    private Jsonb jsonb(BeanManager bm) {
        Set<Bean<?>> beans = bm.getBeans(Jsonb.class);
        if (beans.size() == 1) {
            Bean<?> bean = beans.iterator().next();
            return (Jsonb) bm.getReference(bean, Jsonb.class, bm.createCreationalContext(bean));
        }
        ownJsonb = JsonbBuilder.create();
        return ownJsonb;
    }

    /**
     * Stops the sources before the application context goes away.
     *
     * @param event the event
     */
    void stop(@Observes @Priority(STOP_PRIORITY) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stopAll();
    }

    /**
     * Stops the sources, if the application context's destruction was not announced.
     *
     * @param event the event
     */
    void shutdown(@Observes BeforeShutdown event) {
        stopAll();
    }

    private void stopAll() {
        for (KafkaSource s : running) {
            if (!s.stop(stopTimeout)) {
                LOGGER.log(Level.WARNING, () -> "Sinkwire: " + s + " did not stop within " + stopTimeout);
            }
        }
        running.clear();
        if (ownJsonb != null) {
            try {
                ownJsonb.close();
            } catch (Exception e) {
                LOGGER.log(Level.DEBUG, "closing JSON-B failed", e);
            }
            ownJsonb = null;
        }
    }
}
