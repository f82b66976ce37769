/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.util.List;
import java.util.Objects;

/**
 * The facts a front end collected about one {@code @EventSink} declaration, before validation.
 * Immutable.
 *
 * @param kind class sink or method sink
 * @param declaredName the value of {@code @EventSink}, possibly empty
 * @param className the bean class's fully-qualified name
 * @param simpleName the bean class's simple name
 * @param methodName the method's name (method sinks), or {@code null}
 * @param parameterTypes the method's parameter types as text (method sinks), else empty
 * @param implementsSink whether the class implements {@code Sink} (class sinks)
 * @param eventType the sink's event type as text, or {@code null} when it could not be resolved
 * @param problem a problem the front end found (private method, {@code @Observes}...), or {@code null}
 */
public record SinkDeclaration(SinkKind kind, String declaredName, String className, String simpleName,
        String methodName, List<String> parameterTypes, boolean implementsSink, String eventType,
        String problem) {

    /** Checks the components. */
    public SinkDeclaration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(declaredName, "declaredName");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(simpleName, "simpleName");
        parameterTypes = List.copyOf(parameterTypes);
    }

    /** Describes a class sink. */
    public static SinkDeclaration ofClass(String declaredName, String className, String simpleName,
            boolean implementsSink, String eventType, String problem) {
        return new SinkDeclaration(SinkKind.CLASS, declaredName, className, simpleName, null, List.of(),
                implementsSink, eventType, problem);
    }

    /** Describes a method sink. */
    public static SinkDeclaration ofMethod(String declaredName, String className, String simpleName, String methodName,
            List<String> parameterTypes, String problem) {
        return new SinkDeclaration(SinkKind.METHOD, declaredName, className, simpleName, methodName, parameterTypes,
                false, parameterTypes.size() == 1 ? parameterTypes.get(0) : null, problem);
    }

    /** The sink's name: the declared one, or the documented default. */
    public String name() {
        if (!declaredName.isEmpty()) {
            return declaredName;
        }
        String base = simpleName.isEmpty() ? simpleName
                : Character.toLowerCase(simpleName.charAt(0)) + simpleName.substring(1);
        return kind == SinkKind.CLASS ? base : base + "-" + methodName;
    }

    /** Where the sink is declared, for messages. */
    public String describe() {
        return kind == SinkKind.CLASS
                ? "class " + className
                : "method " + className + "." + methodName + "(" + String.join(", ", parameterTypes) + ")";
    }
}
