/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import dev.sinkwire.core.internal.KeyHints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configuration key the extension reads, in one place: Sinkwire's own keys (per-sink keys
 * are relative to {@code sinkwire.sinks.<name>.}), the MicroProfile Fault Tolerance switches and
 * override keys, and the keys it no longer reads with what to use instead. Also the typo check of
 * every {@code sinkwire.*} key. Stateless.
 */
public final class Keys {

    // global keys; docs/cdi.md, docs/durable.md (store.*) and docs/kafka.md (sources) describe every key
    public static final String SINKS = "sinkwire.sinks.";
    public static final String SHUTDOWN_TIMEOUT = "sinkwire.shutdown.timeout";
    public static final String DEAD_LETTER_EVENTS = "sinkwire.dead-letter.events";
    public static final String THREAD_FACTORY = "sinkwire.thread-factory.jndi-name";
    public static final String DEAD_LETTER = "sinkwire.dead-letter";
    public static final String METRICS_ENABLED = "sinkwire.metrics.enabled";
    public static final String HEALTH_QUEUE_SATURATION = "sinkwire.health.queue-saturation";

    // per-sink keys, relative to sinkwire.sinks.<name>.; TYPE declares a sink in configuration alone
    public static final String TYPE = "type";
    public static final String ENABLED = "enabled";
    public static final String ASYNC = "async";
    public static final String RETRY_STRATEGY = "retry.strategy";
    public static final String RETRY_THRESHOLD = "retry.threshold";
    public static final String RETRY_BACKOFF = "retry.backoff";
    public static final String RETRY_BASE = "retry.base";
    public static final String RETRY_FACTOR = "retry.factor";
    public static final String RETRY_MAX = "retry.max";
    public static final String FILTER_TYPES = "filter.types";
    public static final String FILTER_MATCHER = "filter.matcher";
    public static final String QUEUE_CAPACITY = "queue.capacity";
    public static final String QUEUE_OVERFLOW = "queue.overflow";
    public static final String QUEUE_MAX_WAIT = "queue.max-wait";
    public static final String SINK_DEAD_LETTER = "dead-letter";
    public static final String STORE = "store";
    public static final String QUEUE_SATURATION = "health.queue-saturation";

    public static final List<String> SINK_KEYS = List.of(ENABLED, ASYNC, RETRY_STRATEGY, RETRY_THRESHOLD,
            RETRY_BACKOFF, RETRY_BASE, RETRY_FACTOR, RETRY_MAX, FILTER_TYPES, FILTER_MATCHER, QUEUE_CAPACITY,
            QUEUE_OVERFLOW, QUEUE_MAX_WAIT, SINK_DEAD_LETTER, STORE, QUEUE_SATURATION);
    static final List<String> GLOBAL_KEYS = List.of(SHUTDOWN_TIMEOUT, DEAD_LETTER_EVENTS, THREAD_FACTORY,
            DEAD_LETTER, METRICS_ENABLED, HEALTH_QUEUE_SATURATION);
    /** Families of global keys: an unknown key under one of them is a typo. */
    static final List<String> GLOBAL_FAMILIES = List.of("sinkwire.shutdown.", "sinkwire.dead-letter.",
            "sinkwire.thread-factory.", "sinkwire.metrics.", "sinkwire.health.");
    static final String ALLOWED_SINK_KEYS = "enabled, async, retry.strategy and its keys (retry.threshold, "
            + "retry.backoff | retry.base, retry.factor, retry.max), filter.types, filter.matcher, queue.capacity, "
            + "queue.overflow, queue.max-wait, dead-letter, health.queue-saturation, store (memory | jdbc) and its keys (store.datasource, "
            + "store.table, ... see docs/durable.md)";

    // per-source keys, relative to SOURCES + <name>.
    public static final String SOURCES = "sinkwire.sources.";
    public static final String SOURCE_TOPIC = "topic";
    public static final String SOURCE_GROUP = "group";
    public static final String SOURCE_EVENT_TYPE = "event-type";
    /** The prefix of {@code types.<type name>=<class>}: the class per CloudEvents or envelope type. */
    static final String SOURCE_TYPES = "types.";
    public static final String SOURCE_QUALIFIERS = "qualifiers";
    public static final String SOURCE_FORMAT = "format";
    public static final String SOURCE_DEAD_LETTER_TOPIC = "dead-letter.topic";
    public static final String SOURCE_RETRY_BACKOFF = "retry-backoff";
    /** Besides them: {@code types.<type name>} and the client properties {@code <type>.<property>}. */
    static final List<String> SOURCE_KEYS = List.of(TYPE, ENABLED, SOURCE_TOPIC, SOURCE_GROUP,
            SOURCE_EVENT_TYPE, SOURCE_QUALIFIERS, SOURCE_FORMAT, SOURCE_DEAD_LETTER_TOPIC, SOURCE_RETRY_BACKOFF);

