/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import dev.sinkwire.Matcher;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link WebhookConfig#matcher()}: takes an event when the {@code events} list is empty or names
 * it, and the {@code ignore} list does not. The names a class answers to are computed once per
 * class. Safe for concurrent use.
 */
final class TypeMatcher implements Matcher<Object> {

    private final WebhookConfig config;
    private final Set<String> events;
    private final Set<String> ignore;
    private final ClassValue<Set<String>> names = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            Set<String> out = new HashSet<>();
            Deque<Class<?>> todo = new ArrayDeque<>();
            todo.add(type);
            while (!todo.isEmpty()) {
                Class<?> c = todo.poll();
                if (out.add(c.getName())) {
                    out.add(c.getSimpleName());
                    if (c.getSuperclass() != null) {
                        todo.add(c.getSuperclass());
                    }
                    todo.addAll(List.of(c.getInterfaces()));
                }
            }
            out.remove("");
            return Set.copyOf(out);
        }
    };

    TypeMatcher(WebhookConfig config) {
        this.config = config;
        this.events = Set.copyOf(config.events());
        this.ignore = Set.copyOf(config.ignore());
    }

    @Override
    public boolean match(Object event) {
        if (events.isEmpty() && ignore.isEmpty()) {
            return true;
        }
        Set<String> known = names.get(event.getClass());
        String typeName = config.typeName(event);
        return (events.isEmpty() || named(events, known, typeName)) && !named(ignore, known, typeName);
    }

    private static boolean named(Set<String> list, Set<String> known, String typeName) {
        if (list.contains(typeName)) {
            return true;
        }
        for (String name : list) {
            if (known.contains(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "TypeMatcher[events=" + events + ", ignore=" + ignore + "]";
    }
}
