/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.kafka.KafkaBroker;
import dev.sinkwire.kafka.cdi.KafkaSourceBuildCompatibleExtension;
import dev.sinkwire.kafka.it.Fixtures.Order;
import dev.sinkwire.kafka.it.Fixtures.Remote;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * The CDI Lite front end of the sources ({@link KafkaSourceBuildCompatibleExtension}) under Weld's
 * lite extension translator, as Quarkus ArC would run it: records become CDI events; bad keys fail
 * startup.
 */
class LiteSourceTest {

    private static final KafkaBroker BROKER = KafkaBroker.shared();
    private static final String SOURCE = RoundTripTest.SOURCE;

    /**
     * Runs the production extension under Weld, which skips every build compatible extension
     * annotated {@code @SkipIfPortableExtensionPresent}: this subclass carries no such annotation and
     * re-declares the extension method (the translator only looks at declared methods).
     */
    public static class LiteOnly extends KafkaSourceBuildCompatibleExtension {
        @Override
        @Synthesis
        public void synthesize(SyntheticComponents syn) {
            super.synthesize(syn);
        }
    }

    /** Records remote orders. */
    @ApplicationScoped
    public static class Orders {
        private final List<Integer> seqs = new CopyOnWriteArrayList<>();

        void on(@Observes @Remote Order order) {
            seqs.add(order.getSeq());
        }

        List<Integer> seqs() {
            return seqs;
        }
    }

    private static WeldContainer start(Map<String, String> properties, SmallRyeConfig[] registered) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        SmallRyeConfig config = new SmallRyeConfigBuilder().forClassLoader(loader)
                .withSources(new PropertiesConfigSource(properties, "test properties", 100)).build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(config, loader);
        registered[0] = config;
        return new Weld().disableDiscovery().addBeanClasses(Orders.class).addBuildCompatibleExtensions(LiteOnly.class)
                .initialize();
    }

    @Test
    void recordsBecomeCdiEventsUnderTheLiteFrontEnd() throws Exception {
        String topic = BROKER.newTopic("lite", 1);
        try (Jsonb jsonb = JsonbBuilder.create(); KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(
                Map.of("bootstrap.servers", BROKER.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) {
                p.send(new ProducerRecord<>(topic, jsonb.toJson(new Order("ann", i)).getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }
        Map<String, String> props = new HashMap<>(Map.of(SOURCE + "type", "kafka", SOURCE + "topic", topic,
                SOURCE + "group", "g-" + topic, SOURCE + "event-type", Order.class.getName(),
                SOURCE + "format", "json", SOURCE + "qualifiers", Remote.class.getName(),
                SOURCE + "kafka.bootstrap.servers", BROKER.bootstrapServers(),
                SOURCE + "kafka.auto.offset.reset", "earliest"));
        SmallRyeConfig[] config = new SmallRyeConfig[1];
        WeldContainer weld = start(props, config);
        try {
            Orders orders = weld.select(Orders.class).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> orders.seqs().size() >= 3);
            assertThat(orders.seqs()).containsExactly(0, 1, 2);
        } finally {
            weld.shutdown();
            ConfigProviderResolver.instance().releaseConfig(config[0]);
        }
    }

    @Test
    void badKeysFailStartupNamingTheKey() {
        SmallRyeConfig[] config = new SmallRyeConfig[1];
        Throwable t = catchThrowable(() -> start(Map.of(SOURCE + "type", "kafka", SOURCE + "topic", "t",
                SOURCE + "event-type", Order.class.getName(), SOURCE + "kafka.bootstrap.servers", "localhost:9"),
                config).shutdown());
        ConfigProviderResolver.instance().releaseConfig(config[0]);
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        assertThat(all.toString()).contains("sinkwire.sources.orders.group is missing");
    }
}
