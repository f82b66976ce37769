/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typo protection: every {@code sinkwire.sinks.<name>.<key>} must name a declared sink and a
 * known key, and every key of a global family ({@code sinkwire.shutdown.*}...) a known global key.
 * An unknown key is named with the nearest valid key; its value is never printed (it may be a
 * secret). A removed key is named with what replaces it. Environment variables may be listed
 * under a mapped name ({@code SINKWIRE_SINKS_AUDIT_ASYNC}): a name that maps to the same
 * environment variable name as a valid key is valid. Stateless.
 */
final class KeyCheck {

    /** The allowed per-sink keys, compactly, for messages. */
    static final String ALLOWED_SINK_KEYS = "enabled, async, retry.strategy and its keys (retry.threshold, "
            + "retry.backoff | retry.base, retry.factor, retry.max), filter.types, filter.matcher, queue.capacity, "
            + "queue.overflow, queue.max-wait, dead-letter, health.queue-saturation";

    private KeyCheck() {
    }

    /**
     * Checks every Sinkwire key the configuration lists.
     *
     * @param config the configuration
     * @param sinkNames every declared sink's name
     * @param configuredNames the sinks declared in configuration alone (their providers check their own keys)
     * @param problems receives a problem per unknown or removed key
     */
    static void check(ConfigView config, Collection<String> sinkNames, Collection<String> configuredNames,
            Problems problems) {
        List<String> providerPrefixes = configuredNames.stream().map(n -> Keys.envName(Keys.of(n, ""))).toList();
        Map<String, String> valid = new LinkedHashMap<>(); // env name -> key
        for (String name : sinkNames) {
            Keys.SINK_KEYS.forEach(k -> valid.put(Keys.envName(Keys.of(name, k)), Keys.of(name, k)));
        }
        Keys.GLOBAL_KEYS.forEach(k -> valid.put(Keys.envName(k), k));
        // an environment variable may be listed twice (as set, and mapped to a dotted name): report it once, as set
        List<String> keys = new ArrayList<>();
        config.names().forEach(keys::add);
        keys.sort(Comparator.comparing((String k) -> !k.startsWith("SINKWIRE_")).thenComparing(k -> k));
        Set<String> reported = new HashSet<>();
        for (String key : keys) {
            String env = Keys.envName(key);
            if (!env.startsWith("SINKWIRE_") || valid.containsKey(env) || !reported.add(env)
                    || providerPrefixes.stream().anyMatch(env::startsWith)) {
                continue; // not ours, fine, seen, or a configured sink's key (its provider checks it)
            }
            if (key.startsWith(Keys.SINKS)) {
                sinkKey(key, sinkNames, valid, problems);
            } else if (env.startsWith("SINKWIRE_SINKS_")) {
                problems.add("configuration key " + key + " matches no @EventSink and no known key" + hint(env, valid)
                        + "; known sinks: " + known(sinkNames) + "; allowed keys per sink: " + ALLOWED_SINK_KEYS);
            } else if (Keys.GLOBAL_FAMILIES.stream().anyMatch(f -> env.startsWith(Keys.envName(f)))) {
                problems.add("unknown configuration key " + key + hint(env, valid) + "; allowed: "
                        + String.join(", ", Keys.GLOBAL_KEYS) + ", and " + Keys.SINKS + "<name>.<key>");
            }
        }
    }

    private static void sinkKey(String key, Collection<String> sinkNames, Map<String, String> valid,
            Problems problems) {
        String rest = key.substring(Keys.SINKS.length());
        int dot = rest.indexOf('.');
        String name = dot < 0 ? rest : rest.substring(0, dot);
        String relative = dot < 0 ? "" : rest.substring(dot + 1);
        if (!sinkNames.contains(name)) {
            String near = Keys.nearest(name, sinkNames);
            problems.add("configuration key " + key + " names sink '" + name + "', but no @EventSink has that name;"
                    + " known sinks: " + known(sinkNames) + (near != null ? " (did you mean '" + near + "'?)" : "")
                    + "; a sink declared in configuration alone needs " + Keys.of(name, Keys.TYPE));
        } else if (Keys.REMOVED.containsKey(relative)) {
            problems.add("configuration key " + key + " is no longer read: " + Keys.FT_MIGRATION + "; its"
                    + " counterpart is " + Keys.REMOVED.get(relative));
        } else {
            String near = Keys.nearest(relative, Keys.SINK_KEYS);
            problems.add("unknown configuration key " + key + (near == null ? "" : "; did you mean "
                    + Keys.of(name, near) + "?") + "; allowed keys for sink '" + name + "': " + ALLOWED_SINK_KEYS);
        }
    }

    /** A hint for a whole key: only a close one (a few typos), since keys share long prefixes. */
    private static String hint(String env, Map<String, String> valid) {
        String near = Keys.nearest(env, valid.keySet(), 3);
        return near == null ? "" : "; did you mean " + valid.get(near) + "?";
    }

    private static String known(Collection<String> sinkNames) {
        return sinkNames.isEmpty() ? "(none)" : String.join(", ", sinkNames);
    }
}
