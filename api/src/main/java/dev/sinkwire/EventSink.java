/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a CDI bean, or one method of a bean, as a named sink fed from CDI events.
 *
 * <ul>
 *   <li>On a bean class that implements {@link Sink Sink&lt;T&gt;}: the bean receives every
 *       event of type {@code T} (and subtypes) fired through CDI.</li>
 *   <li>On a method of a bean with exactly one parameter: the method is called with every event of
 *       the parameter's type, like an observer method without {@code @Observes}.</li>
 * </ul>
 *
 * <p>Qualifiers on the class or method restrict which events reach the sink, by CDI's observer
 * resolution rules. The sink's queueing, retry and filtering are configured in MicroProfile
 * Config under {@code sinkwire.sinks.<name>.*}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface EventSink {

    /**
     * The sink's name, unique in the application, used in configuration keys and reports. When
     * empty, a class sink is named after its class's simple name with the first letter in lower
     * case ({@code AuditLog} becomes {@code auditLog}), and a method sink after its class and
     * method ({@code Billing.charge} becomes {@code billing-charge}). Names may use letters,
     * digits, {@code -} and {@code _}; no dots, so that configuration keys stay unambiguous.
     *
     * @return the name, or empty for the default
     */
    String value() default "";
}
