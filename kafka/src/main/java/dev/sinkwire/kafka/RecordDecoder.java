/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import jakarta.json.bind.Jsonb;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a Kafka record back into an event: finds the format (CloudEvents binary by its
 * {@code ce_specversion} header, structured by its {@code content-type}, else the Sinkwire envelope,
 * or the bare event JSON), the type name (CloudEvents {@code type} or the envelope's {@code type}),
 * the Java class mapped to it, and reads the event's JSON with JSON-B. Only mapped classes are ever
 * instantiated, whatever a record claims. Immutable; safe for concurrent use if the {@code Jsonb} is.
 */
final class RecordDecoder {

    private final Jsonb jsonb;
    private final boolean bare;
    private final Class<?> defaultType;
    private final Map<String, Class<?>> types;

    /**
     * @param jsonb reads the events
     * @param bare whether the value is the event's JSON itself (no envelope), unless CloudEvents headers say otherwise
     * @param defaultType the class of records whose type is not mapped, or {@code null} to refuse them
     * @param types classes by type name
     */
    RecordDecoder(Jsonb jsonb, boolean bare, Class<?> defaultType, Map<String, Class<?>> types) {
        this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
        this.bare = bare;
        this.defaultType = defaultType;
        this.types = Map.copyOf(types);
    }

    /**
     * Decodes one record.
     *
     * @param record the record
     * @return the event, never {@code null}
     * @throws RuntimeException if the record is not an event of a mapped type (a poison record)
     */
    Object decode(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            throw new IllegalArgumentException("the record has no value (a tombstone)");
        }
        if (header(record, "ce_specversion") != null) {
            return read(new String(value, StandardCharsets.UTF_8), header(record, "ce_type"));
        }
        String contentType = header(record, RecordEncoder.CONTENT_TYPE);
        if (contentType != null && contentType.startsWith("application/cloudevents+json")) {
            return unwrap(value, "data");
        }
        if (bare) {
            return read(new String(value, StandardCharsets.UTF_8), null);
        }
        return unwrap(value, "event");
    }

    /** Reads a JSON object holding the type name in {@code type} and the event in {@code field}. */
    private Object unwrap(byte[] value, String field) {
        Map<?, ?> outer = jsonb.fromJson(new String(value, StandardCharsets.UTF_8), Map.class);
        if (outer == null || !outer.containsKey(field)) {
            throw new IllegalArgumentException("the value has no '" + field + "' member");
        }
        Object type = outer.get("type");
        return read(jsonb.toJson(outer.get(field)), type instanceof String s ? s : null);
    }

    private Object read(String json, String typeName) {
        Class<?> type = typeName == null ? defaultType : types.getOrDefault(typeName, defaultType);
        if (type == null) {
            throw new IllegalArgumentException("type '" + typeName + "' is not mapped to a class; mapped: "
                    + types.keySet());
        }
        Object event = jsonb.fromJson(json, type);
        if (event == null) {
            throw new IllegalArgumentException("the event is JSON null");
        }
        return event;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
