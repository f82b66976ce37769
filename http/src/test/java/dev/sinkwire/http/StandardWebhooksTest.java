/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.sinkwire.DeadLetter;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.RetryingSink;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Standard Webhooks 1.0 signing (the default scheme), verified by the specification's official
 * Java library ({@code com.standardwebhooks:standardwebhooks}) exactly as a receiver would.
 */
class StandardWebhooksTest {

    /** whsec_ and the base64 of 32 bytes. */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw0XbQRKl5bKo=";
    static final String OLD_SECRET = "whsec_7Zl0GGEBQ6dG2ZcJ9pkhDg0kx1P7yZyvQbx7jk3lIv4=";
    static final String OTHER_SECRET = "whsec_c2lnLXNlY3JldC0wMDExMjIzMzQ0NTU2Njc3ODg5OTAx";

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** What the library verifies against: the request's headers, case-insensitively. */
    static Map<String, List<String>> headers(Receiver.Request r) {
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(r.headers());
        return h;
    }

    static void verify(String secret, Receiver.Request r) throws Exception {
        new Webhook(secret).verify(r.text(), headers(r));
    }

    private WebhookConfig.Builder signed() {
        return TestConfigs.base(receiver.url("/hooks")).signatureSecret(SECRET);
    }

    @Test
    void the_official_library_accepts_the_right_secret_and_refuses_a_wrong_one() throws Exception {
        try (WebhookSink sink = new WebhookSink(signed().build())) {
            sink.write("héllo \"world\"");
        }
        Receiver.Request r = receiver.take();
        assertThat(r.header("webhook-id")).isEqualTo(r.json().getString("id"));
        assertThat(Long.parseLong(r.header("webhook-timestamp")))
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
        assertThat(r.header("webhook-signature")).matches("v1,[A-Za-z0-9+/]{43}=");
        assertThat(r.header("X-Sinkwire-Signature-256")).isNull();
        assertThatCode(() -> verify(SECRET, r)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(OTHER_SECRET, r)).isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("No matching signature");
    }

    /**
     * The signature as the specification defines it, computed here with javax.crypto alone: the
     * base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the base64-decoded part of the
     * secret after {@code whsec_}.
     */
    static String specSignature(String secret, String id, String timestamp, byte[] body) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @ParameterizedTest
    @EnumSource(value = WebhookConfig.Format.class, names = {"ENVELOPE", "CLOUDEVENTS_STRUCTURED",
            "CLOUDEVENTS_BINARY", "CLOUDEVENTS_BATCH"})
    void the_signature_is_the_specs_hmac_over_exactly_the_bytes_received_for_every_format(WebhookConfig.Format format)
            throws Exception {
        // 19:24:47.987: the timestamp is whole seconds, truncated, not rounded
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T19:24:47.987Z"), ZoneOffset.UTC);
        String event = "h\u00e9llo \"w\u00f6rld\" \u2713 \ud83d\ude00"; // multi-byte UTF-8 in the body
        WebhookConfig.Builder config = signed().previousSignatureSecret(OLD_SECRET).format(format);
        if (format == WebhookConfig.Format.CLOUDEVENTS_BATCH) {
            config.batchSize(5);
        }
        try (WebhookSink sink = WebhookSink.builder(config.build()).clock(clock).build()) {
            sink.write(event);
        }
        Receiver.Request r = receiver.take();
        String id = r.header("webhook-id");
        assertThat(r.header("webhook-timestamp")).isEqualTo("1795721087");
        assertThat(r.header("webhook-signature")).isEqualTo(specSignature(SECRET, id, "1795721087", r.body())
                + " " + specSignature(OLD_SECRET, id, "1795721087", r.body()));
        // the signed bytes are the bytes sent: all of them, UTF-8, nothing re-encoded on the way
        assertThat(Integer.parseInt(r.header("Content-Length"))).isEqualTo(r.body().length);
        assertThat(r.text()).contains("\u2713");
        if (format != WebhookConfig.Format.CLOUDEVENTS_BATCH) { // a batch is signed under the batch id
            String eventId = format == WebhookConfig.Format.CLOUDEVENTS_BINARY ? r.header("ce-id")
                    : r.json().getString("id");
            assertThat(id).isEqualTo(eventId);
        }
        // one flipped bit anywhere in the body breaks it
        byte[] tampered = r.body().clone();
        tampered[tampered.length / 2] ^= 1;
        assertThat(r.header("webhook-signature")).doesNotContain(specSignature(SECRET, id, "1795721087", tampered));
    }

