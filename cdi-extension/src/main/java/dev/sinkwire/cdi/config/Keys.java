/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key the extension reads, in one place, and the keys it no longer reads with
 * what to use instead. Per-sink keys are relative to {@code sinkwire.sinks.<name>.}. Stateless.
 */
public final class Keys {

    /** The prefix of every Sinkwire key. */
    public static final String PREFIX = "sinkwire.";
    /** The prefix of the per-sink keys, followed by {@code <name>.<key>}. */
    public static final String SINKS = "sinkwire.sinks.";
    /** How long shutdown waits for queued events. */
    public static final String SHUTDOWN_TIMEOUT = "sinkwire.shutdown.timeout";
    /** Whether dead letters are fired as CDI events. */
    public static final String DEAD_LETTER_EVENTS = "sinkwire.dead-letter.events";
    /** Where the managed thread factory is looked up. */
    public static final String THREAD_FACTORY = "sinkwire.thread-factory.jndi-name";
    /** The dead-letter sink of every sink that names none. */
    public static final String DEAD_LETTER = "sinkwire.dead-letter";
    /** Whether {@code sinkwire-metrics} exports metrics. */
    public static final String METRICS_ENABLED = "sinkwire.metrics.enabled";
    /** The share of a bounded queue's capacity from which readiness is DOWN, for every sink. */
    public static final String HEALTH_QUEUE_SATURATION = "sinkwire.health.queue-saturation";

    /** Declares a sink in configuration alone: the provider's type. */
    public static final String TYPE = "type";
    /** Whether a sink receives events at all. */
    public static final String ENABLED = "enabled";
    /** Whether a queue decouples writers from the sink. */
    public static final String ASYNC = "async";
    /** The go-events retry strategy: none, breaker, exponential. */
    public static final String RETRY_STRATEGY = "retry.strategy";
    /** The breaker's threshold. */
    public static final String RETRY_THRESHOLD = "retry.threshold";
    /** The breaker's backoff. */
    public static final String RETRY_BACKOFF = "retry.backoff";
    /** The exponential backoff's base. */
    public static final String RETRY_BASE = "retry.base";
    /** The exponential backoff's factor. */
    public static final String RETRY_FACTOR = "retry.factor";
    /** The exponential backoff's cap. */
    public static final String RETRY_MAX = "retry.max";
    /** Classes an event must be an instance of. */
    public static final String FILTER_TYPES = "filter.types";
    /** A {@code @Named} matcher bean. */
    public static final String FILTER_MATCHER = "filter.matcher";
    /** The queue's capacity (bounded queue). */
    public static final String QUEUE_CAPACITY = "queue.capacity";
    /** What a full queue does. */
    public static final String QUEUE_OVERFLOW = "queue.overflow";
    /** How long a blocked writer waits at most. */
    public static final String QUEUE_MAX_WAIT = "queue.max-wait";
    /** The sink that receives this sink's dead letters. */
    public static final String SINK_DEAD_LETTER = "dead-letter";
    /** The share of this sink's bounded queue's capacity from which readiness is DOWN. */
    public static final String QUEUE_SATURATION = "health.queue-saturation";

    /** The keys of a sink, relative to {@code sinkwire.sinks.<name>.} ({@link #TYPE} aside). */
    public static final List<String> SINK_KEYS = List.of(ENABLED, ASYNC, RETRY_STRATEGY, RETRY_THRESHOLD,
            RETRY_BACKOFF, RETRY_BASE, RETRY_FACTOR, RETRY_MAX, FILTER_TYPES, FILTER_MATCHER, QUEUE_CAPACITY,
            QUEUE_OVERFLOW, QUEUE_MAX_WAIT, SINK_DEAD_LETTER, QUEUE_SATURATION);
    /** The {@code retry.*} keys, which compete with FT annotations. */
    public static final List<String> RETRY_KEYS = List.of(RETRY_STRATEGY, RETRY_THRESHOLD, RETRY_BACKOFF, RETRY_BASE,
            RETRY_FACTOR, RETRY_MAX);
    /** The global keys. */
    public static final List<String> GLOBAL_KEYS = List.of(SHUTDOWN_TIMEOUT, DEAD_LETTER_EVENTS, THREAD_FACTORY,
            DEAD_LETTER, METRICS_ENABLED, HEALTH_QUEUE_SATURATION);
    /** Families of global keys: an unknown key under one of them is a typo. */
    static final List<String> GLOBAL_FAMILIES = List.of("sinkwire.shutdown.", "sinkwire.dead-letter.",
            "sinkwire.thread-factory.", "sinkwire.metrics.", "sinkwire.health.");

    /** What replaces the removed fault-tolerance style keys of an {@code @EventSink}. */
    static final String FT_MIGRATION = "it was removed; put @Retry, @CircuitBreaker or @Timeout on the sink and tune"
            + " them with the MicroProfile Fault Tolerance keys (<class>/<method>/Retry/maxRetries, ...), or use"
            + " retry.strategy=breaker|exponential (see docs/cdi.md, \"Removed keys\")";
    /** The fault-tolerance style sink keys that were removed, each with its MP FT counterpart. */
    public static final Map<String, String> REMOVED = Map.ofEntries(
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

    /**
     * The full name of a sink's key.
     *
     * @param sink the sink's name
     * @param key the key relative to {@code sinkwire.sinks.<name>.}
     * @return {@code sinkwire.sinks.<sink>.<key>}
     */
    public static String of(String sink, String key) {
        return SINKS + sink + "." + key;
    }

    /**
     * MicroProfile Config's mapping of a key to an environment variable name.
     *
     * @param key the key
     * @return the key in upper case, with every character other than a letter or digit replaced by {@code _}
     */
    public static String envName(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            b.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return b.toString();
    }

    /**
     * The candidate closest to {@code key} by edit distance, for "did you mean" hints.
     *
     * @param key what was written
     * @param candidates the valid spellings
     * @return the nearest candidate, or {@code null} when none is within a third of the key's length
     */
    public static String nearest(String key, Collection<String> candidates) {
        return nearest(key, candidates, Math.max(2, key.length() / 3));
    }

    /**
     * The candidate closest to {@code key} by edit distance, for "did you mean" hints.
     *
     * @param key what was written
     * @param candidates the valid spellings
     * @param maxDistance the largest edit distance worth a hint
     * @return the nearest candidate, or {@code null} when none is within {@code maxDistance}
     */
    public static String nearest(String key, Collection<String> candidates, int maxDistance) {
        String best = null;
        int bestDistance = maxDistance + 1;
        for (String c : candidates) {
            int d = distance(key, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance, two rows. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
