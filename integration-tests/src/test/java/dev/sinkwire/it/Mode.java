/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

/** Which Sinkwire front end a test container runs. */
enum Mode {
    /** The portable extension only (Weld, Open Liberty, Payara, WildFly). */
    PORTABLE,
    /** The build compatible extension only (Quarkus ArC), run by Weld's lite extension translator. */
    LITE
}
