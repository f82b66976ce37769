/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks.http;

import dev.sinkwire.http.WebhookConfig;
import dev.sinkwire.http.WebhookSink;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds of the webhook sink's own work per event, without a network: the sink of
 * {@link WebhookBenchmark} at batch size 1 (same event, settings and secret) given a
 * {@link NoNetworkClient} that answers every request at once. One operation is one
 * {@code write}: the event serialized by JSON-B into the envelope (238 bytes), the request
 * built and, in the {@code standard-webhooks} row, signed. The difference between the two rows is
 * what signing costs the sink per request (one HMAC-SHA256 over {@code id.timestamp.body}, its
 * base64, three headers), which puts the ratio of {@link WebhookBenchmark}'s rows in context: the
 * loopback request around it costs tens of microseconds. Run with {@code -prof gc} to see the
 * bytes signing allocates.
 *
 * <p>Needs a JSON-B implementation (Yasson) on the class path at run time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class WebhookSigningBenchmark {

    /** {@code none}, or {@code standard-webhooks}: each request signed with a {@code whsec_} secret. */
    @Param({"none", "standard-webhooks"})
    public String signing;

    private Jsonb jsonb;
    private WebhookSink sink;
    private final WebhookBenchmark.OrderPlaced event =
            new WebhookBenchmark.OrderPlaced("order-42", "customer-6", 3, 5997L);

    /** Builds the sink. */
    @Setup(Level.Trial)
    public void setUp() {
        if (!signing.equals("none") && !signing.equals("standard-webhooks")) {
            throw new IllegalArgumentException("signing must be none or standard-webhooks, was " + signing);
        }
        jsonb = JsonbBuilder.create();
        WebhookConfig.Builder builder = WebhookConfig.builder("http://127.0.0.1:9/events")
                .header("Authorization", "Bearer benchmark-token")
                .timeout(Duration.ofSeconds(30));
        if (signing.equals("standard-webhooks")) {
            builder.signatureSecret(WebhookBenchmark.SECRET);
        }
        sink = WebhookSink.builder(builder.build()).name("benchmark").jsonb(jsonb)
                .httpClient(new NoNetworkClient("webhook-signature", signing.equals("standard-webhooks"))).build();
    }

    /** Sends one event through the sink to the client that sends nothing. */
    @Benchmark
    public void write() {
        sink.write(event);
    }

    /**
     * Closes the sink.
     *
     * @throws Exception if the Jsonb cannot be closed
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        sink.close();
        jsonb.close();
    }
}
