/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one did-you-mean implementation shared by the CDI extension's and the webhook sink's key checks. */
class KeyHintsTest {

    private static final List<String> KEYS = List.of("queue.capacity", "queue.overflow", "retry.threshold",
            "retry.backoff");

    @Test
    void distanceCountsInsertionsDeletionsAndSubstitutionsCaseSensitively() {
        assertThat(KeyHints.distance("", "")).isZero();
        assertThat(KeyHints.distance("abc", "abc")).isZero();
        assertThat(KeyHints.distance("", "abc")).isEqualTo(3);
        assertThat(KeyHints.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeyHints.distance("treshold", "threshold")).isEqualTo(1);
        assertThat(KeyHints.distance("Async", "async")).isEqualTo(1);
    }

    @Test
    void nearestIsTheClosestCandidateWithinTheLimitAndTheFirstOfATie() {
        assertThat(KeyHints.nearest("retry.treshold", KEYS, 2)).isEqualTo("retry.threshold");
        assertThat(KeyHints.nearest("queue.capacty", KEYS, 2)).isEqualTo("queue.capacity");
        assertThat(KeyHints.nearest("colour", KEYS, 2)).isNull();
        assertThat(KeyHints.nearest("queue.capacity", KEYS, 0)).isEqualTo("queue.capacity");
        assertThat(KeyHints.nearest("ab", List.of("ax", "xb"), 1)).isEqualTo("ax");
        assertThat(KeyHints.nearest("anything", List.of(), 5)).isNull();
    }
}
