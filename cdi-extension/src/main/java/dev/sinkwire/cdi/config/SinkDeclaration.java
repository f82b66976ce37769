/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.util.List;

/**
 * The facts a front end collected about one {@code @EventSink} declaration, before validation;
 * made by {@link SinkRules#classSink} and {@link SinkRules#methodSink}. Immutable.
 *
 * @param kind class sink or method sink
 * @param declaredName the value of {@code @EventSink}, possibly empty
 * @param className the bean class's fully-qualified name
 * @param simpleName the bean class's simple name
 * @param methodName the method's name (method sinks), or {@code null}
 * @param parameterTypes the method's parameter types as text (method sinks), else empty
 * @param eventType the sink's event type as text, or {@code null} when it could not be resolved (for a
 *     class sink: the class does not implement {@code Sink})
 * @param problem a problem the front end found (private method, {@code @Observes}...), or {@code null}
 */
public record SinkDeclaration(SinkKind kind, String declaredName, String className, String simpleName,
        String methodName, List<String> parameterTypes, String eventType, String problem) {

    /** Copies the parameter types. */
    public SinkDeclaration {
        parameterTypes = List.copyOf(parameterTypes);
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
