/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable.cdi;

import dev.sinkwire.cdi.config.ConfigView;
import dev.sinkwire.cdi.config.Keys;
import dev.sinkwire.cdi.config.Problems;
import dev.sinkwire.cdi.spi.ConfiguredSinkException;
import dev.sinkwire.durable.Claim;
import dev.sinkwire.durable.Completion;
import dev.sinkwire.durable.Ordering;
import dev.sinkwire.durable.SchemaMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code store.*} keys of one sink with {@code store=jdbc}, read and checked at deployment with
 * the extension's reader, so the messages have its shape (each names the full key and what is
 * allowed); {@code docs/durable.md} lists the keys. Immutable.
 *
 * @param dataSource {@code store.datasource}: a JNDI name or the {@code @Named} / {@code @Identifier}
 *     qualifier of a {@code DataSource} bean, or {@code null} for the embedded default
 * @param directory {@code store.h2.directory}: where the embedded default database lives
 * @param table {@code store.table}: the outbox table, optionally schema-qualified
 * @param schema {@code store.schema}: whether the table is created or only checked
 * @param key {@code store.key}: the name of a {@code @Named} key function bean, or {@code null}
 * @param ordering {@code store.ordering}
 * @param completion {@code store.completion}
 * @param retainDone {@code store.retain-done}: how long completed rows are kept with {@code mark-done}
 * @param batchSize {@code store.batch-size}: rows per relay claim
 * @param claim {@code store.claim}: how a relay keeps a batch's rows while it delivers them
 * @param lease {@code store.lease}: how long a claim holds a row
 * @param pollInterval {@code store.poll-interval}: how often the relay looks for work nobody woke it for
 * @param maxAttempts {@code store.max-attempts}: delivery attempts before a row becomes a dead letter
 * @param retryBase {@code store.retry.base}: the first retry delay
 * @param retryMax {@code store.retry.max}: the longest retry delay
 * @param relay {@code store.relay}: whether this instance delivers, or only accepts
 */
record StoreSettings(String dataSource, String directory, String table, SchemaMode schema, String key,
        Ordering ordering, Completion completion, Duration retainDone, int batchSize, Claim claim, Duration lease,
        Duration pollInterval, int maxAttempts, Duration retryBase, Duration retryMax, boolean relay) {

    static final String DATASOURCE = "store.datasource";
    static final String H2_DIRECTORY = "store.h2.directory";
    static final String TABLE = "store.table";
    static final String SCHEMA = "store.schema";
    static final String KEY = "store.key";
    static final String ORDERING = "store.ordering";
    static final String COMPLETION = "store.completion";
    static final String RETAIN_DONE = "store.retain-done";
    static final String BATCH_SIZE = "store.batch-size";
    static final String CLAIM = "store.claim";
    static final String LEASE = "store.lease";
    static final String POLL_INTERVAL = "store.poll-interval";
    static final String MAX_ATTEMPTS = "store.max-attempts";
    static final String RETRY_BASE = "store.retry.base";
    static final String RETRY_MAX = "store.retry.max";
    static final String RELAY = "store.relay";
    static final List<String> KEYS = List.of(DATASOURCE, H2_DIRECTORY, TABLE, SCHEMA, KEY, ORDERING, COMPLETION,
            RETAIN_DONE, BATCH_SIZE, CLAIM, LEASE, POLL_INTERVAL, MAX_ATTEMPTS, RETRY_BASE, RETRY_MAX, RELAY);

    /**
     * Reads the keys ({@link dev.sinkwire.cdi.spi.DurableStoreContext#keys()}).
     *
     * @throws ConfiguredSinkException naming every key that is unknown or cannot be used
     */
    static StoreSettings read(String prefix, Map<String, String> keys) {
        ConfigView view = new ConfigView() {
            @Override
            public Optional<String> value(String fullKey) {
                String relative = fullKey.substring(prefix.length());
                String value = keys.containsKey(relative) ? keys.get(relative) : keys.get(Keys.envName(fullKey));
                return Optional.ofNullable(value).filter(v -> !v.isEmpty());
            }

            @Override
            public Iterable<String> names() {
                return KEYS.stream().map(k -> prefix + k).toList();
            }
        };
        Problems problems = new Problems(view);
        List<String> known = KEYS.stream().map(k -> Keys.envName(prefix + k)).toList();
        for (String k : keys.keySet()) {
            if (!KEYS.contains(k) && !known.contains(k)) {
                String near = Keys.nearest(k, KEYS);
                problems.add("unknown configuration key " + (k.startsWith("store.") ? prefix + k : k)
                        + (near == null ? "" : "; did you mean " + prefix + near + "?") + "; allowed with store=jdbc: "
                        + String.join(", ", KEYS) + " (docs/durable.md)");
            }
        }
        StoreSettings settings = read(view, problems, prefix);
        if (!problems.list().isEmpty()) {
            throw new ConfiguredSinkException(problems.list());
        }
        return settings;
    }

    private static StoreSettings read(ConfigView config, Problems problems, String prefix) {
        String retryBaseKey = prefix + RETRY_BASE;
        String retryMaxKey = prefix + RETRY_MAX;
        Duration retryBase = problems.positive(retryBaseKey, Duration.ofSeconds(1));
        Duration retryMax = problems.positive(retryMaxKey, Duration.ofMinutes(5));
        if (retryMax.compareTo(retryBase) < 0) {
            problems.bad(retryMaxKey, config.value(retryMaxKey).orElse(retryMax.toString()), "is less than "
                    + retryBaseKey + "=" + config.value(retryBaseKey).orElse(retryBase.toString()),
                    "store.retry.max at least store.retry.base");
        }
        String batchKey = prefix + BATCH_SIZE;
        int batchSize = problems.integer(batchKey, 100, 1, "a whole number from 1 to 10000");
        if (batchSize > 10_000) {
            problems.bad(batchKey, config.value(batchKey).orElse(""), "is too large", "a whole number from 1 to 10000");
        }
        String key = problems.text(prefix + KEY).orElse(null);
        String orderingKey = prefix + ORDERING;
        Ordering ordering = problems.choice(orderingKey, Ordering.class, Ordering.NONE, "an ordering");
        if (ordering == Ordering.PER_KEY && key == null) {
            problems.bad(orderingKey, config.value(orderingKey).orElse(""), "needs a key", "per-key only together"
                    + " with " + prefix + KEY + " (the @Named key function bean)");
        }
        return new StoreSettings(problems.text(prefix + DATASOURCE).orElse(null),
                problems.text(prefix + H2_DIRECTORY).orElse("./sinkwire-outbox"),
                problems.text(prefix + TABLE).orElse("sinkwire_outbox"),
                problems.choice(prefix + SCHEMA, SchemaMode.class, SchemaMode.CREATE, "a schema mode"), key, ordering,
                problems.choice(prefix + COMPLETION, Completion.class, Completion.DELETE, "a completion"),
                problems.positive(prefix + RETAIN_DONE, Duration.ofDays(1)), batchSize,
                problems.choice(prefix + CLAIM, Claim.class, Claim.LEASE, "a claim mode"),
                problems.positive(prefix + LEASE, Duration.ofSeconds(60)),
                problems.positive(prefix + POLL_INTERVAL, Duration.ofSeconds(1)),
                problems.integer(prefix + MAX_ATTEMPTS, 10, 1, "a whole number from 1 to " + Integer.MAX_VALUE),
                retryBase, retryMax, problems.bool(prefix + RELAY, true));
    }
}
