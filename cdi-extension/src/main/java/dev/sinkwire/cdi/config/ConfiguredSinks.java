/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import dev.sinkwire.cdi.spi.ConfiguredSinkProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Sinks declared only in configuration ({@code sinkwire.sinks.<name>.type=<type>}): finds their
 * names, the {@link ConfiguredSinkProvider} of each type, the sink's own keys and the event
 * classes to observe. Shared by both front ends and the runtime. Stateless.
 */
public final class ConfiguredSinks {

    /** One sink declared in configuration. Immutable. */
    public record Declared(String name, String type, ConfiguredSinkProvider provider, Map<String, String> keys,
            List<Class<?>> eventClasses) {

        /** @return the event class the runtime uses for the chain: the only observed class, else {@code Object} */
        public Class<?> eventClass() {
            return eventClasses.size() == 1 ? eventClasses.get(0) : Object.class;
        }

        /** @return where it is declared, for messages */
        public String describe() {
            return Keys.of(name, Keys.TYPE) + "=" + type;
        }

        /** Names the keys without their values, which may be secrets. */
        @Override
        public String toString() {
            return describe() + " " + keys.keySet() + " observing " + eventClasses;
        }
    }

    private ConfiguredSinks() {
    }

    /**
     * The providers of a service on the class path, by their lower-case type; {@code key} names the key
     * that selects one ({@code sinkwire.sinks.<name>.type}), for the message about two of one type.
     */
    public static <P> Map<String, P> providers(Class<P> service, Function<P, String> type, String key,
            ClassLoader loader, List<String> problems) {
        Map<String, P> providers = new TreeMap<>();
        Iterator<P> it = ServiceLoader.load(service, loader).iterator();
        while (true) {
            P p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add("a " + service.getName() + " cannot be loaded: " + e);
                continue;
            }
            P other = providers.putIfAbsent(type.apply(p).toLowerCase(Locale.ROOT), p);
            if (other != null && other.getClass() != p.getClass()) {
                problems.add("two providers serve " + key + "=" + type.apply(p) + ": "
                        + other.getClass().getName() + " and " + p.getClass().getName() + "; allowed: one per type");
            }
        }
        return providers;
    }

    /** The names that have a {@code sinkwire.sinks.<name>.type} key. */
    static Set<String> names(ConfigView config) {
        Set<String> names = new TreeSet<>();
        String suffix = "." + Keys.TYPE;
        for (String key : config.names()) {
            if (key.startsWith(Keys.SINKS) && key.endsWith(suffix)) {
                String name = key.substring(Keys.SINKS.length(), key.length() - suffix.length());
                if (!name.isEmpty() && name.indexOf('.') < 0 && config.value(key).isPresent()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Finds every configured sink. */
    public static List<Declared> discover(ConfigView config, Collection<String> annotatedNames, ClassLoader loader,
            List<String> problems) {
        Set<String> names = names(config);
        if (names.isEmpty()) {
            return List.of();
        }
        Map<String, ConfiguredSinkProvider> providers = providers(ConfiguredSinkProvider.class,
                ConfiguredSinkProvider::type, Keys.of("<name>", Keys.TYPE), loader, problems);
        List<Declared> found = new ArrayList<>();
        for (String name : names) {
            String key = Keys.of(name, Keys.TYPE);
            String type = config.value(key).orElse("").trim();
            if (!SinkRules.isValidName(name)) {
                problems.add(key + ": invalid sink name '" + name + "'; allowed: letters, digits, '-' and '_'");
                continue;
            }
            if (annotatedNames.contains(name)) {
                problems.add(key + "=" + type + ": sink '" + name + "' is an @EventSink; allowed: " + key
                        + " only for sinks declared in configuration alone (remove the key, or rename the sink)");
                continue;
            }
            ConfiguredSinkProvider provider = providers.get(type.toLowerCase(Locale.ROOT));
            if (provider == null) {
                problems.add(key + "=" + type + " is not a sink type; allowed: " + (providers.isEmpty()
                        ? "(none: no " + ConfiguredSinkProvider.class.getName() + " on the class path; add"
                                + " dev.sinkwire:sinkwire-http for type http)"
                        : String.join(", ", providers.keySet())));
                continue;
            }
            Map<String, String> keys = keys(config, name);
            found.add(new Declared(name, type, provider, keys, eventClasses(provider.eventTypes(keys), loader)));
        }
        return found;
    }

    /** The sink's own keys, unmodifiable: every {@code sinkwire.sinks.<name>.<key>} not read by the extension. */
    public static Map<String, String> keys(ConfigView config, String name) {
        String prefix = Keys.of(name, "");
        Map<String, String> keys = new TreeMap<>();
        for (String key : config.names()) {
            String relative = key.substring(Math.min(prefix.length(), key.length()));
            if (key.startsWith(prefix) && !relative.equals(Keys.TYPE) && !Keys.SINK_KEYS.contains(relative)) {
                config.value(key).ifPresent(v -> keys.put(relative, v));
            }
        }
        return Collections.unmodifiableMap(keys);
    }

    /**
     * The classes to observe: every named class, without those that extend another named one (an
     * event must reach the sink once); {@code Object} when the list is empty or a name is not a
     * loadable class (the sink then filters by itself).
     */
    private static List<Class<?>> eventClasses(List<String> names, ClassLoader loader) {
        List<Class<?>> classes = new ArrayList<>();
        for (String n : names) {
            try {
                classes.add(SinkRules.box(SinkRules.load(n.trim(), loader)));
            } catch (ClassNotFoundException | LinkageError e) {
                return List.of(Object.class);
            }
        }
        if (classes.isEmpty()) {
            return List.of(Object.class);
        }
        return classes.stream().filter(c -> classes.stream().noneMatch(o -> o != c && o.isAssignableFrom(c)))
                .distinct().toList();
    }
}
