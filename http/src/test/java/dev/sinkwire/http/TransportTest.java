/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-sink transport settings: User-Agent, proxy, in-flight limit, bounded batch buffer. */
class TransportTest {

    private Receiver receiver;
    private final List<DeadLetter> dropped = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void the_user_agent_is_configurable() throws Exception {
        WebhookConfig config = WebhookConfig.fromMap("sinkwire.sinks.ua.", Map.of("url", receiver.url("/"),
                "user-agent", "acme-shop/2.1 (+https://shop.example.com)", "timeout", "10s"));
        try (WebhookSink sink = new WebhookSink(config)) {
            sink.write("e");
        }
        assertThat(receiver.take().header("User-Agent")).isEqualTo("acme-shop/2.1 (+https://shop.example.com)");
    }

    @Test
    void requests_go_through_the_configured_proxy() throws Exception {
        // The receiver plays the proxy: a proxied plain-http request names the absolute URL.
        String port = receiver.url("").replaceAll(".*:(\\d+)$", "$1");
        WebhookConfig config = WebhookConfig.fromMap("sinkwire.sinks.p.", Map.of(
                "url", "http://hooks.example.invalid:8080/orders", "proxy", "127.0.0.1:" + port, "timeout", "10s"));
        try (WebhookSink sink = new WebhookSink(config)) {
            assertThat(config.toString()).contains("proxy=127.0.0.1:" + port);
            sink.write("via proxy");
        }
        Receiver.Request r = receiver.take();
        assertThat(r.path()).isEqualTo("http://hooks.example.invalid:8080/orders");
        assertThat(r.json().getString("event")).isEqualTo("via proxy");
    }

    @Test
    void max_in_flight_limits_concurrent_requests_of_one_sink() throws Exception {
        int writers = 6;
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger current = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        receiver.respond((r, i) -> {
            highest.accumulateAndGet(current.incrementAndGet(), Math::max);
            release.await(20, TimeUnit.SECONDS);
            current.decrementAndGet();
            return Receiver.Reply.of(204);
        });
        WebhookConfig config = TestConfigs.base(receiver.url("/")).maxInFlight(2).build();
        List<Thread> threads = new ArrayList<>();
        CyclicBarrier go = new CyclicBarrier(writers);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (WebhookSink sink = new WebhookSink(config)) {
            for (int w = 0; w < writers; w++) {
                String event = "e" + w;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        sink.write(event);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            // Two requests reach the receiver; the other writers wait for a slot, not for HTTP.
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.count() == 2
                    && threads.stream().filter(TransportTest::waitsForASlot).count() == writers - 2);
            assertThat(receiver.count()).isEqualTo(2);
            release.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(20));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(receiver.count()).isEqualTo(writers);
        assertThat(highest).hasValueLessThanOrEqualTo(2);
    }

    private static boolean waitsForASlot(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals("java.util.concurrent.Semaphore")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void a_full_batch_buffer_reports_the_event_as_overflow_and_keeps_the_rest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        receiver.respond((r, i) -> {
            if (i == 0) {
                release.await(20, TimeUnit.SECONDS);
            }
            return Receiver.Reply.of(204);
        });
        WebhookConfig config = TestConfigs.base(receiver.url("/")).batchSize(2).batchCapacity(2).build();
        try (WebhookSink sink = WebhookSink.builder(config).name("bounded").dropListener(dropped::add).build()) {
            sink.write("e1");
            receiver.take(); // e1 left alone (linger 0) and is held by the receiver: the buffer is empty
            sink.write("e2");
            sink.write("e3");
            sink.write("e4"); // the buffer holds 2
            assertThat(dropped).singleElement().satisfies(l -> {
                assertThat(l.event()).isEqualTo("e4");
                assertThat(l.reason()).isEqualTo(DropReason.OVERFLOW);
                assertThat(l.attempts()).isZero();
                assertThat(l.cause()).hasMessage("the batch buffer of webhook sink bounded is full (2 events;"
                        + " batch.capacity)");
            });
            release.countDown();
            sink.flush();
        }
        Receiver.Request second = receiver.take();
        assertThat(second.events()).extracting(e -> e.getString("event")).containsExactly("e2", "e3");
        assertThat(receiver.count()).isEqualTo(2);
    }

    @Test
    void transport_keys_are_checked() {
        assertThat(catchProblems(Map.of("url", "https://e.com", "max-in-flight", "0")))
                .containsExactly("sinkwire.sinks.t.max-in-flight=0: 0 is out of range; allowed: an integer from 1 to"
                        + " 1000");
        assertThat(catchProblems(Map.of("url", "https://e.com", "batch.capacity", "10")))
                .containsExactly("sinkwire.sinks.t.batch.capacity=10: has no effect without batching; allowed: set"
                        + " batch.size above 1 as well, or leave batch.capacity unset");
        assertThat(catchProblems(Map.of("url", "https://e.com", "batch.size", "100", "batch.capacity", "10")))
                .containsExactly("sinkwire.sinks.t.batch.capacity=10: is smaller than batch.size 100; allowed: an"
                        + " integer from 100 to 100000");
        assertThat(catchProblems(Map.of("url", "https://e.com", "proxy", "proxy.example.com")))
                .containsExactly("sinkwire.sinks.t.proxy=(value hidden): not a proxy address (value not shown);"
                        + " allowed: host:port such as proxy.example.com:3128, without credentials");
        assertThat(catchProblems(Map.of("url", "https://e.com", "max-retry-after", "-1s")))
                .containsExactly("sinkwire.sinks.t.max-retry-after=-1s: negative; allowed: a duration such as 500ms,"
                        + " 1s, 2m, 1h (whole number with unit ms, s, m or h) or ISO-8601 such as PT1S or PT0.5S,"
                        + " zero or more");
        assertThat(catchProblems(Map.of("url", "http://e.com", "tls.trust-store", "/x.p12")))
                .containsExactly("sinkwire.sinks.t.tls.trust-store=/x.p12: has no effect on an http URL; allowed: an"
                        + " https url");
    }

    private static List<String> catchProblems(Map<String, String> keys) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(WebhookConfigException.class,
                () -> WebhookConfig.fromMap("sinkwire.sinks.t.", keys)).problems();
    }
}
