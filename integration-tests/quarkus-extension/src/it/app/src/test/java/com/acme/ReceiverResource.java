/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts the receiver before the application and gives the application its URL (a run-time value). */
public class ReceiverResource implements QuarkusTestResourceLifecycleManager {
    static volatile Receiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = Receiver.start();
        return Map.of("sinkwire.sinks.webhook.url", receiver.url());
    }

    @Override
    public void stop() {
        receiver.close();
    }
}
