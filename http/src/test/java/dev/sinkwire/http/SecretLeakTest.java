/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.cdi.spi.ConfiguredSinkContext;
import dev.sinkwire.cdi.spi.ConfiguredSinkException;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.http.cdi.WebhookSinkProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suite of broken configurations, each with secrets planted where users put them (URL user
 * information and path, header values, signing secrets, store passwords, proxy credentials, the
 * values of mistyped keys). Every exception message, every problem the CDI provider reports as a
 * deployment error, every log line at every level, and the sink's {@code toString} are searched for
 * every planted secret.
 */
class SecretLeakTest {

    private static final String PREFIX = "sinkwire.sinks.leaky.";
    private static final List<String> PLANTED = new ArrayList<>();

    private static String plant(String secret) {
        PLANTED.add(secret);
        return secret;
    }

    private static final String SHORT_KEY = plant("SHORT-7777");
    private static final String WHSEC = "whsec_" + plant(Base64.getEncoder().encodeToString(
            "VALID-SIGNING-KEY-3030-abcdefghij".getBytes(StandardCharsets.UTF_8)));

    @TempDir
    Path dir;

    private LogCapture logs;
    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        logs = new LogCapture();
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        logs.close();
    }

    /** The broken configurations: a name, the keys, and a key the problem must name. */
    private List<Object[]> suite() throws Exception {
        Path store = TestCertificates.trustStore(dir, "trust.p12", "right-pw".toCharArray(),
                TestCertificates.selfSigned("127.0.0.1").certificate());
        List<Object[]> s = new ArrayList<>();
        s.add(new Object[] {"password in URL user information", Map.of(
                "url", "http://user:" + plant("PW-URL-1111") + "@127.0.0.1:9/hooks"), "url"});
        s.add(new Object[] {"path token in a URL with a fragment", Map.of(
                "url", "https://127.0.0.1/hooks/" + plant("PATHTOKEN-2222") + "#fragment"), "url"});
        s.add(new Object[] {"unparseable URL with credentials", Map.of(
                "url", "http://user:" + plant("PW-BROKEN-2323") + "@exa mple.com/x"), "url"});
        s.add(new Object[] {"mistyped signing secret key", Map.of("url", receiver.url("/"),
                "signature.secert", plant("SIG-TYPO-3333")), "signature.secert"});
        s.add(new Object[] {"mistyped header key", Map.of("url", receiver.url("/"),
                "header.Authorization", "Bearer " + plant("HDR-TYPO-4444")), "header.Authorization"});
        s.add(new Object[] {"header value with a line break", Map.of("url", receiver.url("/"),
                "headers.Authorization", "Bearer " + plant("HDR-CTRL-5555") + "\r\nX-Evil: 1"),
                "headers.Authorization"});
        s.add(new Object[] {"plain secret for Standard Webhooks", Map.of("url", receiver.url("/"),
                "signature.secret", plant("SIG-PLAIN-6666-long-enough")), "signature.secret"});
        s.add(new Object[] {"whsec secret too short", Map.of("url", receiver.url("/"),
                "signature.secret", "whsec_" + Base64.getEncoder().encodeToString(SHORT_KEY.getBytes(
                        StandardCharsets.UTF_8))), "signature.secret"});
        s.add(new Object[] {"previous secret without a current one", Map.of("url", receiver.url("/"),
                "signature.previous-secret", plant("PREV-8888")), "signature.previous-secret"});
        s.add(new Object[] {"previous secret with the old scheme", Map.of("url", receiver.url("/"),
                "signature.scheme", "hmac-sha256", "signature.secret", plant("HMAC-SECRET-1414-xxxxx"),
                "signature.previous-secret", plant("PREV-HMAC-1919-xxxxxx")), "signature.previous-secret"});
        s.add(new Object[] {"wrong trust store password", Map.of("url", "https://127.0.0.1:9/x",
                "tls.trust-store", store.toString(), "tls.trust-store-password", plant("TRUSTPW-9999")),
                "tls.trust-store"});
        s.add(new Object[] {"key store password without a key store", Map.of("url", "https://127.0.0.1:9/x",
                "tls.key-store-password", plant("KEYPW-1010")), "tls.key-store-password"});
        s.add(new Object[] {"proxy with credentials", Map.of("url", receiver.url("/"),
                "proxy", "http://puser:" + plant("PROXYPW-1212") + "@proxy.example.com:3128"), "proxy"});
        s.add(new Object[] {"cross-key problem beside a header", Map.of("url", receiver.url("/"),
                "headers.X-Api-Key", plant("APIKEY-1313"), "batch.linger", "200ms"), "batch.linger"});
        s.add(new Object[] {"header named like the signature header", Map.of("url", receiver.url("/"),
                "signature.scheme", "hmac-sha256", "signature.secret", plant("HMAC-SECRET-1515-yyyyy"),
                "headers.X-Sinkwire-Signature-256", plant("FORGED-1616")), "headers.X-Sinkwire-Signature-256"});
        s.add(new Object[] {"unknown key holding a URL", Map.of("url", receiver.url("/"),
                "callback-url", "https://u:" + plant("CBPW-1717") + "@x.example.com/y"), "callback-url"});
        s.add(new Object[] {"bad value beside a valid secret", Map.of("url", receiver.url("/"),
                "signature.secret", WHSEC, "timeout", "soon"), "timeout"});
        return s;
    }

    @Test
    void no_planted_secret_reaches_a_message_a_deployment_problem_or_a_log_line() throws Exception {
        StringBuilder seen = new StringBuilder();
        for (Object[] c : suite()) {
            String name = (String) c[0];
            @SuppressWarnings("unchecked")
            Map<String, String> keys = (Map<String, String>) c[1];
            String key = (String) c[2];

            Throwable direct = catchThrowable(() -> WebhookConfig.fromMap(PREFIX, keys));
            assertThat(direct).as(name).isInstanceOf(WebhookConfigException.class);
            assertThat(((WebhookConfigException) direct).problems()).as(name)
                    .anySatisfy(p -> assertThat(p).startsWith(PREFIX + key));
            seen.append(text(direct));
            ((WebhookConfigException) direct).problems().forEach(p -> seen.append(p).append('\n'));

            Throwable deployment = catchThrowable(() -> new WebhookSinkProvider().create(new Context(keys)));
            assertThat(deployment).as(name).isInstanceOf(ConfiguredSinkException.class);
            seen.append(text(deployment));
            ((ConfiguredSinkException) deployment).problems().forEach(p -> seen.append(p).append('\n'));
        }
        seen.append(logs.all());
        assertClean(seen.toString());
    }

    @Test
    void a_failing_sink_full_of_secrets_keeps_them_out_of_errors_dead_letters_and_logs() throws Exception {
        // Valid configuration, every secret kind set; the receiver's certificate is not trusted by
        // the configured store, and a plain receiver answers 401 echoing what it was sent.
        Path store = TestCertificates.trustStore(dir, "other.p12", "store-pw".toCharArray(),
                TestCertificates.selfSigned("someone-else").certificate());
        TestCertificates.HttpsReceiver https = new TestCertificates.HttpsReceiver(
                TestCertificates.selfSigned("127.0.0.1"), null);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("url", https.url() + "/" + plant("PATHTOKEN-2020"));
        keys.put("headers.Authorization", "Bearer " + plant("BEARER-2121"));
        keys.put("signature.secret", WHSEC);
        keys.put("tls.trust-store", store.toString());
        keys.put("tls.trust-store-password", plant("store-pw"));
        keys.put("timeout", "10s");
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        StringBuilder seen = new StringBuilder();
        try (https; WebhookSink sink = WebhookSink.builder(WebhookConfig.fromMap(PREFIX, keys)).name("leaky").build();
                RetryingSink<Object> chain = new RetryingSink<>(sink, WebhookRetryStrategy.wrap(new FailOnce()),
                        letter -> {
                            dropped.add(letter);
                            DropListener.logging().dropped(letter);
                        }, dev.sinkwire.core.Timekeeper.system())) {
            chain.write("event");
            seen.append(sink).append('\n').append(sink.config()).append('\n');
        }
        receiver.respond((r, i) -> Receiver.Reply.of(401, "no: " + r.header("Authorization") + " "
                + r.header("webhook-signature") + " " + WHSEC));
        Map<String, String> plain = new HashMap<>(keys);
        plain.remove("tls.trust-store");
        plain.remove("tls.trust-store-password");
        plain.put("url", receiver.url("/hooks/PATHTOKEN-2020"));
        try (WebhookSink sink = WebhookSink.builder(WebhookConfig.fromMap(PREFIX, plain)).name("leaky").build()) {
            seen.append(text(catchThrowable(() -> sink.write("event"))));
        }
        assertThat(dropped).singleElement().satisfies(l -> seen.append(l).append('\n').append(text(l.cause())));
        seen.append(logs.all());
        assertThat(seen.toString()).contains("webhook sink leaky: TLS handshake", "HTTP 401");
        assertClean(seen.toString());
    }

    /** Tries once, then gives up: enough to produce a dead letter. */
    private static final class FailOnce implements RetryStrategy {
        @Override
        public Duration proceed(Object event) {
            return Duration.ZERO;
        }

        @Override
        public boolean failure(Object event, Throwable error) {
            return true;
        }

        @Override
        public void success(Object event) {
        }
    }

    private static String text(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            s.append(c).append('\n').append(c.getMessage()).append('\n');
        }
        return s.toString();
    }

    private static void assertClean(String text) {
        for (String secret : PLANTED) {
            assertThat(text).as("planted secret %s", secret).doesNotContain(secret);
        }
    }

    /** A context as the CDI extension gives it. */
    private record Context(Map<String, String> keys) implements ConfiguredSinkContext {
        @Override
        public String name() {
            return "leaky";
        }

        @Override
        public RetryStrategy retryStrategy(RetryStrategy defaultStrategy) {
            return defaultStrategy;
        }

        @Override
        public DropListener dropListener() {
            return DropListener.logging();
        }

        @Override
        public Optional<ThreadFactory> threadFactory() {
            return Optional.empty();
        }

        @Override
        public <T> Optional<T> bean(Class<T> type) {
            return Optional.empty();
        }
    }
}
