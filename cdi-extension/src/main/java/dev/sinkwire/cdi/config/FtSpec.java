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
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The MicroProfile Fault Tolerance annotations in effect on one sink and who applies them: an FT
 * implementation ({@code intercepted}: Sinkwire only reports what fails after it gave up), or
 * Sinkwire, mapping them onto its retry policy, circuit breaker and timeout with MP FT's
 * validation. Immutable.
 *
 * <p>Annotations are read as MP FT (and SmallRye Fault Tolerance) read them: one on the sink
 * method (a class sink's {@code write}) wins over one on the class; the MP FT keys override each
 * member and switch annotations off ({@link Keys#ftMember}, {@link Keys#ftEnabled}). No FT type is
 * named: annotation types are loaded by name and read reflectively, so this class loads without
 * the FT API (it then finds nothing).
 *
 * @param annotations the annotations in effect, by simple name, with their members after the overrides
 * @param intercepted whether an FT implementation applies them
 * @param retry Sinkwire's retry policy, or {@code null}
 * @param breaker Sinkwire's circuit breaker, or {@code null}
 * @param timeout Sinkwire's timeout, or {@code null}
 */
public record FtSpec(Map<String, Found> annotations, boolean intercepted, RetryPolicy retry,
        CircuitBreaker breaker, Duration timeout) {

    static final String RETRY = "Retry";
    static final String CIRCUIT_BREAKER = "CircuitBreaker";
    static final String TIMEOUT = "Timeout";
    /** SmallRye's, in {@link FtMode#SMALLRYE_API_PACKAGE}. */
    static final String EXPONENTIAL_BACKOFF = "ExponentialBackoff";
    static final String FIBONACCI_BACKOFF = "FibonacciBackoff";
    /** Annotation simple names, in reading order. */
    private static final List<String> TYPES = List.of(RETRY, CIRCUIT_BREAKER, TIMEOUT, EXPONENTIAL_BACKOFF,
            FIBONACCI_BACKOFF);

    /** One annotation in effect on a sink, with its members after the overrides. */
    public record Found(String name, boolean onMethod, String where, Map<String, Object> members,
            Map<String, String> sources) {

        /** Describes a member's value and where it came from, for messages. */
        public String show(String member) {
            Object v = members.get(member);
            String text = v instanceof Class<?>[] cs ? Arrays.stream(cs).map(Class::getName).toList().toString()
                    : v instanceof Enum<?> e ? e.name() : String.valueOf(v);
            String key = sources.get(member);
            return "@" + name + "." + member + "=" + text + (key != null ? " (from configuration key " + key + ")"
                    : "");
        }
    }

    /** The FT annotations in effect on one sink, by simple name, in reading order; empty without the FT API. */
    public static Map<String, Found> annotations(SinkBinding binding, ConfigView config, Problems problems) {
        Map<String, Found> found = new LinkedHashMap<>();
        Class<?> beanClass = binding.beanClass();
        ClassLoader loader = beanClass.getClassLoader() != null ? beanClass.getClassLoader()
                : FtSpec.class.getClassLoader();
        Method method = binding.sinkMethod();
        String cls = beanClass.getName();
        // MP FT: a method-level key names "the class name and method name where the annotation is
        // declared upon", so a class sink's inherited write is named by the class declaring it
        String methodClass = method != null ? method.getDeclaringClass().getName() : cls;
        String methodName = method != null ? method.getName() : "write";
        for (String name : TYPES) {
            String pkg = name.endsWith("Backoff") ? FtMode.SMALLRYE_API_PACKAGE : FtMode.FT_PACKAGE;
            Class<? extends Annotation> type = FtMode.annotationType(pkg + name, loader);
            if (type == null) {
                continue;
            }
            Annotation onMethod = method != null ? method.getAnnotation(type) : null;
            Annotation a = onMethod != null ? onMethod : beanClass.getAnnotation(type);
            if (a == null || !enabled(config, methodClass, cls, methodName, name, problems)) {
                continue;
            }
            String where = onMethod != null ? "method " + methodClass + "." + methodName : "class " + cls;
            Map<String, Object> members = new LinkedHashMap<>();
            Map<String, String> sources = new LinkedHashMap<>();
            for (Method m : type.getDeclaredMethods()) {
                if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Object value = value(a, m);
                String key = Keys.ftMember(onMethod != null ? methodClass : cls, methodName, onMethod != null, name,
                        m.getName()).stream()
                        .filter(k -> config.value(k).isPresent()).findFirst().orElse(null);
                Object parsed = key == null ? null : parse(key, config.value(key).get(), value, loader, problems);
                if (parsed != null) {
                    value = parsed;
                    sources.put(m.getName(), key);
                }
                members.put(m.getName(), value);
            }
            found.put(name, new Found(name, onMethod != null, where, members, sources));
        }
        return found;
    }

    private static boolean enabled(ConfigView config, String methodClass, String cls, String method,
            String annotation, Problems problems) {
        for (String key : Keys.ftEnabled(methodClass, cls, method, annotation)) {
            String v = config.value(key).orElse(null);
            boolean on = "true".equalsIgnoreCase(v == null ? null : v.trim());
            if (v != null && !on && !"false".equalsIgnoreCase(v.trim())) {
                problems.bad(key, v, "is not a boolean", "true, false");
            } else if (v != null && (!on || !key.equals(Keys.FT_SMALLRYE_ENABLED)
                    && !key.equals(Keys.FT_NON_FALLBACK_ENABLED))) {
                return on; // the global switches only switch off
            }
        }
        return true;
    }

    private static Object value(Annotation a, Method m) {
        try {
            m.setAccessible(true);
            return m.invoke(a);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + m + " of " + a, e);
        }
    }

    private static Object parse(String key, String text, Object like, ClassLoader loader, Problems problems) {
        String s = text.trim();
        try {
            if (like instanceof Integer) {
                return Integer.valueOf(s);
            }
            if (like instanceof Long) {
                return Long.valueOf(s);
            }
            if (like instanceof Double) {
                return Double.valueOf(s);
            }
            if (like instanceof ChronoUnit) {
                return ChronoUnit.valueOf(s.toUpperCase(Locale.ROOT));
            }
            if (like instanceof Class<?>[]) {
                List<Class<?>> classes = new ArrayList<>();
                for (String name : s.split(",")) {
                    if (!name.isBlank()) {
                        classes.add(Class.forName(name.trim(), false, loader));
                    }
                }
                return classes.toArray(new Class<?>[0]);
            }
        } catch (NumberFormatException e) {
            problems.add(key + "=" + text + " is not a number; allowed: a " + like.getClass().getSimpleName()
                    .toLowerCase(Locale.ROOT));
            return null;
        } catch (IllegalArgumentException e) {
            problems.add(key + "=" + text + " is not a java.time.temporal.ChronoUnit; allowed: NANOS, MICROS, MILLIS,"
                    + " SECONDS, MINUTES, HOURS, HALF_DAYS, DAYS");
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(key + "=" + text + ": class not found; allowed: comma-separated names of exception classes");
            return null;
        }
        problems.add(key + "=" + text + ": this member cannot be set by configuration");
        return null;
    }

    /**
     * Maps annotations onto core layers, reporting every invalid member naming the sink, the annotation and the member.
     */
    static FtSpec applied(String sink, Map<String, Found> found, Problems problems) {
        Checker c = new Checker(sink, problems);
        Found r = found.get(RETRY);
        Found exp = found.get(EXPONENTIAL_BACKOFF);
        Found fib = found.get(FIBONACCI_BACKOFF);
        if (r == null && (exp != null || fib != null)) {
            Found b = exp != null ? exp : fib;
            problems.add(sink + "@" + b.name() + " on " + b.where() + " needs @Retry; allowed: @ExponentialBackoff or"
                    + " @FibonacciBackoff together with @Retry");
        }
        if (exp != null && fib != null) {
            problems.add(sink + "both @ExponentialBackoff and @FibonacciBackoff are present; allowed: at most one"
                    + " backoff annotation");
        }
        RetryPolicy retry = r == null ? null : retry(c, r, exp, fib);
        CircuitBreaker breaker = found.containsKey(CIRCUIT_BREAKER) ? breaker(c, found.get(CIRCUIT_BREAKER)) : null;
        Found t = found.get(TIMEOUT);
        Duration timeout = t == null ? null : c.duration(t, "value", "unit");
        // MP FT: @Timeout(0) means no timeout
        return new FtSpec(found, false, retry, breaker, timeout == null || timeout.isZero() ? null : timeout);
    }

    private static CircuitBreaker breaker(Checker c, Found b) {
        int volume = (Integer) b.members().get("requestVolumeThreshold");
        double ratio = (Double) b.members().get("failureRatio");
        int success = (Integer) b.members().get("successThreshold");
        boolean ok = c.check(b, "requestVolumeThreshold", volume >= 1, "1 or more");
        ok &= c.check(b, "failureRatio", ratio >= 0 && ratio <= 1, "a number from 0 to 1");
        ok &= c.check(b, "successThreshold", success >= 1, "1 or more");
        Duration delay = c.duration(b, "delay", "delayUnit");
        return !ok || delay == null ? null : CircuitBreaker.builder().requestVolumeThreshold(volume).failureRatio(ratio)
                .delay(delay).successThreshold(success).failOn(throwables(b, "failOn")).skipOn(throwables(b, "skipOn"))
                .build();
    }

    private static RetryPolicy retry(Checker c, Found r, Found exp, Found fib) {
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
            Duration maxDelay = c.maxDelay(exp, r, delay, maxDuration);
            backoff = factor >= 1 && maxDelay != null ? Backoff.exponential(factor, maxDelay) : null;
        } else if (fib != null && exp == null) {
            Duration maxDelay = c.maxDelay(fib, r, delay, maxDuration);
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
    private static Class<? extends Throwable>[] throwables(Found a, String member) {
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

        boolean check(Found a, String member, boolean valid, String allowed) {
            if (!valid) {
                problems.add(sink + "invalid " + a.show(member) + " on " + a.where() + "; allowed: " + allowed);
            }
            return valid;
        }

        /**
         * A backoff's {@code maxDelay}, checked against {@code @Retry}'s delay and maxDuration here
         * (rather than by {@link RetryPolicy.Builder#build()}) so that the message names every
         * member involved and the configuration keys they came from.
         */
        Duration maxDelay(Found b, Found r, Duration delay, Duration maxDuration) {
            Duration maxDelay = duration(b, "maxDelay", "maxDelayUnit");
            if (maxDelay == null || maxDelay.isZero()) {
                return maxDelay; // 0: no cap
            }
            boolean ok = true;
            if (delay != null && maxDelay.compareTo(delay) <= 0) {
                problems.add(sink + "invalid " + b.show("maxDelay") + " with " + b.show("maxDelayUnit") + " and "
                        + r.show("delay") + " with " + r.show("delayUnit") + " on " + b.where()
                        + "; allowed: maxDelay more than @Retry's delay, or 0 for no cap");
                ok = false;
            }
            if (maxDuration != null && !maxDuration.isZero() && maxDelay.compareTo(maxDuration) >= 0) {
                problems.add(sink + "invalid " + b.show("maxDelay") + " with " + b.show("maxDelayUnit") + " and "
                        + r.show("maxDuration") + " with " + r.show("durationUnit") + " on " + b.where()
                        + "; allowed: maxDelay less than @Retry's maxDuration (or maxDuration 0)");
                ok = false;
            }
            return ok ? maxDelay : null;
        }

        Duration duration(Found a, String member, String unitMember) {
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
