/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a sink's {@code store} key for {@link SpecReader} and gathers its {@code store.*} keys for
 * the store's provider, which reads and checks them. Stateless.
 */
final class StoreReader {

    private static final String STORE_MEMORY = "memory";
    private static final String STORE_JDBC = "jdbc";

    private StoreReader() {
    }

    /**
     * The durable store of a sink ({@code store=jdbc} and its {@code store.*} keys), or {@code null}
     * for {@code store=memory} (the default), where a {@code store.*} key is a problem.
     */
    static SinkSpec.Store read(ConfigView config, Problems problems, String name) {
        String storeKey = Keys.of(name, Keys.STORE);
        String store = problems.text(storeKey).map(v -> v.toLowerCase(Locale.ROOT)).orElse(STORE_MEMORY);
        if (!store.equals(STORE_MEMORY) && !store.equals(STORE_JDBC)) {
            problems.bad(storeKey, config.value(storeKey).orElse(""), "is not a store", STORE_MEMORY + " (a queue in"
                    + " memory, the default), " + STORE_JDBC + " (an outbox table, module sinkwire-durable)");
            return null;
        }
        String prefix = Keys.of(name, "");
        Map<String, String> keys = new TreeMap<>();
        for (String key : config.names()) {
            // an environment variable (SINKWIRE_SINKS_ORDERS_STORE_TABLE) is kept by its own name
            if (Keys.envName(key).startsWith(Keys.storeKeysPrefix(name))) {
                config.value(key).ifPresent(v -> keys.put(key.startsWith(prefix) ? key.substring(prefix.length())
                        : key, v));
            }
        }
        if (store.equals(STORE_JDBC)) {
            return new SinkSpec.Store(store, keys);
        }
        for (String key : keys.keySet()) {
            problems.add((key.startsWith(Keys.STORE) ? prefix + key : key) + " needs a durable store, but "
                    + storeKey + "=" + STORE_MEMORY + (config.value(storeKey).isEmpty() ? " (the default)" : "")
                    + "; allowed: store.* keys only together with " + storeKey + "=" + STORE_JDBC);
        }
        return null;
    }

    /** A configured sink's own keys without the {@code store.*} keys, which are its store's. */
    static Map<String, String> withoutStoreKeys(Map<String, String> own) {
        Map<String, String> kept = new TreeMap<>(own);
        kept.keySet().removeIf(k -> k.startsWith(Keys.STORE + "."));
        return Collections.unmodifiableMap(kept);
    }

    /**
     * A durable sink has no queue (its relay delivers asynchronously already, and a queue would
     * complete rows before delivery): {@code async=true}, the {@code queue.*} keys and
     * {@code health.queue-saturation} are problems.
     */
    static boolean noQueue(ConfigView config, Problems problems, String name) {
        String storeKey = Keys.of(name, Keys.STORE) + "=" + STORE_JDBC;
        String asyncKey = Keys.of(name, Keys.ASYNC);
        if (problems.bool(asyncKey, false)) {
            problems.bad(asyncKey, config.value(asyncKey).orElse(""), "asks for a queue, but " + storeKey + " has"
                    + " none (its relay delivers asynchronously)", "async=false, or omit it");
        }
        for (String k : List.of(Keys.QUEUE_CAPACITY, Keys.QUEUE_OVERFLOW, Keys.QUEUE_MAX_WAIT, Keys.QUEUE_SATURATION)) {
            String key = Keys.of(name, k);
            config.value(key).ifPresent(v -> problems.bad(key, v, "needs a queue, but " + storeKey + " has none",
                    (k.equals(Keys.QUEUE_SATURATION) ? k + " only together with " + Keys.QUEUE_CAPACITY + ", on"
                            : "queue.* keys only on") + " a sink with store=memory (the default)"));
        }
        return false;
    }
}
