/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import dev.sinkwire.cdi.ft.FtAttemptsExtension;
import dev.sinkwire.cdi.SinkwireExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.inject.ConfigExtension;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A Weld SE container running one Sinkwire front end, with its own MicroProfile Config
 * (test properties at ordinal 100, like microprofile-config.properties, below system properties
 * and environment variables). Not thread-safe; one per test.
 */
final class TestContainer implements AutoCloseable {

    private final WeldContainer weld;
    private final SmallRyeConfig config;
    private boolean closed;

    private TestContainer(WeldContainer weld, SmallRyeConfig config) {
        this.weld = weld;
        this.config = config;
    }

    static Builder builder(Mode mode) {
        return new Builder(mode);
    }

    static TestContainer start(Mode mode, Class<?>... beans) {
        return builder(mode).beans(beans).start();
    }

    <T> T get(Class<T> type, Annotation... qualifiers) {
        return weld.select(type, qualifiers).get();
    }

    <T> T get(TypeLiteral<T> type, Annotation... qualifiers) {
        return weld.select(type, qualifiers).get();
    }

    WeldContainer weld() {
        return weld;
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

    /** The binary name of SmallRye Fault Tolerance's portable extension. */
    static final String SMALLRYE_FT = "io.smallrye.faulttolerance.FaultToleranceExtension";

    /**
     * SmallRye Fault Tolerance's extension, when it is on the class path (as discovery would add it).
     *
     * @return a new extension instance, or {@code null}
     */
    static Extension faultTolerance() {
        try {
            return (Extension) Class.forName(SMALLRYE_FT).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options for a test container. Not thread-safe. */
    static final class Builder {
        private final Mode mode;
        private final Map<String, String> properties = new HashMap<>();
        private Class<?>[] beans = new Class<?>[0];

        private Builder(Mode mode) {
            this.mode = mode;
        }

        Builder beans(Class<?>... beans) {
            this.beans = beans;
            return this;
        }

        Builder config(String key, String value) {
            properties.put(key, value);
            return this;
        }

        TestContainer start() {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            resolver.releaseConfig(resolver.getConfig(loader));
            SmallRyeConfig config = new SmallRyeConfigBuilder().forClassLoader(loader).addDefaultSources()
                    .withSources(new PropertiesConfigSource(properties, "test properties", 100)).build();
            resolver.registerConfig(config, loader);
            Weld weld = new Weld().disableDiscovery().addBeanClasses(beans).addExtension(new ConfigExtension());
            Extension ft = faultTolerance();
            if (ft != null) {
                weld.addExtension(ft);
            }
            if (mode == Mode.PORTABLE) {
                weld.addExtension(new SinkwireExtension()).addExtension(new FtAttemptsExtension());
            } else {
                weld.addBuildCompatibleExtensions(LiteOnlyExtension.class, LiteOnlyFtAttempts.class);
            }
            try {
                return new TestContainer(weld.initialize(), config);
            } catch (RuntimeException e) {
                resolver.releaseConfig(config);
                throw e;
            }
        }
    }
}
