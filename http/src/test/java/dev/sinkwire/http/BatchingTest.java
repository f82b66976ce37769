/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.Breaker;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The batched mode: boundaries by size, linger, flush and close; failures; many writers. */
class BatchingTest {

    /** An event that says who wrote it and in which order. */
    public record Mark(int writer, int seq) {
    }

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

    private WebhookSink.Builder sink(int batchSize, Duration linger) {
        return WebhookSink.builder(TestConfigs.base(receiver.url("/batch")).batchSize(batchSize)
                .batchLinger(linger).build()).name("batched").dropListener(dropped::add);
    }

    private static List<String> events(Receiver.Request r) {
        List<String> out = new ArrayList<>();
        for (JsonObject e : r.events()) {
            out.add(e.getString("event"));
        }
        return out;
    }

    @Test
    void full_batches_go_at_once_and_the_rest_on_flush() throws Exception {
        try (WebhookSink sink = sink(3, Duration.ofHours(1)).build()) {
            for (int i = 1; i <= 7; i++) {
                sink.write("e" + i);
            }
            assertThat(events(receiver.take())).containsExactly("e1", "e2", "e3");
            assertThat(events(receiver.take())).containsExactly("e4", "e5", "e6");
            sink.flush(); // e7 would otherwise linger for an hour
            assertThat(events(receiver.take())).containsExactly("e7");
            sink.write("e8");
        }
        // close sends what is left
        assertThat(events(receiver.take())).containsExactly("e8");
        assertThat(receiver.count()).isEqualTo(4);
        assertThat(dropped).isEmpty();
    }

    @Test
    void the_batch_body_is_an_events_array_of_envelopes() throws Exception {
        try (WebhookSink sink = sink(2, Duration.ofHours(1)).build()) {
            sink.write(new WebhookSinkTest.OrderPlaced("A-1", 1));
            sink.write("two");
        }
        Receiver.Request r = receiver.take();
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonObject body = r.json();
        assertThat(body.keySet()).containsExactly("events");
        List<JsonObject> envelopes = r.events();
        assertThat(envelopes).hasSize(2);
        assertThat(envelopes.get(0).keySet()).containsExactly("id", "timestamp", "type", "event");
        assertThat(envelopes.get(0).getString("type")).isEqualTo(WebhookSinkTest.OrderPlaced.class.getName());
        assertThat(envelopes.get(0).getJsonObject("event").getString("orderId")).isEqualTo("A-1");
        assertThat(envelopes.get(1).getString("event")).isEqualTo("two");
        assertThat(envelopes.get(0).getString("id")).isNotEqualTo(envelopes.get(1).getString("id"));
    }

    @Test
    void a_partial_batch_goes_when_its_oldest_event_has_lingered() throws Exception {
        TestTimekeepers.Stepped time = new TestTimekeepers.Stepped();
        try (WebhookSink sink = sink(10, Duration.ofMillis(50)).timekeeper(time).build()) {
            sink.write("a");
            time.awaitWaitOf(Duration.ofMillis(50)); // the sender waits for the linger of "a"
            time.advance(Duration.ofMillis(30));
            sink.write("b");
            time.advance(Duration.ofMillis(19));
            // 49 ms of virtual time: the sender is still waiting, nothing can have been sent.
            assertThat(receiver.count()).isZero();
            time.advance(Duration.ofMillis(1));
            assertThat(events(receiver.take())).containsExactly("a", "b");
            // The next linger starts with the next event.
            sink.write("c");
            time.awaitWaitOf(Duration.ofMillis(50));
            assertThat(receiver.count()).isEqualTo(1);
            time.advance(Duration.ofMillis(50));
            assertThat(events(receiver.take())).containsExactly("c");
        }
    }

    @Test
    void a_linger_of_centuries_on_a_late_clock_still_waits_and_flush_ends_it() throws Exception {
        TestTimekeepers.Stepped time = new TestTimekeepers.Stepped();
        time.advance(Duration.ofNanos(1_000_000_000_000_000_000L)); // the clock reads 1e18 ns
        Duration linger = Duration.ofDays(100_000); // 8.64e18 ns: clock + linger passes Long.MAX_VALUE
        try (WebhookSink sink = sink(10, linger).timekeeper(time).build()) {
            sink.write("a");
            time.awaitWaitOf(linger);
            assertThat(receiver.count()).isZero();
            sink.flush();
            assertThat(events(receiver.take())).containsExactly("a");
        }
    }