    /** MicroProfile Fault Tolerance: {@code false} switches every FT annotation but {@code @Fallback} off. */
    public static final String FT_NON_FALLBACK_ENABLED = "MP_Fault_Tolerance_NonFallback_Enabled";
    /** SmallRye Fault Tolerance: {@code false} switches all of fault tolerance off. */
    public static final String FT_SMALLRYE_ENABLED = "smallrye.faulttolerance.enabled";

    /** What replaces the removed fault-tolerance style keys of an {@code @EventSink}. */
    static final String FT_MIGRATION = "it was removed; put @Retry, @CircuitBreaker or @Timeout on the sink and tune"
            + " them with the MicroProfile Fault Tolerance keys (<class>/<method>/Retry/maxRetries, ...), or use"
            + " retry.strategy=breaker|exponential (see docs/cdi.md, \"Removed keys\")";
    /** The fault-tolerance style sink keys that were removed, each with its MP FT counterpart. */
    private static final Map<String, String> REMOVED = Map.ofEntries(
            Map.entry("retry.max-retries", "@Retry(maxRetries)"), Map.entry("retry.delay", "@Retry(delay)"),
            Map.entry("retry.max-duration", "@Retry(maxDuration)"), Map.entry("retry.jitter", "@Retry(jitter)"),
            Map.entry("retry.growth", "@ExponentialBackoff or @FibonacciBackoff"),
            Map.entry("retry.growth-factor", "@ExponentialBackoff(factor)"),
            Map.entry("retry.max-delay", "@ExponentialBackoff(maxDelay)"),
            Map.entry("circuit-breaker.enabled", "CircuitBreaker/enabled"),
            Map.entry("circuit-breaker.request-volume-threshold", "@CircuitBreaker(requestVolumeThreshold)"),
            Map.entry("circuit-breaker.failure-ratio", "@CircuitBreaker(failureRatio)"),
            Map.entry("circuit-breaker.delay", "@CircuitBreaker(delay)"),
            Map.entry("circuit-breaker.success-threshold", "@CircuitBreaker(successThreshold)"),
            Map.entry("timeout", "@Timeout"));

    private Keys() {
    }

    /** {@code sinkwire.sinks.<sink>.<key>}: the full name of a sink's key. */
    public static String of(String sink, String key) {
        return SINKS + sink + "." + key;
    }

    /** {@code sinkwire.sources.<source>.<key>}: the full name of a source's key. */
    public static String source(String source, String key) {
        return SOURCES + source + "." + key;
    }

    /**
     * The MP FT keys that set one member of an FT annotation, first match wins:
     * {@code <class>/<method>/<Annotation>/<member>} for an annotation on the method,
     * {@code <class>/<Annotation>/<member>} for one on the class, then {@code <Annotation>/<member>}.
     * For an annotation on the method, {@code cls} is the class declaring the method (MP FT: "the
     * class name and method name where the annotation is declared upon").
     */
    static List<String> ftMember(String cls, String method, boolean onMethod, String annotation, String member) {
        String local = onMethod ? cls + "/" + method + "/" + annotation + "/" : cls + "/" + annotation + "/";
        return List.of(local + member, annotation + "/" + member);
    }

    /**
     * The keys that switch an FT annotation on or off, first one set wins, then the global switches
     * ({@link #FT_NON_FALLBACK_ENABLED}, {@link #FT_SMALLRYE_ENABLED}), which only switch off.
     * {@code methodClass} is the class declaring the method (MP FT names a method by where it is
     * declared), {@code cls} the bean class.
     */
    static List<String> ftEnabled(String methodClass, String cls, String method, String annotation) {
        return List.of(methodClass + "/" + method + "/" + annotation + "/enabled", cls + "/" + annotation + "/enabled",
                annotation + "/enabled", FT_NON_FALLBACK_ENABLED, FT_SMALLRYE_ENABLED);
    }

    /** MicroProfile Config's environment variable name of a key: upper case, non-alphanumerics as {@code _}. */
    public static String envName(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            b.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return b.toString();
    }

    /** The environment variable name every {@code store.*} key of a sink starts with. */
    static String storeKeysPrefix(String sink) {
        return envName(of(sink, STORE + "."));
    }

