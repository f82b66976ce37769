/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A port of go-events' own tests ({@code common_test.go}, {@code broadcast_test.go},
 * {@code queue_test.go}, {@code channel_test.go}, {@code filter_test.go}, {@code retry_test.go}).
 *
 * <p>Written only against the public contract of DESIGN.md (the public constructors and methods
 * of {@code dev.sinkwire} and {@code dev.sinkwire.core}, nothing package-private, no test seams),
 * so it also proves that a program written against that contract compiles and passes. It keeps the
 * Go tests' real (millisecond) durations for that reason; goroutines become pool threads.
 */
class GoEventsPortTest {

    /** go's {@code testSink}: fails the test on more events than expected, or too few at close. */
    static final class TestSink implements Sink<Object> {
        private final int expected;
        private final List<Object> events = new ArrayList<>();
        private final List<String> problems = new CopyOnWriteArrayList<>();
        private boolean closed;

        TestSink(int expected) {
            this.expected = expected;
        }

        @Override
        public synchronized void write(Object event) {
            if (closed) {
                throw new SinkClosedException("test sink is closed");
            }
            events.add(event);
            if (events.size() > expected) {
                // go calls t.Fatalf here; a Broadcaster would swallow an AssertionError, so record it
                problems.add("len(events) == " + events.size() + ", expected " + expected);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                problems.add("closed twice");
                return;
            }
            closed = true;
            if (events.size() != expected) {
                problems.add("at close: len(events) == " + events.size() + ", expected " + expected);
            }
        }

        synchronized int size() {
            return events.size();
        }

        synchronized boolean closed() {
            return closed;
        }

        void assertNoProblems() {
            assertThat(problems).as("test sink problems").isEmpty();
        }
    }

    /** go's {@code delayedSink}: simulates a destination slower than the writers. */
    static final class DelayedSink implements Sink<Object> {
        private final Sink<Object> sink;
        private final Duration delay;

        DelayedSink(Sink<Object> sink, Duration delay) {
            this.sink = sink;
            this.delay = delay;
        }

        @Override
        public void write(Object event) {
            LockSupport.parkNanos(delay.toNanos()); // the simulated slowness, as go's time.Sleep
            sink.write(event);
        }

        @Override
        public void close() {
            sink.close();
        }
    }

    /** go's {@code flakySink}: fails at {@code rate}, with a seeded random for reproducibility. */
    static final class FlakySink implements Sink<Object> {
        private final Sink<Object> sink;
        private final Random random = new Random(20_261_126);
        private double rate;

        FlakySink(Sink<Object> sink, double rate) {
            this.sink = sink;
            this.rate = rate;
        }

        synchronized void rate(double rate) {
            this.rate = rate;
        }

        @Override
        public synchronized void write(Object event) {
            if (random.nextDouble() < rate) {
                throw new SinkException("error writing event: " + event);
            }
            sink.write(event);
        }

        @Override
        public void close() {
            sink.close();
        }
    }

    private final ExecutorService goroutines = Executors.newFixedThreadPool(32);

