/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.ManualTimekeeper;
import dev.sinkwire.core.RetryingSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The MP FT combinations, composed from core sinks the way the CDI layer composes them:
 * {@code RetryingSink(RetryPolicy) -> CircuitBreakerSink -> TimeoutSink -> sink}, on a
 * {@link ManualTimekeeper}.
 */
class FtSemanticsTest {

    /** A manual clock for the FT tests: any origin (only differences count), not zero. */
    static ManualTimekeeper clock() {
        return new ManualTimekeeper(1_000_000_000L);
    }

    /** A sink that fails its first {@code failures} writes with {@code error}, then succeeds. */
    static final class FlakySink implements Sink<Object> {
        final AtomicInteger attempts = new AtomicInteger();
        final List<Object> delivered = new CopyOnWriteArrayList<>();
        private final int failures;
        private final RuntimeException error;
        volatile boolean closed;

        FlakySink(int failures, RuntimeException error) {
            this.failures = failures;
            this.error = error;
        }

        @Override
        public void write(Object event) {
            if (attempts.incrementAndGet() <= failures) {
                throw error;
            }
            delivered.add(event);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Runs every task at once on the calling thread: a TimeoutSink that never times out. */
    static final Executor DIRECT = Runnable::run;

    private final ManualTimekeeper clock = clock();
    private final List<DeadLetter> dropped = new CopyOnWriteArrayList<>();

    @Test
    void retryOverBreakerCountsAnOpenCircuitAsAFailedAttemptAndGivesUpWithTheLastError() {
        FlakySink receiver = new FlakySink(Integer.MAX_VALUE, new IllegalStateException("down"));
        CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(2).failureRatio(1)
                .delay(Duration.ofSeconds(10)).timekeeper(clock).build();
        RetryPolicy policy = RetryPolicy.builder().maxRetries(4).delay(Duration.ofMillis(100))
                .jitter(Duration.ZERO).timekeeper(clock).build();
        Sink<Object> chain = new RetryingSink<>(new CircuitBreakerSink<>(receiver, breaker), policy, dropped::add, clock);

        chain.write("e1");

        // attempts 1 and 2 reach the receiver and open the breaker; attempts 3..5 are refused
        assertThat(receiver.attempts).hasValue(2);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(dropped).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DropReason.GAVE_UP);
            assertThat(d.attempts()).isEqualTo(5);
            assertThat(d.cause()).isInstanceOf(CircuitBreakerOpenException.class);
        });
        assertThat(clock.waitDurations()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100),
                Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void retryWaitsOutAnOpenBreakerWhenItsDelaysAreLongEnoughAndTheProbeSucceeds() {
        FlakySink receiver = new FlakySink(2, new IllegalStateException("down"));
        CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(2).failureRatio(0.5)
                .delay(Duration.ofSeconds(1)).timekeeper(clock).build();
        RetryPolicy policy = RetryPolicy.builder().maxRetries(3).delay(Duration.ofMillis(600))
                .jitter(Duration.ZERO).timekeeper(clock).build();
        Sink<Object> chain = new RetryingSink<>(new CircuitBreakerSink<>(receiver, breaker), policy, dropped::add, clock);

        chain.write("e1");

        // t=0 fail, t=600 fail (opens), t=1200 refused (open until 1600), t=1800 half-open probe succeeds
        assertThat(receiver.attempts).hasValue(3);
        assertThat(receiver.delivered).containsExactly("e1");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(dropped).isEmpty();
    }

    @Test
    void timeoutIsRetriedByDefaultAndCountsAsABreakerFailure() {
        AtomicInteger calls = new AtomicInteger();
        Sink<Object> slow = new Sink<>() {
            @Override
            public void write(Object event) {
                calls.incrementAndGet();
            }

            @Override
            public void close() {
            }
        };
        // no write is ever run, so each wait for one passes its deadline on the manual clock: each attempt times out
        List<Runnable> neverRun = new ArrayList<>();
        TimeoutSink<Object> timeout = TimeoutSink.builder(slow).timeout(Duration.ofMillis(50))
                .executor(neverRun::add).timekeeper(clock).build();
        CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(3).failureRatio(1)
                .timekeeper(clock).build();
        RetryPolicy policy = RetryPolicy.builder().maxRetries(2).jitter(Duration.ZERO).timekeeper(clock).build();
        Sink<Object> chain = new RetryingSink<>(new CircuitBreakerSink<>(timeout, breaker), policy, dropped::add, clock);

        chain.write("e1");

        assertThat(dropped).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.cause()).isInstanceOf(SinkTimeoutException.class);
        });
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        // the writes were abandoned before a thread ran them: a late run does not write
        neverRun.forEach(Runnable::run);
        assertThat(calls).hasValue(0);
    }

    @Test
    void abortOnMatchingExceptionFromInsideTheChainDropsAtOnceButStillFeedsTheBreaker() {
        FlakySink receiver = new FlakySink(1, new IllegalArgumentException("bad event"));
        CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(1).failureRatio(1)
                .timekeeper(clock).build();
        RetryPolicy policy = RetryPolicy.builder().abortOn(IllegalArgumentException.class).timekeeper(clock).build();
        Sink<Object> chain = new RetryingSink<>(
                new CircuitBreakerSink<>(new TimeoutSink<>(receiver, Duration.ofSeconds(1)), breaker),
                policy, dropped::add, clock);

        chain.write("e1");

        assertThat(receiver.attempts).hasValue(1);
        assertThat(dropped).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.cause()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad event");
        });
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        chain.close();
        assertThat(receiver.closed).isTrue();
    }

    @Test
    void closingTheChainClosesEveryLayerAndLaterWritesFailClosed() {
        FlakySink receiver = new FlakySink(0, new IllegalStateException());
        TimeoutSink<Object> timeout = TimeoutSink.builder(receiver).executor(DIRECT).timekeeper(clock).build();
        CircuitBreakerSink<Object> guarded = new CircuitBreakerSink<>(timeout, CircuitBreaker.ofDefaults());
        Sink<Object> chain = new RetryingSink<>(guarded, RetryPolicy.ofDefaults(), dropped::add, clock);

        chain.write("e1");
        chain.close();
        chain.close();

        assertThat(receiver.delivered).containsExactly("e1");
        assertThat(receiver.closed).isTrue();
        assertThatThrownBy(() -> guarded.write("e2"))
                .isInstanceOf(SinkClosedException.class);
        assertThatThrownBy(() -> timeout.write("e2"))
                .isInstanceOf(SinkClosedException.class);
    }
}
