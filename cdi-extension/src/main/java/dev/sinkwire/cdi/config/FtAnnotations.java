/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import dev.sinkwire.EventSink;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the MicroProfile Fault Tolerance annotations of one sink, with the MP FT configuration
 * overrides applied, as MP FT (and SmallRye Fault Tolerance) do:
 *
 * <ul>
 * <li>an annotation on the sink method (for class sinks: {@code write}) wins over one on the class;
 * <li>a member's value comes from {@code <class>/<method>/<Annotation>/<member>} (annotation on the
 *     method) or {@code <class>/<Annotation>/<member>} (annotation on the class), else from
 *     {@code <Annotation>/<member>}, else from the annotation;
 * <li>an annotation is switched off by {@code <class>/<method>/<Annotation>/enabled},
 *     {@code <class>/<Annotation>/enabled}, {@code <Annotation>/enabled} (first one set wins),
 *     else by {@code MP_Fault_Tolerance_NonFallback_Enabled=false} (or SmallRye's
 *     {@code smallrye.faulttolerance.enabled=false}).
 * </ul>
 *
 * <p>Names no FT type: annotation types are loaded by name and read reflectively, so this class
 * loads without the FT API (it then finds nothing). Stateless.
 */
public final class FtAnnotations {

    /** {@code @Retry}. */
    public static final String RETRY = "Retry";
    /** {@code @CircuitBreaker}. */
    public static final String CIRCUIT_BREAKER = "CircuitBreaker";
    /** {@code @Timeout}. */
    public static final String TIMEOUT = "Timeout";
    /** SmallRye's {@code @ExponentialBackoff}. */
    public static final String EXPONENTIAL_BACKOFF = "ExponentialBackoff";
    /** SmallRye's {@code @FibonacciBackoff}. */
    public static final String FIBONACCI_BACKOFF = "FibonacciBackoff";

    /** Annotation simple names and their binary names, in reading order. */
    private static final Map<String, String> TYPES = Map.of(
            RETRY, FtMode.FT_PACKAGE + RETRY,
            CIRCUIT_BREAKER, FtMode.FT_PACKAGE + CIRCUIT_BREAKER,
            TIMEOUT, FtMode.FT_PACKAGE + TIMEOUT,
            EXPONENTIAL_BACKOFF, "io.smallrye.faulttolerance.api." + EXPONENTIAL_BACKOFF,
            FIBONACCI_BACKOFF, "io.smallrye.faulttolerance.api." + FIBONACCI_BACKOFF);
    private static final List<String> ORDER = List.of(RETRY, CIRCUIT_BREAKER, TIMEOUT, EXPONENTIAL_BACKOFF,
            FIBONACCI_BACKOFF);
    /** Switches every FT annotation but {@code @Fallback} off (MP FT). */
    static final String NON_FALLBACK_ENABLED = "MP_Fault_Tolerance_NonFallback_Enabled";
    /** SmallRye's switch for all of fault tolerance. */
    static final String SMALLRYE_ENABLED = "smallrye.faulttolerance.enabled";

    private FtAnnotations() {
    }

    /**
     * One annotation in effect on a sink, with its members after the overrides.
     *
     * @param name the annotation's simple name ({@code Retry}...)
     * @param onMethod whether it sits on the method (else on the class)
     * @param where where it sits, for messages: {@code method a.B.m} or {@code class a.B}
     * @param members member values: {@code Integer}, {@code Long}, {@code Double}, {@code ChronoUnit}
     *     or {@code Class<?>[]}
     * @param sources for overridden members, the configuration key the value came from
     */
    public record Found(String name, boolean onMethod, String where, Map<String, Object> members,
            Map<String, String> sources) {

        /**
         * Describes a member's value and where it came from, for messages.
         *
         * @param member the member
         * @return {@code @Retry.maxRetries=-2} or {@code @Retry.maxRetries=-2 (from key K)}
         */
        public String show(String member) {
            Object v = members.get(member);
            String text = v instanceof Class<?>[] cs ? java.util.Arrays.stream(cs).map(Class::getName).toList().toString()
                    : v instanceof Enum<?> e ? e.name() : String.valueOf(v);
            String key = sources.get(member);
            return "@" + name + "." + member + "=" + text + (key != null ? " (from configuration key " + key + ")" : "");
        }
    }

