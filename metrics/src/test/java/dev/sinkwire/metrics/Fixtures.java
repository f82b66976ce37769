/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import dev.sinkwire.cdi.SinkState;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.cdi.spi.DurableBacklog;
import dev.sinkwire.core.Timekeeper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.faulttolerance.Retry;

/** The sinks and events of the metrics tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** The state probe of an enabled durable sink {@code name} (no queue, no breaker) reading {@code store}. */
    static SinkwireStats.Probe durableProbe(String name, DurableBacklog store) {
        return new SinkwireStats.Probe() {
            @Override
            public SinkState state() {
                return new SinkState(name, true, SinkState.Breaker.NONE, -1, 0, 0.9, true, false);
            }

            @Override
            public boolean enable() {
                return false;
            }

            @Override
            public DurableBacklog durableBacklog() {
                return store;
            }
        };
    }

    /** An event. Immutable. */
    record Order(String id) {
    }

    /** Another event type, for the sinks whose state the tests steer. Immutable. */
    record Ping(String id) {
    }

    /**
     * The clock the metrics read, as the application's {@link Timekeeper} bean: it moves only when
     * a test or a sink moves it, and counts its readings. Safe for concurrent use.
     */
    @ApplicationScoped
    static class Clock {
        static final AtomicLong NANOS = new AtomicLong();
        static final AtomicLong READINGS = new AtomicLong();

        static void advance(Duration by) {
            NANOS.addAndGet(by.toNanos());
        }

        @Produces
        Timekeeper timekeeper() {
            return new Timekeeper() {
                @Override
                public long nanoTime() {
                    READINGS.incrementAndGet();
                    return NANOS.get();
                }

                @Override
                public boolean await(CountDownLatch wake, long nanos) throws InterruptedException {
                    return wake.await(nanos, TimeUnit.NANOSECONDS);
                }
            };
        }
    }

    /**
     * Sink {@code orders}: {@code @Retry(maxRetries = 2)}, applied by Sinkwire. An order whose id
     * starts with {@code once} fails its first attempt; one starting with {@code never} fails all
     * three (a dead letter, reason GAVE_UP). Every attempt at order {@code <word>-<n>} takes
     * {@code n} × 10 ms of the test {@link Clock}. Safe for concurrent use.
     */
    @ApplicationScoped
    static class OrderSinks {
        final Map<String, Integer> attempts = new ConcurrentHashMap<>();

        @EventSink("orders")
        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        void orders(Order order) {
            int attempt = attempts.merge(order.id(), 1, Integer::sum);
            Clock.advance(Duration.ofMillis(10L * Integer.parseInt(order.id().substring(order.id().indexOf('-') + 1))));
            if (order.id().startsWith("never") || (order.id().startsWith("once") && attempt == 1)) {
                throw new IllegalStateException("attempt " + attempt + " of " + order.id() + " fails (planted)");
            }
        }
    }

    /**
     * Sink {@code hooks}, configured by the test with {@code retry.strategy=breaker}: fails while
     * {@link #down} is set, as a receiver that is down would. Safe for concurrent use.
     */
    @EventSink("hooks")
    @ApplicationScoped
    static class Hooks implements Sink<Ping> {
        private volatile boolean down;
        private final CountDownLatch delivered = new CountDownLatch(1);

        /** Sets whether the receiver is down (a method: tests hold a client proxy, not the instance). */
        void down(boolean value) {
            down = value;
        }

        /** Waits for the first delivery. */
        boolean awaitDelivered() throws InterruptedException {
            return delivered.await(1, TimeUnit.MINUTES);
        }

        @Override
        public void write(Ping event) {
            if (down) {
                throw new SinkException("receiver down (planted)");
            }
            delivered.countDown();
        }

        @Override
        public void close() {
        }
    }

    /**
     * Sink {@code slow}, configured by the test with a bounded queue: holds every write until
     * {@link #release} opens. Safe for concurrent use.
     */
    @EventSink("slow")
    @ApplicationScoped
    static class Slow implements Sink<Ping> {
        private final CountDownLatch release = new CountDownLatch(1);
        private final CountDownLatch entered = new CountDownLatch(1);

        /** Waits until the consumer holds the first event. */
        void awaitEntered() throws InterruptedException {
            entered.await();
        }

        /** Lets every write through. */
        void release() {
            release.countDown();
        }

        @Override
        public void write(Ping event) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("interrupted", e);
            }
        }

        @Override
        public void close() {
            release.countDown();
        }
    }

    /** Sink {@code fatal}: kills its queue's consumer thread with a {@link VirtualMachineError}. */
    @EventSink("fatal")
    @ApplicationScoped
    static class Fatal implements Sink<Ping> {
        @Override
        public void write(Ping event) {
            throw new InternalError("planted: kills the consumer thread");
        }

        @Override
        public void close() {
        }
    }
}
