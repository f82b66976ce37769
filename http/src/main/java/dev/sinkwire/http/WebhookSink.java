/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.Matcher;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.Timekeeper;
import dev.sinkwire.core.internal.Checks;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * POSTs events as JSON to a webhook: go-events' {@code httpSink}, on {@code java.net.http}, with
 * the event serialized by JSON-B, in the {@link WebhookConfig#format() format} configured: by
 * default inside an envelope (see {@code docs/http.md}),
 * <pre>{@code
 * {"id":"4f0c…","timestamp":"2026-11-26T19:24:47.123Z","type":"com.acme.OrderPlaced","event":{…}}
 * }</pre>
 * or as a CloudEvent (structured, binary or batched mode). With a secret, every request is signed
 * the Standard Webhooks way ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}), or with the older {@code hmac-sha256} scheme.
 *
 * <p>Each accepted event gets one id (the envelope's {@code id}, the CloudEvents {@code id},
 * {@code webhook-id}), kept for all its retries; {@link Builder#eventIds(Function)} lets the
 * application (a durable outbox) supply it.
 *
 * <p><b>One event per request</b> ({@link WebhookConfig#batchSize()} 1, the default):
 * {@link #write} sends the request and returns when the receiver answered 2xx: then the event is
 * committed (delivered). Otherwise it throws a {@link WebhookException}: retryable for a timeout,
 * an I/O error, 408, 429 and 5xx ({@link RetryAfterException} when the receiver sent
 * {@code Retry-After}), a {@link PermanentWebhookException} for every other status and for an
 * event JSON-B cannot serialize. This sink does not retry: wrap it in a
 * {@link dev.sinkwire.core.RetryingSink} with {@link WebhookRetryStrategy#wrap(RetryStrategy)}, and
 * in a {@link dev.sinkwire.core.Queue} so writers do not wait for the network.
 *
 * <p><b>Batched</b> ({@link WebhookConfig#batchSize()} above 1): the sink is its own queue.
 * {@link #write} serializes the event and appends it to a buffer, then returns: the event is
 * committed once buffered, and from then on it is delivered or handed to the
 * {@link Builder#dropListener(DropListener) drop listener}, never lost silently. One sender thread
 * (from the {@link Builder#threadFactory(ThreadFactory) thread factory}) POSTs up to
 * {@code batchSize} envelopes as one {@code {"events":[...]}} request when a batch is full, when
 * the oldest buffered event has waited {@link WebhookConfig#batchLinger()}, on {@link #flush()},
 * and on {@link #close()}. A failed batch is retried with the
 * {@link Builder#retryStrategy(RetryStrategy) retry strategy} (wrapped in
 * {@link WebhookRetryStrategy}; none given: not retried), then each of its events is reported.
 * Put no {@code RetryingSink} around a batched sink (its writes fail only when it is closed); a
 * {@code Queue} in front is harmless but not needed.
 *
 * <p>Retries resend the same envelope (same {@code id} and {@code timestamp}), so receivers can
 * de-duplicate: batched, the sender resends the batch's body; one event per request, a write of
 * the same event object (by identity) on the same thread right after a retryable failure of it
 * (which is what a {@link dev.sinkwire.core.RetryingSink} does) reuses the envelope of that
 * failure. The price: after a retryable failure, each writer thread holds on to that one event
 * until its next write through this sink.
 *
 * <p>In both modes, an event JSON-B cannot serialize fails its own write with a
 * {@link PermanentWebhookException}, and the sink goes on with the next events; events the
 * configuration's {@link WebhookConfig#matcher() events/ignore lists} leave out are accepted and
 * not sent, like a {@link dev.sinkwire.core.Filter}.
 *
 * <p>Receiver signals: a {@code 410 Gone} {@link #disabled() disables} the endpoint until
 * {@link #enable()} (events then fail permanently without a request); a {@code Retry-After} on
 * 429, 502, 503 or 504 holds the whole sink off for that long (at most
 * {@link WebhookConfig#maxRetryAfter()}); redirects are never followed.
 *
 * <p>Security: only http and https URLs; TLS certificates and host names are verified by the JDK
 * and there is no way to turn that off (the configured trust store replaces the default trust; a
 * client given to {@link Builder#httpClient(HttpClient)} brings its own {@code SSLContext});
 * header values and secrets never appear in messages, logs or {@link #toString()}, and the URL is
 * shown as its origin only. Sinkwire's own {@link DeadLetter} events are not sent unless the
 * configuration's {@code events} names them (then as a summary without the failed event or the
 * error), and an event that is a {@link Throwable} is never sent.
 *
 * <p>Not for: delivery after a crash (buffered events live in memory only), or exactly-once
 * delivery (a timeout after the receiver processed a request leads to a retry of the same
 * envelope: receivers should de-duplicate by {@code id}).
 *
 * <p>Safe for concurrent use. Unbatched, concurrent writes are concurrent requests; batched,
 * events are sent in the order their writes were accepted.
 */
public final class WebhookSink implements Sink<Object> {

    private static final AtomicInteger UNNAMED = new AtomicInteger();
    private static final System.Logger LOGGER = System.getLogger(WebhookSink.class.getName());
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;

    private final String name;
    private final WebhookConfig config;
    private final Sender sender;
    private final Matcher<Object> matcher;
    private final Clock clock;
    private final Function<Object, String> eventIds;
    private final Supplier<UUID> ids;
    private final String source;
    private final boolean deadLettersNamed;
    private final Batcher batcher; // null: one event per request
    private final Jsonb givenJsonb;
    private final Object jsonbLock = new Object();
    private volatile Jsonb ownJsonb;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Per writer thread: its last event whose request failed in a retryable way, as it was sent. */
    private final ThreadLocal<Prepared> lastUnsent = new ThreadLocal<>();

    /**
     * One accepted event, serialized once: every attempt sends these bytes under this id.
     *
     * @param event the event
     * @param id its id (envelope {@code id}, CloudEvents {@code id}, {@code webhook-id})
     * @param part its JSON: the envelope, the structured CloudEvent, or (binary mode) the data
     * @param headers the format's own headers (binary mode: {@code ce-*})
     */
    record Prepared(Object event, String id, byte[] part, Map<String, String> headers) {
    }

    /**
     * Creates a sink with the defaults of {@link #builder(WebhookConfig)}.
     *
     * @param config the settings
     * @throws NullPointerException if {@code config} is {@code null}
     */
    public WebhookSink(WebhookConfig config) {
        this(builder(config));
    }

    private WebhookSink(Builder b) {
        this.config = b.config;
        this.name = b.name != null ? b.name : "webhook-" + UNNAMED.incrementAndGet();
        this.clock = b.clock;
        this.ids = b.ids;
        this.eventIds = b.eventIds != null ? b.eventIds : event -> ids.get().toString();
        this.source = config.cloudEventsSource() != null ? config.cloudEventsSource()
                : "/sinkwire/" + CloudEvents.percentEncode(name);
        this.deadLettersNamed = config.events().contains(DeadLetter.class.getName())
                || config.events().contains(DeadLetter.class.getSimpleName());
        this.givenJsonb = b.jsonb;
        this.matcher = config.matcher();
        this.sender = new Sender(name, config, b.httpClient != null ? b.httpClient : Sender.defaultClient(config),
                clock, b.timekeeper);
        if (config.batchSize() > 1) {
            RetryStrategy strategy = b.retryStrategy == null || b.retryStrategy instanceof WebhookRetryStrategy
                    ? b.retryStrategy
                    : WebhookRetryStrategy.wrap(b.retryStrategy, config.maxRetryAfter(), b.timekeeper);
            ThreadFactory factory = b.threadFactory != null ? b.threadFactory : this::defaultThread;
            this.batcher = new Batcher(name, sender, this::batch, config.batchSize(), config.batchCapacity(),
                    config.batchLinger(), strategy, b.dropListener, b.deliveryListener, b.failedAttemptListener,
                    b.timekeeper, factory);
        } else {
            this.batcher = null;
        }
    }

    /**
     * Starts building a sink with more options than {@link #WebhookSink(WebhookConfig)} takes.
     *
     * @param config the settings
     * @return a builder
     * @throws NullPointerException if {@code config} is {@code null}
     */
    public static Builder builder(WebhookConfig config) {
        return new Builder(config);
    }

    /**
     * Sends the event (one per request), or buffers it for the next batch.
     *
     * @param event the event, never {@code null}
     * @throws NullPointerException if {@code event} is {@code null}
     * @throws SinkClosedException if the sink is closed
     * @throws PermanentWebhookException if JSON-B cannot serialize the event, or (one per request)
     *     the receiver answered a non-retryable status
     * @throws WebhookException (one per request) if the request failed in a retryable way
     * @throws SinkException (one per request) if interrupted while waiting for the response (the
     *     flag is restored)
     */
    @Override
    public void write(Object event) {
        Objects.requireNonNull(event, "event must not be null");
        if (closed.get()) {
            throw new SinkClosedException("webhook sink " + name + " is closed");
        }
        if (batcher == null) {
            // Writing anything else on this thread ends the window in which a write of the event
            // that failed last counts as its retry, also when that other event is not sent.
            Prepared unsent = lastUnsent.get();
            if (unsent != null && unsent.event() != event) {
                lastUnsent.remove();
            }
        }
        if (!matcher.match(event)) {
            return;
        }
        if (event instanceof DeadLetter && !deadLettersNamed) {
            LOGGER.log(Level.DEBUG, () -> "webhook sink " + name + ": Sinkwire's own DeadLetter events are not sent"
                    + " (name dev.sinkwire.DeadLetter in events to send a summary of them)");
            return;
        }
        if (batcher != null) {
            batcher.add(prepare(event));
            return;
        }
        Prepared unsent = lastUnsent.get(); // this event's, if any: another one was removed above
        Prepared prepared = unsent != null ? unsent : prepare(event);
        try {
            sender.post(single(prepared));
            lastUnsent.remove();
        } catch (RuntimeException e) {
            if (WebhookRetryStrategy.isPermanent(e)) {
                lastUnsent.remove();
            } else {
                lastUnsent.set(prepared); // a retry resends the same id and body
            }
            throw e;
        }
    }

    /**
     * Batched: waits until every event accepted before this call has been delivered or reported,
     * sending a partial batch at once instead of lingering. One event per request: returns at
     * once (every write has finished when it returns).
     *
     * @throws SinkException if interrupted while waiting (the flag is restored)
     * @throws IllegalStateException if called from the sink's own sender thread
     */
    public void flush() {
        if (batcher != null) {
            batcher.flush();
        }
    }

    /**
     * Closes the sink: later writes fail with {@link SinkClosedException}. Batched: sends every
     * buffered event first, each batch at most once more (a retry backoff under way is cut short;
     * a batch that fails then is reported), then returns. One event per request: requests under
     * way finish normally. Closes the {@code Jsonb} the sink created itself (not one given to it).
     * A second call does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (batcher != null) {
            batcher.close();
        }
        Jsonb own;
        synchronized (jsonbLock) { // no Jsonb is made after this: jsonb() checks `closed` under the lock
            own = ownJsonb;
        }
        if (own != null) {
            try {
                own.close();
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "webhook sink " + name + ": closing its Jsonb failed", e);
            }
        }
    }

    /**
     * The settings this sink was built with.
     *
     * @return the configuration
     */
    public WebhookConfig config() {
        return config;
    }

    /**
     * The name used in drop reports and for the sender thread.
     *
     * @return the name given to the builder, or {@code webhook-<n>}
     */
    public String name() {
        return name;
    }

    /**
     * Whether the endpoint is disabled: the receiver answered {@code 410 Gone}. While disabled,
     * nothing is sent; every event is refused with an {@link EndpointDisabledException}
     * (permanent), so it is reported as a dead letter.
     *
     * @return {@code true} from a {@code 410 Gone} until {@link #enable()}
     */
    public boolean disabled() {
        return sender.disabledReason() != null;
    }

    /**
     * Sends again after a {@code 410 Gone} disabled the endpoint (the receiver is back, or the
     * URL was fixed behind the same name). Logged at WARNING.
     *
     * @return {@code true} if the endpoint was disabled
     */
    public boolean enable() {
        return sender.enable();
    }

    /** Name, origin, format, batching and signing; never a header value or a secret. */
    @Override
    public String toString() {
        return "WebhookSink[" + name + ", POST " + sender.origin() + ", " + config.format().key()
                + (config.batchSize() > 1 ? ", batch " + config.batchSize() + "/" + config.batchLinger() : "")
                + (config.signed() ? ", signed " + config.signatureScheme().key() : "")
                + (disabled() ? ", DISABLED (410 Gone)" : "") + "]";
    }

    /**
     * Serializes an accepted event once and gives it its id: what every attempt sends.
     *
     * @throws PermanentWebhookException if the event is an exception, cannot be serialized, or its
     *     id cannot be sent
     */
    private Prepared prepare(Object event) {
        if (event instanceof Throwable) {
            // Messages and stack traces are internal details: never sent to a receiver.
            throw new PermanentWebhookException("webhook sink " + name + " does not send exceptions to a receiver"
                    + " (event of type " + event.getClass().getName() + "; permanent: not retried)", null);
        }
        String json = event instanceof DeadLetter letter ? deadLetterSummary(letter) : serialize(event);
        String id = id(event);
        String time = TIMESTAMP.format(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        String type = config.typeName(event);
        return switch (config.format()) {
            case ENVELOPE -> new Prepared(event, id, Envelopes.envelope(id, time, type, json), Map.of());
            case CLOUDEVENTS_STRUCTURED, CLOUDEVENTS_BATCH ->
                    new Prepared(event, id, CloudEvents.structured(id, source, type, time, json), Map.of());
            case CLOUDEVENTS_BINARY -> new Prepared(event, id, json.getBytes(StandardCharsets.UTF_8),
                    CloudEvents.binaryHeaders(id, source, type, time));
        };
    }

    private String serialize(Object event) {
        try {
            return jsonb().toJson(event);
        } catch (WebhookException e) {
            throw e;
        } catch (RuntimeException e) {
            // The JSON-B message may quote the event's data: only its type goes into the message.
            throw new PermanentWebhookException("JSON-B cannot serialize an event of type " + event.getClass().getName()
                    + " for webhook sink " + name + " (permanent: not retried): " + e.getClass().getName(), e);
        }
    }

    /**
     * What a receiver gets for a {@link DeadLetter} when {@code events} names it: which sink, why,
     * how many attempts, the type of the event that failed and the type of the last error; never
     * the event's content nor the error's message or stack trace.
     */
    private static String deadLetterSummary(DeadLetter letter) {
        StringBuilder s = new StringBuilder(160).append("{\"sink\":");
        Envelopes.appendString(s, letter.sink());
        s.append(",\"reason\":\"").append(letter.reason().name()).append("\",\"attempts\":")
                .append(letter.attempts()).append(",\"eventType\":");
        Envelopes.appendString(s, letter.event().getClass().getName());
        s.append(",\"errorType\":");
        if (letter.cause() == null) {
            s.append("null");
        } else {
            Envelopes.appendString(s, letter.cause().getClass().getName());
        }
        return s.append('}').toString();
    }

    private String id(Object event) {
        String id = eventIds.apply(event);
        if (id == null || id.isEmpty() || id.length() > 255 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new PermanentWebhookException("webhook sink " + name + ": the event id supplier gave "
                    + (id == null ? "null" : "an id that cannot be sent") + " for an event of type "
                    + event.getClass().getName() + "; allowed: 1 to 255 printable US-ASCII characters without spaces"
                    + " (permanent: not retried)", null);
        }
        return id;
    }

    /** The request of one event. */
    private Sender.Delivery single(Prepared p) {
        String type = switch (config.format()) {
            case ENVELOPE -> config.contentType();
            case CLOUDEVENTS_STRUCTURED -> CloudEvents.STRUCTURED_TYPE;
            case CLOUDEVENTS_BINARY -> CloudEvents.DATA_TYPE;
            case CLOUDEVENTS_BATCH -> throw new IllegalStateException("cloudevents-batch with batch size 1");
        };
        return new Sender.Delivery(p.id(), p.part(), type, p.headers());
    }

    /** The request of a batch: a fresh id, kept for every retry of this batch. */
    private Sender.Delivery batch(List<Prepared> events) {
        List<byte[]> parts = new ArrayList<>(events.size());
        events.forEach(p -> parts.add(p.part()));
        String id = ids.get().toString();
        return config.format() == WebhookConfig.Format.CLOUDEVENTS_BATCH
                ? new Sender.Delivery(id, CloudEvents.batch(parts), CloudEvents.BATCH_TYPE, Map.of())
                : new Sender.Delivery(id, Envelopes.batch(parts), config.contentType(), Map.of());
    }

    private Jsonb jsonb() {
        if (givenJsonb != null) {
            return givenJsonb;
        }
        Jsonb j = ownJsonb;
        if (j == null) {
            synchronized (jsonbLock) {
                j = ownJsonb;
                if (j == null) {
                    if (closed.get()) {
                        throw new SinkClosedException("webhook sink " + name + " is closed");
                    }
                    try {
                        j = JsonbBuilder.create();
                    } catch (RuntimeException e) {
                        throw new PermanentWebhookException("no JSON-B implementation for webhook sink " + name
                                + ": add one to the application (such as org.eclipse:yasson) or pass a Jsonb to"
                                + " WebhookSink.Builder.jsonb (" + e + ")", e);
                    }
                    ownJsonb = j;
                }
            }
        }
        return j;
    }

    private Thread defaultThread(Runnable task) {
        Thread thread = new Thread(task, "sinkwire-" + name);
        thread.setDaemon(true);
        return thread;
    }

    /** The default delivery listener: none. */
    private static final Consumer<Object> NO_DELIVERY_LISTENER = event -> { };

    /**
     * Options for a {@link WebhookSink}. Not thread-safe; use from one thread, then
     * {@link #build()}.
     */
    public static final class Builder {
        private final WebhookConfig config;
        private String name;
        private Jsonb jsonb;
        private HttpClient httpClient;
        private DropListener dropListener = DropListener.logging();
        private Consumer<Object> deliveryListener = NO_DELIVERY_LISTENER;
        private Consumer<Object> failedAttemptListener = NO_DELIVERY_LISTENER;
        private RetryStrategy retryStrategy;
        private ThreadFactory threadFactory;
        private Timekeeper timekeeper = Timekeeper.system();
        private Clock clock = Clock.systemUTC();
        private Supplier<UUID> ids = UUID::randomUUID;
        private Function<Object, String> eventIds;

        private Builder(WebhookConfig config) {
            this.config = Checks.notNull(config, "config");
        }

        /**
         * Names the sink, for drop reports and its sender thread ({@code sinkwire-<name>}).
         *
         * @param name a non-blank name; default {@code webhook-<n>}
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder name(String name) {
            this.name = Checks.notBlank(name, "name");
            return this;
        }

        /**
         * Sets the JSON-B instance that serializes events (a CDI {@code Jsonb} bean, say). The
         * sink does not close it.
         *
         * @param jsonb the instance; default: {@link JsonbBuilder#create()}, made at the first
         *     write and closed with the sink
         * @return this builder
         */
        public Builder jsonb(Jsonb jsonb) {
            this.jsonb = Checks.notNull(jsonb, "jsonb");
            return this;
        }

        /**
         * Sets the HTTP client, for example one with a container-managed executor or a custom
         * trust store. Its redirect policy, {@code SSLContext} and connect timeout are used as
         * they are.
         *
         * @param httpClient the client; default: a client per sink that follows no redirects,
         *     verifies TLS as the JDK does, and connects within the configured timeout
         * @return this builder
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Checks.notNull(httpClient, "httpClient");
            return this;
        }

        /**
         * Batched only: sets who hears of events that were buffered and then not delivered.
         *
         * @param dropListener the listener; default {@link DropListener#logging()}
         * @return this builder
         */
        public Builder dropListener(DropListener dropListener) {
            this.dropListener = Checks.notNull(dropListener, "dropListener");
            return this;
        }

        /**
         * Batched only: sets who hears of each buffered event once its batch was delivered (every
         * buffered event goes either here or to the drop listener, once).
         *
         * @param deliveryListener the listener; default: none
         * @return this builder
         */
        public Builder deliveryListener(Consumer<Object> deliveryListener) {
            this.deliveryListener = Checks.notNull(deliveryListener, "deliveryListener");
            return this;
        }

        /**
         * Batched only: sets who hears of each failed request, retried or not, with the batch's
         * events as an unmodifiable {@code List} (one call per failed attempt).
         *
         * @param failedAttemptListener the listener; default: none
         * @return this builder
         */
        public Builder failedAttemptListener(Consumer<Object> failedAttemptListener) {
            this.failedAttemptListener = Checks.notNull(failedAttemptListener, "failedAttemptListener");
            return this;
        }

        /**
         * Batched only: sets how failed batches are retried; it is wrapped in
         * {@link WebhookRetryStrategy} unless it is one already. For one event per request, wrap
         * the sink in a {@link dev.sinkwire.core.RetryingSink} instead.
         *
         * @param retryStrategy the strategy; default: no retry (a failed batch is reported at once)
         * @return this builder
         */
        public Builder retryStrategy(RetryStrategy retryStrategy) {
            this.retryStrategy = Checks.notNull(retryStrategy, "retryStrategy");
            return this;
        }

        /**
         * Batched only: sets where the sender thread comes from (a container's
         * {@code ManagedThreadFactory}, say). Asked for exactly one thread.
         *
         * @param threadFactory the factory; default: a daemon thread named {@code sinkwire-<name>}
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = Checks.notNull(threadFactory, "threadFactory");
            return this;
        }

        /**
         * Batched only: sets the clock and waits for the linger and retry backoffs.
         *
         * @param timekeeper the timekeeper; default {@link Timekeeper#system()}
         * @return this builder
         */
        public Builder timekeeper(Timekeeper timekeeper) {
            this.timekeeper = Checks.notNull(timekeeper, "timekeeper");
            return this;
        }

        /**
         * Sets the wall clock for envelope timestamps and {@code Retry-After} dates.
         *
         * @param clock the clock; default {@link Clock#systemUTC()}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * Sets where envelope ids come from.
         *
         * @param ids the supplier, called once per event; default {@link UUID#randomUUID()}
         * @return this builder
         */
        public Builder ids(Supplier<UUID> ids) {
            this.ids = Checks.notNull(ids, "ids");
            return this;
        }

        /**
         * Sets where each event's id comes from: called once per event, when the sink accepts it
         * (before the first attempt), and the id is then kept for every retry of that event. This
         * is the seam for a durable (outbox) store, whose row id stays the same across restarts.
         *
         * @param eventIds gives the id of an event: 1 to 255 printable US-ASCII characters without
         *     spaces; default: {@link #ids(Supplier) ids}{@code .get().toString()}
         * @return this builder
         */
        public Builder eventIds(Function<Object, String> eventIds) {
            this.eventIds = Checks.notNull(eventIds, "eventIds");
            return this;
        }

        /**
         * Creates the sink; batched, starts its sender thread.
         *
         * @return the sink
         * @throws IllegalArgumentException if batched-only options (retry strategy, thread
         *     factory, drop listener, delivery or failed-attempt listener) were set for a sink that
         *     sends one event per request, where they would silently do nothing
         */
        public WebhookSink build() {
            if (config.batchSize() == 1 && (retryStrategy != null || threadFactory != null
                    || dropListener != DropListener.logging() || deliveryListener != NO_DELIVERY_LISTENER
                    || failedAttemptListener != NO_DELIVERY_LISTENER)) {
                throw new IllegalArgumentException("retryStrategy, threadFactory, dropListener, deliveryListener and"
                        + " failedAttemptListener"
                        + " apply only to a batched webhook sink (batch.size > 1); with one event per request, wrap"
                        + " the sink in RetryingSink(sink, WebhookRetryStrategy.wrap(strategy), dropListener,"
                        + " timekeeper)");
            }
            if (httpClient != null && (config.tlsConfigured() || config.proxy() != null)) {
                throw new IllegalArgumentException("the configuration sets TLS stores or a proxy, which apply to the"
                        + " sink's own HTTP client only; allowed: configure them on the client given to httpClient(),"
                        + " or give no client");
            }
            return new WebhookSink(this);
        }
    }
}
