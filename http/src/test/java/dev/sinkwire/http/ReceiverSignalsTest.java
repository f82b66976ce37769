/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.RetryingSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a receiver tells the sink with its status: {@code 410 Gone} disables the endpoint;
 * {@code 429}, {@code 502}, {@code 503}, {@code 504} with {@code Retry-After} make the whole sink
 * hold off (up to {@code max-retry-after}); redirects are never followed. Virtual time throughout.
 */
class ReceiverSignalsTest {

    private Receiver receiver;
    private LogCapture logs;
    private final TestTimekeepers.Stepped time = new TestTimekeepers.Stepped();
    private final List<DeadLetter> dropped = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        receiver.close();
    }

    private WebhookSink sink(WebhookConfig.Builder config) {
        return WebhookSink.builder(config.build()).name("orders").timekeeper(time).build();
    }

    @Test
    void gone_disables_the_endpoint_events_become_dead_letters_until_enable() throws Exception {
        receiver.respond((r, i) -> i == 0 ? Receiver.Reply.of(410, "endpoint removed") : Receiver.Reply.of(204));
        WebhookSink sink = sink(TestConfigs.base(receiver.url("/hook")));
        try (RetryingSink<Object> chain = new RetryingSink<>(sink,
                WebhookRetryStrategy.wrap(new Breaker(1, Duration.ofSeconds(1), time), Duration.ofMinutes(5), time),
                dropped::add, time)) {
            chain.write("a");
            assertThat(sink.disabled()).isTrue();
            assertThat(sink.toString()).contains("DISABLED (410 Gone)");
            chain.write("b");
            chain.write("c");
            assertThat(receiver.count()).as("nothing is sent while disabled").isEqualTo(1);
            assertThat(dropped).extracting(DeadLetter::event).containsExactly("a", "b", "c");
            assertThat(dropped).allSatisfy(l -> {
                assertThat(l.reason()).isEqualTo(DropReason.GAVE_UP);
                assertThat(((WebhookException) l.cause()).statusCode()).isEqualTo(410);
            });
            assertThat(dropped.get(1).cause()).isInstanceOf(EndpointDisabledException.class)
                    .hasMessageStartingWith("webhook sink orders is disabled: http://127.0.0.1:")
                    .hasMessageContaining("answered 410 Gone at")
                    .hasMessageContaining("until the application restarts or WebhookSink.enable() is called");
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("WARNING webhook sink orders is disabled"))
                    .hasSize(1);

            assertThat(sink.enable()).isTrue();
            assertThat(sink.enable()).isFalse();
            chain.write("d");
        }
        assertThat(receiver.count()).isEqualTo(2);
        assertThat(receiver.drain().get(1).json().getString("event")).isEqualTo("d");
        assertThat(sink.disabled()).isFalse();
        assertThat(dropped).hasSize(3);
    }

    @Test
    void gone_disables_a_batched_sink_too_and_its_later_batches_are_reported_unsent() throws Exception {
        receiver.respond((r, i) -> Receiver.Reply.of(410));
        try (WebhookSink sink = WebhookSink.builder(TestConfigs.base(receiver.url("/hook")).batchSize(2)
                .batchLinger(Duration.ofHours(1)).build()).name("batched").dropListener(dropped::add).build()) {
            sink.write("a");
            sink.write("b");
            sink.flush();
            assertThat(sink.disabled()).isTrue();
            sink.write("c");
            sink.flush();
        }
        assertThat(receiver.count()).isEqualTo(1);
        assertThat(dropped).extracting(DeadLetter::event).containsExactly("a", "b", "c");
        assertThat(dropped.get(2).cause()).isInstanceOf(EndpointDisabledException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void retry_after_on_a_throttling_status_holds_the_whole_sink_off(int status) throws Exception {
        receiver.respond((r, i) -> i == 0 ? new Receiver.Reply(status, Map.of("Retry-After", "30"), "")
                : Receiver.Reply.of(200));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/hook")))) {
            RetryAfterException first = catchThrowableOfType(RetryAfterException.class, () -> sink.write("a"));
            assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(30));
            // Another event, another writer: not sent either, told how long is left.
            time.advance(Duration.ofSeconds(10));
            RetryAfterException held = catchThrowableOfType(RetryAfterException.class, () -> sink.write("b"));
            assertThat(held.retryAfter()).isEqualTo(Duration.ofSeconds(20));
            assertThat(held.statusCode()).isEqualTo(status);
            assertThat(held.getMessage()).contains("asked not to be sent anything", "not sent (retryable)");
            assertThat(receiver.count()).isEqualTo(1);
            time.advance(Duration.ofSeconds(20));
            sink.write("b");
        }
        assertThat(receiver.count()).isEqualTo(2);
    }

    @Test
    void max_retry_after_caps_how_long_the_receiver_can_hold_the_sink_off() throws Exception {
        receiver.respond((r, i) -> i == 0 ? new Receiver.Reply(503, Map.of("Retry-After", "86400"), "")
                : Receiver.Reply.of(200));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/hook")).maxRetryAfter(Duration.ofSeconds(10)))) {
            catchThrowableOfType(RetryAfterException.class, () -> sink.write("a"));
            RetryAfterException held = catchThrowableOfType(RetryAfterException.class, () -> sink.write("b"));
            assertThat(held.retryAfter()).isEqualTo(Duration.ofSeconds(10));
            time.advance(Duration.ofSeconds(10));
            sink.write("b");
        }
        assertThat(receiver.count()).isEqualTo(2);
    }

    @Test
    void a_plain_server_error_with_retry_after_does_not_hold_other_events() throws Exception {
        receiver.respond((r, i) -> i == 0 ? new Receiver.Reply(500, Map.of("Retry-After", "30"), "")
                : Receiver.Reply.of(200));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/hook")))) {
            catchThrowableOfType(RetryAfterException.class, () -> sink.write("a"));
            sink.write("b");
        }
        assertThat(receiver.count()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void redirects_are_never_followed(int status) throws Exception {
        receiver.respond((r, i) -> new Receiver.Reply(status, Map.of("Location", receiver.url("/elsewhere")), ""));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/hook")))) {
            PermanentWebhookException e = catchThrowableOfType(PermanentWebhookException.class,
                    () -> sink.write("a"));
            assertThat(e.statusCode()).isEqualTo(status);
        }
        assertThat(receiver.drain()).extracting(Receiver.Request::path).containsExactly("/hook");
    }
}
