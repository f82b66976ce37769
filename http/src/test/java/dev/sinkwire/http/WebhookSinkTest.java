/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sinkwire.SinkClosedException;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One event per request, against a real HTTP server on 127.0.0.1. */
class WebhookSinkTest {

    /** An event as a user would write it. */
    public record OrderPlaced(String orderId, int quantity) {
    }

    /** An event JSON-B cannot serialize: its getter throws. */
    public static final class Exploding {
        public String getBoom() {
            throw new IllegalStateException("kaboom");
        }
    }

    static final Instant NOW = Instant.parse("2026-11-26T19:24:47.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Receiver receiver;
    private Jsonb jsonb;

    @BeforeEach
    void start() throws IOException {
        receiver = new Receiver();
        jsonb = JsonbBuilder.create();
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
        jsonb.close();
    }

    private WebhookSink sink(WebhookConfig.Builder config) {
        return WebhookSink.builder(config.build()).jsonb(jsonb).clock(CLOCK).build();
    }

    @Test
    void posts_the_documented_envelope_with_the_configured_headers() throws Exception {
        UUID id = UUID.fromString("4f0c2f5e-8a43-4c53-9a56-0b6d1f2e3a4b");
        WebhookConfig config = TestConfigs.base(receiver.url("/hooks/orders?tenant=acme"))
                .header("Authorization", "Bearer token-123456").header("X-Tenant", "acme").build();
        try (WebhookSink sink = WebhookSink.builder(config).jsonb(jsonb).clock(CLOCK).ids(() -> id).build()) {
            sink.write(new OrderPlaced("A-1", 3));
        }
        Receiver.Request r = receiver.take();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hooks/orders?tenant=acme");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("Authorization")).isEqualTo("Bearer token-123456");
        assertThat(r.header("X-Tenant")).isEqualTo("acme");
        assertThat(r.header("X-Sinkwire-Signature-256")).isNull();
        JsonObject body = r.json();
        assertThat(body.keySet()).containsExactly("id", "timestamp", "type", "event");
        assertThat(body.getString("id")).isEqualTo(id.toString());
        assertThat(body.getString("timestamp")).isEqualTo("2026-11-26T19:24:47.123Z");
        assertThat(Instant.parse(body.getString("timestamp"))).isEqualTo(NOW);
        assertThat(body.getString("type")).isEqualTo(OrderPlaced.class.getName());
        assertThat(body.getJsonObject("event").getString("orderId")).isEqualTo("A-1");
        assertThat(body.getJsonObject("event").getInt("quantity")).isEqualTo(3);
        // The event part is exactly what JSON-B makes of the event.
        assertThat(jsonb.fromJson(body.getJsonObject("event").toString(), OrderPlaced.class))
                .isEqualTo(new OrderPlaced("A-1", 3));
    }

    @Test
    void ids_are_fresh_uuids_and_timestamps_iso_instants_by_default() throws Exception {
        try (WebhookSink sink = WebhookSink.builder(TestConfigs.base(receiver.url("/")).build())
                .jsonb(jsonb).build()) {
            sink.write("one");
            sink.write("two");
        }
        JsonObject a = receiver.take().json();
        JsonObject b = receiver.take().json();
        assertThat(UUID.fromString(a.getString("id"))).isNotEqualTo(UUID.fromString(b.getString("id")));
        assertThat(Instant.parse(a.getString("timestamp"))).isNotNull();
        assertThat(a.getString("type")).isEqualTo("java.lang.String");
        assertThat(a.getString("event")).isEqualTo("one");
    }

    @Test
    void content_type_and_type_names_are_configurable() throws Exception {
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/"))
                .contentType("application/vnd.acme.events+json; charset=utf-8")
                .typeName(OrderPlaced.class.getName(), "order.\"placed\""))) {
            sink.write(new OrderPlaced("A-2", 1));
        }
        Receiver.Request r = receiver.take();
        assertThat(r.header("Content-Type")).isEqualTo("application/vnd.acme.events+json; charset=utf-8");
        assertThat(r.json().getString("type")).isEqualTo("order.\"placed\"");
    }

    @Test
    void simple_type_naming() throws Exception {
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/"))
                .typeNaming(WebhookConfig.TypeNaming.SIMPLE))) {
            sink.write(new OrderPlaced("A-3", 1));
        }
        assertThat(receiver.take().json().getString("type")).isEqualTo("OrderPlaced");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void every_2xx_is_delivered(int status) throws Exception {
        receiver.respond((r, i) -> Receiver.Reply.of(status, status == 204 ? "" : "ok"));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/")))) {
            sink.write(new OrderPlaced("A", 1));
        }
        assertThat(receiver.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 409, 413, 415, 422, 301, 302, 304})
    void other_statuses_are_permanent_with_status_and_body_excerpt(int status) {
        receiver.respond((r, i) -> Receiver.Reply.of(status, status == 304 ? "" : "{\"error\":\"nope " + status
                + "\"}"));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/hook")))) {
            PermanentWebhookException e = catchThrowableOfType(PermanentWebhookException.class,
                    () -> sink.write(new OrderPlaced("A", 1)));
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.isRetryable()).isFalse();
            assertThat(WebhookRetryStrategy.isPermanent(e)).isTrue();
            if (status != 304) {
                assertThat(e.bodyExcerpt()).isEqualTo("{\"error\":\"nope " + status + "\"}");
                assertThat(e.getMessage()).isEqualTo("http://127.0.0.1:" + port() + "/… answered HTTP " + status
                        + " (permanent: not retried); body starts: {\"error\":\"nope " + status + "\"}");
            }
        }
    }

    @Test
    void the_body_excerpt_is_the_first_512_bytes() {
        String longBody = "x".repeat(600) + "TAIL";
        receiver.respond((r, i) -> Receiver.Reply.of(400, longBody));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/")))) {
            PermanentWebhookException e = catchThrowableOfType(PermanentWebhookException.class,
                    () -> sink.write("e"));
            assertThat(e.bodyExcerpt()).isEqualTo("x".repeat(512));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504, 599})
    void timeouts_throttling_and_server_errors_are_retryable(int status) {
        receiver.respond((r, i) -> Receiver.Reply.of(status, "busy"));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/")))) {
            WebhookException e = catchThrowableOfType(WebhookException.class, () -> sink.write("e"));
            assertThat(e).isNotInstanceOf(PermanentWebhookException.class).isNotInstanceOf(RetryAfterException.class);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.bodyExcerpt()).isEqualTo("busy");
            assertThat(WebhookRetryStrategy.isPermanent(e)).isFalse();
        }
    }

    @Test
    void retry_after_in_seconds_is_exposed() {
        receiver.respond((r, i) -> new Receiver.Reply(429, Map.of("Retry-After", "120"), "slow down"));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/")))) {
            RetryAfterException e = catchThrowableOfType(RetryAfterException.class, () -> sink.write("e"));
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.isRetryable()).isTrue();
        }
    }

    @Test
    void retry_after_as_an_http_date_is_measured_from_the_clock() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(
                NOW.plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), ZoneOffset.UTC));
        receiver.respond((r, i) -> new Receiver.Reply(503, Map.of("Retry-After", date), ""));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/")))) {
            RetryAfterException e = catchThrowableOfType(RetryAfterException.class, () -> sink.write("e"));
            // NOW has .123 s; the date has whole seconds.
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(90).minusMillis(123));
            assertThat(e.statusCode()).isEqualTo(503);
        }
    }

    @Test
    void retry_after_in_the_past_is_zero_and_garbage_is_ignored() {
        assertThat(Sender.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", CLOCK)).isZero();
        assertThat(Sender.retryAfter("soon", CLOCK)).isNull();
        assertThat(Sender.retryAfter("-5", CLOCK)).isNull();
        receiver.respond((r, i) -> new Receiver.Reply(503, Map.of("Retry-After", "later please"), ""));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/")))) {
            WebhookException e = catchThrowableOfType(WebhookException.class, () -> sink.write("e"));
            assertThat(e).isNotInstanceOf(RetryAfterException.class);
            assertThat(e.isRetryable()).isTrue();
        }
    }

    @Test
    void retry_after_on_a_permanent_status_does_not_make_it_retryable() {
        receiver.respond((r, i) -> new Receiver.Reply(400, Map.of("Retry-After", "5"), ""));
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/")))) {
            assertThatThrownBy(() -> sink.write("e")).isInstanceOf(PermanentWebhookException.class);
        }
    }

    @Test
    void a_receiver_that_never_answers_times_out() {
        CountDownLatch release = new CountDownLatch(1);
        receiver.respond((r, i) -> {
            release.await();
            return Receiver.Reply.of(200);
        });
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/")).timeout(Duration.ofMillis(300)))) {
            WebhookException e = catchThrowableOfType(WebhookException.class, () -> sink.write("e"));
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.statusCode()).isEqualTo(WebhookException.NO_STATUS);
            assertThat(e.getCause()).isInstanceOfAny(HttpTimeoutException.class, TimeoutException.class);
            assertThat(e.getMessage()).contains("within PT0.3S (retryable)");
        } finally {
            release.countDown();
        }
    }

    @Test
    void a_receiver_that_stalls_in_the_middle_of_an_error_body_times_out() {
        CountDownLatch release = new CountDownLatch(1);
        // A raw answer: headers for a 1000-byte 500 body, 10 bytes, then silence.
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[8192]);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 1000\r\n\r\n0123456789")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    release.await();
                } catch (IOException | InterruptedException ignored) {
                    // the test is over
                }
            });
            t.setDaemon(true);
            t.start();
            try (WebhookSink sink = sink(TestConfigs.base("http://127.0.0.1:" + server.getLocalPort() + "/")
                    .timeout(Duration.ofMillis(300)))) {
                WebhookException e = catchThrowableOfType(WebhookException.class, () -> sink.write("e"));
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.getCause()).isInstanceOfAny(HttpTimeoutException.class, TimeoutException.class);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            release.countDown();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void a_receiver_that_closes_the_connection_is_a_retryable_io_error(boolean reset) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        if (reset) {
                            s.setSoLinger(true, 0); // close with RST
                        }
                        s.getInputStream().read(new byte[64]);
                    } catch (IOException ignored) {
                        // the server socket was closed: the test is over
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            try (WebhookSink sink = sink(TestConfigs.base("http://127.0.0.1:" + server.getLocalPort() + "/"))) {
                WebhookException e = catchThrowableOfType(WebhookException.class, () -> sink.write("e"));
                assertThat(e.isRetryable()).isTrue();
                assertThat(e.statusCode()).isEqualTo(WebhookException.NO_STATUS);
                assertThat(e.getCause()).isInstanceOf(IOException.class);
                assertThat(e.getMessage()).matches("webhook sink webhook-\\d+: I/O error on POST to"
                        + " http://127\\.0\\.0\\.1:" + server.getLocalPort() + " \\(retryable\\): .*");
            }
        }
    }

    @Test
    void connection_refused_is_a_retryable_io_error() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (WebhookSink sink = sink(TestConfigs.base("http://127.0.0.1:" + port + "/"))) {
            WebhookException e = catchThrowableOfType(WebhookException.class, () -> sink.write("e"));
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getCause()).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void an_event_json_b_cannot_serialize_fails_alone_and_the_sink_keeps_working() throws Exception {
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/")))) {
            PermanentWebhookException e = catchThrowableOfType(PermanentWebhookException.class,
                    () -> sink.write(new Exploding()));
            assertThat(e.getMessage()).startsWith("JSON-B cannot serialize an event of type "
                    + Exploding.class.getName());
            assertThat(e.statusCode()).isEqualTo(WebhookException.NO_STATUS);
            assertThat(e.getCause()).isInstanceOf(jakarta.json.bind.JsonbException.class);
            sink.write(new OrderPlaced("after", 1));
        }
        assertThat(receiver.take().json().getJsonObject("event").getString("orderId")).isEqualTo("after");
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void events_outside_the_configured_lists_are_accepted_and_not_sent() throws Exception {
        try (WebhookSink sink = sink(TestConfigs.base(receiver.url("/"))
                .events(List.of("OrderPlaced")).ignore(List.of("Exploding")))) {
            sink.write("not an order");
            sink.write(new Exploding()); // ignored before serialization: no failure
            sink.write(new OrderPlaced("A-9", 1));
        }
        assertThat(receiver.take().json().getJsonObject("event").getString("orderId")).isEqualTo("A-9");
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void null_close_and_write_after_close() {
        WebhookSink sink = sink(TestConfigs.base(receiver.url("/")));
        assertThatThrownBy(() -> sink.write(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("event must not be null");
        sink.close();
        sink.close();
        assertThatThrownBy(() -> sink.write("late")).isInstanceOf(SinkClosedException.class)
                .hasMessageContaining("is closed");
        assertThat(receiver.count()).isZero();
    }

    @Test
    void close_lets_a_request_under_way_finish_and_its_write_succeed() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        receiver.respond((r, i) -> {
            arrived.countDown();
            answer.await();
            return Receiver.Reply.of(204);
        });
        // the sink's own Jsonb, which close closes while the request is under way
        WebhookSink sink = WebhookSink.builder(TestConfigs.base(receiver.url("/")).build()).clock(CLOCK).build();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> write = writer.submit(() -> sink.write(new OrderPlaced("A", 1)));
            assertThat(arrived.await(60, TimeUnit.SECONDS)).isTrue();
            sink.close(); // does not wait for, nor cancel, the request
            assertThatThrownBy(() -> sink.write("late")).isInstanceOf(SinkClosedException.class);
            answer.countDown();
            write.get(60, TimeUnit.SECONDS); // delivered: the write returns normally
        } finally {
            writer.shutdownNow();
        }
        assertThat(receiver.count()).isEqualTo(1);
    }

    @Test
    void batched_only_options_are_refused_for_one_event_per_request() {
        WebhookConfig config = TestConfigs.base(receiver.url("/")).build();
        assertThatThrownBy(() -> WebhookSink.builder(config).retryStrategy(new dev.sinkwire.core.Breaker(1,
                Duration.ofSeconds(1))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apply only to a batched webhook sink (batch.size > 1)");
    }

    @Test
    void the_default_jsonb_is_created_when_none_is_given() throws Exception {
        try (WebhookSink sink = new WebhookSink(TestConfigs.base(receiver.url("/")).build())) {
            sink.write(new OrderPlaced("B-1", 2));
        }
        assertThat(receiver.take().json().getJsonObject("event").getInt("quantity")).isEqualTo(2);
    }

    private int port() {
        return Integer.parseInt(receiver.url("").replaceAll(".*:", ""));
    }
}
