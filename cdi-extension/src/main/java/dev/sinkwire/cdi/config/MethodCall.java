/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

/**
 * Calls a method sink's method with one event, obtaining the bean itself: {@code LookupMethodCall}
 * in the portable front end, a CDI Lite {@code jakarta.enterprise.invoke.Invoker} in the build
 * compatible one. Same shape as {@code Invoker.invoke}, so that no type of CDI 4.1 is named where
 * a CDI 4.0 container loads this module. Implementations are safe for concurrent use.
 */
@FunctionalInterface
public interface MethodCall {

    /** Calls the method; {@code instance} is always {@code null} (the bean is looked up). */
    Object invoke(Object instance, Object[] arguments) throws Exception;

    /** Calls the method with one event; implementations may avoid the argument array. */
    default Object call(Object event) throws Exception {
        return invoke(null, new Object[] {event});
    }
}
