/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.ft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import dev.sinkwire.cdi.config.FtSpec;
import dev.sinkwire.core.ft.CircuitBreaker;
import dev.sinkwire.core.ft.CircuitBreakerOpenException;
import dev.sinkwire.core.ft.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The FT layers as Sinkwire composes them without an FT implementation, checked against MP FT's
 * interaction rules: Retry outside CircuitBreaker outside Timeout ("each retry attempt is processed
 * by the circuit breaker"; "if a CircuitBreakerOpenException is thrown, the execution may be
 * retried"; "the timeout is restarted for each retry"), and an open breaker's refusal is not a
 * result in its window.
 */
class FtLayersTest {

    /** Fails every write, counting the calls that reach it. */
    static final class Failing implements Sink<Object> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void write(Object event) {
            calls.incrementAndGet();
            throw new SinkException("receiver down");
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "failing";
        }
    }

    @Test
    void retryWrapsTheBreakerWhichWrapsTheTimeoutAndARefusalIsAFailedAttemptNotAWindowResult() {
        RetryPolicy retry = RetryPolicy.builder().maxRetries(4).jitter(Duration.ZERO).maxDuration(Duration.ZERO)
                .build();
        // opens when 2 of the last 2 calls failed; stays open far longer than this test
        CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(2).failureRatio(1)
                .delay(Duration.ofDays(1)).build();
        FtSpec ft = new FtSpec(Map.of(), false, retry, breaker, Duration.ofDays(1));
        Failing target = new Failing();
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        List<String> layers = new ArrayList<>();
        Sink<Object> sink = FtLayers.build("hook", target, false, ft, dead::add, null, layers, s -> s, r -> r);
        try {
            assertThat(layers).hasSize(4);
            assertThat(layers.get(0)).isEqualTo("Report");
            assertThat(layers.get(1)).startsWith("RetryingSink[");
            assertThat(layers.get(2)).startsWith("CircuitBreaker[");
            assertThat(layers.get(3)).isEqualTo("Timeout(86400000ms)");

            sink.write("e1");

            // attempts 1 and 2 reach the receiver (through the timeout) and fill the window with
            // failures; attempts 3 to 5 are refused by the open breaker without calling it
            assertThat(target.calls).hasValue(2);
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.reason()).isEqualTo(DropReason.GAVE_UP);
                assertThat(d.attempts()).isEqualTo(5);
                assertThat(d.cause()).isInstanceOf(CircuitBreakerOpenException.class);
            });
        } finally {
            sink.close();
        }
    }

    @Test
    void withoutRetryAFailureAndThenARefusalAreReportedOnceEachAsFailed() {
        CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(1).failureRatio(1)
                .delay(Duration.ofDays(1)).build();
        FtSpec ft = new FtSpec(Map.of(), false, null, breaker, null);
        Failing target = new Failing();
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        Sink<Object> sink = FtLayers.build("hook", target, false, ft, dead::add, null, new ArrayList<>(),
                s -> s, r -> r);
        sink.write("e1");
        sink.write("e2");
        assertThat(target.calls).hasValue(1);
        assertThat(dead).extracting(DeadLetter::reason).containsExactly(DropReason.FAILED, DropReason.FAILED);
        assertThat(dead).extracting(DeadLetter::attempts).containsExactly(1, 1);
        assertThat(dead.get(0).cause()).isInstanceOf(SinkException.class).hasMessage("receiver down");
        assertThat(dead.get(1).cause()).isInstanceOf(CircuitBreakerOpenException.class);
        sink.close();
    }
}
