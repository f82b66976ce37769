/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S", "0ms, PT0S", "1s, PT1S", "2m, PT2M", "1h, PT1H", "15S, PT15S", " 3s , PT3S",
        "PT1S, PT1S", "PT0.5S, PT0.5S", "pt2m, PT2M", "P1D, PT24H", "PT0S, PT0S"})
    void parsesShortFormsAndIso8601(String text, String expected) {
        assertThat(Problems.parseDuration("k", text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "1.5s", "10", "1 s", "ms", "1d", "P", "1sec", "99999999999999999h"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Problems.parseDuration("sinkwire.sinks.a.retry.backoff", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sinkwire.sinks.a.retry.backoff=" + text + " is not a valid duration; allowed: "
                        + Problems.DURATION_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1s", "-PT1S", "PT-0.5S", "-5ms"})
    void rejectsNegativeDurations(String text) {
        assertThatThrownBy(() -> Problems.parseDuration("key", text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key=" + text + " is negative; allowed: " + Problems.DURATION_ALLOWED);
    }

    @Test
    void largeShortFormsThatFitAreAccepted() {
        assertThat(Problems.parseDuration("k", "100000h")).isEqualTo(Duration.ofHours(100_000));
    }
}
