/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import dev.sinkwire.cdi.spi.ConfiguredSourceProvider;
import jakarta.inject.Qualifier;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the {@code sinkwire.sources.<name>.*} keys for {@link SpecReader}: every source declared
 * with a {@code type}, its keys checked (unknown ones named with the nearest valid key, never with
 * their values), and what only the type knows asked of its {@link ConfiguredSourceProvider}.
 * Stateless.
 */
final class SourceReader {

    private static final String ALLOWED = String.join(", ", Keys.SOURCE_KEYS) + ", " + Keys.SOURCE_TYPES
            + "<type name>";

    private SourceReader() {
    }

    /** Reads every declared source: the enabled ones by name, sorted; none when a problem was found. */
    static Map<String, SourceSpec> read(ConfigView config, Problems problems, ClassLoader loader) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        for (String key : config.names()) {
            if (!key.startsWith(Keys.SOURCES)) {
                continue;
            }
            String rest = key.substring(Keys.SOURCES.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                problems.add("configuration key " + key + " names no source key; allowed: " + Keys.SOURCES
                        + "<name>.<key>");
                continue;
            }
            config.value(key).ifPresent(v -> byName.computeIfAbsent(rest.substring(0, dot), n -> new TreeMap<>())
                    .put(rest.substring(dot + 1), v));
        }
        if (byName.isEmpty()) {
            return Map.of();
        }
        List<String> loading = new ArrayList<>();
        Map<String, ConfiguredSourceProvider> providers = ConfiguredSinks.providers(ConfiguredSourceProvider.class,
                ConfiguredSourceProvider::type, Keys.SOURCES + "<name>." + Keys.TYPE, loader, loading);
        loading.forEach(problems::add);
        Map<String, SourceSpec> sources = new LinkedHashMap<>();
        byName.forEach((name, keys) -> {
            SourceSpec s = source(name, keys, providers, problems, loader);
            if (s != null) {
                sources.put(name, s);
            }
        });
        return Collections.unmodifiableMap(sources);
    }

    private static SourceSpec source(String name, Map<String, String> keys,
            Map<String, ConfiguredSourceProvider> providers, Problems problems, ClassLoader loader) {
        int before = problems.list().size();
        String typeKey = Keys.source(name, Keys.TYPE);
        String types = providers.isEmpty() ? "(none: no " + ConfiguredSourceProvider.class.getName() + " on the class"
                + " path; add dev.sinkwire:sinkwire-kafka for type kafka)" : String.join(", ", providers.keySet());
        Optional<String> type = required(typeKey, types + " (keys under " + Keys.SOURCES + "<name>. declare a source)",
                problems);
        if (type.isEmpty()) {
            return null;
        }
        ConfiguredSourceProvider provider = providers.get(type.get().toLowerCase(Locale.ROOT));
        if (provider == null) {
            problems.bad(typeKey, type.get(), "is not a source type", types);
            return null;
        }
        if (!SinkRules.isValidName(name)) {
            problems.bad(typeKey, type.get(), "declares a source with the invalid name '" + name + "'", "names of"
                    + " letters, digits, '-' and '_'");
            return null;
        }
        if (!problems.bool(Keys.source(name, Keys.ENABLED), true)) {
            return null; // not started, other keys not checked
        }
        String client = provider.type().toLowerCase(Locale.ROOT) + ".";
        Map<String, String> clientProperties = new TreeMap<>();
        keys.forEach((k, v) -> {
            if (k.startsWith(client)) {
                clientProperties.put(k.substring(client.length()), v);
            } else if (!Keys.SOURCE_KEYS.contains(k) && !k.startsWith(Keys.SOURCE_TYPES)) {
                String near = Keys.nearest(k, Keys.SOURCE_KEYS);
                problems.add(Keys.unknown(Keys.source(name, k), near == null ? null : Keys.source(name, near),
                        "source '" + name + "'", ALLOWED + ", " + client + "<client property>"));
            }
        });
        String topic = required(Keys.source(name, Keys.SOURCE_TOPIC), "the topic the source reads, such as orders",
                problems).orElse(null);
        String group = required(Keys.source(name, Keys.SOURCE_GROUP), "a consumer group id; one group per instance"
                + " for every instance to see every event, one group for all instances to share the work", problems)
                .orElse(null);
        Class<?> eventType = keys.containsKey(Keys.SOURCE_EVENT_TYPE) ? load(name, Keys.SOURCE_EVENT_TYPE,
                keys.get(Keys.SOURCE_EVENT_TYPE), loader, problems) : null;
        Map<String, Class<?>> mapped = new LinkedHashMap<>();
        keys.forEach((k, v) -> {
            if (k.startsWith(Keys.SOURCE_TYPES)) {
                Class<?> c = load(name, k, v, loader, problems);
                if (c != null) {
                    mapped.put(k.substring(Keys.SOURCE_TYPES.length()), c);
                }
            }
        });
        if (!keys.containsKey(Keys.SOURCE_EVENT_TYPE) && keys.keySet().stream()
                .noneMatch(k -> k.startsWith(Keys.SOURCE_TYPES))) {
            problems.add(Keys.source(name, Keys.SOURCE_EVENT_TYPE) + " is missing; allowed: the fully-qualified class"
                    + " the records are read as (JSON-B), or " + Keys.SOURCE_TYPES + "<type name>=<class> per"
                    + " CloudEvents or envelope type");
        }
        List<Class<? extends Annotation>> qualifiers = qualifiers(name, keys.get(Keys.SOURCE_QUALIFIERS), loader,
                problems);
        SourceSpec.Format format = problems.choice(Keys.source(name, Keys.SOURCE_FORMAT), SourceSpec.Format.class,
                SourceSpec.Format.ENVELOPE, "a source format (CloudEvents records are recognized by their headers"
                        + " in either)");
        String deadLetterTopic = problems.text(Keys.source(name, Keys.SOURCE_DEAD_LETTER_TOPIC)).orElse(null);
        Duration backoff = problems.duration(Keys.source(name, Keys.SOURCE_RETRY_BACKOFF),
                SourceSpec.DEFAULT_RETRY_BACKOFF);
        provider.check(Keys.source(name, ""), Collections.unmodifiableMap(keys)).forEach(problems::add);
        if (problems.list().size() > before) {
            return null;
        }
        return new SourceSpec(name, type.get().toLowerCase(Locale.ROOT), topic, group, eventType,
                Collections.unmodifiableMap(mapped), List.copyOf(qualifiers), format, deadLetterTopic, backoff,
                Collections.unmodifiableMap(clientProperties));
    }

    private static Optional<String> required(String key, String allowed, Problems problems) {
        Optional<String> v = problems.text(key);
        if (v.isEmpty()) {
            problems.add(key + " is missing; allowed: " + allowed);
        }
        return v;
    }

    private static Class<?> load(String name, String key, String className, ClassLoader loader, Problems problems) {
        try {
            return SinkRules.load(className.trim(), loader);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.bad(Keys.source(name, key), className.trim(), "is not a class the application can load",
                    "the fully-qualified name of a class visible to the application");
            return null;
        }
    }

    /** Qualifier annotations ({@code @jakarta.inject.Qualifier}) whose members all have defaults. */
    private static List<Class<? extends Annotation>> qualifiers(String name, String value, ClassLoader loader,
            Problems problems) {
        List<Class<? extends Annotation>> found = new ArrayList<>();
        for (String q : value == null ? new String[0] : value.split(",")) {
            Class<?> c = q.isBlank() ? null : load(name, Keys.SOURCE_QUALIFIERS, q, loader, problems);
            if (c != null && c.isAnnotation() && c.isAnnotationPresent(Qualifier.class)
                    && Arrays.stream(c.getDeclaredMethods()).allMatch(m -> m.getDefaultValue() != null)) {
                found.add(c.asSubclass(Annotation.class));
            } else if (c != null) {
                problems.bad(Keys.source(name, Keys.SOURCE_QUALIFIERS), value.trim(), "names " + c.getName()
                        + ", which is not a qualifier without required members", "qualifier annotations whose"
                        + " members all have defaults");
            }
        }
        return found;
    }
}
