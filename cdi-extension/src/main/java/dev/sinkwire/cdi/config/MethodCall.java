/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

/**
 * Calls a method sink's method with one event, obtaining the bean itself: {@code LookupMethodCall}
 * in the portable front end, a CDI Lite {@code jakarta.enterprise.invoke.Invoker} in the build
 * compatible one. Names no type of CDI 4.1, so that a CDI 4.0 container can load this module.
 * Implementations are safe for concurrent use.
 */
@FunctionalInterface
public interface MethodCall {

    /** Calls the method with one event. */
    Object call(Object event) throws Exception;
}
