/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link ConfigView} over a map, for tests. Not thread-safe while being filled. */
public final class MapConfig implements ConfigView {

    private final Map<String, String> values = new LinkedHashMap<>();

    public static MapConfig of(String... keysAndValues) {
        MapConfig c = new MapConfig();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            c.values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return c;
    }

    @Override
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }

    @Override
    public Iterable<String> names() {
        return values.keySet();
    }
}
