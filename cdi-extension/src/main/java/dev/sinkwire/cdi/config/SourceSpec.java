/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One source declared in configuration ({@code sinkwire.sources.<name>.*}), read and checked by
 * {@link SpecReader}: the records of {@code topic} become CDI events of their mapped class, with the
 * qualifiers. Immutable.
 *
 * @param name the source's name
 * @param type the source type ({@code kafka}), served by a {@code ConfiguredSourceProvider}
 * @param topic the topic read
 * @param group the consumer group
 * @param eventType the class of records whose type name is not mapped, or {@code null}
 * @param types classes by type name (CloudEvents or envelope {@code type})
 * @param qualifiers qualifier annotations whose members all have defaults
 * @param format how record values are read
 * @param deadLetterTopic where undecodable records go, or {@code null}
 * @param retryBackoff the wait before handing a record over again after an observer threw
 * @param client the client properties (keys {@code <type>.<property>}, without the prefix); values
 *     may be secrets and are never printed
 */
public record SourceSpec(String name, String type, String topic, String group, Class<?> eventType,
        Map<String, Class<?>> types, List<Class<? extends Annotation>> qualifiers, Format format,
        String deadLetterTopic, Duration retryBackoff, Map<String, String> client) {

    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);

    /** How record values are read ({@link Keys#SOURCE_FORMAT}). */
    public enum Format {
        /** The Sinkwire envelope; CloudEvents records are recognized by their headers. */
        ENVELOPE,
        /** The value is the event's JSON alone; CloudEvents records are recognized by their headers. */
        JSON
    }

    /** @return {@code sinkwire.sources.<name>.}, for messages */
    public String prefix() {
        return Keys.source(name, "");
    }

    /** Names the client properties without their values, which may be secrets. */
    @Override
    public String toString() {
        return "source '" + name + "' (" + type + ", topic " + topic + ", group " + group + ", client properties "
                + client.keySet() + ")";
    }
}
