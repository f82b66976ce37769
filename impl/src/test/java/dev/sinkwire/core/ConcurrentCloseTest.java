/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.Sink;
import dev.sinkwire.core.ft.CircuitBreaker;
import dev.sinkwire.core.ft.CircuitBreakerSink;
import dev.sinkwire.core.ft.TimeoutSink;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "close closes every sink, then returns" holds for every caller: a close that finds another close
 * in progress waits for it, so that code which closes a graph can rely on the wrapped sinks being
 * closed (a queue flushed) when its own call returns. A wrapped sink whose close calls back into
 * the closing sink, on the same thread, must not deadlock.
 */
class ConcurrentCloseTest {

    /** A sink whose close blocks until released, and can call back into the sink that wraps it. */
    static final class SlowToClose implements Sink<String> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicReference<Sink<String>> callBack = new AtomicReference<>();

        @Override
        public void write(String event) {
        }

        @Override
        public void close() {
            Sink<String> outer = callBack.get();
            if (outer != null) {
                outer.close(); // re-entrant close from the same thread: must return at once
            }
            entered.countDown();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("not released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed.set(true);
        }
    }

    static Stream<Arguments> sinks() {
        return Stream.of(
                Arguments.of("Broadcaster", (Function<Sink<String>, Sink<String>>) inner -> new Broadcaster<>(inner)),
                Arguments.of("Queue", (Function<Sink<String>, Sink<String>>) inner -> new Queue<>(inner)),
                Arguments.of("Filter", (Function<Sink<String>, Sink<String>>) inner -> new Filter<>(inner, e -> true)),
                Arguments.of("RetryingSink", (Function<Sink<String>, Sink<String>>) inner ->
                        new RetryingSink<>(inner, new Breaker(1, Duration.ofSeconds(1)))),
                Arguments.of("CircuitBreakerSink", (Function<Sink<String>, Sink<String>>) inner ->
                        new CircuitBreakerSink<>(inner, CircuitBreaker.ofDefaults())),
                Arguments.of("TimeoutSink", (Function<Sink<String>, Sink<String>>) inner ->
                        new TimeoutSink<>(inner, Duration.ofSeconds(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinks")
    void aSecondCloseWaitsForTheFirstToFinish(String name, Function<Sink<String>, Sink<String>> factory) throws Exception {
        SlowToClose inner = new SlowToClose();
        Sink<String> sink = factory.apply(inner);
        Thread first = new Thread(sink::close, "first-closer");
        first.start();
        assertThat(inner.entered.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean innerClosedWhenSecondReturned = new AtomicBoolean();
        Thread second = new Thread(() -> {
            sink.close();
            innerClosedWhenSecondReturned.set(inner.closed.get());
        }, "second-closer");
        second.start();
        // either the second close returned (too early: the wrapped sink is still closing), or it waits
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !second.isAlive() || second.getState() == Thread.State.WAITING || second.getState() == Thread.State.BLOCKED);
        inner.release.countDown();
        first.join(10_000);
        second.join(10_000);

        assertThat(innerClosedWhenSecondReturned).as("%s: wrapped sink closed when the second close returned", name)
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinks")
    void aReentrantCloseFromTheWrappedSinkDoesNotDeadlock(String name, Function<Sink<String>, Sink<String>> factory)
            throws Exception {
        SlowToClose inner = new SlowToClose();
        inner.release.countDown();
        Sink<String> sink = factory.apply(inner);
        inner.callBack.set(sink);
        Thread closer = new Thread(sink::close);
        closer.start();
        closer.join(10_000);
        assertThat(closer.isAlive()).as("%s: close returned", name).isFalse();
        assertThat(inner.closed).isTrue();
    }
}
