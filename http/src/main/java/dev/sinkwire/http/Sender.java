/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import dev.sinkwire.SinkException;
import dev.sinkwire.core.Timekeeper;
import dev.sinkwire.core.internal.Checks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLException;

/**
 * Sends one request and turns the outcome into a return or a {@link WebhookException}; signs each
 * attempt; keeps the endpoint's state that the receiver controls: disabled after {@code 410 Gone},
 * throttled after a {@code Retry-After} on 429, 502, 503 or 504; limits the requests under way.
 * Safe for concurrent use (the HTTP client is; a request signs with a {@link Mac} it owns alone, a
 * recycled spare or a clone; the endpoint state is in atomics).
 */
final class Sender {

    /** How many bytes of an error response's body are kept. */
    static final int EXCERPT_BYTES = 512;

    private static final System.Logger LOGGER = System.getLogger(WebhookSink.class.getName());
    private static final Pattern DELTA_SECONDS = Pattern.compile("\\d{1,12}");
    private static final byte[] NO_BODY = new byte[0];

    /** One request: the id it is sent under, its body, its content type and format headers. */
    record Delivery(String id, byte[] body, String contentType, Map<String, String> headers) {
    }

    private final String name;
    private final WebhookConfig config;
    private final HttpClient client;
    private final Clock clock;
    private final Timekeeper timekeeper;
    private final String origin;
    private final long timeoutNanos;
    private final long maxRetryAfterNanos;
    private final List<SecretKeySpec> keys;
    /** One initialized Mac per key, cloned when no spare is free (cheaper than a provider lookup and key setup). */
    private final List<Mac> prototypes;
    /**
     * Per key, a Mac that no request is using, or null: a request takes it with getAndSet(null),
     * so it owns it alone, and puts it back after doFinal (which resets it). One sender, or writers
     * taking turns, sign without a clone; concurrent requests that find the slot empty clone.
     */
    private final AtomicReferenceArray<Mac> spares;
    private final Semaphore inFlight; // null: no limit
    /** Values that must never leave in a message: header values and the secrets. */
    private final List<String> secrets;
    /** Why the endpoint is disabled (410 Gone), or null while enabled. */
    private final AtomicReference<String> disabled = new AtomicReference<>();
    /** Until when (timekeeper nanos) the receiver asked not to be sent anything, and the status it answered. */
    private final AtomicReference<Throttle> throttle = new AtomicReference<>();

    private record Throttle(long untilNanos, int status) {
    }

    Sender(String name, WebhookConfig config, HttpClient client, Clock clock, Timekeeper timekeeper) {
        this.name = name;
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.timekeeper = timekeeper;
        this.origin = Redaction.origin(config.url());
        this.timeoutNanos = Checks.saturatedNanos(config.timeout());
        this.maxRetryAfterNanos = Checks.saturatedNanos(config.maxRetryAfter());
        List<SecretKeySpec> specs = new ArrayList<>();
        config.signatureKeys().forEach(k -> specs.add(new SecretKeySpec(k, "HmacSHA256")));
        this.keys = List.copyOf(specs);
        List<Mac> macs = new ArrayList<>();
        specs.forEach(k -> macs.add(mac(k)));
        this.prototypes = List.copyOf(macs);
        this.spares = new AtomicReferenceArray<>(macs.size());
        this.inFlight = config.maxInFlight() > 0 ? new Semaphore(config.maxInFlight(), true) : null;
        List<String> hidden = new ArrayList<>(config.headers().values());
        for (String value : config.headers().values()) {
            // "Bearer abc": also hide "abc" alone, in case a receiver echoes only the token.
            int space = value.lastIndexOf(' ');
            if (space > 0) {
                hidden.add(value.substring(space + 1));
            }
        }
        for (byte[] key : config.signatureKeys()) { // the whole whsec_ form first, then its parts
            hidden.add("whsec_" + Base64.getEncoder().encodeToString(key));
            hidden.add(Base64.getEncoder().encodeToString(key));
            hidden.add(new String(key, StandardCharsets.UTF_8));
        }
        hidden.addAll(urlParts(config.url()));
        this.secrets = List.copyOf(hidden);
    }

