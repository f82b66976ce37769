package dev.sinkwire.demo;

import dev.sinkwire.DropListener;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.Broadcaster;
import dev.sinkwire.core.ExponentialBackoff;
import dev.sinkwire.core.ExponentialBackoffConfig;
import dev.sinkwire.core.Queue;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.Timekeeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The go-events canonical chain, in the core alone: a broadcaster feeding two queues, one in front
 * of a receiver that fails for a while (retried with a breaker), one in front of an audit log
 * (retried with exponential backoff). Prints a table that shows every event accounted for.
 */
public final class Demo {

    private static final int PRODUCERS = 4;
    private static final int EVENTS_PER_PRODUCER = 1_000;

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the producers
     */
    public static void main(String[] args) throws InterruptedException {
        long start = System.nanoTime();
        AtomicLong dropped = new AtomicLong();
        DropListener drops = letter -> dropped.incrementAndGet();

        CountingSink receiver = new CountingSink("receiver", 300); // fails its first 300 writes
        CountingSink audit = new CountingSink("audit", 50);
        Sink<String> receiverChain = Queue.<String>builder(
                new RetryingSink<>(receiver, new Breaker(5, Duration.ofMillis(20)), drops, Timekeeper.system()))
                .name("receiver").dropListener(drops).build();
        Sink<String> auditChain = Queue.<String>builder(new RetryingSink<>(audit,
                new ExponentialBackoff(new ExponentialBackoffConfig(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(10))),
                drops, Timekeeper.system()))
                .name("audit").dropListener(drops).build();
        Broadcaster<String> broadcaster = new Broadcaster<>(drops, receiverChain, auditChain);

        CountDownLatch ready = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            Thread thread = new Thread(() -> {
                awaitQuietly(ready);
                for (int i = 0; i < EVENTS_PER_PRODUCER; i++) {
                    broadcaster.write("order-" + producer + "-" + i);
                }
            }, "producer-" + p);
            thread.start();
            producers.add(thread);
        }
        ready.countDown();
        for (Thread thread : producers) {
            thread.join();
        }
        System.out.printf("accepted %d events from %d producers; closing (flushes every queue)...%n",
                PRODUCERS * EVENTS_PER_PRODUCER, PRODUCERS);
        broadcaster.close();

        long accepted = (long) PRODUCERS * EVENTS_PER_PRODUCER;
        System.out.printf("%n%-10s %9s %9s %9s %9s%n", "sink", "accepted", "delivered", "retried", "dropped");
        for (CountingSink sink : List.of(receiver, audit)) {
            System.out.printf("%-10s %9d %9d %9d %9d%n", sink.name, accepted, sink.delivered.get(), sink.failed.get(), 0);
        }
        System.out.printf("%nreported drops: %d; time: %d ms%n", dropped.get(), (System.nanoTime() - start) / 1_000_000);
        boolean complete = receiver.delivered.get() == accepted && audit.delivered.get() == accepted && dropped.get() == 0;
        System.out.println(complete ? "every event delivered exactly as accepted" : "EVENTS MISSING");
        if (!complete) {
            System.exit(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts deliveries; fails its first {@code failures} writes. Written to by one queue thread. */
    private static final class CountingSink implements Sink<String> {
        final String name;
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final long failures;

        CountingSink(String name, long failures) {
            this.name = name;
            this.failures = failures;
        }

        @Override
        public void write(String event) {
            if (failed.get() < failures) {
                failed.incrementAndGet();
                throw new SinkException(name + " is down");
            }
            delivered.incrementAndGet();
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
