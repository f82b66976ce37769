/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.util.Objects;

/**
 * A validated sink as the runtime needs it: what a front end hands over once the container is
 * running. Immutable.
 *
 * @param name the sink's name
 * @param kind class sink or method sink
 * @param description where it is declared, for messages
 * @param beanClass the bean class
 * @param eventClass the erasure of the sink's event type
 * @param invoker for method sinks, a call that looks the bean up; {@code null} for class sinks
 * @param configured for sinks declared in configuration alone, the declaration; else {@code null}
 */
public record SinkBinding(String name, SinkKind kind, String description, Class<?> beanClass, Class<?> eventClass,
        MethodCall invoker, ConfiguredSinks.Declared configured) {

    /**
     * A class sink or a method sink.
     *
     * @param name the sink's name
     * @param kind class sink or method sink
     * @param description where it is declared, for messages
     * @param beanClass the bean class
     * @param eventClass the erasure of the sink's event type
     * @param invoker for method sinks, a call that looks the bean up; {@code null} for class sinks
     */
    public SinkBinding(String name, SinkKind kind, String description, Class<?> beanClass, Class<?> eventClass,
            MethodCall invoker) {
        this(name, kind, description, beanClass, eventClass, invoker, null);
    }

    /**
     * A sink declared in configuration alone.
     *
     * @param declared the declaration
     * @return the binding
     */
    public static SinkBinding configured(ConfiguredSinks.Declared declared) {
        return new SinkBinding(declared.name(), SinkKind.CONFIGURED, declared.describe(),
                declared.provider().getClass(), declared.eventClass(), null, declared);
    }

    /**
     * Checks the components and boxes a primitive event class.
     *
     * @param name the sink's name
     * @param kind class sink or method sink
     * @param description where it is declared, for messages
     * @param beanClass the bean class
     * @param eventClass the erasure of the sink's event type
     * @param invoker for method sinks, a call that looks the bean up; {@code null} for class sinks
     * @param configured for sinks declared in configuration alone, the declaration; else {@code null}
     */
    public SinkBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(beanClass, "beanClass");
        Objects.requireNonNull(eventClass, "eventClass");
        if (kind == SinkKind.METHOD) {
            Objects.requireNonNull(invoker, "invoker");
        }
        if (kind == SinkKind.CONFIGURED) {
            Objects.requireNonNull(configured, "configured");
        }
        eventClass = SinkRules.box(eventClass);
    }
}