    @AfterEach
    void stopGoroutines() throws InterruptedException {
        goroutines.shutdownNow();
        assertThat(goroutines.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Writes {@code n} events concurrently, as go does with one goroutine per event; fails on the first error. */
    private void writeConcurrently(int n, IntFunction<Runnable> write) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            futures.add(goroutines.submit(write.apply(i)));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    /** go's {@code checkClose}: close, close again without error, then a write fails with ErrSinkClosed. */
    static void checkClose(Sink<Object> sink) {
        sink.close();
        sink.close(); // second close must not fail
        assertThatThrownBy(() -> sink.write("fail")).isInstanceOf(SinkClosedException.class);
    }

    @Test
    void testBroadcaster() throws Exception {
        int nEvents = 1000;
        List<TestSink> sinks = new ArrayList<>();
        Broadcaster<Object> b = new Broadcaster<>();
        for (int i = 0; i < 10; i++) {
            sinks.add(new TestSink(nEvents));
            b.add(sinks.get(i));
            b.add(sinks.get(i)); // noop
        }

        writeConcurrently(nEvents, i -> () -> b.write("event-" + i));

        for (TestSink sink : sinks) {
            b.remove(sink);
        }
        // sending one more would fail the test sinks if they were not removed
        b.write("onemore");

        // add them back to test closing
        for (TestSink sink : sinks) {
            b.add(sink);
        }
        checkClose(b);

        for (TestSink sink : sinks) {
            sink.assertNoProblems();
            assertThat(sink.size()).as("events in test sink").isEqualTo(nEvents);
            assertThat(sink.closed()).as("sink closed").isTrue();
        }
    }

    /** Not in go-events: a sink that fails does not stop the others, and write still succeeds. */
    @Test
    void testBroadcasterWithFailingSink() throws Exception {
        int nEvents = 100;
        TestSink good = new TestSink(nEvents);
        Sink<Object> failing = new Sink<>() {
            @Override
            public void write(Object event) {
                throw new SinkException("always fails");
            }

            @Override
            public void close() {
            }
        };
        List<Object> reported = new CopyOnWriteArrayList<>();
        Broadcaster<Object> b = new Broadcaster<>(letter -> reported.add(letter.event()), failing, good);

        writeConcurrently(nEvents, i -> () -> b.write("event-" + i));

        checkClose(b);
        good.assertNoProblems();
        assertThat(good.size()).isEqualTo(nEvents);
        assertThat(reported).hasSize(nEvents);
    }

    /** Not in go-events: a sink that reports itself closed is removed and sees nothing more. */
    @Test
    void testBroadcasterRemovesClosedSink() {
        TestSink closing = new TestSink(0);
        TestSink good = new TestSink(3);
        Broadcaster<Object> b = new Broadcaster<>(letter -> { }, closing, good);
        closing.close();

        b.write(1);
        b.write(2);
        b.write(3);

        checkClose(b); // would close `closing` a second time had it not been removed
        closing.assertNoProblems();
        good.assertNoProblems();
        assertThat(good.closed()).isTrue();
    }

    @Test
    void testQueue() throws Exception {
        int nevents = 1000;
        TestSink ts = new TestSink(nevents);
        // the delayed sink simulates a destination slower than the writers (go: 1ms per event)
        Queue<Object> eq = new Queue<>(new DelayedSink(ts, Duration.ofNanos(200_000)));

        writeConcurrently(nevents, i -> () -> eq.write("event-" + i));

        checkClose(eq);

        ts.assertNoProblems();
        assertThat(ts.size()).as("events that made it to the sink").isEqualTo(nevents);
        assertThat(ts.closed()).as("sink closed").isTrue();
    }

    @Test
    void testChannel() throws Exception {
        int nevents = 100;
        Channel<Object> sink = new Channel<>(0);

        Future<?> writers = goroutines.submit(() -> {
            writeConcurrently(nevents, i -> () -> sink.write("event-" + i));
            sink.close();
            // now send another bunch of events and ensure we stay closed
            writeConcurrently(nevents, i -> () -> assertThatThrownBy(() -> sink.write("event-" + i))
                    .isInstanceOf(SinkClosedException.class));
            return null;
        });

        int received = 0;
        while (true) {
            try {
                Object event = sink.poll(Duration.ofSeconds(30));
                if (event == null) {
                    fail("no event, and the channel not closed, within 30s");
                }
                received++;
            } catch (SinkClosedException closedAndEmpty) { // go: <-sink.Done()
                break;
            }
        }
        writers.get(30, TimeUnit.SECONDS);

        sink.close();
        assertThat(sink.done()).succeedsWithin(Duration.ofSeconds(10));
        assertThat(received).as("events through the channel").isEqualTo(nevents);
    }

    @Test
    void testFilter() {
        int nevents = 100;
        TestSink ts = new TestSink(nevents / 2);
        Filter<Object> filter = new Filter<>(ts, event -> event instanceof Integer i && i % 2 == 0);

        for (int i = 0; i < nevents; i++) {
            filter.write(i);
        }

        checkClose(filter);
        ts.assertNoProblems();
        assertThat(ts.closed()).isTrue();
    }

    @Test
    void testRetryingSinkBreaker() throws Exception {
        testRetryingSink(new Breaker(3, Duration.ofMillis(10)));
    }

    @Test
    void testRetryingSinkExponentialBackoff() throws Exception {
        testRetryingSink(new ExponentialBackoff(new ExponentialBackoffConfig(
                Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(5))));
    }

    private void testRetryingSink(dev.sinkwire.RetryStrategy strategy) throws Exception {
        int nevents = 100;
        TestSink ts = new TestSink(nevents);
        // a sink that fails most of the time, ensuring that all the events make it through
        FlakySink flaky = new FlakySink(ts, 1.0); // start out always failing
        RetryingSink<Object> s = new RetryingSink<>(flaky, strategy);

        List<Future<?>> futures = new ArrayList<>();
        for (int i = 1; i <= nevents; i++) {
            if (i > 50) { // above 50, set the failure rate lower
                flaky.rate(0.9);
            }
            String event = "event-" + i;
            futures.add(goroutines.submit(() -> s.write(event)));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }

        checkClose(s);
        ts.assertNoProblems();
        assertThat(ts.size()).isEqualTo(nevents);
    }

    @Test
    void testExponentialBackoff() {
        ExponentialBackoffConfig config = ExponentialBackoffConfig.DEFAULT;
        ExponentialBackoff strategy = new ExponentialBackoff(config);
        Duration backoff = strategy.proceed("e");
        assertThat(backoff).as("untouched backoff should be zero-wait").isEqualTo(Duration.ZERO);

        Duration expected = config.base().plus(config.factor());
        for (int i = 1; i <= 10; i++) {
            assertThat(strategy.failure("e", new SinkException("x")))
                    .as("no facilities for dropping events in ExponentialBackoff").isFalse();
            for (int j = 0; j < 1000; j++) { // sample this several thousand times
                assertThat(strategy.proceed("e")).as("bounded after %d failures", i)
                        .isLessThanOrEqualTo(expected);
            }
            expected = config.base().plus(config.factor().multipliedBy(1L << i));
            if (expected.compareTo(config.max()) > 0) {
                expected = config.max();
            }
        }

        strategy.success("e"); // recovery!
        assertThat(strategy.proceed("e")).as("should have recovered").isEqualTo(Duration.ZERO);
    }
}
