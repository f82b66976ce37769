package dev.sinkwire.core;

import static org.awaitility.Awaitility.await;

import dev.sinkwire.Sink;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The sink contract, for a bounded queue whose capacity of one makes writers wait for room. */
class BoundedQueueContractTest extends SinkContractTest {

    private final AtomicInteger written = new AtomicInteger();

    @Override
    protected Sink<String> create(RecordingSink<String> inner) {
        Queue<String> queue = Queue.builder(inner).capacity(1).overflow(OverflowPolicy.BLOCK).build();
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
