/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import jakarta.json.bind.Jsonb;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns an event into a Kafka record in one of the {@link KafkaFormat}s: the key from a
 * {@link KeyExtractor}, the event's JSON from JSON-B, and the envelope or CloudEvents attributes
 * written here. Immutable; safe for concurrent use if the {@code Jsonb} and the key extractor are
 * (Yasson's {@code Jsonb} is).
 */
final class RecordEncoder {

    /** The CloudEvents spec version written. */
    static final String SPEC_VERSION = "1.0";
    /** The content type of JSON values. */
    static final String JSON = "application/json";
    /** The content type of structured CloudEvents. */
    static final String CLOUDEVENTS_JSON = "application/cloudevents+json; charset=UTF-8";
    /** The header naming the value's content type. */
    static final String CONTENT_TYPE = "content-type";

    private static final byte[] JSON_BYTES = JSON.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOUDEVENTS_JSON_BYTES = CLOUDEVENTS_JSON.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SPEC_VERSION_BYTES = SPEC_VERSION.getBytes(StandardCharsets.US_ASCII);

    private final String topic;
    private final KafkaFormat format;
    private final Jsonb jsonb;
    private final KeyExtractor key;
    private final String source;
    /** {@link #source} in UTF-8, written as a header of every binary CloudEvent. */
    private final byte[] sourceBytes;
    /**
     * The latest event class and its name in UTF-8: a sink usually carries one class, so the
     * {@code ce_type} header is not re-encoded per event. Racy but benign: an immutable pair,
     * replaced whole; a thread that misses the latest one computes it again.
     */
    private TypeName lastType;

    /** An event class and its name in UTF-8. */
    private record TypeName(Class<?> type, byte[] utf8) {
    }

    /**
     * @param topic the topic of every record
     * @param format the value format
     * @param jsonb serializes the events
     * @param key the key, or {@code null} for records without keys
     * @param source the CloudEvents {@code source} attribute (a URI reference)
     */
    RecordEncoder(String topic, KafkaFormat format, Jsonb jsonb, KeyExtractor key, String source) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.format = Objects.requireNonNull(format, "format");
        this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
        this.key = key;
        this.source = Objects.requireNonNull(source, "source");
        this.sourceBytes = utf8(source);
    }

    /**
     * Encodes one event.
     *
     * @param event the event
     * @return the record
     * @throws RuntimeException if the key or the JSON cannot be computed (a permanent failure)
     */
    ProducerRecord<byte[], byte[]> encode(Object event) {
        String k = key == null ? null : key.key(event);
        byte[] keyBytes = k == null ? null : k.getBytes(StandardCharsets.UTF_8);
        String json = jsonb.toJson(event);
        String type = event.getClass().getName();
        RecordHeaders headers = new RecordHeaders();
        byte[] value;
        switch (format) {
            case ENVELOPE -> {
                value = envelope(UUID.randomUUID().toString(), Instant.now().toString(), type, json);
                headers.add(CONTENT_TYPE, JSON_BYTES);
            }
            case CLOUDEVENTS_BINARY -> {
                value = json.getBytes(StandardCharsets.UTF_8);
                headers.add("ce_specversion", SPEC_VERSION_BYTES);
                headers.add("ce_id", ascii(UUID.randomUUID().toString()));
                headers.add("ce_source", sourceBytes); // shared, as JSON_BYTES: nothing writes into header values
                headers.add("ce_type", typeBytes(event.getClass()));
                headers.add("ce_time", ascii(Instant.now().toString()));
                headers.add(CONTENT_TYPE, JSON_BYTES);
            }
            case CLOUDEVENTS_STRUCTURED -> {
                value = structured(UUID.randomUUID().toString(), Instant.now().toString(), type, json);
                headers.add(CONTENT_TYPE, CLOUDEVENTS_JSON_BYTES);
            }
            default -> throw new IllegalStateException(format.toString());
        }
        return new ProducerRecord<>(topic, null, keyBytes, value, headers);
    }

    /**
     * The webhook envelope.
     *
     * @param id the event id
     * @param timestamp when it was sent, ISO-8601
     * @param type the type name
     * @param json the event's JSON
     * @return {@code {"id":..,"timestamp":..,"type":..,"event":<json>}} as UTF-8
     */
    static byte[] envelope(String id, String timestamp, String type, String json) {
        StringBuilder s = new StringBuilder(json.length() + type.length() + 110);
        s.append("{\"id\":");
        string(s, id).append(",\"timestamp\":");
        string(s, timestamp).append(",\"type\":");
        string(s, type).append(",\"event\":").append(json).append('}');
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] structured(String id, String time, String type, String json) {
        StringBuilder s = new StringBuilder(json.length() + type.length() + source.length() + 160);
        s.append("{\"specversion\":\"").append(SPEC_VERSION).append("\",\"id\":");
        string(s, id).append(",\"source\":");
        string(s, source).append(",\"type\":");
        string(s, type).append(",\"time\":");
        string(s, time).append(",\"datacontenttype\":\"").append(JSON).append("\",\"data\":").append(json).append('}');
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Appends {@code value} as a JSON string (RFC 8259: quote, backslash and control characters escaped).
     *
     * @param s where to append
     * @param value the string
     * @return {@code s}
     */
    static StringBuilder string(StringBuilder s, String value) {
        s.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                s.append(c);
            }
        }
        return s.append('"');
    }

    /** @return the UTF-8 name of {@code type}, shared by the records of that class */
    private byte[] typeBytes(Class<?> type) {
        TypeName t = lastType;
        if (t == null || t.type() != type) {
            t = new TypeName(type, utf8(type.getName()));
            lastType = t;
        }
        return t.utf8();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** @return the topic */
    String topic() {
        return topic;
    }

    @Override
    public String toString() {
        return format.key() + " to " + topic + (key != null ? ", " + key : ", no key");
    }
}
