/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Named;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules for declaring sinks, written once for both front ends: names, method sinks, class
 * sinks' event types, which qualifiers restrict a sink, and which container events a sink does
 * not get. Front ends pass the facts of their container's model (by name, so that both the
 * reflection and the language model fit); the messages come from here. Stateless.
 */
public final class SinkRules {

    /** Qualifiers on a class or method that never restrict a sink: there they name or select beans, not events. */
    public static final Set<String> IGNORED_QUALIFIERS = Set.of(Named.class.getName(), Any.class.getName(),
            Default.class.getName());
    /**
     * Qualifiers on a method sink's parameter that never restrict it. As on an observer method's
     * parameter, {@code @Default} there means "only events fired without qualifiers"; {@code @Any}
     * means every event.
     */
    public static final Set<String> IGNORED_PARAMETER_QUALIFIERS = Set.of(Any.class.getName());
    /** The context lifecycle qualifiers. */
    private static final Set<String> LIFECYCLE = Set.of(Initialized.class.getName(), BeforeDestroyed.class.getName(),
            Destroyed.class.getName());
    /** Start early, so that sinks exist before other observers of application start fire events. */
    public static final int START_PRIORITY = 0;
    /** Stop late, after application observers of the same event, which may still fire events. */
    public static final int STOP_PRIORITY = 4900;

    /** The primitive classes by name. */
    public static final Map<String, Class<?>> PRIMITIVES = Map.of("int", int.class, "long", long.class,
            "boolean", boolean.class, "double", double.class, "float", float.class, "char", char.class,
            "byte", byte.class, "short", short.class);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private SinkRules() {
    }

    /** Tells whether a name follows the rules. */
    public static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** A method sink's declaration, with what is wrong besides its parameter count ({@link #validate}). */
    public static SinkDeclaration methodSink(String declaredName, String className, String simpleName,
            String methodName, List<String> parameterTypes, boolean isPrivate, boolean observes,
            boolean eventTypeHasVariable) {
        String problem = isPrivate
                ? "a method sink must not be private; allowed: a public, protected or package-private method"
                : observes ? "a method sink is not an observer method; remove @Observes/@ObservesAsync"
                : parameterTypes.size() == 1 && eventTypeHasVariable ? "the event parameter's type "
                        + parameterTypes.get(0) + " has a type variable; allowed: a concrete type"
                : parameterTypes.size() == 1 ? wildcard(parameterTypes.get(0)) : null;
        return new SinkDeclaration(SinkKind.METHOD, declaredName, className, simpleName, methodName, parameterTypes,
                parameterTypes.size() == 1 ? parameterTypes.get(0) : null, problem);
    }

    /** A class sink's declaration, with what is wrong with its event type ({@code null}: no {@code Sink}). */
    public static SinkDeclaration classSink(String declaredName, String className, String simpleName,
            String eventType, boolean hasVariable) {
        return new SinkDeclaration(SinkKind.CLASS, declaredName, className, simpleName, null, List.of(), eventType,
                eventType != null && hasVariable ? "cannot resolve the event type " + eventType + " of Sink; allowed:"
                        + " a class that implements Sink<T> with T a concrete type, directly or through superclasses"
                        : eventType != null ? wildcard(eventType) : null);
    }

    /**
     * What is wrong with an event type that has a wildcard ({@code List<?>}), written the same way by both front
     * ends, else {@code null}: no chain bean {@code Sink<List<?>>} can exist (a bean type must not contain a
     * wildcard), so both containers would fail with messages of their own.
     */
    private static String wildcard(String eventType) {
        return eventType.indexOf('?') < 0 ? null : "the event type " + eventType + " has a wildcard; allowed: a type"
                + " without wildcards or type variables, such as the raw type "
                + eventType.replaceAll("<.*>", "");
    }

    /**
     * The declaration again, wrong if it is on an interceptor or decorator, which CDI does not let declare
     * observer methods either (the portable front end would call it as a bean, the build compatible one has no
     * invoker for it).
     */
    public static SinkDeclaration onInterceptorOrDecorator(SinkDeclaration d, boolean isInterceptorOrDecorator) {
        return !isInterceptorOrDecorator ? d : new SinkDeclaration(d.kind(), d.declaredName(), d.className(),
                d.simpleName(), d.methodName(), d.parameterTypes(), d.eventType(), "an interceptor or decorator cannot"
                        + " be a sink nor declare one, as it cannot declare an observer method; allowed: @EventSink on"
                        + " a bean that is neither");
    }

