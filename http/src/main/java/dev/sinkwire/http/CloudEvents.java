/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes CloudEvents 1.0 for the HTTP protocol binding: the JSON event format (structured and
 * batched modes) and the {@code ce-} headers of binary mode. Every event carries the required
 * attributes {@code specversion}, {@code id}, {@code source} and {@code type}, plus {@code time}
 * and {@code datacontenttype} ({@code application/json}); {@code data} is the JSON that JSON-B
 * made of the event. Stateless; safe for concurrent use.
 */
final class CloudEvents {

    static final String SPEC_VERSION = "1.0";
    static final String STRUCTURED_TYPE = "application/cloudevents+json; charset=UTF-8";
    static final String BATCH_TYPE = "application/cloudevents-batch+json; charset=UTF-8";
    static final String DATA_TYPE = "application/json";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CloudEvents() {
    }

    /** One event in the JSON event format, as UTF-8. */
    static byte[] structured(String id, String source, String type, String time, String dataJson) {
        StringBuilder s = new StringBuilder(dataJson.length() + type.length() + source.length() + 160);
        s.append("{\"specversion\":\"" + SPEC_VERSION + "\",\"id\":");
        Envelopes.appendString(s, id);
        s.append(",\"source\":");
        Envelopes.appendString(s, source);
        s.append(",\"type\":");
        Envelopes.appendString(s, type);
        s.append(",\"time\":");
        Envelopes.appendString(s, time);
        s.append(",\"datacontenttype\":\"" + DATA_TYPE + "\",\"data\":").append(dataJson).append('}');
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON array of structured events: the batched mode's body. */
    static byte[] batch(List<byte[]> events) {
        int size = 2 + events.size();
        for (byte[] e : events) {
            size += e.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(events.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }

    /** The binary mode's attribute headers, values percent-encoded as the HTTP binding requires. */
    static Map<String, String> binaryHeaders(String id, String source, String type, String time) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("ce-specversion", SPEC_VERSION);
        h.put("ce-id", percentEncode(id));
        h.put("ce-source", percentEncode(source));
        h.put("ce-type", percentEncode(type));
        h.put("ce-time", percentEncode(time));
        return h;
    }

    /**
     * Percent-encodes a header value as the HTTP binding (3.1.3.2) requires: the UTF-8 bytes of
     * space, double quote, percent, and every character outside printable US-ASCII become
     * {@code %XX}; everything else is kept.
     */
    static String percentEncode(String value) {
        StringBuilder s = null;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean keep = b > 0x20 && b < 0x7f && b != '"' && b != '%';
            if (!keep && s == null) {
                s = new StringBuilder(bytes.length + 16);
                s.append(new String(bytes, 0, i, StandardCharsets.US_ASCII));
            }
            if (s != null) {
                if (keep) {
                    s.append((char) b);
                } else {
                    s.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
                }
            }
        }
        return s == null ? value : s.toString();
    }
}
