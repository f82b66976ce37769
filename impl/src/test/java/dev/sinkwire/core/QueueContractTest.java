/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.awaitility.Awaitility.await;

import dev.sinkwire.Sink;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sink contract for a {@link Queue}, unbounded ({@code capacity} 0) and bounded with a
 * capacity of one ({@link OverflowPolicy#BLOCK}), which makes writers wait for room.
 */
@ParameterizedClass(name = "capacity {0}")
@ValueSource(ints = {0, 1})
class QueueContractTest extends SinkContractTest {

    private final int capacity;
    private final AtomicInteger written = new AtomicInteger();

    QueueContractTest(int capacity) {
        this.capacity = capacity;
    }

    @Override
    protected Sink<String> create(RecordingSink<String> inner) {
        Queue<String> queue = capacity == 0
                ? new Queue<>(inner)
                : Queue.builder(inner).capacity(capacity).overflow(OverflowPolicy.BLOCK).build();
        return new Sink<>() { // counts accepted writes so that settle() knows what to wait for
            @Override
            public void write(String event) {
                queue.write(event);
                written.incrementAndGet();
            }

            @Override
            public void close() {
                queue.close();
            }
        };
    }

    @Override
    protected void settle() {
        await().atMost(Duration.ofSeconds(10)).until(() -> inner.events().size() == written.get());
    }
}
