/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.ft.CircuitBreaker;
import dev.sinkwire.core.ft.CircuitBreakerSink;
import dev.sinkwire.core.ft.TimeoutSink;
import dev.sinkwire.core.internal.CloseOnce;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CloseOnce}, the close protocol of {@link Broadcaster}, {@link Filter},
 * {@link RetryingSink}, {@link CircuitBreakerSink} and {@link TimeoutSink}, under many closers started in a shuffled order: the wrapped sink is closed
 * exactly once and no close returns before it is closed; for the two that promise it (the
 * broadcaster swaps its sinks out under its lock, the retrying sink drains its attempts), writes
 * racing with the closes reach the wrapped sink before its close or not at all. (A filter does not
 * promise that, nor do the two in {@code core.ft}: a write that passed its closed check may reach
 * the destination while it closes.)
 */
class CloseOnceStressTest {

    private static final int CLOSERS = 6;
    private static final int WRITERS = 2;

    /** Counts its closes and the writes that arrive after one; its close takes a little while. */
    static final class CountingSink implements Sink<Integer> {
        final AtomicInteger closes = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicInteger writesAfterClose = new AtomicInteger();

        @Override
        public void write(Integer event) {
            if (closed.get()) {
                writesAfterClose.incrementAndGet();
            }
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            for (int i = 0; i < 100; i++) {
                Thread.yield(); // widen the window in which later closes arrive
            }
            closed.set(true);
        }
    }

    static Stream<Arguments> sinks() {
        return Stream.of(
                Arguments.of("Broadcaster", true, (Function<Sink<Integer>, Sink<Integer>>) inner -> new Broadcaster<>(inner)),
                Arguments.of("Filter", false, (Function<Sink<Integer>, Sink<Integer>>) inner -> new Filter<>(inner, e -> true)),
                Arguments.of("RetryingSink", true, (Function<Sink<Integer>, Sink<Integer>>) inner ->
                        new RetryingSink<>(inner, new Breaker(1, Duration.ofSeconds(1)))),
                Arguments.of("CircuitBreakerSink", false, (Function<Sink<Integer>, Sink<Integer>>) inner ->
                        new CircuitBreakerSink<>(inner, CircuitBreaker.ofDefaults())),
                Arguments.of("TimeoutSink", false, (Function<Sink<Integer>, Sink<Integer>>) inner ->
                        new TimeoutSink<>(inner, Duration.ofSeconds(30))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinks")
    void manyClosersCloseTheWrappedSinkOnceAndReturnAfterIt(String name, boolean noWriteAfterClose,
            Function<Sink<Integer>, Sink<Integer>> factory) throws InterruptedException {
        for (int round = 0; round < 50; round++) {
            long seed = System.nanoTime();
            CountingSink inner = new CountingSink();
            Sink<Integer> sink = factory.apply(inner);
            List<String> early = new CopyOnWriteArrayList<>();
            Concurrently run = new Concurrently();
            for (int c = 0; c < CLOSERS; c++) {
                String closer = "closer-" + c;
                run.add(closer, () -> {
                    sink.close();
                    if (!inner.closed.get()) {
                        early.add(closer);
                    }
                });
            }
            for (int w = 0; w < WRITERS; w++) {
                run.add("writer-" + w, () -> {
                    for (int i = 0; i < 200; i++) {
                        try {
                            sink.write(i);
                        } catch (SinkClosedException expected) {
                            return;
                        }
                    }
                });
            }
            run.run(new Random(seed), 30);

            assertThat(inner.closes).as("%s, seed %d: closes of the wrapped sink", name, seed).hasValue(1);
            assertThat(early).as("%s, seed %d: closes that returned before the wrapped sink was closed", name, seed)
                    .isEmpty();
            assertThat(noWriteAfterClose ? inner.writesAfterClose.get() : 0).as("%s, seed %d: writes after the wrapped sink's close", name, seed)
                    .isZero();
        }
    }

    @RepeatedTest(20)
    void onlyTheFirstBeginDoesTheWorkAndTheOthersWaitForItsEnd() throws InterruptedException {
        long seed = System.nanoTime();
        CloseOnce closing = new CloseOnce();
        AtomicInteger workers = new AtomicInteger();
        AtomicBoolean ended = new AtomicBoolean();
        List<String> early = new CopyOnWriteArrayList<>();
        Concurrently run = new Concurrently();
        for (int c = 0; c < CLOSERS; c++) {
            String closer = "closer-" + c;
            run.add(closer, () -> {
                if (closing.begin()) {
                    workers.incrementAndGet();
                    Thread.yield();
                    ended.set(true);
                    closing.end();
                } else if (!ended.get()) {
                    early.add(closer);
                }
            });
        }
        run.run(new Random(seed), 30);
        assertThat(workers).as("seed %d", seed).hasValue(1);
        assertThat(early).as("seed %d: begins that returned before end", seed).isEmpty();
    }

    @Test
    void aBeginFromTheClosingThreadReturnsAtOnce() {
        CloseOnce closing = new CloseOnce();
        assertThat(closing.begin()).isTrue();
        assertThat(closing.begin()).as("re-entrant: must not wait for itself").isFalse();
        closing.end();
        assertThat(closing.begin()).isFalse();
    }
}