    /** The qualifiers among a declaration's annotations that restrict a sink. */
    public static <A> List<A> restricting(Collection<A> annotations, Function<A, String> typeName,
            Predicate<A> isQualifier, boolean onParameter) {
        Set<String> ignored = onParameter ? IGNORED_PARAMETER_QUALIFIERS : IGNORED_QUALIFIERS;
        return annotations.stream().filter(a -> !ignored.contains(typeName.apply(a)) && isQualifier.test(a))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /**
     * Tells whether a sink's observers must skip the container's context lifecycle events, by the
     * erased event type's binary name and kind: only an observer of an interface, of {@code String}
     * or of a supertype ({@code Object}) can see them (payloads: {@code Object},
     * {@code ServletContext}, ...), unless the sink asks for them by qualifier.
     */
    public static boolean skipsContextLifecycle(String erasedName, boolean isInterface,
            Collection<String> qualifierTypes) {
        return (isInterface || erasedName.equals(Object.class.getName()) || erasedName.equals(String.class.getName()))
                && qualifierTypes.stream().noneMatch(LIFECYCLE::contains);
    }

    /** Tells whether an event's qualifiers make it a context lifecycle event. */
    public static boolean isContextLifecycle(Collection<? extends java.lang.annotation.Annotation> qualifiers) {
        return qualifiers.stream().anyMatch(q -> LIFECYCLE.contains(q.annotationType().getName()));
    }

    /**
     * Tells whether {@code event} is the container's {@code Startup} or {@code Shutdown} event reaching
     * a sink that did not ask for it by its exact type (a {@code Sink<Object>}, say).
     */
    public static boolean isUnaskedContainerEvent(Object event, Class<?> sinkEventClass) {
        return (event instanceof Startup || event instanceof Shutdown) && sinkEventClass != event.getClass();
    }

    /** Validates every declaration and the set of names: one message per problem, empty when all is well. */
    public static List<String> validate(List<SinkDeclaration> declarations) {
        List<String> problems = new ArrayList<>();
        Map<String, List<SinkDeclaration>> byName = new LinkedHashMap<>();
        for (SinkDeclaration d : declarations) {
            int before = problems.size();
            if (d.problem() != null) {
                problems.add("@EventSink on " + d.describe() + ": " + d.problem());
            }
            if (d.kind() == SinkKind.METHOD && d.parameterTypes().size() != 1) {
                problems.add("@EventSink on " + d.describe() + ": a method sink must have exactly one parameter,"
                        + " the event (it has " + d.parameterTypes().size() + "); allowed: one parameter of the"
                        + " event type, optionally with qualifiers, like an observer method without @Observes");
            }
            if (d.kind() == SinkKind.CLASS && d.eventType() == null) {
                problems.add("@EventSink on " + d.describe() + ": the class does not implement dev.sinkwire.Sink;"
                        + " allowed: a bean class implementing Sink<T>, or @EventSink on a method with one"
                        + " event parameter");
            }
            String name = d.name();
            if (!isValidName(name)) {
                problems.add("@EventSink(\"" + name + "\") on " + d.describe() + ": invalid sink name '" + name
                        + "'; allowed: letters, digits, '-' and '_' (no dots, no spaces, not empty)");
            }
            if (problems.size() == before) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(d);
            }
        }
        byName.forEach((name, list) -> {
            if (list.size() > 1) {
                List<String> where = new ArrayList<>();
                list.forEach(d -> where.add(d.describe()));
                where.sort(null); // the same words whatever order the container discovered them in
                problems.add("duplicate sink name '" + name + "': declared by " + String.join(" and ", where)
                        + "; sink names must be unique: give each a distinct name with @EventSink(\"...\")");
            }
        });
        return problems;
    }

    /** Boxes a primitive class ({@code void} gives {@code Object}); returns any other class as is. */
    public static Class<?> box(Class<?> c) {
        return !c.isPrimitive() ? c : c == void.class ? Object.class : MethodType.methodType(c).wrap().returnType();
    }

    /** Loads a class by binary name or primitive name, for front ends that only know names. */
    public static Class<?> load(String name, ClassLoader loader) throws ClassNotFoundException {
        Class<?> primitive = PRIMITIVES.get(name);
        return primitive != null ? primitive : Class.forName(name, false, loader);
    }
}
