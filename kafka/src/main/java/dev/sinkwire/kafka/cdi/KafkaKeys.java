/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.cdi;

import dev.sinkwire.cdi.config.Problems;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the keys of one Kafka sink or source: durations, topic names, Kafka client properties
 * ({@code kafka.<property>}, checked against the client's own property names, whose values are never
 * printed) and unknown keys. Every problem names the full key and what is allowed. Stateless.
 */
final class KafkaKeys {

    /** The prefix, after the sink's or source's own prefix, of Kafka client properties. */
    static final String KAFKA = "kafka.";

    private static final Pattern CONFIGURATION = Pattern.compile("for configuration ([A-Za-z0-9._-]+)");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private KafkaKeys() {
    }

    /**
     * Reports every key that is neither allowed nor a {@code kafka.} property.
     *
     * @param prefix the full prefix, for messages
     * @param keys the keys relative to {@code prefix}
     * @param allowed the allowed keys; entries ending in '.' allow any key starting with them
     * @param what what the keys belong to, for messages (such as "a kafka sink")
     * @param problems receives the problems
     */
    static void unknown(String prefix, Map<String, String> keys, Collection<String> allowed, String what,
            List<String> problems) {
        for (String key : keys.keySet()) {
            boolean ok = key.startsWith(KAFKA);
            for (String a : allowed) {
                ok |= a.endsWith(".") ? key.startsWith(a) : key.equals(a);
            }
            if (!ok) { // the value is not printed: an unknown key may be a misspelt secret
                problems.add(prefix + key + ": unknown key for " + what + "; allowed: " + String.join(", ", allowed)
                        + ", " + KAFKA + "<Kafka client property> (entries ending in '.' are followed by a name)");
            }
        }
    }

    /**
     * A topic name.
     *
     * @param prefix the full prefix, for messages
     * @param key the key
     * @param keys the keys relative to {@code prefix}
     * @param required whether a missing key is a problem
     * @param problems receives the problems
     * @return the topic, or {@code null} after reporting a problem
     */
    static String topic(String prefix, String key, Map<String, String> keys, boolean required, List<String> problems) {
        String v = keys.get(key);
        if (v == null || v.isBlank()) {
            if (required) {
                problems.add(prefix + key + " is missing; allowed: a Kafka topic name such as orders (letters,"
                        + " digits, '.', '_' and '-', at most 249 characters)");
            }
            return null;
        }
        String t = v.trim();
        if (!TOPIC.matcher(t).matches() || t.equals(".") || t.equals("..")) {
            problems.add(prefix + key + "=" + t + " is not a valid Kafka topic name; allowed: letters, digits, '.',"
                    + " '_' and '-', at most 249 characters");
            return null;
        }
        return t;
    }

    /**
     * A duration, as every Sinkwire key reads one ({@link Problems#parseDuration}).
     *
     * @param prefix the full prefix, for messages
     * @param key the key
     * @param keys the keys relative to {@code prefix}
     * @param fallback the value when the key is absent
     * @param problems receives the problems
     * @return the duration, {@code fallback} when absent, or {@code null} after reporting a problem
     */
    static Duration duration(String prefix, String key, Map<String, String> keys, Duration fallback,
            List<String> problems) {
        String v = keys.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Problems.parseDuration(prefix + key, v);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /**
     * The Kafka client properties among the keys ({@code kafka.<property>}), over {@code defaults}.
     * A property the client does not know, or one that Sinkwire sets itself, is a problem; values
     * are never printed (SASL configurations and passwords are among them).
     *
     * @param prefix the full prefix, for messages
     * @param keys the keys relative to {@code prefix}
     * @param known the client's property names
     * @param fixed properties Sinkwire sets itself, with why, that the keys may not set
     * @param defaults properties used unless the keys set them
     * @param client "producer" or "consumer", for messages
     * @param problems receives the problems
     * @return the properties
     */
    static Properties client(String prefix, Map<String, String> keys, Set<String> known, Map<String, String> fixed,
            Map<String, String> defaults, String client, List<String> problems) {
        Properties props = new Properties();
        props.putAll(defaults);
        for (Map.Entry<String, String> e : keys.entrySet()) {
            if (!e.getKey().startsWith(KAFKA)) {
                continue;
            }
            String property = e.getKey().substring(KAFKA.length());
            if (fixed.containsKey(property)) {
                problems.add(prefix + e.getKey() + ": set by Sinkwire (" + fixed.get(property) + "); allowed: remove"
                        + " the key");
            } else if (!known.contains(property)) {
                problems.add(prefix + e.getKey() + ": '" + property + "' is not a Kafka " + client + " property;"
                        + " allowed: the " + client + " configs of kafka-clients, such as " + String.join(", ",
                                new TreeSet<>(List.of("bootstrap.servers", "acks", "linger.ms", "security.protocol",
                                        "sasl.jaas.config")).stream().filter(known::contains).toList()));
            } else {
                props.put(property, e.getValue().trim());
            }
        }
        String servers = props.getProperty("bootstrap.servers");
        if (servers == null || servers.isBlank()) {
            problems.add(prefix + KAFKA + "bootstrap.servers is missing; allowed: host:port[,host:port...] of the"
                    + " Kafka brokers, such as kafka-1:9092");
        }
        return props;
    }

    /**
     * Describes a Kafka client's refusal of its configuration without the rejected value: Kafka's
     * message {@code Invalid value <value> for configuration <name>: <why>} can hold a secret.
     *
     * @param prefix the full prefix
     * @param error the client's error
     * @param client "producer" or "consumer"
     * @return the problem
     */
    static String refused(String prefix, Throwable error, String client) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            Matcher m = CONFIGURATION.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return prefix + KAFKA + m.group(1) + ": the Kafka " + client + " refuses its value (not shown);"
                        + " allowed: a value of the type and range the Kafka documentation gives for " + m.group(1);
            }
            if (String.valueOf(t.getMessage()).contains("bootstrap")) {
                return prefix + KAFKA + "bootstrap.servers: " + withoutValue(t.getMessage())
                        + "; allowed: host:port[,host:port...] of the Kafka brokers, resolvable from here";
            }
        }
        return prefix + KAFKA + "*: the Kafka " + client + " cannot be created with these properties ("
                + error.getClass().getName() + ", message not shown as it may hold a value)";
    }

    /**
     * Kafka's message about {@code bootstrap.servers} up to the property's name: what follows it
     * ({@code Invalid url in bootstrap.servers: <entry>}) is the configured value.
     */
    private static String withoutValue(String message) {
        String property = "bootstrap.servers";
        int at = message.indexOf(property);
        if (at < 0) {
            return "the Kafka client refuses its value (not shown)";
        }
        int end = at + property.length();
        return message.substring(0, end) + (message.substring(end).isBlank() ? "" : " (value not shown)");
    }

    /**
     * Loads a class of the application.
     *
     * @param prefix the full prefix, for messages
     * @param key the key naming the class
     * @param name the class name
     * @param loader the application's class loader
     * @param problems receives the problems
     * @return the class, or {@code null} after reporting a problem
     */
    static Class<?> load(String prefix, String key, String name, ClassLoader loader, List<String> problems) {
        try {
            return Class.forName(name.trim(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(prefix + key + "=" + name.trim() + ": class not found; allowed: the fully-qualified name of a"
                    + " class visible to the application");
            return null;
        }
    }

    /**
     * @param v a comma-separated list, or {@code null}
     * @return the names in {@code v}, trimmed, empty ones left out
     */
    static List<String> list(String v) {
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
