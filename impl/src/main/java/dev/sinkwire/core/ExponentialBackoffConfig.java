/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.core.internal.Checks;
import java.time.Duration;

/**
 * The parameters of an {@link ExponentialBackoff}: go-events' {@code ExponentialBackoffConfig}.
 * After {@code n} consecutive failures the wait is drawn uniformly from
 * {@code [0, min(base + factor * 2^(n-1), max))}.
 *
 * @param base the part of the wait that does not grow; zero or positive
 * @param factor multiplied by {@code 2^(n-1)}; positive
 * @param max the cap on the wait; positive and at least {@code base}
 */
public record ExponentialBackoffConfig(Duration base, Duration factor, Duration max) {

    /** go-events' {@code DefaultExponentialBackoffConfig}: base 1s, factor 1s, max 20s. */
    public static final ExponentialBackoffConfig DEFAULT =
            new ExponentialBackoffConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(20));

    /**
     * Checks the parameters.
     *
     * @param base the part of the wait that does not grow; zero or positive
     * @param factor multiplied by {@code 2^(n-1)}; positive
     * @param max the cap on the wait; positive and at least {@code base}
     * @throws NullPointerException if a parameter is {@code null}
     * @throws IllegalArgumentException if {@code base} is negative, {@code factor} or {@code max}
     *     is not positive, or {@code max} is less than {@code base}
     */
    public ExponentialBackoffConfig {
        Checks.notNegative(base, "base");
        Checks.positive(factor, "factor");
        Checks.positive(max, "max");
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("max must be at least base, was max=" + max + " < base=" + base);
        }
    }
}
