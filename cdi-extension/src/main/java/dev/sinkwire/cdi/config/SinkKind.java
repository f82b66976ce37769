/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

/** How a sink was declared. */
public enum SinkKind {
    /** {@code @EventSink} on a bean class implementing {@code Sink<T>}. */
    CLASS,
    /** {@code @EventSink} on a bean method with one event parameter. */
    METHOD,
    /** {@code sinkwire.sinks.<name>.type} in configuration, built by a {@code ConfiguredSinkProvider}. */
    CONFIGURED
}
