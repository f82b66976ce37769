/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks;

/** The events every benchmark writes, allocated once, as go-events' benchmarks box theirs once. */
final class Payloads {

    /** go-events' {@code payload}. */
    static final String EVENT = "myevent";
    /** go-events' {@code payloadOther}: the event a half-matching filter rejects. */
    static final String OTHER = "other";

    private Payloads() {
    }
}
