/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Suggests the valid key nearest to a mistyped one ("did you mean signature.secret?"), through
 * the core's one edit-distance implementation. Stateless; safe for concurrent use.
 */
final class KeyHints {

    private KeyHints() {
    }

    /**
     * {@code "did you mean <key>? "}, or an empty string when no valid key is close (case-insensitive,
     * within a quarter of the key's length, at least 2). A prefix key ({@code headers.}) is compared
     * with the mistyped key's first part, and suggested with the rest of it
     * ({@code header.Authorization} gives {@code headers.Authorization}).
     */
    static String suggestion(String unknown, List<String> keys) {
        Map<String, String> candidates = new LinkedHashMap<>(); // lower case -> as suggested
        for (String key : keys) {
            String candidate = key;
            if (key.endsWith(".")) {
                int dot = unknown.indexOf('.');
                if (dot < 0 || dot == unknown.length() - 1) {
                    continue;
                }
                candidate = key + unknown.substring(dot + 1);
            }
            candidates.putIfAbsent(candidate.toLowerCase(Locale.ROOT), candidate);
        }
        String best = dev.sinkwire.core.internal.KeyHints.nearest(unknown.toLowerCase(Locale.ROOT),
                candidates.keySet(), Math.max(2, unknown.length() / 4));
        return best != null ? "did you mean " + candidates.get(best) + "? " : "";
    }
}
