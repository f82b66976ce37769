/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import java.time.Duration;

/** Configurations for tests. */
final class TestConfigs {

    private TestConfigs() {
    }

    /**
     * A builder with a generous timeout, so that a loaded machine does not turn a slow loopback
     * answer into a failure; tests of timeouts set their own.
     */
    static WebhookConfig.Builder base(String url) {
        return WebhookConfig.builder(url).timeout(Duration.ofSeconds(10));
    }
}