    @Test
    void a_tampered_body_or_id_is_refused() throws Exception {
        try (WebhookSink sink = new WebhookSink(signed().build())) {
            sink.write("payload");
        }
        Receiver.Request r = receiver.take();
        Receiver.Request tampered = new Receiver.Request(r.method(), r.path(), r.headers(),
                r.text().replace("payload", "paylOad").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verify(SECRET, tampered)).isInstanceOf(WebhookVerificationException.class);
        Map<String, List<String>> otherId = headers(r);
        otherId.put("webhook-id", List.of("msg_other"));
        assertThatThrownBy(() -> new Webhook(SECRET).verify(r.text(), otherId))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void during_a_rotation_either_secret_verifies() throws Exception {
        try (WebhookSink sink = new WebhookSink(signed().previousSignatureSecret(OLD_SECRET).build())) {
            sink.write("rotating");
        }
        Receiver.Request r = receiver.take();
        assertThat(r.header("webhook-signature")).matches("v1,\\S+ v1,\\S+");
        assertThatCode(() -> verify(SECRET, r)).doesNotThrowAnyException();
        assertThatCode(() -> verify(OLD_SECRET, r)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(OTHER_SECRET, r)).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void a_replay_outside_the_tolerance_is_refused_by_the_library() throws Exception {
        // The request as it would be replayed ten minutes after it was signed: the library's
        // tolerance is five minutes.
        Clock tenMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        try (WebhookSink sink = WebhookSink.builder(signed().build()).clock(tenMinutesAgo).build()) {
            sink.write("old");
        }
        Receiver.Request r = receiver.take();
        assertThatThrownBy(() -> verify(SECRET, r)).isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("timestamp too old");
    }

    @Test
    void every_retry_of_one_event_carries_one_webhook_id_and_a_fresh_valid_signature() throws Exception {
        receiver.respond((r, i) -> Receiver.Reply.of(i < 2 ? 503 : 200));
        TestTimekeepers.Jumping time = new TestTimekeepers.Jumping();
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        WebhookSink sink = WebhookSink.builder(signed().idempotencyHeader("Idempotency-Key").build())
                .timekeeper(time).build();
        try (RetryingSink<Object> retrying = new RetryingSink<>(sink,
                WebhookRetryStrategy.wrap(new Breaker(1, Duration.ofSeconds(1), time), Duration.ofMinutes(5), time),
                dropped::add, time)) {
            retrying.write("first");
            retrying.write("second");
        }
        List<Receiver.Request> requests = receiver.drain();
        assertThat(requests).hasSize(4);
        String id = requests.get(0).header("webhook-id");
        for (Receiver.Request r : requests.subList(0, 3)) {
            assertThat(r.header("webhook-id")).isEqualTo(id);
            assertThat(r.header("Idempotency-Key")).isEqualTo(id);
            assertThat(r.text()).isEqualTo(requests.get(0).text());
            verify(SECRET, r);
        }
        assertThat(requests.get(3).header("webhook-id")).isNotEqualTo(id);
        verify(SECRET, requests.get(3));
        assertThat(dropped).isEmpty();
    }

    @Test
    void a_retried_batch_keeps_its_id_and_each_attempt_verifies() throws Exception {
        receiver.respond((r, i) -> Receiver.Reply.of(i == 0 ? 503 : 200));
        TestTimekeepers.Jumping time = new TestTimekeepers.Jumping();
        try (WebhookSink sink = WebhookSink.builder(signed().batchSize(10).build()).timekeeper(time)
                .retryStrategy(new Breaker(1, Duration.ofSeconds(1), time)).build()) {
            sink.write("a");
            sink.write("b");
            sink.flush();
        }
        List<Receiver.Request> requests = receiver.drain();
        assertThat(requests.size()).isGreaterThanOrEqualTo(2);
        Receiver.Request failed = requests.get(0);
        Receiver.Request retried = requests.get(1);
        assertThat(retried.header("webhook-id")).isEqualTo(failed.header("webhook-id"));
        assertThat(retried.text()).isEqualTo(failed.text());
        for (Receiver.Request r : requests) {
            verify(SECRET, r);
        }
    }

    @Test
    void the_event_id_can_come_from_the_application_for_durable_stores() throws Exception {
        try (WebhookSink sink = WebhookSink.builder(signed().build())
                .eventIds(event -> "outbox-row-" + event.hashCode()).build()) {
            sink.write("x");
        }
        Receiver.Request r = receiver.take();
        assertThat(r.header("webhook-id")).isEqualTo("outbox-row-" + "x".hashCode());
        assertThat(r.json().getString("id")).isEqualTo("outbox-row-" + "x".hashCode());
        verify(SECRET, r);
    }

    @Test
    void secrets_must_be_whsec_base64_unless_the_old_scheme_is_chosen() {
        assertThatThrownBy(() -> TestConfigs.base(receiver.url("/")).signatureSecret("plain-text-secret-123456")
                .build())
                .isInstanceOf(WebhookConfigException.class)
                .hasMessage("signature.secret: not a Standard Webhooks secret (value hidden); allowed: whsec_ followed"
                        + " by the base64 of 24 to 64 random bytes (such as whsec_ and the output of openssl rand"
                        + " -base64 32), or set signature.scheme=hmac-sha256 for the X-Sinkwire-Signature-256 scheme");
        assertThatThrownBy(() -> TestConfigs.base(receiver.url("/")).signatureSecret("whsec_c2hvcnQ=").build())
                .hasMessageStartingWith("signature.secret: not a Standard Webhooks secret (value hidden)");
        assertThat(TestConfigs.base(receiver.url("/")).signatureScheme(WebhookConfig.SignatureScheme.HMAC_SHA256)
                .signatureSecret("plain-text-secret-123456").build().signed()).isTrue();
        assertThatThrownBy(() -> TestConfigs.base(receiver.url("/")).signatureScheme(
                WebhookConfig.SignatureScheme.HMAC_SHA256).signatureSecret("plain-text-secret-123456")
                .previousSignatureSecret("plain-text-secret-000000").build())
                .hasMessageStartingWith("signature.previous-secret: applies to signature.scheme=standard-webhooks"
                        + " only");
    }
}
