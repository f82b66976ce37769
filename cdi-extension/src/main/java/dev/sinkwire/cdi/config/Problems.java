/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Collects configuration problems and reads typed values, all in one shape:
 * {@code <full key>=<value> <what is wrong>; allowed: <what is allowed>}. A bad value falls back
 * to the default, so that every problem is found in one pass. Not thread-safe: one per reading.
 */
public final class Problems {

    public static final String DURATION_ALLOWED = "a duration such as 500ms, 1s, 2m, 1h (whole number with unit ms,"
            + " s, m or h) or ISO-8601 such as PT1S or PT0.5S; zero or positive";

    private static final Pattern SHORT = Pattern.compile("(-?\\d{1,18})(ms|s|m|h)");

    private final ConfigView config;
    private final List<String> list = new ArrayList<>();

    public Problems(ConfigView config) {
        this.config = config;
    }

    public void add(String message) {
        list.add(message);
    }

    public void bad(String key, String value, String what, String allowed) {
        list.add(key + "=" + value + " " + what + "; allowed: " + allowed);
    }

    /** {@link #bad}, returning {@code null} for a parser of {@link #read}. */
    private <T> T reject(String key, String value, String what, String allowed) {
        bad(key, value, what, allowed);
        return null;
    }

    public List<String> list() {
        return List.copyOf(list);
    }

    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new ProblemsException(list);
        }
    }

    /** A key's trimmed value; empty when not set or blank. */
    public Optional<String> text(String key) {
        return config.value(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    public boolean bool(String key, boolean defaultValue) {
        return read(key, defaultValue, v -> v.trim().equalsIgnoreCase("true") || v.trim().equalsIgnoreCase("false")
                ? Boolean.valueOf(v.trim()) : reject(key, v, "is not a boolean", "true, false"));
    }

    public int integer(String key, int defaultValue, int min, String allowed) {
        return number(key, defaultValue, Integer::valueOf, n -> n >= min, "a whole number",
                min == 0 ? "is negative" : "is not positive", allowed);
    }

    /** A share: a decimal number above 0 and at most 1. */
    public double share(String key, double defaultValue) {
        return number(key, defaultValue, Double::valueOf, d -> d > 0 && d <= 1, "a decimal number",
                "is out of range", "a decimal number above 0 and at most 1, such as 0.9");
    }

    private <N> N number(String key, N defaultValue, Function<String, N> parse, Predicate<N> valid, String kind,
            String invalid, String allowed) {
        return read(key, defaultValue, v -> {
            try {
                N n = parse.apply(v.trim());
                return valid.test(n) ? n : reject(key, v, invalid, allowed);
            } catch (NumberFormatException e) {
                return reject(key, v, "is not " + kind, allowed);
            }
        });
    }

    /** A duration, zero or positive ({@link #parseDuration}). */
    public Duration duration(String key, Duration defaultValue) {
        return read(key, defaultValue, v -> {
            try {
                return parseDuration(key, v);
            } catch (IllegalArgumentException e) {
                list.add(e.getMessage());
                return null;
            }
        });
    }

    public Duration positive(String key, Duration defaultValue) {
        Duration d = duration(key, defaultValue);
        if (d.isZero()) {
            bad(key, config.value(key).orElse(""), "is zero", "a positive duration such as 500ms, 1s or PT0.5S");
            return defaultValue;
        }
        return d;
    }

    /** One constant of an enum, in its {@link #spelling}. */
    public <T extends Enum<T>> T choice(String key, Class<T> type, T defaultValue, String what) {
        return read(key, defaultValue, v -> {
            String s = v.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(s)).findFirst()
                    .orElseGet(() -> reject(key, v, "is not " + what, spellings(type)));
        });
    }

    /** A set key's value through {@code parse}, which reports a bad value and returns {@code null}. */
    private <T> T read(String key, T defaultValue, Function<String, T> parse) {
        T value = config.value(key).map(parse).orElse(null);
        return value != null ? value : defaultValue;
    }

    public static String spellings(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Problems::spelling).collect(Collectors.joining(", "));
    }

    /** The configuration spelling of a constant: lower case, {@code -} for {@code _}. */
    public static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a duration: ISO-8601 ({@code PT1S}, {@code PT0.5S}) or a whole number with a unit
     * ({@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}), zero or positive; else throws
     * {@link IllegalArgumentException} naming key, value and what is allowed.
     */
    public static Duration parseDuration(String key, String value) {
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
            d = null;
        }
        if (d == null || d.isNegative()) {
            String what = d == null ? " is not a valid duration" : " is negative";
            throw new IllegalArgumentException(key + "=" + value + what + "; allowed: " + DURATION_ALLOWED);
        }
        return d;
    }
}
