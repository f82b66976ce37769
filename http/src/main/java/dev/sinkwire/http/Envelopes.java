/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the JSON envelopes documented in {@code docs/http.md}. The event's own JSON comes from
 * JSON-B; the envelope around it is written here, so that the bytes signed are the bytes sent.
 * Stateless; safe for concurrent use.
 */
final class Envelopes {

    private static final byte[] BATCH_START = "{\"events\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BATCH_END = "]}".getBytes(StandardCharsets.US_ASCII);

    private Envelopes() {
    }

    /** {@code {"id":..,"timestamp":..,"type":..,"event":<eventJson>}} as UTF-8. */
    static byte[] envelope(String id, String timestamp, String type, String eventJson) {
        StringBuilder s = new StringBuilder(eventJson.length() + type.length() + 110);
        s.append("{\"id\":");
        appendString(s, id);
        s.append(",\"timestamp\":");
        appendString(s, timestamp);
        s.append(",\"type\":");
        appendString(s, type);
        s.append(",\"event\":").append(eventJson).append('}');
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code {"events":[e1,e2,...]}}. */
    static byte[] batch(List<byte[]> envelopes) {
        int size = BATCH_START.length + BATCH_END.length + envelopes.size();
        for (byte[] e : envelopes) {
            size += e.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(BATCH_START);
        for (int i = 0; i < envelopes.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(envelopes.get(i));
        }
        out.writeBytes(BATCH_END);
        return out.toByteArray();
    }

    /** Appends {@code value} as a JSON string literal (RFC 8259 escaping). */
    static void appendString(StringBuilder s, String value) {
        s.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '\b' -> s.append("\\b");
                case '\f' -> s.append("\\f");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }
}
