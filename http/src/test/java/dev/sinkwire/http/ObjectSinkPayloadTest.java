/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What reaches a receiver from a sink that takes every event ({@code Object}): never Sinkwire's own
 * {@link DeadLetter} events unless {@code events} names them, and then only a summary without the
 * failed event or the error's message and stack trace; never an exception.
 */
class ObjectSinkPayloadTest {

    private static final String INTERNAL = "connection to db-7.internal:5432 refused, password=HUNTER2";

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static DeadLetter letter() {
        return new DeadLetter(new WebhookSinkTest.OrderPlaced("A-1", 3), "billing", DropReason.GAVE_UP,
                new IllegalStateException(INTERNAL), 4);
    }

    @Test
    void dead_letters_are_not_sent_by_default() throws Exception {
        try (WebhookSink sink = new WebhookSink(TestConfigs.base(receiver.url("/")).build())) {
            sink.write(letter());
            sink.write("after");
        }
        assertThat(receiver.take().json().getString("event")).isEqualTo("after");
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void dead_letters_are_not_sent_by_a_batched_sink_either() throws Exception {
        try (WebhookSink sink = new WebhookSink(TestConfigs.base(receiver.url("/")).batchSize(5).build())) {
            sink.write(letter());
            sink.write("after");
            sink.flush();
        }
        List<Receiver.Request> requests = receiver.drain();
        assertThat(requests).flatExtracting(Receiver.Request::events).extracting(e -> e.getString("event"))
                .containsExactly("after");
    }

    @Test
    void named_in_events_a_dead_letter_is_sent_as_a_summary_without_the_event_or_the_error() throws Exception {
        WebhookConfig config = TestConfigs.base(receiver.url("/")).events(List.of("DeadLetter")).build();
        try (WebhookSink sink = new WebhookSink(config)) {
            sink.write(letter());
        }
        Receiver.Request r = receiver.take();
        assertThat(r.json().getString("type")).isEqualTo("dev.sinkwire.DeadLetter");
        JsonObject summary = r.json().getJsonObject("event");
        assertThat(summary.keySet()).containsExactly("sink", "reason", "attempts", "eventType", "errorType");
        assertThat(summary.getString("sink")).isEqualTo("billing");
        assertThat(summary.getString("reason")).isEqualTo("GAVE_UP");
        assertThat(summary.getInt("attempts")).isEqualTo(4);
        assertThat(summary.getString("eventType")).isEqualTo(WebhookSinkTest.OrderPlaced.class.getName());
        assertThat(summary.getString("errorType")).isEqualTo("java.lang.IllegalStateException");
        assertThat(r.text()).doesNotContain("HUNTER2").doesNotContain("db-7").doesNotContain("A-1")
                .doesNotContainIgnoringCase("stackTrace").doesNotContain("localizedMessage");
    }

    @Test
    void an_exception_is_never_sent() {
        try (WebhookSink sink = new WebhookSink(TestConfigs.base(receiver.url("/")).build())) {
            PermanentWebhookException e = catchThrowableOfType(PermanentWebhookException.class,
                    () -> sink.write(new IllegalStateException(INTERNAL)));
            assertThat(e).hasMessage("webhook sink " + sink.name() + " does not send exceptions to a receiver (event"
                    + " of type java.lang.IllegalStateException; permanent: not retried)");
            assertThat(e.isRetryable()).isFalse();
        }
        assertThat(receiver.count()).isZero();
    }
}
