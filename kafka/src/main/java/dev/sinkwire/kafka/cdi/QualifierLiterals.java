/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Instances of qualifiers named in configuration, to fire events with. Stateless. */
final class QualifierLiterals {

    private QualifierLiterals() {
    }

    /**
     * An instance of a qualifier whose members all have defaults, as CDI compares them (type and
     * member values).
     *
     * @param type the qualifier
     * @return the instance, or {@code null} if a member has no default
     */
    static Annotation literal(Class<? extends Annotation> type) {
        Method[] members = type.getDeclaredMethods();
        Map<String, Object> values = new TreeMap<>();
        for (Method m : members) {
            Object d = m.getDefaultValue();
            if (d == null) {
                return null;
            }
            values.put(m.getName(), d);
        }
        return (Annotation) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "annotationType" -> type;
                    case "hashCode" -> values.entrySet().stream().mapToInt(e -> (127 * e.getKey().hashCode())
                            ^ memberHash(e.getValue())).sum();
                    case "equals" -> type.isInstance(args[0]) && equalMembers(type, values, args[0]);
                    case "toString" -> "@" + type.getName() + values;
                    default -> values.get(method.getName());
                });
    }

    private static int memberHash(Object v) {
        if (v instanceof Object[] a) {
            return Arrays.hashCode(a);
        }
        if (v.getClass().isArray()) {
            return Arrays.deepHashCode(new Object[] {v}) - 31;
        }
        return v.hashCode();
    }

    private static boolean equalMembers(Class<?> type, Map<String, Object> values, Object other) {
        try {
            for (Map.Entry<String, Object> e : values.entrySet()) {
                Object o = type.getMethod(e.getKey()).invoke(other);
                if (!Arrays.deepEquals(new Object[] {e.getValue()}, new Object[] {o})) {
                    return false;
                }
            }
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
