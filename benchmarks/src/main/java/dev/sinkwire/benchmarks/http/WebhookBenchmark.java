/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks.http;

import dev.sinkwire.http.WebhookConfig;
import dev.sinkwire.http.WebhookSink;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microseconds a {@link WebhookSink} takes per event delivered to a loopback receiver (a
 * {@link LoopbackReceiver} on 127.0.0.1, answering 204 on a kept-alive connection), one event
 * per request ({@code batchSize=1}) against batches of up to 10 and 100 events. One operation is
 * one event delivered: an invocation writes {@value #EVENTS} events and then
 * {@link WebhookSink#flush() flushes}, so it ends only when the receiver has answered for all of
 * them; at batch size 1 that is {@value #EVENTS} requests one after the other, each
 * {@code write} returning when its 204 arrived. The {@code requests} and {@code events} counters
 * report how many HTTP requests carried how many events, so the batch fill is
 * {@code events / requests}.
 *
 * <p>{@code signing} compares unsigned delivery with Standard Webhooks signing (the default scheme
 * when a secret is set: {@code webhook-id}, {@code webhook-timestamp} and an HMAC-SHA256
 * {@code webhook-signature} per request), in the same run, against the same receiver and the same
 * sink settings; the only difference is the secret. The receiver answers 400 to a request that is
 * signed in the unsigned row or unsigned in the signed one, which fails the run. The goal
 * is signed at most 1.1x the time of unsigned at batch size 1.
 *
 * <p>The sink uses its default HTTP client (what an application gets). The receiver runs in the
 * same JVM on the same two cores: the numbers include its parsing work, which a real receiver
 * would do elsewhere. Compare the rows with each other, not with a network.
 *
 * <p>Needs a JSON-B implementation (Yasson) on the class path at run time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@State(Scope.Benchmark)
public class WebhookBenchmark {

    /** Events written per invocation. */
    static final int EVENTS = 100;

    /**
     * A typical small domain event.
     *
     * @param orderId the order
     * @param customer who placed it
     * @param quantity how many items
     * @param amountCents the total, in cents
     */
    public record OrderPlaced(String orderId, String customer, int quantity, long amountCents) {
    }

    /** The largest number of events per request; 1 is no batching. */
    @Param({"1", "10", "100"})
    public int batchSize;

    /** {@code none}, or {@code standard-webhooks}: each request signed with a {@code whsec_} secret. */
    @Param({"none", "standard-webhooks"})
    public String signing;

    /** A Standard Webhooks secret: whsec_ and the base64 of 32 bytes. */
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw0XbQRKl5bKo=";

    private LoopbackReceiver receiver;
    private Jsonb jsonb;
    private WebhookSink sink;
    private OrderPlaced[] events;

    /** HTTP requests and events delivered, summed over an iteration. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Counters {
        /** HTTP requests the receiver answered. */
        public long requests;
        /** Events delivered. */
        public long events;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            requests = 0;
            events = 0;
        }
    }

    /**
     * Starts the receiver and the sink.
     *
     * @throws IOException if the receiver cannot bind a loopback port
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (!signing.equals("none") && !signing.equals("standard-webhooks")) {
            throw new IllegalArgumentException("signing must be none or standard-webhooks, was " + signing);
        }
        receiver = new LoopbackReceiver("webhook-signature", signing.equals("standard-webhooks"));
        jsonb = JsonbBuilder.create();
        WebhookConfig.Builder builder = WebhookConfig.builder(receiver.url() + "/events")
                .header("Authorization", "Bearer benchmark-token")
                .timeout(Duration.ofSeconds(30))
                .batchSize(batchSize);
        if (signing.equals("standard-webhooks")) {
            builder.signatureSecret(SECRET);
        }
        WebhookConfig config = builder.build();
        sink = WebhookSink.builder(config).name("benchmark").jsonb(jsonb).build();
        events = new OrderPlaced[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            events[i] = new OrderPlaced("order-" + i, "customer-" + (i % 7), 1 + i % 5, 1999L * (1 + i % 5));
        }
    }

    /**
     * Writes {@value #EVENTS} events and waits until all are delivered.
     *
     * @param counters where requests and events are counted
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void deliver(Counters counters) {
        long before = receiver.answered();
        for (OrderPlaced event : events) {
            sink.write(event);
        }
        sink.flush();
        counters.requests += receiver.answered() - before;
        counters.events += EVENTS;
    }

    /**
     * Closes the sink and stops the receiver.
     *
     * @throws Exception if the receiver or the Jsonb cannot be closed
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        sink.close();
        receiver.close();
        jsonb.close();
    }
}
