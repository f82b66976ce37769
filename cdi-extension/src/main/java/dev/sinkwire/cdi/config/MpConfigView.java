/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A {@link ConfigView} over MicroProfile Config. The only class of the extension that names a
 * MicroProfile Config type, loaded only after {@link #load} found the API present, so that a
 * missing API gives a clear deployment error rather than a {@link NoClassDefFoundError}.
 * Safe for concurrent use (as MicroProfile {@code Config} is).
 */
public final class MpConfigView implements ConfigView {

    static final String API_CLASS = "org.eclipse.microprofile.config.ConfigProvider";
    /** The deployment error when MicroProfile Config is missing; {@code %s} says what was missing. */
    static final String MISSING = "Sinkwire reads its configuration through MicroProfile Config, which is not available"
            + " (%s). Enable MicroProfile Config: on Open Liberty add the feature mpConfig-3.1 to server.xml;"
            + " on Weld SE or a plain servlet container add an implementation such as"
            + " io.smallrye.config:smallrye-config;"
            + " Quarkus, Payara and WildFly include it.";

    private final Config config;

    private MpConfigView(Config config) {
        this.config = config;
    }

    /** Obtains the application's configuration. */
    public static ConfigView load() {
        try {
            Class.forName(API_CLASS, false, MpConfigView.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ProblemsException(String.format(MISSING, "class " + API_CLASS + " not found"));
        }
        return Loader.load(ConfigView.applicationLoader());
    }

    /** Holds the code that links against the API, so that {@link #load} can check first. */
    private static final class Loader {
        static ConfigView load(ClassLoader loader) {
            try {
                return new MpConfigView(ConfigProvider.getConfig(loader));
            } catch (IllegalStateException | java.util.ServiceConfigurationError | LinkageError e) {
                throw new ProblemsException(String.format(MISSING, "no implementation found: " + e));
            }
        }
    }

    @Override
    public Optional<String> value(String key) {
        return config.getOptionalValue(key, String.class);
    }

    @Override
    public Iterable<String> names() {
        return config.getPropertyNames();
    }
}
