/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import java.util.Locale;

/**
 * How an event becomes a Kafka record value (see {@code docs/kafka.md}).
 */
public enum KafkaFormat {
    /**
     * The webhook envelope of {@code docs/http.md} as the value:
     * {@code {"id":..,"timestamp":..,"type":..,"event":<JSON-B of the event>}}, header
     * {@code content-type: application/json}.
     */
    ENVELOPE("envelope"),
    /**
     * CloudEvents Kafka protocol binding, binary mode: the value is the JSON-B of the event, the
     * attributes are {@code ce_*} headers, {@code content-type: application/json}.
     */
    CLOUDEVENTS_BINARY("cloudevents-binary"),
    /**
     * CloudEvents Kafka protocol binding, structured mode: the value is a CloudEvents JSON object
     * with the event in {@code data}, header {@code content-type: application/cloudevents+json}.
     */
    CLOUDEVENTS_STRUCTURED("cloudevents-structured");

    private final String key;

    KafkaFormat(String key) {
        this.key = key;
    }

    /** @return the value of the {@code format} key that selects this format */
    public String key() {
        return key;
    }

    /**
     * The format named by a {@code format} key.
     *
     * @param value the value
     * @return the format
     * @throws IllegalArgumentException if no format has that name
     */
    public static KafkaFormat of(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (KafkaFormat f : values()) {
            if (f.key.equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException(value);
    }

    /** @return the allowed values, for messages */
    static String allowed() {
        return "envelope, cloudevents-binary, cloudevents-structured";
    }
}
