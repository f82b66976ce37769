/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import dev.sinkwire.cdi.SinkwireExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.inject.ConfigExtension;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A Weld SE container with the Sinkwire extension, the given beans and test configuration. Used by
 * one test thread.
 */
final class TestContainer implements AutoCloseable {

    private final WeldContainer weld;
    private final SmallRyeConfig config;

    private TestContainer(WeldContainer weld, SmallRyeConfig config) {
        this.weld = weld;
        this.config = config;
    }

    /**
     * Starts a container.
     *
     * @param properties the configuration
     * @param beans the bean classes
     * @return the running container
     */
    static TestContainer start(Map<String, String> properties, Class<?>... beans) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(resolver.getConfig(loader));
        SmallRyeConfig config = new SmallRyeConfigBuilder().forClassLoader(loader).addDefaultSources()
                .withSources(new PropertiesConfigSource(new HashMap<>(properties), "test properties", 100)).build();
        resolver.registerConfig(config, loader);
        Weld weld = new Weld().disableDiscovery().addBeanClasses(beans).addExtension(new ConfigExtension())
                .addExtension(new SinkwireExtension());
        try {
            return new TestContainer(weld.initialize(), config);
        } catch (RuntimeException e) {
            resolver.releaseConfig(config);
            throw e;
        }
    }

    <T> T get(Class<T> type) {
        return weld.select(type).get();
    }

    /** Fires an event as application code would. */
    void fire(Object event) {
        weld.getBeanManager().getEvent().fire(event);
    }

    @Override
    public void close() {
        try {
            if (weld.isRunning()) {
                weld.shutdown();
            }
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}
