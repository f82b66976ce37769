package dev.sinkwire.cdi;

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
record SinkBinding(String name, SinkKind kind, String description, Class<?> beanClass, Class<?> eventClass,
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
    SinkBinding(String name, SinkKind kind, String description, Class<?> beanClass, Class<?> eventClass,
            MethodCall invoker) {
        this(name, kind, description, beanClass, eventClass, invoker, null);
    }

    /**
     * A sink declared in configuration alone.
     *
     * @param declared the declaration
     * @return the binding
     */
    static SinkBinding configured(ConfiguredSinks.Declared declared) {
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
    SinkBinding {
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
        eventClass = box(eventClass);
    }

    /**
     * Boxes a primitive class.
     *
     * @param c a class
     * @return its wrapper class if primitive, else {@code c}
     */
    static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return switch (c.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "char" -> Character.class;
            case "byte" -> Byte.class;
            case "short" -> Short.class;
            default -> Object.class;
        };
    }

    /**
     * Loads a class by binary name or primitive name, for front ends that only know names.
     *
     * @param name the binary name or a primitive's name
     * @param loader where to load it from
     * @return the class
     * @throws ClassNotFoundException if there is no such class
     */
    static Class<?> load(String name, ClassLoader loader) throws ClassNotFoundException {
        switch (name) {
            case "int": return int.class;
            case "long": return long.class;
            case "boolean": return boolean.class;
            case "double": return double.class;
            case "float": return float.class;
            case "char": return char.class;
            case "byte": return byte.class;
            case "short": return short.class;
            default: return Class.forName(name, false, loader);
        }
    }
}
