/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import java.util.List;

/**
 * Suggests the valid key nearest to a mistyped one ("did you mean signature.secret?"), by edit
 * distance. Stateless; safe for concurrent use.
 */
final class KeyHints {

    private KeyHints() {
    }

    /**
     * {@code "did you mean <key>? "}, or an empty string when no valid key is close. A prefix key
     * ({@code headers.}) is compared with the mistyped key's first part, and suggested with the
     * rest of it ({@code header.Authorization} gives {@code headers.Authorization}).
     */
    static String suggestion(String unknown, List<String> keys) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : keys) {
            String candidate = key;
            if (key.endsWith(".")) {
                int dot = unknown.indexOf('.');
                if (dot < 0 || dot == unknown.length() - 1) {
                    continue;
                }
                candidate = key + unknown.substring(dot + 1);
            }
            int d = distance(unknown, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(2, unknown.length() / 4);
        return best != null && bestDistance <= allowed ? "did you mean " + best + "? " : "";
    }

    /** Levenshtein distance, case-insensitive. */
    static int distance(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[y.length()];
    }
}
