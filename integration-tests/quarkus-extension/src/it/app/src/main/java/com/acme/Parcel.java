/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

/** A parcel sent to a depot: the event that goes through Kafka (keyed by depot). */
public record Parcel(String id, String depot) {
}
