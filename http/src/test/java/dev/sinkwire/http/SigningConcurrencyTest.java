/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import dev.sinkwire.core.Timekeeper;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The sender recycles its initialized {@link Mac}s between requests instead of cloning one per
 * request: signatures made one after another on one thread (reusing the spare) and by several
 * threads at once (racing for it) must each be the signature of their own message, as the
 * official Standard Webhooks library computes it.
 */
class SigningConcurrencyTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 300;

    @Test
    void standard_webhooks_signatures_made_concurrently_match_the_official_library() throws Exception {
        WebhookConfig config = TestConfigs.base("http://127.0.0.1:9/hooks")
                .signatureSecret(StandardWebhooksTest.SECRET)
                .previousSignatureSecret(StandardWebhooksTest.OLD_SECRET).build();
        Sender sender = sender(config);
        Webhook current = new Webhook(StandardWebhooksTest.SECRET);
        Webhook previous = new Webhook(StandardWebhooksTest.OLD_SECRET);
        runConcurrently((thread, i) -> {
            String id = "msg-" + thread + "-" + i;
            long timestamp = 1_765_000_000L + i;
            String body = "{\"thread\":" + thread + ",\"i\":" + i + ",\"pad\":\"" + "x".repeat(i % 97) + "\"}";
            String header = sender.standardSignature(id, Long.toString(timestamp),
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(header.split(" ")).containsExactlyInAnyOrder(current.sign(id, timestamp, body),
                    previous.sign(id, timestamp, body));
        });
    }

    @Test
    void hmac_sha256_signatures_made_concurrently_are_each_of_their_own_body() throws Exception {
        String secret = "plain-text-secret-123456";
        WebhookConfig config = TestConfigs.base("http://127.0.0.1:9/hooks")
                .signatureScheme(WebhookConfig.SignatureScheme.HMAC_SHA256).signatureSecret(secret).build();
        Sender sender = sender(config);
        runConcurrently((thread, i) -> {
            byte[] body = ("body " + thread + " " + i).getBytes(StandardCharsets.UTF_8);
            Mac fresh = Mac.getInstance("HmacSHA256");
            fresh.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertThat(sender.sign(body)).isEqualTo("sha256=" + HexFormat.of().formatHex(fresh.doFinal(body)));
        });
    }

    private static Sender sender(WebhookConfig config) {
        return new Sender("signing", config, HttpClient.newHttpClient(), Clock.systemUTC(), Timekeeper.system());
    }

    /** One signing step of thread {@code thread}, its {@code i}-th. */
    private interface Step {
        void run(int thread, int i) throws Exception;
    }

    /** {@value #PER_THREAD} steps on each of {@value #THREADS} threads, released together. */
    private static void runConcurrently(Step step) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Callable<Void> task = () -> {
                    start.await(60, TimeUnit.SECONDS); // hang guard only
                    for (int i = 0; i < PER_THREAD; i++) {
                        step.run(thread, i);
                    }
                    return null;
                };
                done.add(pool.submit(task));
            }
            for (Future<Void> f : done) {
                f.get(120, TimeUnit.SECONDS); // rethrows a failed assertion; hang guard only
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
