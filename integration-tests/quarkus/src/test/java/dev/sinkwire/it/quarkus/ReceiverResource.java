/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import dev.sinkwire.it.receiver.Receiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the webhook {@link Receiver} on 127.0.0.1 before Quarkus starts and hands its URL to the
 * application as {@code sinkwire.sinks.webhook.url} (the config-only webhook sink's URL). The running receiver is in {@link #receiver()}.
 */
public class ReceiverResource implements QuarkusTestResourceLifecycleManager {
    private static volatile Receiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = Receiver.start();
        return Map.of("sinkwire.sinks.webhook.url", receiver.url() + "/orders",
                "sinkwire.sinks.observed.url", receiver.url() + "/observed");
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /** @return the receiver of the running test application */
    static Receiver receiver() {
        return receiver;
    }
}
