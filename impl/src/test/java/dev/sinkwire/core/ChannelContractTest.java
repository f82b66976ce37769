/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.Sink;
import java.util.ArrayList;
import java.util.List;

class ChannelContractTest extends SinkContractTest {

    private Channel<String> channel;
    private final List<String> taken = new ArrayList<>();

    @Override
    protected Sink<String> create(RecordingSink<String> inner) {
        channel = new Channel<>(16); // buffered, so that one thread can write and then take
        return channel;
    }

    @Override
    protected void settle() {
        String event;
        while ((event = channel.poll(java.time.Duration.ZERO)) != null) {
            taken.add(event);
        }
    }

    @Override
    protected List<String> delivered() {
        return List.copyOf(taken);
    }

    @Override
    protected boolean wraps() {
        return false;
    }
}
