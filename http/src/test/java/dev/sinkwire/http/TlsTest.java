/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS by configuration, against real HTTPS receivers on 127.0.0.1 whose self-signed certificates
 * the test makes (BouncyCastle): certificate verification stays on; a trust store given in
 * {@code tls.trust-store} makes a receiver trusted; {@code tls.key-store} presents a client
 * certificate to a receiver that requires one (mutual TLS).
 */
class TlsTest {

    private static final char[] TRUST_PASSWORD = "trust-pw-4417".toCharArray();
    private static final char[] CLIENT_PASSWORD = "client-pw-8812".toCharArray();

    @TempDir
    static Path dir;

    private static TestCertificates.Identity serverId;
    private static TestCertificates.Identity clientId;
    private static TestCertificates.HttpsReceiver receiver;
    private static TestCertificates.HttpsReceiver mutual;
    private static Path trustStore;
    private static Path clientStore;

    @BeforeAll
    static void start() throws Exception {
        serverId = TestCertificates.selfSigned("127.0.0.1");
        clientId = TestCertificates.selfSigned("sinkwire-client");
        receiver = new TestCertificates.HttpsReceiver(serverId, null);
        mutual = new TestCertificates.HttpsReceiver(serverId, clientId.certificate());
        trustStore = TestCertificates.trustStore(dir, "receivers.p12", TRUST_PASSWORD, serverId.certificate());
        clientStore = TestCertificates.keyStore(dir, "client.p12", clientId, CLIENT_PASSWORD);
    }

    @AfterAll
    static void stop() {
        receiver.close();
        mutual.close();
    }

    private static WebhookSink sink(String name, Map<String, String> keys) {
        return WebhookSink.builder(WebhookConfig.fromMap("sinkwire.sinks." + name + ".", keys)).name(name).build();
    }

    private static Map<String, String> keys(String url) {
        Map<String, String> keys = new HashMap<>();
        keys.put("url", url);
        keys.put("timeout", "10s");
        return keys;
    }

    @Test
    void an_untrusted_certificate_is_refused_with_an_error_naming_the_sink() {
        int before = receiver.received.get();
        try (WebhookSink sink = sink("orders", keys(receiver.url()))) {
            WebhookException e = catchThrowableOfType(WebhookException.class, () -> sink.write("e"));
            assertThat(e.getCause()).isInstanceOf(SSLHandshakeException.class);
            assertThat(e.statusCode()).isEqualTo(WebhookException.NO_STATUS);
            assertThat(e.getMessage()).startsWith("webhook sink orders: TLS handshake with https://127.0.0.1:")
                    .contains("failed (retryable)", "set tls.trust-store to trust it");
        }
        assertThat(receiver.received.get()).isEqualTo(before);
    }

    @Test
    void a_trust_store_in_the_configuration_makes_the_receiver_trusted() {
        Map<String, String> keys = keys(receiver.url());
        keys.put("tls.trust-store", trustStore.toString());
        keys.put("tls.trust-store-password", new String(TRUST_PASSWORD));
        int before = receiver.received.get();
        try (WebhookSink sink = sink("orders", keys)) {
            assertThat(sink.config().tlsConfigured()).isTrue();
            sink.write("e");
        }
        assertThat(receiver.received.get()).isEqualTo(before + 1);
    }

    @Test
    void mutual_tls_needs_the_client_certificate_from_the_key_store() {
        Map<String, String> trustOnly = keys(mutual.url());
        trustOnly.put("tls.trust-store", trustStore.toString());
        trustOnly.put("tls.trust-store-password", new String(TRUST_PASSWORD));
        int before = mutual.received.get();
        try (WebhookSink sink = sink("audit", trustOnly)) {
            WebhookException e = catchThrowableOfType(WebhookException.class, () -> sink.write("e"));
            assertThat(e).isNotNull();
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.statusCode()).isEqualTo(WebhookException.NO_STATUS);
            assertThat(e.getMessage()).startsWith("webhook sink audit: ");
        }
        assertThat(mutual.received.get()).isEqualTo(before);

        Map<String, String> withClient = new HashMap<>(trustOnly);
        withClient.put("tls.key-store", clientStore.toString());
        withClient.put("tls.key-store-password", new String(CLIENT_PASSWORD));
        try (WebhookSink sink = sink("audit", withClient)) {
            sink.write("e");
        }
        assertThat(mutual.received.get()).isEqualTo(before + 1);
    }

    @Test
    void a_wrong_store_password_fails_the_configuration_without_showing_it() {
        Map<String, String> keys = keys(receiver.url());
        keys.put("tls.trust-store", trustStore.toString());
        keys.put("tls.trust-store-password", "wrong-pw-5531");
        WebhookConfigException e = catchThrowableOfType(WebhookConfigException.class,
                () -> WebhookConfig.fromMap("sinkwire.sinks.orders.", keys));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("sinkwire.sinks.orders.tls.trust-store=" + trustStore + ": " + trustStore
                        + " (PKCS12) cannot be read (IOException")
                .contains("allowed: a PKCS12 store and its password in tls.trust-store-password")
                .doesNotContain("wrong-pw-5531");

        Map<String, String> missing = keys(receiver.url());
        missing.put("tls.key-store", dir.resolve("nope.p12").toString());
        missing.put("tls.key-store-password", new String(CLIENT_PASSWORD));
        assertThat(catchThrowableOfType(WebhookConfigException.class,
                () -> WebhookConfig.fromMap("sinkwire.sinks.orders.", missing)).problems())
                .singleElement().asString().contains("tls.key-store=" + dir.resolve("nope.p12"))
                .contains("is not a readable file").doesNotContain(new String(CLIENT_PASSWORD));
    }
}
