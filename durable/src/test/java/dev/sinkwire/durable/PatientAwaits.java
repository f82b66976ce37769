/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Raises Awaitility's default bound (10 s) to a minute for every test class of this module: the
 * waits here end as soon as a relay or a database has done its work, which takes milliseconds on
 * a quiet machine and an unknown time on a loaded one; a bound only ends a wait that never would.
 * Registered through {@code META-INF/services} with Jupiter's extension auto-detection.
 */
public final class PatientAwaits implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultTimeout(Duration.ofMinutes(1));
    }
}
