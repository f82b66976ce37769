/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.cdi.SinkwireExtension;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.inject.ConfigExtension;
import jakarta.enterprise.util.TypeLiteral;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A Weld SE container with the Sinkwire extension and its own MicroProfile Config (the test's
 * properties), as an application with durable sinks runs it. Not thread-safe; one per test step.
 */
final class CdiContainer implements AutoCloseable {

    private final WeldContainer weld;
    private final SmallRyeConfig config;
    private boolean closed;

    private CdiContainer(WeldContainer weld, SmallRyeConfig config) {
        this.weld = weld;
        this.config = config;
    }

    static Builder builder() {
        return new Builder();
    }

    <T> T get(Class<T> type) {
        return weld.select(type).get();
    }

    <T> T named(Class<T> type, String name) {
        return weld.select(type, jakarta.enterprise.inject.literal.NamedLiteral.of(name)).get();
    }

    /** Fires an event as application code does. */
    void fire(Object event) {
        weld.getBeanManager().getEvent().fire(event);
    }

    SinkStats stats(String sink) {
        return get(SinkwireStats.class).of(sink);
    }

    /** The chain line of a sink: its layers, outer to inner. */
    String chainLine(String sink) {
        return weld.select(new TypeLiteral<Sink<?>>() { }, SinkChain.Literal.of(sink)).get().toString();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (weld.isRunning()) {
                weld.shutdown();
            }
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    /** Options. Not thread-safe. */
    static final class Builder {
        private final Map<String, String> properties = new HashMap<>();
        private Class<?>[] beans = new Class<?>[0];

        Builder beans(Class<?>... beans) {
            this.beans = beans;
            return this;
        }

        Builder config(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** Every key of {@code sinkwire.sinks.<sink>.}. */
        Builder sink(String sink, Map<String, String> keys) {
            keys.forEach((k, v) -> properties.put("sinkwire.sinks." + sink + "." + k, v));
            return this;
        }

        CdiContainer start() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            resolver.releaseConfig(resolver.getConfig(loader));
            SmallRyeConfig config = new SmallRyeConfigBuilder().forClassLoader(loader).addDefaultSources()
                    .withSources(new PropertiesConfigSource(properties, "test properties", 100)).build();
            resolver.registerConfig(config, loader);
            Weld weld = new Weld().disableDiscovery().addBeanClasses(beans)
                    .addBeanClass(dev.sinkwire.durable.cdi.DurableDeadLetters.class)
                    .addExtension(new ConfigExtension()).addExtension(new SinkwireExtension());
            try {
                return new CdiContainer(weld.initialize(), config);
            } catch (RuntimeException | Error e) {
                resolver.releaseConfig(config);
                throw e;
            }
        }
    }
}
