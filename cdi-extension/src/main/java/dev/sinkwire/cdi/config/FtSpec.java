/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import dev.sinkwire.core.ft.Backoff;
import dev.sinkwire.core.ft.CircuitBreaker;
import dev.sinkwire.core.ft.CircuitBreakerOpenException;
import dev.sinkwire.core.ft.RetryPolicy;
import dev.sinkwire.core.ft.SinkTimeoutException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The MicroProfile Fault Tolerance annotations in effect on one sink and who applies them: an FT
 * implementation ({@code intercepted}: Sinkwire only reports what fails after it gave up), or
 * Sinkwire, mapping them onto its retry policy, circuit breaker and timeout with MP FT's
 * validation. Immutable.
 *
 * @param annotations the annotations in effect, by simple name, with their members after the overrides
 * @param intercepted whether an FT implementation applies them
 * @param retry Sinkwire's retry policy, or {@code null}
 * @param breaker Sinkwire's circuit breaker, or {@code null}
 * @param timeout Sinkwire's timeout, or {@code null}
 */
public record FtSpec(Map<String, FtAnnotations.Found> annotations, boolean intercepted, RetryPolicy retry,
        CircuitBreaker breaker, Duration timeout) {

    /**
     * Maps annotations onto core layers, reporting every invalid member naming the sink, the
     * annotation and the member.
     *
     * @param sink the sink, for messages: {@code sink 'x' (method a.B.m(T)): }
     * @param found the annotations in effect
     * @param problems where invalid values are reported
     * @return the spec, applied by Sinkwire
     */
    static FtSpec applied(String sink, Map<String, FtAnnotations.Found> found, Problems problems) {
        Checker c = new Checker(sink, problems);
        FtAnnotations.Found r = found.get(FtAnnotations.RETRY);
        FtAnnotations.Found exp = found.get(FtAnnotations.EXPONENTIAL_BACKOFF);
        FtAnnotations.Found fib = found.get(FtAnnotations.FIBONACCI_BACKOFF);
        if (r == null && (exp != null || fib != null)) {
            FtAnnotations.Found b = exp != null ? exp : fib;
            problems.add(sink + "@" + b.name() + " on " + b.where() + " needs @Retry; allowed: @ExponentialBackoff or"
                    + " @FibonacciBackoff together with @Retry");
        }
        if (exp != null && fib != null) {
            problems.add(sink + "both @ExponentialBackoff and @FibonacciBackoff are present; allowed: at most one"
                    + " backoff annotation");
        }
        RetryPolicy retry = r == null ? null : retry(c, r, exp, fib);
        CircuitBreaker breaker = null;
        FtAnnotations.Found b = found.get(FtAnnotations.CIRCUIT_BREAKER);
        if (b != null) {
            int volume = (Integer) b.members().get("requestVolumeThreshold");
            double ratio = (Double) b.members().get("failureRatio");
            int success = (Integer) b.members().get("successThreshold");
            boolean ok = c.check(b, "requestVolumeThreshold", volume >= 1, "1 or more");
            ok &= c.check(b, "failureRatio", ratio >= 0 && ratio <= 1, "a number from 0 to 1");
            ok &= c.check(b, "successThreshold", success >= 1, "1 or more");
            Duration delay = c.duration(b, "delay", "delayUnit");
            if (ok && delay != null) {
                breaker = CircuitBreaker.builder().requestVolumeThreshold(volume).failureRatio(ratio).delay(delay)
                        .successThreshold(success).failOn(throwables(b, "failOn")).skipOn(throwables(b, "skipOn"))
                        .build();
            }
        }
        Duration timeout = null;
        FtAnnotations.Found t = found.get(FtAnnotations.TIMEOUT);
        if (t != null) {
            Duration d = c.duration(t, "value", "unit");
            timeout = d == null || d.isZero() ? null : d; // MP FT: @Timeout(0) means no timeout
        }
        return new FtSpec(found, false, retry, breaker, timeout);
    }

    private static RetryPolicy retry(Checker c, FtAnnotations.Found r, FtAnnotations.Found exp,
            FtAnnotations.Found fib) {
        int maxRetries = (Integer) r.members().get("maxRetries");
        c.check(r, "maxRetries", maxRetries >= -1, "-1 (unlimited) or 0 or more");
        Duration delay = c.duration(r, "delay", "delayUnit");
        Duration maxDuration = c.duration(r, "maxDuration", "durationUnit");
        Duration jitter = c.duration(r, "jitter", "jitterDelayUnit");
        if (delay != null && maxDuration != null && !maxDuration.isZero() && maxDuration.compareTo(delay) <= 0) {
            c.problems.add(c.sink + "invalid " + r.show("maxDuration") + " with " + r.show("delay") + " on "
                    + r.where() + "; allowed: maxDuration more than delay, or 0 for no limit");
            maxDuration = null;
        }
        Backoff backoff = Backoff.constant();
        if (exp != null && fib == null) {
            int factor = (Integer) exp.members().get("factor");
            c.check(exp, "factor", factor >= 1, "1 or more");
            Duration maxDelay = c.duration(exp, "maxDelay", "maxDelayUnit");
            backoff = factor >= 1 && maxDelay != null ? Backoff.exponential(factor, maxDelay) : null;
        } else if (fib != null && exp == null) {
            Duration maxDelay = c.duration(fib, "maxDelay", "maxDelayUnit");
            backoff = maxDelay != null ? Backoff.fibonacci(maxDelay) : null;
        }
        if (maxRetries < -1 || delay == null || maxDuration == null || jitter == null || backoff == null) {
            return null;
        }
        try {
            return RetryPolicy.builder().maxRetries(maxRetries).delay(delay).maxDuration(maxDuration)
                    .jitter(jitter).backoff(backoff)
                    .retryOn(throwables(r, "retryOn")).abortOn(throwables(r, "abortOn")).build();
        } catch (IllegalArgumentException e) {
            c.problems.add(c.sink + "invalid @Retry" + (backoff instanceof Backoff.Constant ? "" : " with @"
                    + (exp != null ? exp.name() : fib.name())) + " on " + r.where() + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * The exception classes of an annotation member, with Sinkwire's counterparts of the MP FT
     * exceptions added ({@code TimeoutException} → {@link SinkTimeoutException},
     * {@code CircuitBreakerOpenException} → {@link CircuitBreakerOpenException},
     * {@code FaultToleranceException} → both), since without an FT implementation the layers
     * throw Sinkwire's.
     */
    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] throwables(FtAnnotations.Found a, String member) {
        Set<Class<? extends Throwable>> out = new LinkedHashSet<>();
        String ex = FtMode.FT_PACKAGE + "exceptions.";
        for (Class<?> cls : (Class<?>[]) a.members().get(member)) {
            if (!Throwable.class.isAssignableFrom(cls)) {
                continue;
            }
            out.add((Class<? extends Throwable>) cls);
            String n = cls.getName();
            if (n.equals(ex + "TimeoutException") || n.equals(ex + "FaultToleranceException")) {
                out.add(SinkTimeoutException.class);
            }
            if (n.equals(ex + "CircuitBreakerOpenException") || n.equals(ex + "FaultToleranceException")) {
                out.add(CircuitBreakerOpenException.class);
            }
        }
        return out.toArray((Class<? extends Throwable>[]) new Class<?>[0]);
    }

    /** Checks annotation members, reporting each invalid one. */
    private record Checker(String sink, Problems problems) {

        boolean check(FtAnnotations.Found a, String member, boolean valid, String allowed) {
            if (!valid) {
                problems.add(sink + "invalid " + a.show(member) + " on " + a.where() + "; allowed: " + allowed);
            }
            return valid;
        }

        Duration duration(FtAnnotations.Found a, String member, String unitMember) {
            long value = ((Number) a.members().get(member)).longValue();
            ChronoUnit unit = (ChronoUnit) a.members().get(unitMember);
            if (!check(a, member, value >= 0, "0 or more")) {
                return null;
            }
            try {
                return Duration.of(value, unit);
            } catch (RuntimeException e) {
                problems.add(sink + "invalid " + a.show(member) + " with " + a.show(unitMember) + " on " + a.where()
                        + "; allowed: a duration Java can represent exactly (units up to DAYS): " + e.getMessage());
                return null;
            }
        }
    }
}
