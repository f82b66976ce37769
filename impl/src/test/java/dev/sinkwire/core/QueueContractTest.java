package dev.sinkwire.core;

import static org.awaitility.Awaitility.await;

import dev.sinkwire.Sink;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

class QueueContractTest extends SinkContractTest {

    private final AtomicInteger written = new AtomicInteger();

    @Override
    protected Sink<String> create(RecordingSink<String> inner) {
        Queue<String> queue = new Queue<>(inner);
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
