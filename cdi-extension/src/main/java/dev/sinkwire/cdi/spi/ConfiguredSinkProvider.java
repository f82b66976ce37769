/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.spi;

import java.util.List;
import java.util.Map;

/**
 * Builds the sinks of one {@code type} declared only in configuration. Found with
 * {@link java.util.ServiceLoader}; implementations must have a public no-argument constructor and
 * be safe for concurrent use (they are called once per sink at deployment, possibly from several
 * threads).
 */
public interface ConfiguredSinkProvider {

    /**
     * The value of {@code sinkwire.sinks.<name>.type} this provider serves, such as {@code http}.
     *
     * @return the type, lower case, not blank
     */
    String type();

    /**
     * The event types the sink takes, as named in its keys (for {@code http}: {@code events}).
     * The extension observes these types (with any qualifiers) when every name is a loadable
     * fully-qualified class; an empty list, or a name that is not (such as a simple name, which
     * {@code http} also accepts), means every event ({@code Object}). The sink filters by itself.
     *
     * @param keys the sink's keys relative to {@code sinkwire.sinks.<name>.}, the extension's own
     *     keys removed
     * @return the class names; empty for all events
     */
    List<String> eventTypes(Map<String, String> keys);

    /**
     * Builds the sink. Called once per sink, while the application starts.
     *
     * @param context the sink's name, keys and the services the extension provides
     * @return the sink and how the extension must chain it
     * @throws ConfiguredSinkException naming every problem in the sink's keys (each becomes a
     *     deployment problem)
     */
    ConfiguredSink create(ConfiguredSinkContext context);
}
