/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.Sink;
import java.time.Duration;

class RetryingSinkContractTest extends SinkContractTest {
    @Override
    protected Sink<String> create(RecordingSink<String> inner) {
        return new RetryingSink<>(inner, new Breaker(3, Duration.ofSeconds(1)));
    }
}
