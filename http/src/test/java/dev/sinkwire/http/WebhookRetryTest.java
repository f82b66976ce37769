/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.RetryingSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WebhookRetryStrategy} around a one-event-per-request sink, in a RetryingSink, on virtual time. */
class WebhookRetryTest {

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

    private RetryingSink<Object> retrying(RetryStrategy inner) {
        WebhookSink sink = WebhookSink.builder(TestConfigs.base(receiver.url("/")).build()).timekeeper(time).build();
        return new RetryingSink<>(sink, WebhookRetryStrategy.wrap(inner, Duration.ofMinutes(5), time),
                dropped::add, time);
    }

    @Test
    void retryable_failures_are_retried_until_delivered() {
        receiver.respond((r, i) -> Receiver.Reply.of(i < 2 ? 503 : 200));
        try (RetryingSink<Object> sink = retrying(new Breaker(1, Duration.ofSeconds(1), time))) {
            sink.write("e");
        }
        assertThat(receiver.count()).isEqualTo(3);
        assertThat(dropped).isEmpty();
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(1).toNanos());
    }

    @Test
    void the_canonical_chain_delivers_everything_in_order_through_an_outage() throws Exception {
        // Queue -> RetryingSink(WebhookRetryStrategy(Breaker)) -> WebhookSink; the receiver is down
        // (503, then a 429 with Retry-After) for the first requests, then recovers.
        receiver.respond((r, i) -> i < 5 ? Receiver.Reply.of(503)
                : i == 5 ? new Receiver.Reply(429, Map.of("Retry-After", "2"), "") : Receiver.Reply.of(200));
        dev.sinkwire.core.Queue<Object> queue = new dev.sinkwire.core.Queue<>(
                retrying(new Breaker(3, Duration.ofSeconds(1), time)));
        for (int i = 0; i < 40; i++) {
            queue.write("event-" + i);
        }
        queue.close();
        List<String> delivered = new java.util.ArrayList<>();
        String previous = null;
        for (Receiver.Request r : receiver.drain()) {
            String event = r.json().getString("event");
            if (!event.equals(previous)) {
                delivered.add(event);
            }
            previous = event;
        }
        List<String> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            expected.add("event-" + i);
        }
        assertThat(delivered).isEqualTo(expected);
        assertThat(receiver.count()).isEqualTo(46);
        assertThat(dropped).isEmpty();
        assertThat(time.waits()).contains(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void retries_resend_the_same_envelope_and_a_new_write_gets_a_new_one() throws Exception {
        receiver.respond((r, i) -> Receiver.Reply.of(i < 2 ? 503 : 200));
        try (RetryingSink<Object> sink = retrying(new Breaker(1, Duration.ofSeconds(1), time))) {
            sink.write(new WebhookSinkTest.OrderPlaced("A-1", 1));
            sink.write(new WebhookSinkTest.OrderPlaced("A-1", 1)); // equal, but another event
        }
        List<Receiver.Request> requests = receiver.drain();
        assertThat(requests).hasSize(4);
        assertThat(requests.get(1).text()).isEqualTo(requests.get(0).text());
        assertThat(requests.get(2).text()).isEqualTo(requests.get(0).text());
        assertThat(requests.get(3).json().getString("id")).isNotEqualTo(requests.get(0).json().getString("id"));
    }

    @Test
    void after_a_permanent_failure_the_same_event_gets_a_fresh_envelope() throws Exception {
        receiver.respond((r, i) -> Receiver.Reply.of(i == 0 ? 400 : 200));
        Object event = "same object";
        try (WebhookSink sink = new WebhookSink(TestConfigs.base(receiver.url("/")).build())) {
            assertThatThrownBy(() -> sink.write(event)).isInstanceOf(PermanentWebhookException.class);
            sink.write(event);
        }
        List<Receiver.Request> requests = receiver.drain();
        assertThat(requests.get(1).json().getString("id")).isNotEqualTo(requests.get(0).json().getString("id"));
    }

    @Test
    void after_writing_something_else_the_same_event_object_gets_a_fresh_envelope() throws Exception {
        // Each write of something else on the thread ends the "right after a retryable failure"
        // window, also when it is not sent: filtered out, a DeadLetter, or unserializable.
        receiver.respond((r, i) -> Receiver.Reply.of(i % 2 == 0 ? 503 : 200));
        Object event = new WebhookSinkTest.OrderPlaced("A-1", 1);
        List<Object> others = List.of("filtered out", new DeadLetter("x", "other", DropReason.FAILED, null, 1),
                new WebhookSinkTest.Exploding());
        try (WebhookSink sink = new WebhookSink(TestConfigs.base(receiver.url("/"))
                .events(List.of(WebhookSinkTest.OrderPlaced.class.getName(),
                        WebhookSinkTest.Exploding.class.getName())).build())) {
            for (Object other : others) {
                assertThatThrownBy(() -> sink.write(event)).isInstanceOf(WebhookException.class); // 503
                try {
                    sink.write(other);
                } catch (PermanentWebhookException unserializable) {
                    // not sent either
                }
                sink.write(event); // 200
            }
        }
        List<Receiver.Request> requests = receiver.drain();
        assertThat(requests).hasSize(6); // 3 x (503, 200): the others were not sent
        assertThat(requests).extracting(r -> r.json().getString("id")).doesNotHaveDuplicates();
    }

    @Test
    void a_permanent_failure_is_dropped_at_once_with_status_and_body_and_not_counted_by_the_strategy() {
        receiver.respond((r, i) -> Receiver.Reply.of(422, "{\"error\":\"orderId missing\"}"));
        AtomicInteger failuresSeen = new AtomicInteger();
        RetryStrategy counting = new RetryStrategy() {
            @Override
            public Duration proceed(Object event) {
                return Duration.ZERO;
            }

            @Override
            public boolean failure(Object event, Throwable error) {
                failuresSeen.incrementAndGet();
                return false; // would retry forever
            }

            @Override
            public void success(Object event) {
            }
        };
        try (RetryingSink<Object> sink = retrying(counting)) {
            sink.write("e");
        }
        assertThat(receiver.count()).isEqualTo(1);
        assertThat(failuresSeen).hasValue(0);
        assertThat(dropped).singleElement().satisfies(letter -> {
            assertThat(letter.event()).isEqualTo("e");
            assertThat(letter.reason()).isEqualTo(DropReason.GAVE_UP);
            assertThat(letter.attempts()).isEqualTo(1);
            PermanentWebhookException e = (PermanentWebhookException) letter.cause();
            assertThat(e.statusCode()).isEqualTo(422);
            assertThat(e.bodyExcerpt()).isEqualTo("{\"error\":\"orderId missing\"}");
        });
    }

    @Test
    void an_unserializable_event_is_dropped_and_the_next_one_delivered() {
        try (RetryingSink<Object> sink = retrying(new Breaker(1, Duration.ofSeconds(1), time))) {
            sink.write(new WebhookSinkTest.Exploding());
            sink.write("fine");
        }
        assertThat(dropped).singleElement().satisfies(letter -> {
            assertThat(letter.event()).isInstanceOf(WebhookSinkTest.Exploding.class);
            assertThat(letter.cause()).isInstanceOf(PermanentWebhookException.class);
        });
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void retry_after_is_waited_when_longer_than_the_strategy_wait() {
        receiver.respond((r, i) -> i == 0 ? new Receiver.Reply(429, Map.of("Retry-After", "7"), "")
                : Receiver.Reply.of(200));
        try (RetryingSink<Object> sink = retrying(new Breaker(1, Duration.ofSeconds(1), time))) {
            sink.write("e");
        }
        assertThat(receiver.count()).isEqualTo(2);
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(7).toNanos());
    }

    @Test
    void the_strategy_wait_wins_when_longer_and_long_retry_after_is_capped() {
        receiver.respond((r, i) -> switch (i) {
            case 0 -> new Receiver.Reply(503, Map.of("Retry-After", "1"), "");
            case 1 -> new Receiver.Reply(503, Map.of("Retry-After", "86400"), "");
            default -> Receiver.Reply.of(200);
        });
        WebhookSink sink = WebhookSink.builder(TestConfigs.base(receiver.url("/"))
                .maxRetryAfter(Duration.ofMinutes(1)).build()).timekeeper(time).build();
        try (RetryingSink<Object> retrying = new RetryingSink<>(sink, WebhookRetryStrategy.wrap(
                new Breaker(1, Duration.ofSeconds(2), time), Duration.ofMinutes(1), time), dropped::add, time)) {
            retrying.write("e");
        }
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(2).toNanos(), Duration.ofMinutes(1).toNanos());
        assertThat(dropped).isEmpty();
    }

    @Test
    void an_http_date_retry_after_is_measured_on_the_clock_capped_and_the_retry_keeps_the_webhook_id() {
        Instant now = Instant.parse("2026-11-26T19:24:47Z");
        String tomorrow = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plus(Duration.ofDays(1))
                .atZone(ZoneOffset.UTC));
        String soon = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(45).atZone(ZoneOffset.UTC));
        receiver.respond((r, i) -> switch (i) {
            case 0 -> new Receiver.Reply(503, Map.of("Retry-After", tomorrow), "");
            case 1 -> new Receiver.Reply(429, Map.of("Retry-After", soon), "");
            default -> Receiver.Reply.of(200);
        });
        WebhookSink sink = WebhookSink.builder(TestConfigs.base(receiver.url("/"))
                        .signatureSecret(StandardWebhooksTest.SECRET).maxRetryAfter(Duration.ofMinutes(1)).build())
                .clock(Clock.fixed(now, ZoneOffset.UTC)).timekeeper(time).build();
        try (RetryingSink<Object> retrying = new RetryingSink<>(sink, WebhookRetryStrategy.wrap(
                new Breaker(1, Duration.ofSeconds(1), time), Duration.ofMinutes(1), time), dropped::add, time)) {
            retrying.write("e");
        }
        // a day, capped at max-retry-after; then 45 s from the date (the fixed clock does not move)
        assertThat(time.waits()).containsExactly(Duration.ofMinutes(1).toNanos(), Duration.ofSeconds(45).toNanos());
        List<Receiver.Request> requests = receiver.drain();
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(r -> r.header("webhook-id")).containsOnly(requests.get(0).header("webhook-id"));
        assertThat(requests).extracting(Receiver.Request::text).containsOnly(requests.get(0).text());
        assertThat(dropped).isEmpty();
    }

    @Test
    void retry_after_is_remembered_per_write_through_for_write_only() throws InterruptedException {
        WebhookRetryStrategy s = WebhookRetryStrategy.wrap(new Breaker(100, Duration.ZERO, time),
                Duration.ofMinutes(5), time);
        Object a = "a";
        Object b = "b";
        RetryStrategy writeA = s.forWrite(a);
        RetryStrategy writeB = s.forWrite(b);
        assertThat(writeA).isNotSameAs(writeB);
        assertThat(writeA.failure(a, new RetryAfterException("x", 429, "", Duration.ofSeconds(30)))).isFalse();
        assertThat(writeB.proceed(b)).isZero();
        assertThat(writeA.proceed(a)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.proceed(a)).as("the shared strategy keeps no per-write state").isZero();
        time.await(new java.util.concurrent.CountDownLatch(1), Duration.ofSeconds(10).toNanos());
        assertThat(writeA.proceed(a)).isEqualTo(Duration.ofSeconds(20));
        writeA.success(a);
        assertThat(writeA.proceed(a)).isZero();
        assertThat(s.failure(a, new PermanentWebhookException("x", 400, ""))).isTrue();
    }

    @Test
    void the_wrapped_strategys_own_for_write_is_asked_once_per_write() {
        AtomicInteger perWrite = new AtomicInteger();
        RetryStrategy budget = new RetryStrategy() {
            @Override
            public RetryStrategy forWrite(Object event) {
                perWrite.incrementAndGet();
                AtomicInteger attempts = new AtomicInteger();
                return new RetryStrategy() { // two attempts per write, counted per write
                    @Override
                    public Duration proceed(Object e) {
                        return Duration.ZERO;
                    }

                    @Override
                    public boolean failure(Object e, Throwable error) {
                        return attempts.incrementAndGet() >= 2;
                    }

                    @Override
                    public void success(Object e) {
                    }
                };
            }

            @Override
            public Duration proceed(Object event) {
                throw new AssertionError("the per-write strategy answers");
            }

            @Override
            public boolean failure(Object event, Throwable error) {
                throw new AssertionError("the per-write strategy answers");
            }

            @Override
            public void success(Object event) {
                throw new AssertionError("the per-write strategy answers");
            }
        };
        receiver.respond((r, i) -> Receiver.Reply.of(503));
        try (RetryingSink<Object> sink = retrying(budget)) {
            sink.write("a");
            sink.write("b");
        }
        assertThat(perWrite).hasValue(2);
        assertThat(receiver.count()).isEqualTo(4);
        assertThat(dropped).extracting(DeadLetter::event).containsExactly("a", "b");
    }

    @Test
    void the_wrapped_strategy_still_decides_retryable_failures() {
        receiver.respond((r, i) -> Receiver.Reply.of(500));
        RetryStrategy dropAfterTwo = new RetryStrategy() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Duration proceed(Object event) {
                return Duration.ZERO;
            }

            @Override
            public boolean failure(Object event, Throwable error) {
                return n.incrementAndGet() >= 2;
            }

            @Override
            public void success(Object event) {
            }
        };
        try (RetryingSink<Object> sink = retrying(dropAfterTwo)) {
            sink.write("e");
        }
        assertThat(receiver.count()).isEqualTo(2);
        assertThat(dropped).singleElement().satisfies(l -> {
            assertThat(l.attempts()).isEqualTo(2);
            assertThat(((WebhookException) l.cause()).statusCode()).isEqualTo(500);
        });
    }

    @Test
    void arguments_are_checked() {
        assertThatThrownBy(() -> WebhookRetryStrategy.wrap(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("delegate strategy must not be null");
        assertThatThrownBy(() -> WebhookRetryStrategy.wrap(new Breaker(1, Duration.ZERO), Duration.ofSeconds(-1),
                time)).hasMessage("maxRetryAfter must be zero or positive, was PT-1S");
        assertThat(WebhookRetryStrategy.isPermanent(new IllegalStateException())).isFalse();
    }
}
