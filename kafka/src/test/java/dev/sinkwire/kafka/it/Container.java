/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.it;

import dev.sinkwire.cdi.SinkwireExtension;
import dev.sinkwire.kafka.cdi.KafkaSourceExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.Extension;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A Weld SE container with Sinkwire's portable extension and the Kafka source extension, and its own
 * MicroProfile Config registered for a class loader of its own (set as the context class loader
 * while it starts and stops), so that two containers in one JVM read different keys. Not
 * thread-safe; one per instance of the application under test.
 */
final class Container implements AutoCloseable {

    private final WeldContainer weld;
    private final SmallRyeConfig config;
    private final ClassLoader loader;
    private boolean closed;

    private Container(WeldContainer weld, SmallRyeConfig config, ClassLoader loader) {
        this.weld = weld;
        this.config = config;
        this.loader = loader;
    }

    static Builder builder() {
        return new Builder();
    }

    <T> T get(Class<T> type) {
        return weld.select(type).get();
    }

    Event<Object> events() {
        return weld.getBeanManager().getEvent();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            if (weld.isRunning()) {
                weld.shutdown();
            }
        } finally {
            t.setContextClassLoader(before);
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    /** Options. Not thread-safe. */
    static final class Builder {
        private final Map<String, String> properties = new HashMap<>();
        private Class<?>[] beans = new Class<?>[0];
        private Extension[] extensions = new Extension[0];

        Builder beans(Class<?>... beans) {
            this.beans = beans;
            return this;
        }

        /** Portable extensions besides Sinkwire's (e.g. a Reactive Messaging implementation's). */
        Builder extensions(Extension... extensions) {
            this.extensions = extensions;
            return this;
        }

        Builder config(String key, String value) {
            properties.put(key, value);
            return this;
        }

        Map<String, String> properties() {
            return properties;
        }

        Container start() {
            Thread t = Thread.currentThread();
            ClassLoader before = t.getContextClassLoader();
            ClassLoader loader = new ClassLoader(before) { };
            SmallRyeConfig config = new SmallRyeConfigBuilder().forClassLoader(loader)
                    .withSources(new PropertiesConfigSource(properties, "test properties", 100)).build();
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            resolver.registerConfig(config, loader);
            t.setContextClassLoader(loader);
            try {
                Weld weld = new Weld().disableDiscovery().addBeanClasses(beans)
                        .addExtension(new SinkwireExtension()).addExtension(new KafkaSourceExtension())
                        .addExtensions(extensions);
                return new Container(weld.initialize(), config, loader);
            } catch (RuntimeException e) {
                resolver.releaseConfig(config);
                throw e;
            } finally {
                t.setContextClassLoader(before);
            }
        }
    }
}
