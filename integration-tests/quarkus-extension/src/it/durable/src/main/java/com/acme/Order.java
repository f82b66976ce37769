/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

/** An order placed: the event. */
public record Order(String id) {
}
