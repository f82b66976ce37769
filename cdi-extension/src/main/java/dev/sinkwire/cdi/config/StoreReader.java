/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import dev.sinkwire.cdi.spi.StoreSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Reads a sink's {@code store} and {@code store.*} keys for {@link SpecReader}. Stateless. */
final class StoreReader {

    private static final String STORE_MEMORY = "memory";
    private static final String STORE_JDBC = "jdbc";

    private StoreReader() {
    }

    /**
     * The durable store of a sink ({@code store=jdbc} and the {@code store.*} keys), or {@code null}
     * for {@code store=memory} (the default), where a {@code store.*} key is a problem.
     */
    static StoreSpec read(ConfigView config, Problems problems, String name) {
        String storeKey = Keys.of(name, Keys.STORE);
        String store = problems.text(storeKey).map(v -> v.toLowerCase(Locale.ROOT)).orElse(STORE_MEMORY);
        if (!store.equals(STORE_MEMORY) && !store.equals(STORE_JDBC)) {
            problems.bad(storeKey, config.value(storeKey).orElse(""), "is not a store", STORE_MEMORY + " (a queue in"
                    + " memory, the default), " + STORE_JDBC + " (an outbox table, module sinkwire-durable)");
            return null;
        }
        if (store.equals(STORE_MEMORY)) {
            for (String k : Keys.STORE_KEYS) {
                String key = Keys.of(name, k);
                config.value(key).ifPresent(v -> problems.add(key + " needs a durable store, but " + storeKey + "="
                        + STORE_MEMORY + (config.value(storeKey).isEmpty() ? " (the default)" : "") + "; allowed: "
                        + "store.* keys only together with " + storeKey + "=" + STORE_JDBC));
            }
            return null;
        }
        String retryBaseKey = Keys.of(name, Keys.STORE_RETRY_BASE);
        String retryMaxKey = Keys.of(name, Keys.STORE_RETRY_MAX);
        Duration retryBase = problems.positive(retryBaseKey, Duration.ofSeconds(1));
        Duration retryMax = problems.positive(retryMaxKey, Duration.ofMinutes(5));
        if (retryMax.compareTo(retryBase) < 0) {
            problems.bad(retryMaxKey, config.value(retryMaxKey).orElse(retryMax.toString()), "is less than "
                    + retryBaseKey + "=" + config.value(retryBaseKey).orElse(retryBase.toString()),
                    "store.retry.max at least store.retry.base");
        }
        String batchKey = Keys.of(name, Keys.STORE_BATCH_SIZE);
        int batchSize = problems.integer(batchKey, 100, 1, "a whole number from 1 to 10000");
        if (batchSize > 10_000) {
            problems.bad(batchKey, config.value(batchKey).orElse(""), "is too large", "a whole number from 1 to 10000");
        }
        String key = problems.text(Keys.of(name, Keys.STORE_KEY)).orElse(null);
        String orderingKey = Keys.of(name, Keys.STORE_ORDERING);
        StoreSpec.Ordering ordering = problems.choice(orderingKey, StoreSpec.Ordering.class, StoreSpec.Ordering.NONE,
                "an ordering");
        if (ordering == StoreSpec.Ordering.PER_KEY && key == null) {
            problems.bad(orderingKey, config.value(orderingKey).orElse(""), "needs a key", "per-key only together"
                    + " with " + Keys.of(name, Keys.STORE_KEY) + " (the @Named key function bean)");
        }
        return new StoreSpec(store, problems.text(Keys.of(name, Keys.STORE_DATASOURCE)).orElse(null),
                problems.text(Keys.of(name, Keys.STORE_H2_DIRECTORY)).orElse(StoreSpec.DEFAULT_DIRECTORY),
                problems.text(Keys.of(name, Keys.STORE_TABLE)).orElse(StoreSpec.DEFAULT_TABLE),
                problems.choice(Keys.of(name, Keys.STORE_SCHEMA), StoreSpec.Schema.class, StoreSpec.Schema.CREATE,
                        "a schema mode"),
                key, ordering,
                problems.choice(Keys.of(name, Keys.STORE_COMPLETION), StoreSpec.Completion.class,
                        StoreSpec.Completion.DELETE, "a completion"),
                problems.positive(Keys.of(name, Keys.STORE_RETAIN_DONE), Duration.ofDays(1)), batchSize,
                problems.choice(Keys.of(name, Keys.STORE_CLAIM), StoreSpec.Claim.class, StoreSpec.Claim.LEASE,
                        "a claim mode"),
                problems.positive(Keys.of(name, Keys.STORE_LEASE), Duration.ofSeconds(60)),
                problems.positive(Keys.of(name, Keys.STORE_POLL_INTERVAL), Duration.ofSeconds(1)),
                problems.integer(Keys.of(name, Keys.STORE_MAX_ATTEMPTS), 10, 1, "a whole number from 1 to "
                        + Integer.MAX_VALUE),
                retryBase, retryMax, problems.bool(Keys.of(name, Keys.STORE_RELAY), true));
    }

    /**
     * A durable sink has no queue (its relay delivers asynchronously already, and a queue would
     * complete rows before delivery): {@code async=true} and the {@code queue.*} keys are problems.
     */
    static boolean noQueue(ConfigView config, Problems problems, String name) {
        String storeKey = Keys.of(name, Keys.STORE) + "=" + STORE_JDBC;
        String asyncKey = Keys.of(name, Keys.ASYNC);
        if (problems.bool(asyncKey, false)) {
            problems.bad(asyncKey, config.value(asyncKey).orElse(""), "asks for a queue, but " + storeKey + " has"
                    + " none (its relay delivers asynchronously)", "async=false, or omit it");
        }
        for (String k : List.of(Keys.QUEUE_CAPACITY, Keys.QUEUE_OVERFLOW, Keys.QUEUE_MAX_WAIT)) {
            String key = Keys.of(name, k);
            config.value(key).ifPresent(v -> problems.bad(key, v, "needs a queue, but " + storeKey + " has none",
                    "queue.* keys only on a sink with store=memory (the default)"));
        }
        return false;
    }
}
