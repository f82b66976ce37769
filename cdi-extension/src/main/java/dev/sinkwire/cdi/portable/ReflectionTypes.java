/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.portable;

import dev.sinkwire.Sink;
import dev.sinkwire.cdi.config.SinkRules;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/** Type helpers for the portable front end, over {@code java.lang.reflect}. Stateless. */
public final class ReflectionTypes {

    private ReflectionTypes() {
    }

    /**
     * Finds the event type {@code T} of a class sink in the container's type closure of its bean
     * class ({@code Sink<T>}, with type variables already resolved through superclasses): {@code T},
     * {@code Object} for a raw {@code Sink}, {@code null} if the class is no sink.
     */
    public static Type sinkEventType(Set<Type> closure) {
        for (Type t : closure) {
            if (t instanceof ParameterizedType p && p.getRawType() == Sink.class) {
                return p.getActualTypeArguments()[0];
            }
        }
        return closure.contains(Sink.class) ? Object.class : null;
    }

    /** Tells whether {@code t} still mentions a type variable (so no observer can be declared for it). */
    public static boolean hasTypeVariable(Type t) {
        if (t instanceof TypeVariable<?>) {
            return true;
        }
        if (t instanceof ParameterizedType p) {
            return Arrays.stream(p.getActualTypeArguments()).anyMatch(ReflectionTypes::hasTypeVariable);
        }
        if (t instanceof GenericArrayType g) {
            return hasTypeVariable(g.getGenericComponentType());
        }
        if (t instanceof WildcardType w) {
            return Arrays.stream(w.getUpperBounds()).anyMatch(ReflectionTypes::hasTypeVariable)
                    || Arrays.stream(w.getLowerBounds()).anyMatch(ReflectionTypes::hasTypeVariable);
        }
        return false;
    }

    /** The erasure of {@code t}, boxed if primitive. */
    public static Class<?> erasure(Type t) {
        if (t instanceof Class<?> c) {
            return SinkRules.box(c);
        }
        if (t instanceof ParameterizedType p) {
            return erasure(p.getRawType());
        }
        if (t instanceof GenericArrayType g) {
            return java.lang.reflect.Array.newInstance(erasure(g.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    /** {@code Sink<eventType>}, for the bean type of a sink's chain. */
    public static ParameterizedType sinkOf(Type eventType) {
        Type arg = eventType instanceof Class<?> c ? SinkRules.box(c) : eventType;
        return new Parameterized(Sink.class, arg);
    }

    /** {@code raw<arg>} with no owner. */
    public static ParameterizedType parameterized(Class<?> raw, Type arg) {
        return new Parameterized(raw, arg);
    }

    /** A parameterized type with one argument and no owner; equal to the JDK's own representation. */
    private record Parameterized(Class<?> raw, Type arg) implements ParameterizedType {

        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {arg};
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && raw.equals(p.getRawType()) && p.getOwnerType() == null
                    && Arrays.equals(getActualTypeArguments(), p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(getActualTypeArguments()) ^ Objects.hashCode(null) ^ raw.hashCode();
        }

        @Override
        public String toString() {
            return raw.getName() + "<" + arg.getTypeName() + ">";
        }
    }
}
