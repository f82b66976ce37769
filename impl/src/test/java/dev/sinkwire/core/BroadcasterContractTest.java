/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.Sink;

class BroadcasterContractTest extends SinkContractTest {
    @Override
    protected Sink<String> create(RecordingSink<String> inner) {
        return new Broadcaster<>(inner);
    }
}
