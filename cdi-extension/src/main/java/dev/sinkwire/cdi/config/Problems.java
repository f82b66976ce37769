/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Collects configuration problems and reads typed values, all in one shape:
 * {@code <full key>=<value> <what is wrong>; allowed: <what is allowed>}. A bad value falls back
 * to the default, so that every problem is found in one pass. Not thread-safe: one per reading.
 */
public final class Problems {

    private final ConfigView config;
    private final List<String> list = new ArrayList<>();

    /**
     * Creates an empty collector.
     *
     * @param config where values are read from
     */
    public Problems(ConfigView config) {
        this.config = config;
    }

    /**
     * Adds a problem as written.
     *
     * @param message the whole message
     */
    public void add(String message) {
        list.add(message);
    }

    /**
     * Adds a problem with a value.
     *
     * @param key the full key
     * @param value the value as configured
     * @param what what is wrong with it
     * @param allowed what is allowed
     */
    public void bad(String key, String value, String what, String allowed) {
        list.add(key + "=" + value + " " + what + "; allowed: " + allowed);
    }

    /** @return every problem so far */
    public List<String> list() {
        return List.copyOf(list);
    }

    /**
     * Fails when a problem was found.
     *
     * @throws ProblemsException listing every problem
     */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new ProblemsException(list);
        }
    }

    /**
     * A key's trimmed value.
     *
     * @param key the full key
     * @return the value, empty when not set or blank
     */
    public Optional<String> text(String key) {
        return config.value(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    /**
     * A boolean value.
     *
     * @param key the full key
     * @param defaultValue when the key is not set or bad
     * @return the value
     */
    public boolean bool(String key, boolean defaultValue) {
        Optional<String> v = config.value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String s = v.get().trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        bad(key, v.get(), "is not a boolean", "true, false");
        return defaultValue;
    }

    /**
     * A whole number of at least {@code min}.
     *
     * @param key the full key
     * @param defaultValue when the key is not set or bad
     * @param min the least value allowed
     * @param allowed what is allowed, for the message
     * @return the value
     */
    public int integer(String key, int defaultValue, int min, String allowed) {
        Optional<String> v = config.value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.get().trim());
            if (n >= min) {
                return n;
            }
            bad(key, v.get(), min == 0 ? "is negative" : "is not positive", allowed);
        } catch (NumberFormatException e) {
            bad(key, v.get(), "is not a whole number", allowed);
        }
        return defaultValue;
    }

    /**
     * A share: a decimal number above 0 and at most 1.
     *
     * @param key the full key
     * @param defaultValue when the key is not set or bad
     * @return the value
     */
    public double share(String key, double defaultValue) {
        Optional<String> v = config.value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String allowed = "a decimal number above 0 and at most 1, such as 0.9";
        try {
            double d = Double.parseDouble(v.get().trim());
            if (d > 0 && d <= 1) {
                return d;
            }
            bad(key, v.get(), "is out of range", allowed);
        } catch (NumberFormatException e) {
            bad(key, v.get(), "is not a decimal number", allowed);
        }
        return defaultValue;
    }

    /**
     * A duration, zero or positive ({@link Durations}).
     *
     * @param key the full key
     * @param defaultValue when the key is not set or bad ({@code null} allowed)
     * @return the value
     */
    public Duration duration(String key, Duration defaultValue) {
        Optional<String> v = config.value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Durations.parse(key, v.get());
        } catch (IllegalArgumentException e) {
            list.add(e.getMessage());
            return defaultValue;
        }
    }

    /**
     * A positive duration.
     *
     * @param key the full key
     * @param defaultValue when the key is not set or bad
     * @return the value
     */
    public Duration positive(String key, Duration defaultValue) {
        Duration d = duration(key, defaultValue);
        if (d.isZero()) {
            bad(key, config.value(key).orElse(""), "is zero", "a positive duration such as 500ms, 1s or PT0.5S");
            return defaultValue;
        }
        return d;
    }

    /**
     * One constant of an enum, spelled in lower case with {@code -} for {@code _}.
     *
     * @param key the full key
     * @param type the enum
     * @param defaultValue when the key is not set or bad
     * @param what what the value should be, for the message ("a retry strategy")
     * @param <T> the enum
     * @return the constant
     */
    public <T extends Enum<T>> T choice(String key, Class<T> type, T defaultValue, String what) {
        Optional<String> v = config.value(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String s = v.get().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (T c : type.getEnumConstants()) {
            if (c.name().equals(s)) {
                return c;
            }
        }
        bad(key, v.get(), "is not " + what, spellings(type));
        return defaultValue;
    }

    /**
     * The configuration spellings of an enum's constants.
     *
     * @param type the enum
     * @return for example {@code block, reject, drop-oldest, fail}
     */
    public static String spellings(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> c : type.getEnumConstants()) {
            names.add(spelling(c));
        }
        return String.join(", ", names);
    }

    /**
     * The configuration spelling of a constant.
     *
     * @param constant the constant
     * @return for example {@code drop-oldest}
     */
    public static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
