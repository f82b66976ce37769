/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.RetryingSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Header values and the signature secret never appear in toString, exception messages or logs,
 * even when the receiver echoes them back in its error body.
 */
class SecretsTest {

    private static final String TOKEN = "tok-9f8e7d6c5b4a39281706";
    private static final String AUTH = "Bearer " + TOKEN;
    private static final String API_KEY = "key-aabbccddeeff00112233";
    /** A Standard Webhooks secret: whsec_ and the base64 of 32 bytes. */
    private static final String SECRET_KEY = "c2lnLXNlY3JldC0wMDExMjIzMzQ0NTU2Njc3ODg5OQ==";
    private static final String SECRET = "whsec_" + SECRET_KEY;

    private Receiver receiver;
    private LogCapture logs;

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

    private WebhookConfig config(int batchSize) {
        return TestConfigs.base(receiver.url("/hook/" + "PATHTOKEN12345"))
                .header("Authorization", AUTH).header("X-Api-Key", API_KEY)
                .signatureSecret(SECRET).batchSize(batchSize).build();
    }

    /** Every message in the chain, and toString of each. */
    private static String text(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            s.append(c).append('\n').append(c.getMessage()).append('\n');
        }
        return s.toString();
    }

    private static void assertClean(String text) {
        assertThat(text).doesNotContain(TOKEN).doesNotContain(API_KEY).doesNotContain(SECRET_KEY)
                .doesNotContain("PATHTOKEN12345");
    }

    @Test
    void to_string_of_config_sink_and_strategy() {
        WebhookConfig config = config(1);
        try (WebhookSink sink = new WebhookSink(config)) {
            assertClean(config.toString());
            assertClean(sink.toString());
            assertClean(new RetryingSink<>(sink, WebhookRetryStrategy.wrap(new Breaker(1, Duration.ZERO)))
                    .toString());
            assertThat(sink.toString()).contains("POST http://127.0.0.1:").contains("signed");
        }
    }

    @Test
    void a_receiver_echoing_the_headers_does_not_leak_them_into_exceptions_or_logs() {
        // An error page that repeats the request's secrets, as some careless receivers do.
        receiver.respond((r, i) -> Receiver.Reply.of(401, "bad credentials: " + r.header("Authorization")
                + " key=" + r.header("X-Api-Key") + " sig=" + r.header("webhook-signature")
                + " secret=" + SECRET + " token alone: " + TOKEN));
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        try (WebhookSink sink = new WebhookSink(config(1));
                RetryingSink<Object> retrying = new RetryingSink<>(sink,
                        WebhookRetryStrategy.wrap(new Breaker(1, Duration.ZERO)),
                        letter -> {
                            dropped.add(letter);
                            DropListener.logging().dropped(letter); // and log it, as the default would
                        }, dev.sinkwire.core.Timekeeper.system())) {
            retrying.write("event-1");
        }
        assertThat(dropped).singleElement().satisfies(letter -> {
            PermanentWebhookException e = (PermanentWebhookException) letter.cause();
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.bodyExcerpt()).startsWith("bad credentials: ****").contains("key=****", "secret=****",
                    "token alone: ****");
            assertClean(text(e));
            assertClean(letter.toString());
        });
        assertThat(logs.lines()).isNotEmpty();
        assertClean(logs.all());
    }

    @Test
    void a_receiver_echoing_the_url_does_not_leak_its_path_or_query_token() {
        // Many servers answer an unknown route with "Cannot POST <path>", and some echo a bad query token.
        String query = "token=QUERYTOKEN67890";
        receiver.respond((r, i) -> Receiver.Reply.of(404, "Cannot POST " + r.path() + "; unknown token "
                + r.path().substring(r.path().indexOf('=') + 1)));
        WebhookConfig config = TestConfigs.base(receiver.url("/hook/PATHTOKEN12345?" + query)).build();
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        try (WebhookSink sink = new WebhookSink(config);
                RetryingSink<Object> retrying = new RetryingSink<>(sink,
                        WebhookRetryStrategy.wrap(new Breaker(1, Duration.ZERO)), letter -> {
                            dropped.add(letter);
                            DropListener.logging().dropped(letter);
                        }, dev.sinkwire.core.Timekeeper.system())) {
            retrying.write("event-1");
        }
        assertThat(dropped).singleElement().satisfies(letter -> {
            PermanentWebhookException e = (PermanentWebhookException) letter.cause();
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.bodyExcerpt()).startsWith("Cannot POST ****").contains("unknown token ****");
            assertThat(text(e)).doesNotContain("QUERYTOKEN67890");
            assertClean(text(e));
            assertThat(letter.toString()).doesNotContain("QUERYTOKEN67890");
            assertClean(letter.toString());
        });
        assertThat(logs.all()).doesNotContain("QUERYTOKEN67890");
        assertClean(logs.all());
    }

    @Test
    void failures_of_every_kind_keep_secrets_out_of_logs_and_messages() throws Exception {
        List<Throwable> errors = new ArrayList<>();
        receiver.respond((r, i) -> switch (i) {
            case 0 -> new Receiver.Reply(429, Map.of("Retry-After", "0"), "limit for " + r.header("Authorization"));
            case 1 -> Receiver.Reply.of(503, r.header("X-Api-Key"));
            default -> Receiver.Reply.of(200);
        });
        try (WebhookSink sink = new WebhookSink(config(1))) {
            for (int i = 0; i < 3; i++) {
                try {
                    sink.write("e" + i);
                } catch (WebhookException e) {
                    errors.add(e);
                }
            }
        }
        assertThat(errors).hasSize(2);
        errors.forEach(e -> assertClean(text(e)));
        assertClean(logs.all());
        assertThat(logs.all()).contains("HTTP 429", "HTTP 503", "HTTP 200");
    }

    @Test
    void batched_drop_reports_and_logs_are_clean() {
        receiver.respond((r, i) -> Receiver.Reply.of(400, "echo " + r.header("Authorization")));
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        try (WebhookSink sink = WebhookSink.builder(config(3)).dropListener(letter -> {
            dropped.add(letter);
            DropListener.logging().dropped(letter);
        }).build()) {
            sink.write("a");
            sink.write("b");
            sink.flush();
        }
        assertThat(dropped).hasSize(2);
        dropped.forEach(letter -> assertClean(letter.toString()));
        assertClean(logs.all());
    }
}