    /**
     * The FT annotations in effect on one sink.
     *
     * @param binding the sink
     * @param config the configuration (for the MP FT keys)
     * @param problems where unreadable override values are reported
     * @return the annotations in effect, by simple name, in the order Retry, CircuitBreaker, Timeout,
     *     ExponentialBackoff, FibonacciBackoff; empty without FT API or annotations
     */
    public static Map<String, Found> read(SinkBinding binding, ConfigView config, Problems problems) {
        Map<String, Found> found = new LinkedHashMap<>();
        Class<?> beanClass = binding.beanClass();
        ClassLoader loader = beanClass.getClassLoader() != null ? beanClass.getClassLoader()
                : FtAnnotations.class.getClassLoader();
        Method method = sinkMethod(binding);
        String cls = beanClass.getName();
        String methodName = method != null ? method.getName() : "write";
        for (String name : ORDER) {
            Class<? extends Annotation> type = FtMode.annotationType(TYPES.get(name), loader);
            if (type == null) {
                continue;
            }
            Annotation onMethod = method != null ? method.getAnnotation(type) : null;
            Annotation a = onMethod != null ? onMethod : beanClass.getAnnotation(type);
            if (a == null || !enabled(config, cls, methodName, name, problems)) {
                continue;
            }
            String where = onMethod != null ? "method " + cls + "." + methodName : "class " + cls;
            String prefix = onMethod != null ? cls + "/" + methodName + "/" + name + "/" : cls + "/" + name + "/";
            Map<String, Object> members = new LinkedHashMap<>();
            Map<String, String> sources = new LinkedHashMap<>();
            for (Method m : type.getDeclaredMethods()) {
                if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Object value = value(a, m);
                for (String key : List.of(prefix + m.getName(), name + "/" + m.getName())) {
                    Optional<String> text = config.value(key);
                    if (text.isPresent()) {
                        Object parsed = parse(key, text.get(), value, loader, problems);
                        if (parsed != null) {
                            value = parsed;
                            sources.put(m.getName(), key);
                        }
                        break;
                    }
                }
                members.put(m.getName(), value);
            }
            found.put(name, new Found(name, onMethod != null, where, members, sources));
        }
        return found;
    }

    private static boolean enabled(ConfigView config, String cls, String method, String annotation,
            Problems problems) {
        for (String key : List.of(cls + "/" + method + "/" + annotation + "/enabled",
                cls + "/" + annotation + "/enabled", annotation + "/enabled", NON_FALLBACK_ENABLED, SMALLRYE_ENABLED)) {
            Optional<String> v = config.value(key);
            if (v.isPresent()) {
                String s = v.get().trim();
                if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                    if (key.equals(SMALLRYE_ENABLED) || key.equals(NON_FALLBACK_ENABLED)) {
                        if (s.equalsIgnoreCase("false")) {
                            return false;
                        }
                        continue;
                    }
                    return Boolean.parseBoolean(s);
                }
                problems.add(key + "=" + v.get() + " is not a boolean; allowed: true, false");
            }
        }
        return true;
    }

    /**
     * The Java method the FT annotations of a sink sit on: the method sink itself, or a class
     * sink's {@code write} (the most specific non-bridge one).
     *
     * @param binding the sink
     * @return the method, or {@code null} if it cannot be found
     */
    public static Method sinkMethod(SinkBinding binding) {
        Class<?> beanClass = binding.beanClass();
        if (binding.kind() == SinkKind.METHOD) {
            for (Method m : beanClass.getDeclaredMethods()) {
                EventSink es = m.getAnnotation(EventSink.class);
                if (es == null || m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                List<String> params = new ArrayList<>();
                for (java.lang.reflect.Type p : m.getGenericParameterTypes()) {
                    params.add(p.getTypeName());
                }
                SinkDeclaration d = SinkDeclaration.ofMethod(es.value(), beanClass.getName(), beanClass.getSimpleName(),
                        m.getName(), params, null);
                if (d.name().equals(binding.name())) {
                    return m;
                }
            }
            return null;
        }
        Method best = null;
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("write") && m.getParameterCount() == 1 && !m.isBridge() && !m.isSynthetic()
                        && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterTypes()[0].isAssignableFrom(binding.eventClass())
                        && (best == null || best.getParameterTypes()[0].isAssignableFrom(m.getParameterTypes()[0])
                                && best.getDeclaringClass() == c)) {
                    best = m;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
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
}