    @Test
    void without_linger_what_is_buffered_goes_as_soon_as_the_sender_is_free() throws Exception {
        CountDownLatch firstRequestArrived = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        receiver.respond((r, i) -> {
            if (i == 0) {
                firstRequestArrived.countDown();
                releaseFirst.await();
            }
            return Receiver.Reply.of(200);
        });
        try (WebhookSink sink = sink(100, Duration.ZERO).build()) {
            sink.write("first");
            assertThat(firstRequestArrived.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 5; i++) {
                sink.write("queued-" + i); // buffered while the first request is in flight
            }
            releaseFirst.countDown();
            sink.flush();
        }
        assertThat(events(receiver.take())).containsExactly("first");
        assertThat(events(receiver.take())).containsExactly("queued-0", "queued-1", "queued-2", "queued-3",
                "queued-4");
    }

    @Test
    void a_failed_batch_without_retry_is_reported_event_by_event() throws Exception {
        receiver.respond((r, i) -> Receiver.Reply.of(i == 0 ? 503 : 200, "down"));
        try (WebhookSink sink = sink(2, Duration.ofHours(1)).build()) {
            sink.write("a");
            sink.write("b");
            sink.flush();
            assertThat(dropped).extracting(DeadLetter::event).containsExactly("a", "b");
            assertThat(dropped).allSatisfy(l -> {
                assertThat(l.reason()).isEqualTo(DropReason.FAILED);
                assertThat(l.sink()).isEqualTo("batched");
                assertThat(l.attempts()).isEqualTo(1);
                assertThat(((WebhookException) l.cause()).statusCode()).isEqualTo(503);
            });
            sink.write("c");
            sink.write("d");
            sink.flush();
        }
        assertThat(receiver.count()).isEqualTo(2);
        assertThat(dropped).hasSize(2);
    }

