/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.core.ft.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} under a {@link RetryPolicy}, as MicroProfile Fault Tolerance decides it: retried
 * when {@code retryOn} matches it and {@code abortOn} does not, passed through otherwise (as it
 * always was). Strategies other than a policy never see an Error ({@code RetryingSinkTest}).
 */
class RetryingSinkErrorRetryTest {

    private final ManualTimekeeper clock = new ManualTimekeeper();
    private final List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
    private final RecordingSink<String> target = new RecordingSink<>("target");

    /** Throws {@code error} on the first {@code failures} writes, then passes events on. */
    private static final class Throwing implements Sink<String> {
        final AtomicInteger attempts = new AtomicInteger();
        private final int failures;
        private final Error error;
        private final Sink<String> next;

        Throwing(int failures, Error error, Sink<String> next) {
            this.failures = failures;
            this.error = error;
            this.next = next;
        }

        @Override
        public void write(String event) {
            if (attempts.incrementAndGet() <= failures) {
                throw error;
            }
            next.write(event);
        }

        @Override
        public void close() {
            next.close();
        }

        @Override
        public String toString() {
            return "throwing";
        }
    }

    private RetryPolicy.Builder policy() {
        return RetryPolicy.builder().jitter(Duration.ZERO).delay(Duration.ofMillis(10)).timekeeper(clock);
    }

    private RetryingSink<String> retrying(Sink<String> sink, RetryPolicy policy) {
        return new RetryingSink<>(sink, policy, dropped::add, clock);
    }

    @Test
    void anErrorNamedInRetryOnIsRetriedUntilSuccess() {
        Throwing sink = new Throwing(2, new AssertionError("flaky"), target);

        retrying(sink, policy().retryOn(AssertionError.class).build()).write("e");

        assertThat(sink.attempts).hasValue(3);
        assertThat(target.events()).containsExactly("e");
        assertThat(clock.waits()).as("the policy's delay before each retry")
                .containsExactly(Duration.ofMillis(10).toNanos(), Duration.ofMillis(10).toNanos());
        assertThat(dropped).isEmpty();
    }

    @Test
    void retryOnThrowableRetriesAnErrorAndGivesUpWithTheGaveUpLetter() {
        AssertionError error = new AssertionError("always");
        Throwing sink = new Throwing(Integer.MAX_VALUE, error, target);

        retrying(sink, policy().retryOn(Throwable.class).maxRetries(2).build()).write("e");

        assertThat(sink.attempts).hasValue(3);
        assertThat(dropped).singleElement().satisfies(l -> {
            assertThat(l.reason()).isEqualTo(DropReason.GAVE_UP);
            assertThat(l.cause()).isSameAs(error);
            assertThat(l.attempts()).isEqualTo(3);
        });
    }

    @Test
    void theDefaultRetryOnDoesNotRetryAnError() {
        AssertionError error = new AssertionError("a bug");
        Throwing sink = new Throwing(1, error, target);

        assertThatThrownBy(() -> retrying(sink, policy().build()).write("e")).isSameAs(error);

        assertThat(sink.attempts).hasValue(1);
        assertThat(dropped).as("passed through, as before: the writer sees it").isEmpty();
    }

    @Test
    void abortOnWinsOverRetryOnForAnError() {
        StackOverflowError error = new StackOverflowError("deep");
        Throwing sink = new Throwing(1, error, target);
        RetryPolicy policy = policy().retryOn(Throwable.class).abortOn(VirtualMachineError.class).build();

        assertThatThrownBy(() -> retrying(sink, policy).write("e")).isSameAs(error);

        assertThat(sink.attempts).hasValue(1);
        assertThat(dropped).isEmpty();
    }

    @Test
    void anErrorOutsideRetryOnPassesThroughEvenWhenOtherErrorsAreRetried() {
        LinkageError error = new LinkageError("missing class");
        Throwing sink = new Throwing(1, error, target);

        assertThatThrownBy(() -> retrying(sink, policy().retryOn(AssertionError.class).build()).write("e"))
                .isSameAs(error);

        assertThat(sink.attempts).hasValue(1);
    }

    @Test
    void aMeteredPolicyRetriesTheErrorAndCountsTheRetries() {
        SinkMeter meter = new SinkMeter("m");
        Throwing sink = new Throwing(2, new AssertionError("flaky"), target);
        Sink<String> chain = meter.accepting(new RetryingSink<>(meter.delivering(sink),
                meter.retrying(policy().retryOn(Error.class).build()), meter.dropping(dropped::add), clock));

        chain.write("e");

        SinkStats stats = meter.snapshot();
        assertThat(stats.delivered()).isEqualTo(1);
        assertThat(stats.failedAttempts()).isEqualTo(2);
        assertThat(stats.retried()).isEqualTo(2);
        assertThat(stats.pending()).isZero();
    }
}
