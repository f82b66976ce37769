package dev.sinkwire.http;

import dev.sinkwire.DropListener;
import dev.sinkwire.Matcher;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.Timekeeper;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * POSTs events as JSON to a webhook: go-events' {@code httpSink}, on {@code java.net.http}, with
 * the event serialized by JSON-B inside an envelope (see {@code docs/http.md}):
 * <pre>{@code
 * {"id":"4f0c…","timestamp":"2026-11-26T19:24:47.123Z","type":"com.acme.OrderPlaced","event":{…}}
 * }</pre>
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
 * <p>Security: only http and https URLs; TLS certificates and host names are verified by the JDK
 * and there is no way to turn that off (a client given to
 * {@link Builder#httpClient(HttpClient)} brings its own {@code SSLContext}); redirects are not
 * followed; header values and the signature secret never appear in messages, logs or
 * {@link #toString()}, and the URL is shown as its origin only.
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
    private final Supplier<UUID> ids;
    private final Batcher batcher; // null: one event per request
    private final Jsonb givenJsonb;
    private final Object jsonbLock = new Object();
    private volatile Jsonb ownJsonb;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Per writer thread: the envelope of its last write that failed in a retryable way. */
    private final ThreadLocal<Unsent> lastUnsent = new ThreadLocal<>();

    /** An event whose request failed in a retryable way, and the envelope that was sent. */
    private record Unsent(Object event, byte[] envelope) {
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
        this.givenJsonb = b.jsonb;
        this.matcher = config.matcher();
        this.sender = new Sender(config, b.httpClient != null ? b.httpClient : Sender.defaultClient(config), clock);
        if (config.batchSize() > 1) {
            RetryStrategy strategy = b.retryStrategy == null || b.retryStrategy instanceof WebhookRetryStrategy
                    ? b.retryStrategy
                    : WebhookRetryStrategy.wrap(b.retryStrategy, WebhookRetryStrategy.DEFAULT_MAX_RETRY_AFTER,
                            b.timekeeper);
            ThreadFactory factory = b.threadFactory != null ? b.threadFactory : this::defaultThread;
            this.batcher = new Batcher(name, sender, config.batchSize(), config.batchLinger(), strategy,
                    b.dropListener, b.deliveryListener, b.timekeeper, factory);
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
        if (!matcher.match(event)) {
            return;
        }
        if (batcher != null) {
            batcher.add(event, envelope(event));
            return;
        }
        Unsent unsent = lastUnsent.get();
        byte[] envelope = unsent != null && unsent.event == event ? unsent.envelope : envelope(event);
        try {
            sender.post(envelope);
            lastUnsent.remove();
        } catch (RuntimeException e) {
            if (WebhookRetryStrategy.isPermanent(e)) {
                lastUnsent.remove();
            } else {
                lastUnsent.set(new Unsent(event, envelope)); // a retry resends the same id and timestamp
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

    /** Name, origin and batching; never a header value or the secret. */
    @Override
    public String toString() {
        return "WebhookSink[" + name + ", POST " + sender.origin()
                + (config.batchSize() > 1 ? ", batch " + config.batchSize() + "/" + config.batchLinger() : "")
                + (config.signed() ? ", signed" : "") + "]";
    }

    private byte[] envelope(Object event) {
        String json;
        try {
            json = jsonb().toJson(event);
        } catch (WebhookException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PermanentWebhookException("JSON-B cannot serialize an event of type " + event.getClass().getName()
                    + " for webhook sink " + name + " (permanent: not retried): " + e, e);
        }
        String timestamp = TIMESTAMP.format(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        return Envelopes.envelope(ids.get().toString(), timestamp, config.typeName(event), json);
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
        private RetryStrategy retryStrategy;
        private ThreadFactory threadFactory;
        private Timekeeper timekeeper = Timekeeper.system();
        private Clock clock = Clock.systemUTC();
        private Supplier<UUID> ids = UUID::randomUUID;

        private Builder(WebhookConfig config) {
            this.config = Objects.requireNonNull(config, "config must not be null");
        }

        /**
         * Names the sink, for drop reports and its sender thread ({@code sinkwire-<name>}).
         *
         * @param name a non-blank name; default {@code webhook-<n>}
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name must not be null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
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
            this.jsonb = Objects.requireNonNull(jsonb, "jsonb must not be null");
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
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient must not be null");
            return this;
        }

        /**
         * Batched only: sets who hears of events that were buffered and then not delivered.
         *
         * @param dropListener the listener; default {@link DropListener#logging()}
         * @return this builder
         */
        public Builder dropListener(DropListener dropListener) {
            this.dropListener = Objects.requireNonNull(dropListener, "dropListener must not be null");
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
            this.deliveryListener = Objects.requireNonNull(deliveryListener, "deliveryListener must not be null");
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
            this.retryStrategy = Objects.requireNonNull(retryStrategy, "retryStrategy must not be null");
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
            this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory must not be null");
            return this;
        }

        /**
         * Batched only: sets the clock and waits for the linger and retry backoffs.
         *
         * @param timekeeper the timekeeper; default {@link Timekeeper#system()}
         * @return this builder
         */
        public Builder timekeeper(Timekeeper timekeeper) {
            this.timekeeper = Objects.requireNonNull(timekeeper, "timekeeper must not be null");
            return this;
        }

        /**
         * Sets the wall clock for envelope timestamps and {@code Retry-After} dates.
         *
         * @param clock the clock; default {@link Clock#systemUTC()}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Sets where envelope ids come from.
         *
         * @param ids the supplier, called once per event; default {@link UUID#randomUUID()}
         * @return this builder
         */
        public Builder ids(Supplier<UUID> ids) {
            this.ids = Objects.requireNonNull(ids, "ids must not be null");
            return this;
        }

        /**
         * Creates the sink; batched, starts its sender thread.
         *
         * @return the sink
         * @throws IllegalArgumentException if batched-only options (retry strategy, thread
         *     factory, drop listener, timekeeper) were set for a sink that sends one event per
         *     request, where they would silently do nothing
         */
        public WebhookSink build() {
            if (config.batchSize() == 1 && (retryStrategy != null || threadFactory != null
                    || dropListener != DropListener.logging() || deliveryListener != NO_DELIVERY_LISTENER
                    || timekeeper != Timekeeper.system())) {
                throw new IllegalArgumentException("retryStrategy, threadFactory, dropListener and timekeeper apply"
                        + " only to a batched webhook sink (batch.size > 1); with one event per request, wrap the sink"
                        + " in RetryingSink(sink, WebhookRetryStrategy.wrap(strategy), dropListener, timekeeper)");
            }
            return new WebhookSink(this);
        }
    }
}
