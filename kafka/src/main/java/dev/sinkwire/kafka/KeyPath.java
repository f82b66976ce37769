/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A property path such as {@code customer.id}, resolved against an event class when the sink is
 * built (so a path that does not exist fails deployment), then read from each event. Each step is
 * a record component, a getter ({@code getX()} / {@code isX()}) or a public field. Immutable, safe
 * for concurrent use.
 */
final class KeyPath implements KeyExtractor {

    private final String path;
    private final List<Step> steps;

    private KeyPath(String path, List<Step> steps) {
        this.path = path;
        this.steps = steps;
    }

    /**
     * Resolves {@code path} against {@code type}.
     *
     * @param path the dotted path
     * @param type the event class
     * @return the path
     * @throws IllegalArgumentException naming the first step that {@code type} does not have
     */
    static KeyPath resolve(String path, Class<?> type) {
        Objects.requireNonNull(path, "path");
        List<Step> steps = new ArrayList<>();
        Class<?> current = type;
        for (String name : path.trim().split("\\.", -1)) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty step in '" + path + "'");
            }
            Step step = step(current, name);
            if (step == null) {
                throw new IllegalArgumentException(current.getName() + " has no property '" + name
                        + "' (a record component, a getter get" + capitalize(name) + "()/is" + capitalize(name)
                        + "() or a public field)");
            }
            steps.add(step);
            current = step.type();
        }
        return new KeyPath(path.trim(), List.copyOf(steps));
    }

    private static Step step(Class<?> type, String name) {
        if (type.isRecord()) {
            for (var c : type.getRecordComponents()) {
                if (c.getName().equals(name)) {
                    return methodStep(c.getAccessor());
                }
            }
        }
        for (String candidate : List.of("get" + capitalize(name), "is" + capitalize(name), name)) {
            try {
                Method m = type.getMethod(candidate);
                if (m.getReturnType() != void.class && !Modifier.isStatic(m.getModifiers())
                        && (!candidate.equals(name) || type.isRecord())) {
                    return methodStep(m);
                }
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        try {
            Field f = type.getField(name);
            if (!Modifier.isStatic(f.getModifiers())) {
                return new Step(f.getType(), null, f);
            }
        } catch (NoSuchFieldException e) {
            // not a field either
        }
        return null;
    }

    private static Step methodStep(Method m) {
        try {
            m.setAccessible(true); // records and getters of non-public classes (such as nested test types)
        } catch (RuntimeException e) {
            // a module that does not open the class: public accessors still work
        }
        return new Step(m.getReturnType(), m, null);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public String key(Object event) {
        Object value = event;
        for (Step s : steps) {
            if (value == null) {
                return null;
            }
            value = s.read(value);
        }
        return value == null ? null : value.toString();
    }

    @Override
    public String toString() {
        return "key path " + path;
    }

    /** One step: a method or a field, with its declared type. */
    private record Step(Class<?> type, Method method, Field field) {
        Object read(Object target) {
            try {
                return method != null ? method.invoke(target) : field.get(target);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + (method != null ? method : field) + ": " + e, e);
            }
        }
    }
}