    @Test
    void a_failed_batch_is_retried_with_the_strategy_honouring_retry_after() throws Exception {
        TestTimekeepers.Jumping time = new TestTimekeepers.Jumping();
        receiver.respond((r, i) -> switch (i) {
            case 0 -> Receiver.Reply.of(500);
            case 1 -> new Receiver.Reply(429, Map.of("Retry-After", "9"), "");
            default -> Receiver.Reply.of(200);
        });
        List<Object> failedAttempts = new CopyOnWriteArrayList<>();
        try (WebhookSink sink = sink(2, Duration.ofHours(1)).timekeeper(time)
                .retryStrategy(new Breaker(1, Duration.ofSeconds(1), time))
                .failedAttemptListener(failedAttempts::add).build()) {
            sink.write("a");
            sink.write("b");
            sink.flush();
        }
        assertThat(receiver.count()).isEqualTo(3);
        assertThat(dropped).isEmpty();
        // one report per failed request, with the events it carried
        assertThat(failedAttempts).containsExactly(List.of("a", "b"), List.of("a", "b"));
        List<Receiver.Request> requests = receiver.drain();
        assertThat(requests).allSatisfy(r -> assertThat(events(r)).containsExactly("a", "b"));
        // The identical body is resent: same ids, so receivers can de-duplicate.
        assertThat(requests.get(2).text()).isEqualTo(requests.get(0).text());
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(1).toNanos(), Duration.ofSeconds(9).toNanos());
    }

    @Test
    void a_permanent_failure_is_not_retried_and_the_strategy_can_give_up() throws Exception {
        TestTimekeepers.Jumping time = new TestTimekeepers.Jumping();
        receiver.respond((r, i) -> Receiver.Reply.of(400, "bad"));
        List<Object> failedAttempts = new CopyOnWriteArrayList<>();
        try (WebhookSink sink = sink(5, Duration.ofHours(1)).timekeeper(time)
                .retryStrategy(new Breaker(1, Duration.ofSeconds(1), time))
                .failedAttemptListener(failedAttempts::add).build()) {
            sink.write("a");
            sink.flush();
        }
        assertThat(receiver.count()).isEqualTo(1);
        assertThat(failedAttempts).containsExactly(List.of("a")); // not retried, still a failed attempt
        assertThat(dropped).singleElement().satisfies(l -> {
            assertThat(l.reason()).isEqualTo(DropReason.FAILED);
            assertThat(((PermanentWebhookException) l.cause()).bodyExcerpt()).isEqualTo("bad");
        });
    }

    @Test
    void close_cuts_a_retry_backoff_short_and_tries_each_batch_once_more() throws Exception {
        // Real waits here: the breaker asks for an hour, and close must end that wait.
        receiver.respond((r, i) -> Receiver.Reply.of(503));
        WebhookSink sink = sink(2, Duration.ofHours(1)).retryStrategy(new Breaker(1, Duration.ofHours(1))).build();
        sink.write("a");
        sink.write("b");
        receiver.take(); // first attempt failed; the sender now backs off for an hour
        sink.write("c");
        sink.close();
        assertThat(receiver.count()).isEqualTo(3); // a+b once more, then c once
        assertThat(dropped).extracting(DeadLetter::event).containsExactly("a", "b", "c");
        assertThat(dropped).allSatisfy(l -> assertThat(l.reason()).isEqualTo(DropReason.FAILED));
        assertThat(dropped.get(0).attempts()).isEqualTo(2);
        assertThat(dropped.get(2).attempts()).isEqualTo(1);
        assertThatThrownBy(() -> sink.write("d")).isInstanceOf(SinkClosedException.class);
        sink.close();
    }

    /** Flushes, failing the test instead of hanging if the sender never resolves the events. */
    private static void flushWithin(WebhookSink sink, long seconds) throws Exception {
        CompletableFuture<Void> flushed = CompletableFuture.runAsync(sink::flush);
        try {
            flushed.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("flush did not return: the buffered events were neither delivered nor"
                    + " reported (is the sender thread dead?)", e);
        }
    }

    /** A strategy that throws from {@code proceed} or {@code failure} on its first call there. */
    private static RetryStrategy breaksOnce(boolean inProceed, RuntimeException broken) {
        AtomicInteger calls = new AtomicInteger();
        return new RetryStrategy() {
            @Override
            public Duration proceed(Object event) {
                if (inProceed && calls.getAndIncrement() == 0) {
                    throw broken;
                }
                return Duration.ZERO;
            }

            @Override
            public boolean failure(Object event, Throwable error) {
                if (!inProceed && calls.getAndIncrement() == 0) {
                    throw broken;
                }
                return false;
            }

            @Override
            public void success(Object event) {
            }
        };
    }

    @ParameterizedTest(name = "strategy throws in {0}")
    @ValueSource(strings = {"proceed", "failure"})
    void a_retry_strategy_that_throws_fails_its_batch_once_and_the_sender_goes_on(String where) throws Exception {
        TestTimekeepers.Jumping time = new TestTimekeepers.Jumping();
        boolean inProceed = where.equals("proceed");
        // "failure" needs a failed request to be asked about: the first request fails, the rest succeed.
        receiver.respond((r, i) -> Receiver.Reply.of(!inProceed && i == 0 ? 503 : 200));
        IllegalStateException broken = new IllegalStateException("strategy broke in " + where);
        List<Object> delivered = new CopyOnWriteArrayList<>();
        try (WebhookSink sink = sink(2, Duration.ofHours(1)).timekeeper(time)
                .retryStrategy(breaksOnce(inProceed, broken)).deliveryListener(delivered::add).build()) {
            sink.write("a");
            flushWithin(sink, 20);
            assertThat(dropped).singleElement().satisfies(l -> {
                assertThat(l.event()).isEqualTo("a");
                assertThat(l.reason()).isEqualTo(DropReason.FAILED);
                assertThat(l.cause()).isSameAs(broken);
                assertThat(l.attempts()).isEqualTo(inProceed ? 0 : 1);
            });
            sink.write("b");
            flushWithin(sink, 20);
        }
        assertThat(delivered).containsExactly("b");
        assertThat(dropped).hasSize(1);
        List<Receiver.Request> requests = receiver.drain();
        assertThat(events(requests.get(requests.size() - 1))).containsExactly("b");
        assertThat(requests).hasSize(inProceed ? 1 : 2);
    }

    @Test
    void a_batch_id_supplier_that_throws_fails_its_batch_once_and_the_sender_goes_on() throws Exception {
        IllegalStateException broken = new IllegalStateException("no batch id today");
        AtomicInteger calls = new AtomicInteger();
        try (WebhookSink sink = sink(2, Duration.ofHours(1)).eventIds(event -> "id-" + event)
                .ids(() -> {
                    if (calls.getAndIncrement() == 0) {
                        throw broken;
                    }
                    return java.util.UUID.randomUUID();
                }).build()) {
            sink.write("a");
            flushWithin(sink, 20);
            assertThat(dropped).singleElement().satisfies(l -> {
                assertThat(l.event()).isEqualTo("a");
                assertThat(l.reason()).isEqualTo(DropReason.FAILED);
                assertThat(l.cause()).isSameAs(broken);
                assertThat(l.attempts()).isZero();
            });
            sink.write("b");
            flushWithin(sink, 20);
        }
        assertThat(events(receiver.take())).containsExactly("b");
        assertThat(receiver.count()).isEqualTo(1);
        assertThat(dropped).hasSize(1);
    }

    @Test
    void a_delivered_batch_stays_delivered_when_its_listener_or_strategy_throws_an_error() throws Exception {
        List<Object> told = new CopyOnWriteArrayList<>();
        RetryStrategy errsOnSuccess = new RetryStrategy() {
            @Override
            public Duration proceed(Object event) {
                return Duration.ZERO;
            }

            @Override
            public boolean failure(Object event, Throwable error) {
                return false;
            }

            @Override
            public void success(Object event) {
                throw new AssertionError("strategy broke on success");
            }
        };
        try (WebhookSink sink = sink(2, Duration.ofHours(1)).retryStrategy(errsOnSuccess)
                .deliveryListener(event -> {
                    told.add(event);
                    if (event.equals("a")) {
                        throw new AssertionError("listener broke");
                    }
                }).build()) {
            sink.write("a");
            sink.write("b");
            flushWithin(sink, 20);
        }
        assertThat(receiver.count()).isEqualTo(1); // not resent
        assertThat(told).containsExactly("a", "b");
        assertThat(dropped).isEmpty(); // delivered, so never also reported as dropped
    }

    @ParameterizedTest(name = "the in-flight request is answered {0}")
    @ValueSource(ints = {200, 503})
    void close_while_a_request_is_in_flight_resolves_every_event_exactly_once(int answer) throws Exception {
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch answerFirst = new CountDownLatch(1);
        receiver.respond((r, i) -> {
            if (i == 0) {
                firstArrived.countDown();
                answerFirst.await();
            }
            return Receiver.Reply.of(answer);
        });
        List<Object> delivered = new CopyOnWriteArrayList<>();
        // A real timekeeper: the breaker's hour-long backoff must be cut short by close.
        WebhookSink sink = sink(2, Duration.ZERO).retryStrategy(new Breaker(1, Duration.ofHours(1)))
                .deliveryListener(delivered::add).build();
        sink.write("a");
        assertThat(firstArrived.await(60, TimeUnit.SECONDS)).isTrue();
        sink.write("b"); // buffered behind the request under way
        ExecutorService closer = Executors.newSingleThreadExecutor();
        try {
            Future<?> closed = closer.submit(sink::close);
            // close has begun once writes are refused; the request is still unanswered
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                try {
                    sink.write("refused");
                    return false;
                } catch (SinkClosedException e) {
                    return true;
                }
            });
            answerFirst.countDown();
            closed.get(60, TimeUnit.SECONDS);
        } finally {
            closer.shutdownNow();
        }
        List<Object> outcomes = new ArrayList<>(delivered);
        dropped.forEach(l -> outcomes.add(l.event()));
        assertThat(outcomes).containsExactlyInAnyOrder("a", "b"); // each once: delivered or reported
        if (answer == 200) {
            assertThat(delivered).containsExactly("a", "b");
            assertThat(receiver.count()).isEqualTo(2);
        } else {
            // "a": the request under way, then its one more attempt; "b": one attempt
            assertThat(dropped).extracting(DeadLetter::event).containsExactly("a", "b");
            assertThat(dropped).allSatisfy(l -> assertThat(l.reason()).isEqualTo(DropReason.FAILED));
            assertThat(dropped).extracting(DeadLetter::attempts).containsExactly(2, 1);
            assertThat(receiver.count()).isEqualTo(3);
        }
    }

    @Test
    void an_unserializable_event_fails_its_write_and_the_others_are_sent() throws Exception {
        try (WebhookSink sink = sink(3, Duration.ofHours(1)).build()) {
            sink.write("a");
            assertThat(catchThrowableOfType(PermanentWebhookException.class,
                    () -> sink.write(new WebhookSinkTest.Exploding())).getMessage())
                    .startsWith("JSON-B cannot serialize");
            sink.write("b");
            sink.write("c");
        }
        assertThat(events(receiver.take())).containsExactly("a", "b", "c");
        assertThat(dropped).isEmpty();
    }

    @Test
    void the_sender_thread_comes_from_the_thread_factory() throws Exception {
        List<Thread> made = new CopyOnWriteArrayList<>();
        try (WebhookSink sink = sink(2, Duration.ZERO).threadFactory(r -> {
            Thread t = new Thread(r, "custom-sender");
            t.setDaemon(true);
            made.add(t);
            return t;
        }).build()) {
            sink.write("a");
            sink.flush();
        }
        assertThat(made).hasSize(1);
        made.get(0).join(TimeUnit.SECONDS.toMillis(10));
        assertThat(made.get(0).isAlive()).isFalse();
        assertThatThrownBy(() -> sink(2, Duration.ZERO).threadFactory(r -> null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("returned no thread");
    }

    @Test
    void flush_from_a_drop_listener_is_refused_instead_of_deadlocking() throws Exception {
        receiver.respond((r, i) -> Receiver.Reply.of(500));
        List<Throwable> seen = new CopyOnWriteArrayList<>();
        WebhookSink[] self = new WebhookSink[1];
        try (WebhookSink sink = WebhookSink.builder(TestConfigs.base(receiver.url("/")).batchSize(2).build())
                .dropListener(l -> {
                    try {
                        self[0].flush();
                    } catch (IllegalStateException e) {
                        seen.add(e);
                    }
                }).build()) {
            self[0] = sink;
            sink.write("a");
            sink.flush();
        }
        assertThat(seen).singleElement().asString().contains("it would wait for itself");
    }

    @RepeatedTest(3)
    void many_writers_lose_nothing_duplicate_nothing_and_keep_each_writers_order() throws Exception {
        int writers = 8;
        int perWriter = 300;
        int batch = 25;
        CyclicBarrier barrier = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        WebhookSink sink = sink(batch, Duration.ofMillis(1)).build();
        try {
            List<Future<?>> done = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                order.add(w);
            }
            Collections.shuffle(order);
            for (int w : order) {
                done.add(pool.submit(() -> {
                    barrier.await();
                    for (int s = 0; s < perWriter; s++) {
                        sink.write(new Mark(w, s));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            sink.close();
            pool.shutdownNow();
        }
        Map<Integer, Integer> lastSeq = new HashMap<>();
        Set<String> ids = new HashSet<>();
        int total = 0;
        for (Receiver.Request r : receiver.drain()) {
            List<JsonObject> envelopes = r.events();
            assertThat(envelopes).hasSizeBetween(1, batch);
            for (JsonObject e : envelopes) {
                assertThat(ids.add(e.getString("id"))).isTrue();
                int w = e.getJsonObject("event").getInt("writer");
                int s = e.getJsonObject("event").getInt("seq");
                assertThat(s).isEqualTo(lastSeq.getOrDefault(w, -1) + 1);
                lastSeq.put(w, s);
                total++;
            }
        }
        assertThat(total).isEqualTo(writers * perWriter);
        assertThat(dropped).isEmpty();
    }

    @Test
    void null_double_close_and_write_after_close() {
        WebhookSink sink = sink(4, Duration.ZERO).build();
        assertThatThrownBy(() -> sink.write(null)).isInstanceOf(NullPointerException.class);
        sink.close();
        sink.close();
        assertThatThrownBy(() -> sink.write("late")).isInstanceOf(SinkClosedException.class);
        sink.flush(); // nothing accepted: returns at once
        assertThat(receiver.count()).isZero();
    }

    @RepeatedTest(5)
    void close_racing_writers_loses_nothing(org.junit.jupiter.api.RepetitionInfo info) throws Exception {
        int writers = 4;
        CyclicBarrier barrier = new CyclicBarrier(writers + 1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        WebhookSink sink = sink(50, Duration.ZERO).build();
        Set<String> accepted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    barrier.await();
                    for (int s = 0; s < 1000; s++) {
                        String event = writer + "-" + s;
                        try {
                            sink.write(event);
                        } catch (SinkClosedException closed) {
                            return null; // not accepted: fine
                        }
                        accepted.add(event);
                    }
                    return null;
                }));
            }
            barrier.await();
            // Let the writers get going for a random while, counted in events, not in time.
            int target = 50 + info.getCurrentRepetition() * 37;
            while (accepted.size() < target && !done.stream().allMatch(Future::isDone)) {
                Thread.onSpinWait();
            }
            sink.close();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> delivered = new HashSet<>();
        for (Receiver.Request r : receiver.drain()) {
            for (String e : events(r)) {
                assertThat(delivered.add(e)).as("sent once: %s", e).isTrue();
            }
        }
        dropped.forEach(l -> delivered.add((String) l.event()));
        assertThat(delivered).isEqualTo(accepted);
    }
}
