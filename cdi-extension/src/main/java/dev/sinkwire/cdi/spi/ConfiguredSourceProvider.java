/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.spi;

import java.util.List;
import java.util.Map;

/**
 * Checks the sources of one {@code type} declared in configuration
 * ({@code sinkwire.sources.<name>.type=<type>}). The extension's one configuration reader reads
 * every source key it knows (keys in {@code docs/kafka.md}) and asks the provider only what its type
 * alone knows: its client properties, the keys {@code <type>.<property>} handed to the client, and
 * the form of its topic names. Found with {@link java.util.ServiceLoader}; implementations must have
 * a public no-argument constructor and be safe for concurrent use.
 */
public interface ConfiguredSourceProvider {

    /**
     * The value of {@code sinkwire.sources.<name>.type} this provider serves, such as {@code kafka}.
     * Its client properties are the source's keys that start with this type and a dot.
     *
     * @return the type, lower case, not blank
     */
    String type();

    /**
     * Checks a source's keys, at deployment.
     *
     * @param prefix the source's full prefix, {@code sinkwire.sources.<name>.}, for messages
     * @param keys every key of the source relative to {@code prefix}, with its value
     * @return the problems, each naming the full key and what is allowed, never the value of a client
     *     property (it may be a secret); empty when the keys are fine
     */
    List<String> check(String prefix, Map<String, String> keys);
}