    /** The candidate nearest to {@code key} within a third of its length (at least 2 edits), or {@code null}. */
    public static String nearest(String key, Collection<String> candidates) {
        return KeyHints.nearest(key, candidates, Math.max(2, key.length() / 3));
    }

    /**
     * Typo protection: every {@code sinkwire.sinks.<name>.<key>} must name a declared sink and a
     * known key, and every key of a global family ({@code sinkwire.shutdown.*}...) a known global
     * key. An unknown key is named with the nearest valid key, never with its value (it may be a
     * secret); a removed key with what replaces it. A name that maps to the same environment
     * variable name as a valid key ({@code SINKWIRE_SINKS_AUDIT_ASYNC}) is valid. The keys of sinks
     * declared in configuration alone ({@code configuredNames}) are left to their providers.
     */
    static void check(ConfigView config, Collection<String> sinkNames, Collection<String> configuredNames,
            Problems problems) {
        List<String> providerPrefixes = new ArrayList<>(configuredNames.stream().map(n -> envName(of(n, ""))).toList());
        Map<String, String> valid = new LinkedHashMap<>(); // env name -> key
        for (String name : sinkNames) {
            SINK_KEYS.forEach(k -> valid.put(envName(of(name, k)), of(name, k)));
            providerPrefixes.add(storeKeysPrefix(name)); // the store's provider checks them (StoreReader)
        }
        GLOBAL_KEYS.forEach(k -> valid.put(envName(k), k));
        // an environment variable may be listed twice (as set, and mapped to a dotted name): report it once, as set
        List<String> keys = new ArrayList<>();
        config.names().forEach(keys::add);
        keys.sort(Comparator.comparing((String k) -> !k.startsWith("SINKWIRE_")).thenComparing(k -> k));
        Set<String> reported = new HashSet<>();
        for (String key : keys) {
            String env = envName(key);
            if (!env.startsWith("SINKWIRE_") || valid.containsKey(env) || !reported.add(env)
                    || providerPrefixes.stream().anyMatch(env::startsWith)) {
                continue; // not ours, fine, seen, or a configured sink's key (its provider checks it)
            }
            if (key.startsWith(SINKS)) {
                sinkKey(key, sinkNames, problems);
            } else if (env.startsWith("SINKWIRE_SINKS_")) {
                problems.add("configuration key " + key + " matches no @EventSink and no known key" + hint(env, valid)
                        + "; known sinks: " + known(sinkNames) + "; allowed keys per sink: " + ALLOWED_SINK_KEYS);
            } else if (GLOBAL_FAMILIES.stream().anyMatch(f -> env.startsWith(envName(f)))) {
                problems.add("unknown configuration key " + key + hint(env, valid) + "; allowed: "
                        + String.join(", ", GLOBAL_KEYS) + ", and " + SINKS + "<name>.<key>");
            }
        }
    }

    private static void sinkKey(String key, Collection<String> sinkNames, Problems problems) {
        String rest = key.substring(SINKS.length());
        int dot = rest.indexOf('.');
        String name = dot < 0 ? rest : rest.substring(0, dot);
        String relative = dot < 0 ? "" : rest.substring(dot + 1);
        if (!sinkNames.contains(name)) {
            String near = nearest(name, sinkNames);
            problems.add("configuration key " + key + " names sink '" + name + "', but no @EventSink has that name;"
                    + " known sinks: " + known(sinkNames) + (near != null ? " (did you mean '" + near + "'?)" : "")
                    + "; a sink declared in configuration alone needs " + of(name, TYPE));
        } else if (REMOVED.containsKey(relative)) {
            problems.add("configuration key " + key + " is no longer read: " + FT_MIGRATION + "; its"
                    + " counterpart is " + REMOVED.get(relative));
        } else {
            String near = nearest(relative, SINK_KEYS);
            problems.add(unknown(key, near == null ? null : of(name, near), "sink '" + name + "'", ALLOWED_SINK_KEYS));
        }
    }

    /** A hint for a whole key: only a close one (a few typos), since keys share long prefixes. */
    private static String hint(String env, Map<String, String> valid) {
        String near = KeyHints.nearest(env, valid.keySet(), 3);
        return near == null ? "" : "; did you mean " + valid.get(near) + "?";
    }

    /** The message for an unknown key, with the nearest valid key; never its value, which may be a secret. */
    static String unknown(String key, String near, String owner, String allowed) {
        return "unknown configuration key " + key + (near == null ? "" : "; did you mean " + near + "?")
                + "; allowed keys for " + owner + ": " + allowed;
    }

    static String known(Collection<String> sinkNames) {
        return sinkNames.isEmpty() ? "(none)" : String.join(", ", sinkNames);
    }
}
