/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the receiver before the application and gives the application its URL (a run-time value)
 * and a request timeout long enough for a loaded build machine.
 */
public class ReceiverResource implements QuarkusTestResourceLifecycleManager {
    static volatile Receiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = Receiver.start();
        // the default 1 s timeout can pass on a loaded build machine, and a retried order arrives twice
        return Map.of("sinkwire.sinks.webhook.url", receiver.url(), "sinkwire.sinks.webhook.timeout", "1m");
    }

    @Override
    public void stop() {
        receiver.close();
    }
}
