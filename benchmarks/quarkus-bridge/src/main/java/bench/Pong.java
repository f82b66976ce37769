/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package bench;

/** The event reaching the plain observer (a distinct type, so each fire reaches exactly one method). */
public record Pong(long value) {
}
