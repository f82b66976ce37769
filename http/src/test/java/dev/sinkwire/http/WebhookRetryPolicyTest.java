/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.ft.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link RetryPolicy}, whose count and deadline live in the strategy it returns for each write,
 * behind {@link WebhookRetryStrategy}: one event per request through a {@link RetryingSink}, and
 * batches, each of which is one write of the policy.
 */
class WebhookRetryPolicyTest {

    private Receiver receiver;
    private final TestTimekeepers.Jumping time = new TestTimekeepers.Jumping();
    private final List<DeadLetter> dropped = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private RetryPolicy policy(int maxRetries) {
        return RetryPolicy.builder().maxRetries(maxRetries).delay(Duration.ofSeconds(1)).jitter(Duration.ZERO)
                .timekeeper(time).build();
    }

    @Test
    void each_event_gets_its_own_retries_and_retry_after_still_applies() {
        receiver.respond((r, i) -> switch (i) {
            case 0 -> new Receiver.Reply(429, Map.of("Retry-After", "7"), "");
            case 1 -> Receiver.Reply.of(200); // the first event, on its only retry
            default -> Receiver.Reply.of(503); // the second event, on every attempt
        });
        // the sink holds itself off for a Retry-After on the same clock the retries wait on
        WebhookSink webhook = WebhookSink.builder(TestConfigs.base(receiver.url("/")).build()).timekeeper(time).build();
        try (RetryingSink<Object> sink = new RetryingSink<>(webhook,
                WebhookRetryStrategy.wrap(policy(1), Duration.ofMinutes(5), time), dropped::add, time)) {
            sink.write("first");
            sink.write("second");
        }
        assertThat(receiver.count()).isEqualTo(4); // 2 attempts each: 1 retry each, not 1 in all
        assertThat(dropped).singleElement().satisfies(l -> {
            assertThat(l.event()).isEqualTo("second");
            assertThat(l.reason()).isEqualTo(DropReason.GAVE_UP);
            assertThat(l.attempts()).isEqualTo(2);
        });
        // Retry-After 7 s wins over the policy's 1 s for the first event; the second waits 1 s
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(7).toNanos(), Duration.ofSeconds(1).toNanos());
    }

    /** The wrapper keeps the policy's decision on an {@code Error}: retried when {@code retryOn} names it. */
    @Test
    void an_error_the_policy_retries_is_retried_through_the_wrapper() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        List<Object> written = new CopyOnWriteArrayList<>();
        dev.sinkwire.Sink<Object> flaky = new dev.sinkwire.Sink<>() {
            @Override
            public void write(Object event) {
                if (calls.incrementAndGet() == 1) {
                    throw new AssertionError("flaky");
                }
                written.add(event);
            }

            @Override
            public void close() {
            }
        };
        RetryPolicy retryingErrors = policy(2).toBuilder().retryOn(AssertionError.class).build();
        try (RetryingSink<Object> sink = new RetryingSink<>(flaky,
                WebhookRetryStrategy.wrap(retryingErrors, Duration.ofMinutes(5), time), dropped::add, time)) {
            sink.write("e");
        }
        assertThat(calls).hasValue(2);
        assertThat(written).containsExactly("e");
        assertThat(dropped).isEmpty();
    }

    @Test
    void each_batch_gets_its_own_retries() throws Exception {
        receiver.respond((r, i) -> i == 1 ? Receiver.Reply.of(200) : Receiver.Reply.of(503));
        try (WebhookSink sink = WebhookSink.builder(TestConfigs.base(receiver.url("/batch")).batchSize(2)
                .batchLinger(Duration.ofHours(1)).build()).name("batched").dropListener(dropped::add)
                .timekeeper(time).retryStrategy(policy(1)).build()) {
            sink.write("a");
            sink.write("b");
            sink.flush(); // fails, then its retry is delivered
            sink.write("c");
            sink.write("d");
            sink.flush(); // fails twice: its own single retry, not the first batch's
        }
        assertThat(receiver.count()).isEqualTo(4);
        assertThat(dropped).extracting(DeadLetter::event).containsExactly("c", "d");
        assertThat(dropped).allSatisfy(l -> {
            assertThat(l.reason()).isEqualTo(DropReason.GAVE_UP);
            assertThat(l.attempts()).isEqualTo(2);
        });
    }
}
