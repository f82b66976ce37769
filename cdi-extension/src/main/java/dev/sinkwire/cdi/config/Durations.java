/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses configuration durations: ISO-8601 ({@code PT1S}, {@code PT0.5S}) or a whole number with
 * a unit ({@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}). Stateless; safe for concurrent use.
 */
public final class Durations {

    /** What a duration may look like, for messages. */
    public static final String ALLOWED = "a duration such as 500ms, 1s, 2m, 1h (whole number with unit ms, s, m or h)"
            + " or ISO-8601 such as PT1S or PT0.5S; zero or positive";

    private static final Pattern SHORT = Pattern.compile("(-?\\d{1,18})(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param key the configuration key, for the message
     * @param value the text
     * @return the duration, zero or positive
     * @throws IllegalArgumentException naming key, value and what is allowed
     */
    public static Duration parse(String key, String value) {
        String text = value.trim();
        Matcher m = SHORT.matcher(text.toLowerCase(Locale.ROOT));
        Duration d;
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else {
                d = Duration.parse(text);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(key + "=" + value + " is not a valid duration; allowed: " + ALLOWED);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(key + "=" + value + " is negative; allowed: " + ALLOWED);
        }
        return d;
    }
}