    /**
     * The parts of the URL that {@link Redaction#origin} hides (its path and query, whole and each
     * query value, raw and decoded), longest first: a receiver answering "Cannot POST /hooks/T0/B0/XXXX"
     * or "bad token XXXX" must not carry a token of the URL into a log.
     */
    private static List<String> urlParts(URI url) {
        Set<String> parts = new HashSet<>();
        String path = url.getRawPath() == null || url.getRawPath().equals("/") ? "" : url.getRawPath();
        String query = url.getRawQuery();
        if (query != null) {
            parts.add(path + "?" + query);
            parts.add(query);
            for (String pair : query.split("&")) {
                String value = pair.substring(pair.indexOf('=') + 1);
                parts.add(value);
                parts.add(decoded(value));
            }
        }
        if (!path.isEmpty()) {
            parts.add(path);
            parts.add(decoded(path));
        }
        List<String> sorted = new ArrayList<>(parts);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted;
    }

    private static String decoded(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /**
     * The client the sink makes when none is given: no redirects, TLS verification as the JDK does
     * it (with the configured trust store and client certificate), the configured proxy.
     */
    static HttpClient defaultClient(WebhookConfig config) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain http: HTTP/1.1, so no h2c upgrade dance with receivers that do not know it.
                .version(config.url().getScheme().equals("https") ? HttpClient.Version.HTTP_2
                        : HttpClient.Version.HTTP_1_1);
        if (config.sslContext() != null) {
            b.sslContext(config.sslContext());
        }
        if (config.proxy() != null) {
            b.proxy(ProxySelector.of(config.proxy()));
        }
        return b.build();
    }

    String origin() {
        return origin;
    }

    /** Why the endpoint is disabled, or {@code null} while it is enabled. */
    String disabledReason() {
        return disabled.get();
    }

    /** Enables the endpoint again after a {@code 410 Gone}. */
    boolean enable() {
        String was = disabled.getAndSet(null);
        if (was != null) {
            LOGGER.log(Level.WARNING, () -> "webhook sink " + name + " (" + origin + ") enabled again");
        }
        return was != null;
    }

