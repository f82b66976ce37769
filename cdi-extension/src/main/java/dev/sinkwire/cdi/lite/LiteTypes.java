/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.lite;

import dev.sinkwire.Sink;
import dev.sinkwire.cdi.config.SinkRules;
import jakarta.enterprise.inject.build.compatible.spi.Types;
import jakarta.enterprise.lang.model.declarations.ClassInfo;
import jakarta.enterprise.lang.model.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Type helpers for the build compatible front end, over the CDI language model (which is all a
 * CDI Lite container offers at build time). Stateless.
 */
public final class LiteTypes {

    private LiteTypes() {
    }

    /**
     * Finds {@code T} in {@code Sink<T>} among the supertypes of {@code clazz}, resolving type
     * variables through superclasses and superinterfaces: {@code T} (possibly still holding type
     * variables when the class leaves them open), {@code Object} for a raw {@code Sink}, {@code null}
     * if the class is no sink.
     */
    public static Type sinkEventType(ClassInfo clazz, Types types) {
        return resolve(clazz, Map.of(), types, 0);
    }

    private static Type resolve(ClassInfo clazz, Map<String, Type> env, Types types, int depth) {
        if (depth > 64) {
            return null;
        }
        List<Type> supers = new ArrayList<>(clazz.superInterfaces());
        if (clazz.superClass() != null) {
            supers.add(clazz.superClass());
        }
        for (Type s : supers) {
            ClassInfo declaration = declaration(s);
            if (declaration == null) {
                continue;
            }
            List<Type> args = s.isParameterizedType() ? s.asParameterizedType().typeArguments().stream()
                    .map(a -> substitute(a, env, types)).toList() : List.of();
            if (declaration.name().equals(Sink.class.getName())) {
                return args.isEmpty() ? types.of(Object.class) : args.get(0);
            }
            Map<String, Type> inner = new HashMap<>();
            if (args.size() == declaration.typeParameters().size()) {
                for (int i = 0; i < args.size(); i++) {
                    inner.put(declaration.typeParameters().get(i).name(), args.get(i));
                }
            }
            Type found = resolve(declaration, inner, types, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Type substitute(Type t, Map<String, Type> env, Types types) {
        if (t.isTypeVariable()) {
            return env.getOrDefault(t.asTypeVariable().name(), t);
        }
        if (t.isParameterizedType()) {
            List<Type> args = t.asParameterizedType().typeArguments().stream()
                    .map(a -> substitute(a, env, types)).toList();
            return types.parameterized(t.asParameterizedType().genericClass(), args.toArray(new Type[0]));
        }
        if (t.isArray()) {
            Type component = substitute(t.asArray().componentType(), env, types);
            return types.ofArray(component, 1);
        }
        return t;
    }

    /** Tells whether a type mentions a type variable. */
    public static boolean hasTypeVariable(Type t) {
        if (t.isTypeVariable()) {
            return true;
        }
        if (t.isParameterizedType()) {
            return t.asParameterizedType().typeArguments().stream().anyMatch(LiteTypes::hasTypeVariable);
        }
        if (t.isArray()) {
            return hasTypeVariable(t.asArray().componentType());
        }
        if (t.isWildcardType()) {
            Type upper = t.asWildcardType().upperBound();
            Type lower = t.asWildcardType().lowerBound();
            return upper != null && hasTypeVariable(upper) || lower != null && hasTypeVariable(lower);
        }
        return false;
    }

    /** The class or interface a class or parameterized type names, else {@code null}. */
    private static ClassInfo declaration(Type t) {
        return t.isClass() ? t.asClass().declaration()
                : t.isParameterizedType() ? t.asParameterizedType().genericClass().declaration() : null;
    }

    /** Tells whether a type's erasure is an interface. */
    public static boolean isInterface(Type t) {
        ClassInfo declaration = declaration(t);
        return declaration != null && declaration.isInterface();
    }

    /** The name of a type's erasure. */
    public static String erasureName(Type t) {
        ClassInfo declaration = declaration(t);
        if (declaration != null) {
            return declaration.name();
        }
        if (t.isPrimitive()) {
            return t.asPrimitive().name();
        }
        if (t.isArray()) {
            return "[" + descriptor(t.asArray().componentType());
        }
        return Object.class.getName();
    }

    private static String descriptor(Type t) {
        if (t.isArray()) {
            return "[" + descriptor(t.asArray().componentType());
        }
        if (t.isPrimitive()) {
            return SinkRules.PRIMITIVES.get(t.asPrimitive().name()).descriptorString();
        }
        return "L" + erasureName(t) + ";";
    }

    /** Writes a type for messages, like {@link java.lang.reflect.Type#getTypeName()}. */
    public static String display(Type t) {
        if (t.isClass()) {
            return t.asClass().declaration().name();
        }
        if (t.isParameterizedType()) {
            return display(t.asParameterizedType().genericClass()) + t.asParameterizedType().typeArguments().stream()
                    .map(LiteTypes::display).collect(Collectors.joining(", ", "<", ">"));
        }
        if (t.isArray()) {
            return display(t.asArray().componentType()) + "[]";
        }
        if (t.isPrimitive()) {
            return t.asPrimitive().name();
        }
        if (t.isTypeVariable()) {
            return t.asTypeVariable().name();
        }
        if (t.isWildcardType()) {
            Type upper = t.asWildcardType().upperBound();
            Type lower = t.asWildcardType().lowerBound();
            // as java.lang.reflect writes it: "?" also for an upper bound of Object (the model's bound of a plain "?")
            boolean unbounded = upper == null || upper.isClass() && upper.asClass().declaration().name()
                    .equals(Object.class.getName());
            return lower != null ? "? super " + display(lower) : unbounded ? "?" : "? extends " + display(upper);
        }
        return String.valueOf(t);
    }
}
