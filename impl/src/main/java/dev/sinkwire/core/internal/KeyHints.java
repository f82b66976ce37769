/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.internal;

import java.util.Collection;

/**
 * "Did you mean" hints for mistyped configuration keys and names, by edit distance: the one
 * implementation behind the CDI extension's key check and the webhook sink's key check.
 *
 * <p>Internal, like {@link Checks}: exported only to Sinkwire's own modules. Stateless; safe for
 * concurrent use.
 */
public final class KeyHints {

    private KeyHints() {
    }

    /**
     * The candidate closest to {@code key} by edit distance; of equally close ones, the first.
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

    /**
     * The Levenshtein distance (insertions, deletions and substitutions), case-sensitive.
     *
     * @param a one string
     * @param b the other
     * @return the number of single-character edits that turn {@code a} into {@code b}
     */
    public static int distance(String a, String b) {
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
