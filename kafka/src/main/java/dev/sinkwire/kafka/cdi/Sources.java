/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The one reader of {@code sinkwire.sources.<name>.*} keys: every source declared with a
 * {@code type}, its keys checked, every problem collected with the full key. (It should later move
 * into the CDI layer's one configuration reader; see {@code docs/kafka.md}.) Stateless.
 */
final class Sources {

    /** The prefix of every source key. */
    static final String PREFIX = "sinkwire.sources.";
    /** The key that declares a source. */
    static final String TYPE = "type";
    /** Every key of a Kafka source besides {@code kafka.*}. */
    static final List<String> ALLOWED = List.of(TYPE, "enabled", "topic", "group", "event-type", "types.", "qualifiers",
            "format", "dead-letter.topic", "retry-backoff");

    /**
     * One source, read and checked. Immutable.
     *
     * @param name the source's name
     * @param topic the topic
     * @param defaultType the class of records whose type name is not mapped, or {@code null}
     * @param types classes by type name
     * @param qualifiers the qualifiers of the fired events
     * @param bare whether values are the event's JSON alone
     * @param deadLetterTopic the dead-letter topic, or {@code null}
     * @param retryBackoff the wait before handing a record over again
     * @param consumer the consumer's properties
     * @param producer the dead-letter producer's properties
     */
    record Spec(String name, String topic, Class<?> defaultType, Map<String, Class<?>> types, Annotation[] qualifiers,
            boolean bare, String deadLetterTopic, Duration retryBackoff, Properties consumer, Properties producer) {
    }

    private Sources() {
    }

    /**
     * Reads every declared source.
     *
     * @param config every key and its value (only {@code sinkwire.sources.} keys are looked at)
     * @param loader the application's class loader
     * @param isQualifier tells qualifiers (the container's {@code BeanManager::isQualifier})
     * @param problems receives every problem
     * @return the enabled sources, by name
     */
    static List<Spec> read(Map<String, String> config, ClassLoader loader, Predicate<Class<? extends Annotation>> isQualifier,
            List<String> problems) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        for (Map.Entry<String, String> e : config.entrySet()) {
            if (e.getKey().startsWith(PREFIX)) {
                String rest = e.getKey().substring(PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot <= 0) {
                    problems.add(e.getKey() + ": not a source key; allowed: " + PREFIX + "<name>.<key>");
                    continue;
                }
                byName.computeIfAbsent(rest.substring(0, dot), n -> new TreeMap<>()).put(rest.substring(dot + 1),
                        e.getValue());
            }
        }
        List<Spec> specs = new ArrayList<>();
        byName.forEach((name, keys) -> {
            Spec s = read(name, keys, loader, isQualifier, problems);
            if (s != null) {
                specs.add(s);
            }
        });
        return specs;
    }

    private static Spec read(String name, Map<String, String> keys, ClassLoader loader,
            Predicate<Class<? extends Annotation>> isQualifier, List<String> problems) {
        String p = PREFIX + name + ".";
        int before = problems.size();
        String type = keys.get(TYPE);
        if (type == null || type.isBlank()) {
            problems.add(p + TYPE + " is missing; allowed: kafka (keys under " + PREFIX + "<name>. declare a source)");
            return null;
        }
        if (!type.trim().equals("kafka")) {
            problems.add(p + TYPE + "=" + type.trim() + " is not a source type; allowed: kafka");
            return null;
        }
        String enabled = keys.getOrDefault("enabled", "true").trim();
        if (!enabled.equals("true") && !enabled.equals("false")) {
            problems.add(p + "enabled=" + enabled + " is not a boolean; allowed: true, false");
        } else if (enabled.equals("false")) {
            return null;
        }
        Keys.unknown(p, keys, ALLOWED, "a kafka source", problems);
        String topic = Keys.topic(p, "topic", keys, true, problems);
        String group = keys.get("group");
        if (group == null || group.isBlank()) {
            problems.add(p + "group is missing; allowed: a consumer group id; one group per instance for every instance"
                    + " to see every event, one group for all instances to share the work");
        }
        Class<?> defaultType = null;
        if (keys.containsKey("event-type")) {
            defaultType = Keys.load(p, "event-type", keys.get("event-type"), loader, problems);
        }
        Map<String, Class<?>> types = new LinkedHashMap<>();
        keys.forEach((k, v) -> {
            if (k.startsWith("types.")) {
                Class<?> c = Keys.load(p, k, v, loader, problems);
                if (c != null) {
                    types.put(k.substring("types.".length()), c);
                }
            }
        });
        if (!keys.containsKey("event-type") && types.isEmpty()) {
            problems.add(p + "event-type is missing; allowed: the fully-qualified class the records are read as"
                    + " (JSON-B), or types.<type name>=<class> per CloudEvents or envelope type");
        }
        List<Annotation> qualifiers = new ArrayList<>();
        for (String q : Keys.list(keys.get("qualifiers"))) {
            Class<?> c = Keys.load(p, "qualifiers", q, loader, problems);
            if (c == null) {
                continue;
            }
            Annotation a = c.isAnnotation() ? literal(c.asSubclass(Annotation.class)) : null;
            if (a == null || !isQualifier.test(c.asSubclass(Annotation.class))) {
                problems.add(p + "qualifiers=" + keys.get("qualifiers").trim() + ": " + c.getName() + " is not a"
                        + " qualifier without required members; allowed: qualifier annotations whose members all have"
                        + " defaults");
            } else {
                qualifiers.add(a);
            }
        }
        String format = keys.getOrDefault("format", "envelope").trim();
        if (!format.equals("envelope") && !format.equals("json")) {
            problems.add(p + "format=" + format + " is not a source format; allowed: envelope (also reads CloudEvents"
                    + " binary and structured, recognized by their headers), json (the value is the event alone)");
        }
        String dlq = Keys.topic(p, "dead-letter.topic", keys, false, problems);
        Duration backoff = Keys.duration(p, "retry-backoff", keys, Duration.ofSeconds(1), problems);
        Properties consumer = Keys.client(p, keys, ConsumerConfig.configNames(), Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "offsets are committed by Sinkwire after the CDI notification",
                ConsumerConfig.GROUP_ID_CONFIG, "set it with " + p + "group",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "records are read as bytes",
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "records are read as bytes"),
                Map.of(), "consumer", problems);
        if (problems.size() > before) {
            return null;
        }
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, group.trim());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties producer = new Properties();
        for (String k : new TreeSet<>(consumer.stringPropertyNames())) {
            if (ProducerConfig.configNames().contains(k) && !k.equals(ConsumerConfig.CLIENT_ID_CONFIG)) {
                producer.put(k, consumer.getProperty(k));
            }
        }
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new Spec(name, topic, defaultType, types, qualifiers.toArray(new Annotation[0]), format.equals("json"),
                dlq, backoff, consumer, producer);
    }

    /**
     * An instance of a qualifier whose members all have defaults, as CDI compares them (type and
     * member values).
     *
     * @param type the qualifier
     * @return the instance, or {@code null} if a member has no default
     */
    static Annotation literal(Class<? extends Annotation> type) {
        Method[] members = type.getDeclaredMethods();
        Map<String, Object> values = new TreeMap<>();
        for (Method m : members) {
            Object d = m.getDefaultValue();
            if (d == null) {
                return null;
            }
            values.put(m.getName(), d);
        }
        return (Annotation) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "annotationType" -> type;
                    case "hashCode" -> values.entrySet().stream().mapToInt(e -> (127 * e.getKey().hashCode())
                            ^ memberHash(e.getValue())).sum();
                    case "equals" -> type.isInstance(args[0]) && equalMembers(type, values, args[0]);
                    case "toString" -> "@" + type.getName() + values;
                    default -> values.get(method.getName());
                });
    }

    private static int memberHash(Object v) {
        if (v instanceof Object[] a) {
            return Arrays.hashCode(a);
        }
        if (v.getClass().isArray()) {
            return Arrays.deepHashCode(new Object[] {v}) - 31;
        }
        return v.hashCode();
    }

    private static boolean equalMembers(Class<?> type, Map<String, Object> values, Object other) {
        try {
            for (Map.Entry<String, Object> e : values.entrySet()) {
                Object o = type.getMethod(e.getKey()).invoke(other);
                if (!Arrays.deepEquals(new Object[] {e.getValue()}, new Object[] {o})) {
                    return false;
                }
            }
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
