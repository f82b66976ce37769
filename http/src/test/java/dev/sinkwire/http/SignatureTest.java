/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code hmac-sha256} scheme (Sinkwire's first, kept as an option): checked by recomputing the
 * signature the way docs/http.md tells receivers to. The default scheme, Standard Webhooks, is in
 * {@link StandardWebhooksTest}.
 */
class SignatureTest {

    private static final String SECRET = "whsec-0123456789abcdef0123456789";

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** The verification snippet of docs/http.md, verbatim. */
    static boolean verify(byte[] body, String header, String secret) throws Exception {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring("sha256=".length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given); // constant time
    }

    @Test
    void the_signature_header_is_the_hmac_of_the_exact_body_bytes() throws Exception {
        WebhookConfig config = TestConfigs.base(receiver.url("/"))
                .signatureScheme(WebhookConfig.SignatureScheme.HMAC_SHA256).signatureSecret(SECRET).build();
        try (WebhookSink sink = new WebhookSink(config)) {
            sink.write("héllo \"world\"");
        }
        Receiver.Request r = receiver.take();
        String header = r.header("X-Sinkwire-Signature-256");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(header).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body())));
        assertThat(verify(r.body(), header, SECRET)).isTrue();
        assertThat(verify(r.body(), header, SECRET + "x")).isFalse();
        byte[] tampered = r.body().clone();
        tampered[tampered.length - 2] ^= 1;
        assertThat(verify(tampered, header, SECRET)).isFalse();
    }

    @Test
    void the_header_name_is_configurable_and_batches_are_signed_too() throws Exception {
        WebhookConfig config = TestConfigs.base(receiver.url("/"))
                .signatureScheme(WebhookConfig.SignatureScheme.HMAC_SHA256).signatureSecret(SECRET)
                .signatureHeader("X-Hub-Signature-256").batchSize(5).build();
        try (WebhookSink sink = new WebhookSink(config)) {
            sink.write("a");
            sink.write("b");
        }
        for (Receiver.Request r : receiver.drain()) {
            assertThat(r.header("X-Sinkwire-Signature-256")).isNull();
            assertThat(verify(r.body(), r.header("X-Hub-Signature-256"), SECRET)).isTrue();
            assertThat(r.json().containsKey("events")).isTrue();
        }
        assertThat(receiver.count()).isPositive();
    }
}