    /**
     * POSTs one delivery and returns when the receiver answered 2xx.
     *
     * @throws WebhookException if it did not, no answer came in time, the endpoint is disabled or
     *     throttled (then nothing is sent)
     * @throws SinkException if interrupted (the flag is restored)
     */
    void post(Delivery delivery) {
        refuseWhileHeldOff();
        if (inFlight != null) {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("interrupted while waiting for a request slot of webhook sink " + name, e);
            }
        }
        try {
            if (inFlight != null) {
                refuseWhileHeldOff(); // the receiver may have spoken while this writer waited for a slot
            }
            send(delivery);
        } finally {
            if (inFlight != null) {
                inFlight.release();
            }
        }
    }

    /** Throws when the endpoint is disabled (410) or throttled (Retry-After): then nothing is sent. */
    private void refuseWhileHeldOff() {
        String off = disabled.get();
        if (off != null) {
            throw new EndpointDisabledException(off);
        }
        Throttle t = throttle.get();
        if (t != null) {
            long remaining = t.untilNanos - timekeeper.nanoTime();
            if (remaining > 0) {
                throw logged(new RetryAfterException("webhook sink " + name + ": " + origin + " asked not to be sent"
                        + " anything for " + Duration.ofNanos(remaining) + " more (HTTP " + t.status + " with"
                        + " Retry-After); not sent (retryable)", t.status, "", Duration.ofNanos(remaining)));
            }
            throttle.compareAndSet(t, null);
        }
    }

    private void send(Delivery delivery) {
        byte[] body = delivery.body();
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .header("Content-Type", delivery.contentType());
        config.headers().forEach(request::header);
        delivery.headers().forEach(request::header);
        if (config.userAgent() != null) {
            request.header("User-Agent", config.userAgent());
        }
        if (config.idempotencyHeader() != null) {
            request.header(config.idempotencyHeader(), delivery.id());
        }
        if (!keys.isEmpty()) {
            if (config.signatureScheme() == WebhookConfig.SignatureScheme.STANDARD_WEBHOOKS) {
                String timestamp = Long.toString(clock.instant().getEpochSecond());
                request.header("webhook-id", delivery.id())
                        .header("webhook-timestamp", timestamp)
                        .header("webhook-signature", standardSignature(delivery.id(), timestamp, body));
            } else {
                request.header(config.signatureHeader(), sign(body));
            }
        }
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), Sender::body);
        HttpResponse<byte[]> response;
        try {
            // The request timeout ends at the response headers; this one also bounds the body read.
            response = future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw logged(new WebhookException("webhook sink " + name + ": no complete response from " + origin
                    + " within " + config.timeout() + " (retryable)", true, e));
        } catch (ExecutionException e) {
            throw logged(failure(e.getCause()));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while waiting for " + origin, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status <= 299) {
            LOGGER.log(Level.DEBUG, () -> "POST " + origin + ": HTTP " + status + ", " + body.length + " bytes");
            return;
        }
        throw logged(statusFailure(status, response.body(), response.headers().firstValue("Retry-After")));
    }

    private WebhookException statusFailure(int status, byte[] body, Optional<String> retryAfterHeader) {
        String excerpt = Redaction.scrub(decode(body), secrets);
        String bodyPart = excerpt.isEmpty() ? "" : "; body starts: " + excerpt;
        boolean retryable = status == 408 || status == 429 || (status >= 500 && status <= 599);
        if (status == 410) {
            String reason = "webhook sink " + name + " is disabled: " + origin + " answered 410 Gone at "
                    + clock.instant() + "; events are reported as dead letters until the application restarts or"
                    + " WebhookSink.enable() is called";
            if (disabled.compareAndSet(null, reason)) {
                LOGGER.log(Level.WARNING, reason);
            }
            return new PermanentWebhookException(origin + " answered HTTP 410 Gone: webhook sink " + name
                    + " disabled (permanent: not retried)" + bodyPart, status, excerpt);
        }
        if (!retryable) {
            return new PermanentWebhookException(origin + " answered HTTP " + status + " (permanent: not retried)"
                    + bodyPart, status, excerpt);
        }
        Duration after = retryAfterHeader.map(v -> retryAfter(v, clock)).orElse(null);
        if (after != null && maxRetryAfterNanos > 0 && (status == 429 || status == 502 || status == 503
                || status == 504)) {
            long until = timekeeper.nanoTime() + Math.min(Checks.saturatedNanos(after), maxRetryAfterNanos);
            throttle.accumulateAndGet(new Throttle(until, status),
                    (old, fresh) -> old != null && old.untilNanos - fresh.untilNanos > 0 ? old : fresh);
        }
        if (after != null) {
            return new RetryAfterException(origin + " answered HTTP " + status + " with Retry-After " + after
                    + " (retryable)" + bodyPart, status, excerpt, after);
        }
        return new WebhookException(origin + " answered HTTP " + status + " (retryable)" + bodyPart, status, true,
                excerpt);
    }

    private WebhookException failure(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return new WebhookException("webhook sink " + name + ": no response from " + origin + " within "
                    + config.timeout()
                    + " (retryable)", true, cause);
        }
        if (cause instanceof SSLException) {
            return new WebhookException("webhook sink " + name + ": TLS handshake with " + origin
                    + " failed (retryable): " + cause.getClass().getSimpleName()
                    + " (is the receiver's certificate trusted? set " + WebhookConfig.TLS_TRUST_STORE + " to trust it; does it want a client certificate? set "
                    + WebhookConfig.TLS_KEY_STORE + ")", true, cause);
        }
        if (cause instanceof IOException) {
            String detail = cause.getMessage() == null ? "" : ": " + Redaction.scrub(cause.getMessage(), secrets);
            return new WebhookException("webhook sink " + name + ": I/O error on POST to " + origin + " (retryable): "
                    + cause.getClass().getSimpleName() + detail, true, cause);
        }
        return new PermanentWebhookException("POST to " + origin + " failed (permanent): "
                + cause.getClass().getName(), cause);
    }

    private static WebhookException logged(WebhookException e) {
        LOGGER.log(Level.DEBUG, e::getMessage);
        return e;
    }

    /** The decoded start of a body, replacing malformed UTF-8 (a cut multi-byte character). */
    private static String decode(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Parses a {@code Retry-After} value: delay-seconds or an HTTP date (RFC 1123 form).
     *
     * @return the delay, zero for a date in the past, or {@code null} if it cannot be parsed
     */
    static Duration retryAfter(String value, Clock clock) {
        String v = value.strip();
        if (DELTA_SECONDS.matcher(v).matches()) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration d = Duration.between(clock.instant(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body}. */
    String sign(byte[] body) {
        Mac mac = take(0);
        byte[] digest = mac.doFinal(body);
        spares.set(0, mac);
        return "sha256=" + HexFormat.of().formatHex(digest);
    }

    /** The {@code webhook-signature} value: {@code v1,<base64>} per key, space-separated. */
    String standardSignature(String id, String timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        // "v1," and 44 base64 characters of a 32-byte digest per key, a space between two
        StringBuilder out = new StringBuilder(48 * keys.size());
        for (int i = 0; i < keys.size(); i++) {
            Mac mac = take(i);
            mac.update(prefix);
            byte[] digest = mac.doFinal(body);
            spares.set(i, mac); // doFinal reset it
            if (i > 0) {
                out.append(' ');
            }
            out.append("v1,").append(Base64.getEncoder().encodeToString(digest));
        }
        return out.toString();
    }

    /** A Mac for key {@code i} that this request owns: the spare if free, else a fresh one. */
    private Mac take(int i) {
        Mac spare = spares.getAndSet(i, null);
        return spare != null ? spare : copy(i);
    }

    /** A fresh Mac for key {@code i}: Macs are not thread-safe, clones of the prototype are independent. */
    private Mac copy(int i) {
        try {
            return (Mac) prototypes.get(i).clone();
        } catch (CloneNotSupportedException e) { // a provider whose Mac cannot be cloned: make a new one
            return mac(keys.get(i));
        }
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) { // every Java SE platform must provide HmacSHA256
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Discards a 2xx body; keeps the first bytes of any other. */
    private static BodySubscriber<byte[]> body(ResponseInfo info) {
        if (info.statusCode() >= 200 && info.statusCode() <= 299) {
            return BodySubscribers.replacing(NO_BODY);
        }
        return new Excerpt(EXCERPT_BYTES);
    }


    @Override
    public String toString() {
        return "POST " + origin;
    }

    /**
     * Collects at most {@code limit} bytes, then cancels the rest of the body: an error page of
     * megabytes, or one that never ends, costs no more than the excerpt. A failure after the
     * status arrived keeps what was read. Called by the HTTP client one signal at a time.
     */
    private static final class Excerpt implements BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Excerpt(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                int n = Math.min(item.remaining(), limit - bytes.size());
                byte[] chunk = new byte[n];
                item.get(chunk);
                bytes.writeBytes(chunk);
                if (bytes.size() >= limit) {
                    subscription.cancel();
                    result.complete(bytes.toByteArray());
                    return;
                }
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.complete(bytes.toByteArray());
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
