package dev.sinkwire.http;

import dev.sinkwire.SinkException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends one request body and turns the outcome into a return or a {@link WebhookException}.
 * Safe for concurrent use (the HTTP client is; a {@link Mac} is made per request).
 */
final class Sender {

    /** How many bytes of an error response's body are kept. */
    static final int EXCERPT_BYTES = 512;

    private static final System.Logger LOGGER = System.getLogger(WebhookSink.class.getName());
    private static final Pattern DELTA_SECONDS = Pattern.compile("\\d{1,12}");
    private static final byte[] NO_BODY = new byte[0];

    private final WebhookConfig config;
    private final HttpClient client;
    private final Clock clock;
    private final String origin;
    private final long timeoutNanos;
    private final SecretKeySpec key;
    /** Values that must never leave in a message: header values and the secret. */
    private final List<String> secrets;

    Sender(WebhookConfig config, HttpClient client, Clock clock) {
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.origin = Redaction.origin(config.url());
        this.timeoutNanos = saturatedNanos(config.timeout());
        byte[] secret = config.signatureSecret();
        this.key = secret == null ? null : new SecretKeySpec(secret, "HmacSHA256");
        List<String> hidden = new ArrayList<>(config.headers().values());
        for (String value : config.headers().values()) {
            // "Bearer abc": also hide "abc" alone, in case a receiver echoes only the token.
            int space = value.lastIndexOf(' ');
            if (space > 0) {
                hidden.add(value.substring(space + 1));
            }
        }
        if (secret != null) {
            hidden.add(new String(secret, StandardCharsets.UTF_8));
        }
        this.secrets = List.copyOf(hidden);
    }

    /** The client the sink makes when none is given: no redirects, TLS verification as the JDK does it. */
    static HttpClient defaultClient(WebhookConfig config) {
        return HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain http: HTTP/1.1, so no h2c upgrade dance with receivers that do not know it.
                .version(config.url().getScheme().equals("https") ? HttpClient.Version.HTTP_2
                        : HttpClient.Version.HTTP_1_1)
                .build();
    }

    String origin() {
        return origin;
    }

    /**
     * POSTs {@code body} and returns when the receiver answered 2xx.
     *
     * @throws WebhookException if it did not, or no answer came in time
     * @throws SinkException if interrupted (the flag is restored)
     */
    void post(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .header("Content-Type", config.contentType());
        config.headers().forEach(request::header);
        if (key != null) {
            request.header(config.signatureHeader(), sign(body));
        }
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), Sender::body);
        HttpResponse<byte[]> response;
        try {
            // The request timeout ends at the response headers; this one also bounds the body read.
            response = future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw logged(new WebhookException("no complete response from " + origin + " within " + config.timeout()
                    + " (retryable)", true, e));
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
        if (!retryable) {
            return new PermanentWebhookException(origin + " answered HTTP " + status + " (permanent: not retried)"
                    + bodyPart, status, excerpt);
        }
        Duration after = retryAfterHeader.map(v -> retryAfter(v, clock)).orElse(null);
        if (after != null) {
            return new RetryAfterException(origin + " answered HTTP " + status + " with Retry-After " + after
                    + " (retryable)" + bodyPart, status, excerpt, after);
        }
        return new WebhookException(origin + " answered HTTP " + status + " (retryable)" + bodyPart, status, true,
                excerpt);
    }

    private WebhookException failure(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return new WebhookException("no response from " + origin + " within " + config.timeout()
                    + " (retryable)", true, cause);
        }
        if (cause instanceof IOException) {
            String detail = cause.getMessage() == null ? "" : ": " + Redaction.scrub(cause.getMessage(), secrets);
            return new WebhookException("I/O error on POST to " + origin + " (retryable): "
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
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

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
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
