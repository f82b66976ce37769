/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import dev.sinkwire.Matcher;
import dev.sinkwire.core.internal.Checks;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The settings of one {@link WebhookSink}: where to POST, which headers to send, how long to wait,
 * how to batch, how to sign, in which format, over which transport, and which events to take.
 * Immutable and validated when built: a bad value fails {@link Builder#build()} (or the builder
 * method) with a message naming the setting and what is allowed.
 *
 * <p>Built in Java with {@link #builder(String)}, or from configuration with
 * {@link #fromMap(String, Map)}, which takes the keys of one sink relative to its prefix
 * (for {@code sinkwire.sinks.orders.url}, the key {@code url}); {@link #KEYS} lists them all, and
 * {@code docs/http.md} says what each means.
 *
 * <p>Durations are ISO-8601 ({@code PT1S}, {@code PT0.5S}) or a whole number with a unit
 * ({@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}).
 *
 * <p>Secrets: header values, signing secrets, store passwords and the value of any key
 * {@link #fromMap} does not know never appear in {@link #toString()} or in any message this class
 * produces, and a URL is shown as its origin ({@code scheme://host:port}) only: webhook URLs often
 * hold a token in their path, and a refused URL may hold credentials.
 *
 * <p>Instances are immutable and safe for concurrent use; the {@link Builder} is not thread-safe.
 */
public final class WebhookConfig {

    /** Key of the endpoint URL. */
    public static final String URL = "url";
    /** Prefix of the header keys: {@code headers.Authorization}. */
    public static final String HEADERS = "headers.";
    /** Key of the request timeout. */
    public static final String TIMEOUT = "timeout";
    /** Key of the request's content type (envelope format). */
    public static final String CONTENT_TYPE = "content-type";
    /** Key of the largest number of events per request. */
    public static final String BATCH_SIZE = "batch.size";
    /** Key of how long a batch may wait for more events. */
    public static final String BATCH_LINGER = "batch.linger";
    /** Key of the largest number of events a batched sink buffers. */
    public static final String BATCH_CAPACITY = "batch.capacity";
    /** Key of the signing scheme. */
    public static final String SIGNATURE_SCHEME = "signature.scheme";
    /** Key of the signing secret. */
    public static final String SIGNATURE_SECRET = "signature.secret";
    /** Key of the previous signing secret, still signed with during a rotation. */
    public static final String SIGNATURE_PREVIOUS_SECRET = "signature.previous-secret";
    /** Key of the signature header's name ({@code hmac-sha256} scheme). */
    public static final String SIGNATURE_HEADER = "signature.header";
    /** Key of the header that also carries the event id, for receivers that de-duplicate by it. */
    public static final String IDEMPOTENCY_HEADER = "idempotency-header";
    /** Key of the payload format. */
    public static final String FORMAT = "format";
    /** Key of the CloudEvents {@code source} attribute. */
    public static final String CLOUDEVENTS_SOURCE = "cloudevents.source";
    /** Key of the {@code User-Agent} header. */
    public static final String USER_AGENT = "user-agent";
    /** Key of the HTTP proxy, {@code host:port}. */
    public static final String PROXY = "proxy";
    /** Key of the trust store file. */
    public static final String TLS_TRUST_STORE = "tls.trust-store";
    /** Key of the trust store's password. */
    public static final String TLS_TRUST_STORE_PASSWORD = "tls.trust-store-password";
    /** Key of the trust store's type. */
    public static final String TLS_TRUST_STORE_TYPE = "tls.trust-store-type";
    /** Key of the key store file (client certificate for mutual TLS). */
    public static final String TLS_KEY_STORE = "tls.key-store";
    /** Key of the key store's password (also the key's). */
    public static final String TLS_KEY_STORE_PASSWORD = "tls.key-store-password";
    /** Key of the key store's type. */
    public static final String TLS_KEY_STORE_TYPE = "tls.key-store-type";
    /** Key of the longest {@code Retry-After} honoured. */
    public static final String MAX_RETRY_AFTER = "max-retry-after";
    /** Key of the largest number of requests under way at once. */
    public static final String MAX_IN_FLIGHT = "max-in-flight";
    /** Key of the event types the sink takes. */
    public static final String EVENTS = "events";
    /** Key of the event types the sink ignores. */
    public static final String IGNORE = "ignore";
    /** Key of how an event's type name is made. */
    public static final String TYPE_NAME = "type-name";
    /** Prefix of the per-class type names: {@code type-names.com.acme.OrderPlaced=order.placed}. */
    public static final String TYPE_NAMES = "type-names.";

    /** Every key {@link #fromMap} accepts; entries ending in a dot are prefixes. */
    public static final List<String> KEYS = List.of(URL, HEADERS, TIMEOUT, CONTENT_TYPE, BATCH_SIZE, BATCH_LINGER,
            BATCH_CAPACITY, SIGNATURE_SCHEME, SIGNATURE_SECRET, SIGNATURE_PREVIOUS_SECRET, SIGNATURE_HEADER,
            IDEMPOTENCY_HEADER, FORMAT, CLOUDEVENTS_SOURCE, USER_AGENT, PROXY, TLS_TRUST_STORE,
            TLS_TRUST_STORE_PASSWORD, TLS_TRUST_STORE_TYPE, TLS_KEY_STORE, TLS_KEY_STORE_PASSWORD, TLS_KEY_STORE_TYPE,
            MAX_RETRY_AFTER, MAX_IN_FLIGHT, EVENTS, IGNORE, TYPE_NAME, TYPE_NAMES);

    /** Keys whose value is a secret: never shown. Unknown keys are treated the same way. */
    private static final Set<String> SECRET_KEYS = Set.of(SIGNATURE_SECRET, SIGNATURE_PREVIOUS_SECRET,
            TLS_TRUST_STORE_PASSWORD, TLS_KEY_STORE_PASSWORD);

    /** The default request timeout: 1 second (Docker Registry's endpoint default). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** The default content type: {@code application/json}. */
    public static final String DEFAULT_CONTENT_TYPE = "application/json";
    /** The default signature header of the {@code hmac-sha256} scheme: {@code X-Sinkwire-Signature-256}. */
    public static final String DEFAULT_SIGNATURE_HEADER = "X-Sinkwire-Signature-256";
    /** The largest batch size allowed: 10000. */
    public static final int MAX_BATCH_SIZE = 10_000;
    /** The default and largest batch buffer: 100000 events. */
    public static final int DEFAULT_BATCH_CAPACITY = 100_000;
    /** The default longest {@code Retry-After} honoured: 5 minutes. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(5);
    /** The largest {@code max-in-flight}: 1000. */
    public static final int MAX_MAX_IN_FLIGHT = 1000;

    /** Headers the sink sets itself or that {@code java.net.http} refuses. Lower case. */
    /** The headers binary mode sets (and {@code Content-Type}, which stands for {@code datacontenttype}). */
    private static final Set<String> BINARY_ATTRIBUTE_HEADERS = Set.of("ce-specversion", "ce-id", "ce-source",
            "ce-type", "ce-time", "ce-datacontenttype");
    private static final Set<String> RESERVED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "content-type", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection",
            "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*;\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+="
                    + "(\"[^\"\\p{Cntrl}]*\"|[!#$%&'*+.^_`|~0-9A-Za-z-]+))*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(-?\\d{1,18})(ms|s|m|h)");
    private static final Pattern HOST_PORT =
            Pattern.compile("(?:http://)?(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})/?");
    private static final String DURATION_ALLOWED = "a duration such as 500ms, 1s, 2m, 1h (whole number with unit"
            + " ms, s, m or h) or ISO-8601 such as PT1S or PT0.5S";
    private static final String WHSEC_ALLOWED = "whsec_ followed by the base64 of 24 to 64 random bytes (such as"
            + " whsec_ and the output of openssl rand -base64 32), or set " + SIGNATURE_SCHEME + "=hmac-sha256 for"
            + " the " + DEFAULT_SIGNATURE_HEADER + " scheme";

    /** How the {@code type} of an envelope is made from an event. */
    public enum TypeNaming {
        /** The event class's fully-qualified name, {@code com.acme.OrderPlaced} (the default). */
        CLASS,
        /** The event class's simple name, {@code OrderPlaced}. */
        SIMPLE
    }

    /** How requests are signed when a secret is set. */
    public enum SignatureScheme {
        /**
         * Standard Webhooks 1.0 (the default): {@code webhook-id}, {@code webhook-timestamp} and
         * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}; secrets in the
         * {@code whsec_} form.
         */
        STANDARD_WEBHOOKS("standard-webhooks"),
        /**
         * Sinkwire's first scheme, kept for receivers built for it: one header (default
         * {@code X-Sinkwire-Signature-256}) with {@code sha256=} and the hex HMAC-SHA256 of the body,
         * keyed with the secret's UTF-8 bytes; no timestamp.
         */
        HMAC_SHA256("hmac-sha256");

        private final String key;

        SignatureScheme(String key) {
            this.key = key;
        }

        /** @return the value of {@code signature.scheme} that selects this scheme */
        public String key() {
            return key;
        }
    }

    /** What a request's body looks like. */
    public enum Format {
        /** Sinkwire's envelope {@code {"id","timestamp","type","event"}}, batched in {@code {"events":[...]}}. */
        ENVELOPE("envelope"),
        /** CloudEvents 1.0, HTTP binding, structured mode: {@code application/cloudevents+json}. One per request. */
        CLOUDEVENTS_STRUCTURED("cloudevents-structured"),
        /** CloudEvents 1.0, HTTP binding, binary mode: {@code ce-} headers, the data as the body. One per request. */
        CLOUDEVENTS_BINARY("cloudevents-binary"),
        /** CloudEvents 1.0, HTTP binding, batched mode: {@code application/cloudevents-batch+json}. */
        CLOUDEVENTS_BATCH("cloudevents-batch");

        private final String key;

        Format(String key) {
            this.key = key;
        }

        /** @return the value of {@code format} that selects this format */
        public String key() {
            return key;
        }
    }

    private final URI url;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final String contentType;
    private final int batchSize;
    private final Duration batchLinger;
    private final int batchCapacity;
    private final SignatureScheme signatureScheme;
    private final List<byte[]> signatureKeys;
    private final String signatureHeader;
    private final String idempotencyHeader;
    private final Format format;
    private final String cloudEventsSource;
    private final String userAgent;
    private final InetSocketAddress proxy;
    private final SSLContext sslContext;
    private final String tlsDescription;
    private final Duration maxRetryAfter;
    private final int maxInFlight;
    private final List<String> events;
    private final List<String> ignore;
    private final TypeNaming typeNaming;
    private final Map<String, String> typeNames;
    private final TypeMatcher matcher;

    private WebhookConfig(Builder b, List<byte[]> keys, SSLContext sslContext) {
        this.url = b.url;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.timeout = b.timeout;
        this.contentType = b.contentType;
        this.batchSize = b.batchSize;
        this.batchLinger = b.batchLinger;
        this.batchCapacity = b.batchCapacity;
        this.signatureScheme = b.signatureScheme;
        this.signatureKeys = List.copyOf(keys);
        this.signatureHeader = b.signatureHeader;
        this.idempotencyHeader = b.idempotencyHeader;
        this.format = b.format;
        this.cloudEventsSource = b.cloudEventsSource;
        this.userAgent = b.userAgent;
        this.proxy = b.proxy;
        this.sslContext = sslContext;
        this.tlsDescription = sslContext == null ? null
                : (b.trustStore != null ? "trust " + b.trustStore : "")
                        + (b.trustStore != null && b.keyStore != null ? ", " : "")
                        + (b.keyStore != null ? "client certificate " + b.keyStore : "");
        this.maxRetryAfter = b.maxRetryAfter;
        this.maxInFlight = b.maxInFlight;
        this.events = List.copyOf(b.events);
        this.ignore = List.copyOf(b.ignore);
        this.typeNaming = b.typeNaming;
        this.typeNames = Collections.unmodifiableMap(new LinkedHashMap<>(b.typeNames));
        this.matcher = new TypeMatcher(this);
    }

    /**
     * Starts building a configuration for the given endpoint.
     *
     * @param url the endpoint: an absolute {@code http} or {@code https} URL with a host and no
     *     user information
     * @return a builder with every other setting at its default
     * @throws NullPointerException if {@code url} is {@code null}
     * @throws IllegalArgumentException if {@code url} is malformed or not allowed
     */
    public static Builder builder(String url) {
        return new Builder().url(url);
    }

    /**
     * Reads one sink's configuration from flat keys relative to its prefix, rejecting keys it does
     * not know. A caller that shares the prefix with other settings (the CDI extension's
     * {@code enabled}, {@code async}, {@code retry.*}, {@code type}...) removes its own keys first.
     * Every problem is collected and reported at once.
     *
     * @param prefix what precedes each key in the user's configuration, such as
     *     {@code sinkwire.sinks.orders.}; used in messages only (may be empty)
     * @param properties the keys (without the prefix) and their values
     * @return the configuration
     * @throws NullPointerException if an argument, or a key or value in the map, is {@code null}
     * @throws WebhookConfigException listing every problem, each naming the full key, the value as
     *     configured (hidden for secrets and unknown keys, a URL as its origin) and what is allowed
     */
    public static WebhookConfig fromMap(String prefix, Map<String, String> properties) {
        Checks.notNull(prefix, "prefix");
        Checks.notNull(properties, "properties");
        Builder b = new Builder();
        List<String> problems = new ArrayList<>();
        // Sorted, so that problems are reported in a stable order.
        Map<String, String> sorted = new TreeMap<>();
        properties.forEach((k, v) -> sorted.put(Objects.requireNonNull(k, "a key is null"),
                Objects.requireNonNull(v, () -> "the value of " + prefix + k + " is null")));
        if (!sorted.containsKey(URL)) {
            problems.add(prefix + URL + " is missing; allowed: an absolute http or https URL such as"
                    + " https://hooks.example.com/orders");
        }
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String key = e.getKey();
            if (!known(key)) {
                problems.add(prefix + key + " (value not shown): unknown key for an http sink; "
                        + KeyHints.suggestion(key, KEYS) + "allowed: " + String.join(", ", KEYS)
                        + " (entries ending in '.' are followed by a name)");
                continue;
            }
            try {
                apply(b, key, e.getValue().strip());
            } catch (IllegalArgumentException ex) {
                problems.add(prefix + key + "=" + shown(key, e.getValue()) + ": " + ex.getMessage());
            }
        }
        if (problems.isEmpty()) {
            for (Conflict c : b.conflicts()) {
                String raw = sorted.get(c.key());
                problems.add(prefix + c.key() + (raw == null ? "" : "=" + shown(c.key(), raw)) + ": " + c.message());
            }
        }
        if (problems.isEmpty()) {
            try {
                return b.create();
            } catch (KeyProblem ex) {
                String raw = sorted.get(ex.key);
                problems.add(prefix + ex.key + (raw == null ? "" : "=" + shown(ex.key, raw)) + ": " + ex.getMessage());
            }
        }
        throw new WebhookConfigException(problems);
    }

    private static boolean known(String key) {
        for (String k : KEYS) {
            if (k.endsWith(".") ? key.startsWith(k) && key.length() > k.length() : key.equals(k)) {
                return true;
            }
        }
        return false;
    }

    /** The value of a key as it may appear in a message. */
    private static String shown(String key, String raw) {
        if (key.startsWith(HEADERS) || SECRET_KEYS.contains(key)) {
            return "(value hidden)";
        }
        if (key.equals(URL)) {
            return Redaction.originOf(raw);
        }
        if (key.equals(PROXY) && (raw.contains("@") || !HOST_PORT.matcher(raw.strip()).matches())) {
            return "(value hidden)";
        }
        return raw;
    }

    private static void apply(Builder b, String key, String value) {
        if (key.startsWith(HEADERS)) {
            b.header(key.substring(HEADERS.length()), value);
        } else if (key.startsWith(TYPE_NAMES)) {
            b.typeName(key.substring(TYPE_NAMES.length()), value);
        } else {
            switch (key) {
                case URL -> b.url(value);
                case TIMEOUT -> b.timeout(parseDuration(value));
                case CONTENT_TYPE -> b.contentType(value);
                case BATCH_SIZE -> b.batchSize(parseInt(value, "an integer from 1 to " + MAX_BATCH_SIZE));
                case BATCH_LINGER -> b.batchLinger(parseDuration(value));
                case BATCH_CAPACITY -> b.batchCapacity(parseInt(value, "an integer from " + BATCH_SIZE + " to "
                        + DEFAULT_BATCH_CAPACITY));
                case SIGNATURE_SCHEME -> b.signatureScheme(parseEnum(SignatureScheme.values(), value,
                        SignatureScheme::key));
                case SIGNATURE_SECRET -> b.signatureSecret(value);
                case SIGNATURE_PREVIOUS_SECRET -> b.previousSignatureSecret(value);
                case SIGNATURE_HEADER -> b.signatureHeader(value);
                case IDEMPOTENCY_HEADER -> b.idempotencyHeader(value);
                case FORMAT -> b.format(parseEnum(Format.values(), value, Format::key));
                case CLOUDEVENTS_SOURCE -> b.cloudEventsSource(value);
                case USER_AGENT -> b.userAgent(value);
                case PROXY -> b.proxy(value);
                case TLS_TRUST_STORE -> b.trustStorePath = path(value);
                case TLS_TRUST_STORE_PASSWORD -> b.trustStorePassword = value.toCharArray();
                case TLS_TRUST_STORE_TYPE -> b.trustStoreType = storeType(value);
                case TLS_KEY_STORE -> b.keyStorePath = path(value);
                case TLS_KEY_STORE_PASSWORD -> b.keyStorePassword = value.toCharArray();
                case TLS_KEY_STORE_TYPE -> b.keyStoreType = storeType(value);
                case MAX_RETRY_AFTER -> b.maxRetryAfter(parseDuration(value));
                case MAX_IN_FLIGHT -> b.maxInFlight(parseInt(value, "an integer from 1 to " + MAX_MAX_IN_FLIGHT));
                case EVENTS -> b.events(splitList(value));
                case IGNORE -> b.ignore(splitList(value));
                case TYPE_NAME -> b.typeNaming(parseTypeNaming(value));
                default -> throw new IllegalStateException("known key without a reader: " + key);
            }
        }
    }

    private static Path path(String value) {
        try {
            if (value.isEmpty()) {
                throw new InvalidPathException(value, "empty");
            }
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a file path; allowed: the path of a key store file, such as"
                    + " /etc/sinkwire/receivers.p12");
        }
    }

    private static String storeType(String value) {
        if (!value.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("not a key store type; allowed: PKCS12 (the default) or JKS");
        }
        return value.toUpperCase(Locale.ROOT);
    }

    private static <T extends Enum<T>> T parseEnum(T[] values, String text, Function<T, String> key) {
        List<String> allowed = new ArrayList<>();
        for (T t : values) {
            if (key.apply(t).equalsIgnoreCase(text)) {
                return t;
            }
            allowed.add(key.apply(t));
        }
        throw new IllegalArgumentException("unknown value; allowed: " + String.join(", ", allowed));
    }

    static Duration parseDuration(String text) {
        java.util.regex.Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("not a duration; allowed: " + DURATION_ALLOWED);
        }
    }

    private static int parseInt(String text, String allowed) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer; allowed: " + allowed);
        }
    }

    private static TypeNaming parseTypeNaming(String text) {
        for (TypeNaming t : TypeNaming.values()) {
            if (t.name().equalsIgnoreCase(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type naming; allowed: class, simple");
    }

    private static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        if (text.isBlank()) {
            return out;
        }
        for (String part : text.split(",", -1)) {
            out.add(part.strip());
        }
        return out;
    }

    /**
     * The endpoint.
     *
     * @return the absolute http or https URL requests are POSTed to
     */
    public URI url() {
        return url;
    }

    /**
     * The extra request headers, in the order given. The values may be secrets: do not log them.
     *
     * @return an unmodifiable map from header name to value
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * How long one request may take, from connecting to the last byte of the response read.
     *
     * @return a positive duration; default {@link #DEFAULT_TIMEOUT}
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The {@code Content-Type} of each request.
     *
     * @return the media type; default {@link #DEFAULT_CONTENT_TYPE}
     */
    public String contentType() {
        return contentType;
    }

    /**
     * The largest number of events sent in one request; 1 means no batching (one envelope per
     * request, not wrapped in {@code {"events":[...]}}).
     *
     * @return from 1 to {@link #MAX_BATCH_SIZE}
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * How long a batch that is not full may wait for more events before it is sent; zero sends
     * what is there as soon as the sink is free to send. Meaningful only when
     * {@link #batchSize()} is more than 1.
     *
     * @return zero or positive; default zero
     */
    public Duration batchLinger() {
        return batchLinger;
    }

    /**
     * The largest number of events a batched sink buffers; a write that finds the buffer full is
     * reported to the drop listener as {@link dev.sinkwire.DropReason#OVERFLOW}.
     *
     * @return from {@link #batchSize()} to {@link #DEFAULT_BATCH_CAPACITY}; default
     *     {@link #DEFAULT_BATCH_CAPACITY}
     */
    public int batchCapacity() {
        return batchCapacity;
    }

    /**
     * Whether requests are signed.
     *
     * @return {@code true} if a signing secret is set
     */
    public boolean signed() {
        return !signatureKeys.isEmpty();
    }

    /**
     * How requests are signed when {@link #signed()}.
     *
     * @return the scheme; default {@link SignatureScheme#STANDARD_WEBHOOKS}
     */
    public SignatureScheme signatureScheme() {
        return signatureScheme;
    }

    /** The HMAC keys, current first, then the previous one: for the sink only, never exposed publicly. */
    List<byte[]> signatureKeys() {
        return signatureKeys;
    }

    /**
     * The name of the signature header of the {@link SignatureScheme#HMAC_SHA256} scheme.
     *
     * @return the header name; default {@link #DEFAULT_SIGNATURE_HEADER}
     */
    public String signatureHeader() {
        return signatureHeader;
    }

    /**
     * The header that carries the event id on every request (batched: the batch's id), for
     * receivers that de-duplicate by a header of their own ({@code Idempotency-Key}, say).
     *
     * @return the header name, or {@code null} for none (the default)
     */
    public String idempotencyHeader() {
        return idempotencyHeader;
    }

    /**
     * The payload format.
     *
     * @return the format; default {@link Format#ENVELOPE}
     */
    public Format format() {
        return format;
    }

    /**
     * The CloudEvents {@code source} attribute.
     *
     * @return the URI-reference, or {@code null} for the default {@code /sinkwire/<sink name>}
     */
    public String cloudEventsSource() {
        return cloudEventsSource;
    }

    /**
     * The {@code User-Agent} header.
     *
     * @return the value, or {@code null} for the HTTP client's own ({@code Java-http-client/17...})
     */
    public String userAgent() {
        return userAgent;
    }

    /**
     * The HTTP proxy requests go through.
     *
     * @return the proxy's address (unresolved), or {@code null} for a direct connection
     */
    public InetSocketAddress proxy() {
        return proxy;
    }

    /**
     * Whether a trust store or client certificate was configured.
     *
     * @return {@code true} if {@code tls.trust-store} or {@code tls.key-store} is set
     */
    public boolean tlsConfigured() {
        return sslContext != null;
    }

    /** The TLS context made from the configured stores, or {@code null} for the JDK's default. */
    SSLContext sslContext() {
        return sslContext;
    }

    /**
     * The longest {@code Retry-After} a receiver can make the sink wait; a longer one waits this
     * long.
     *
     * @return zero (ignore {@code Retry-After}) or positive; default {@link #DEFAULT_MAX_RETRY_AFTER}
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The largest number of requests this sink has under way at once; a write that would exceed it
     * waits for one to finish.
     *
     * @return from 1 to {@link #MAX_MAX_IN_FLIGHT}, or 0 for no limit (the default)
     */
    public int maxInFlight() {
        return maxInFlight;
    }

    /**
     * The type names the sink takes; empty takes every event.
     *
     * @return the names, as configured
     * @see #matcher()
     */
    public List<String> events() {
        return events;
    }

    /**
     * The type names the sink ignores, even when {@link #events()} names them.
     *
     * @return the names, as configured
     * @see #matcher()
     */
    public List<String> ignore() {
        return ignore;
    }

    /**
     * How an event's type name (the envelope's {@code type}) is made, unless {@link #typeNames()}
     * names its class.
     *
     * @return the naming; default {@link TypeNaming#CLASS}
     */
    public TypeNaming typeNaming() {
        return typeNaming;
    }

    /**
     * Type names chosen per class, by fully-qualified class name (nested classes with {@code $}).
     *
     * @return an unmodifiable map from class name to type name
     */
    public Map<String, String> typeNames() {
        return typeNames;
    }

    /**
     * The envelope {@code type} of an event: its class's entry in {@link #typeNames()}, or else
     * its class's name made by {@link #typeNaming()}.
     *
     * @param event the event
     * @return its type name
     */
    public String typeName(Object event) {
        Class<?> type = event.getClass();
        String alias = typeNames.get(type.getName());
        if (alias != null) {
            return alias;
        }
        if (typeNaming == TypeNaming.SIMPLE && !type.getSimpleName().isEmpty()) {
            return type.getSimpleName();
        }
        return type.getName();
    }

    /**
     * Matches the events this configuration takes. An entry of {@link #events()} or
     * {@link #ignore()} names an event when it equals the event's {@link #typeName(Object) type
     * name}, or the fully-qualified or simple name of the event's class or of any of its
     * superclasses and interfaces. An event matches when {@code events} is empty or names it, and
     * {@code ignore} does not name it. {@link WebhookSink} applies it to every write.
     *
     * @return the matcher; safe for concurrent use
     */
    public Matcher<Object> matcher() {
        return matcher;
    }

    /** The settings, with the URL shown as its origin and every secret hidden. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("WebhookConfig[url=").append(Redaction.origin(url));
        if (!headers.isEmpty()) {
            s.append(", headers=");
            List<String> names = new ArrayList<>();
            headers.keySet().forEach(name -> names.add(name + "=" + Redaction.HIDDEN));
            s.append(names);
        }
        s.append(", timeout=").append(timeout).append(", format=").append(format.key());
        if (format == Format.ENVELOPE) {
            s.append(", contentType=").append(contentType);
        }
        s.append(", batchSize=").append(batchSize);
        if (batchSize > 1) {
            s.append(", batchLinger=").append(batchLinger).append(", batchCapacity=").append(batchCapacity);
        }
        if (signed()) {
            s.append(", signature=").append(signatureScheme.key());
            if (signatureScheme == SignatureScheme.HMAC_SHA256) {
                s.append(' ').append(signatureHeader);
            }
            s.append(" (").append(signatureKeys.size() == 1 ? "secret " : "2 secrets ").append(Redaction.HIDDEN)
                    .append(')');
        }
        if (idempotencyHeader != null) {
            s.append(", idempotencyHeader=").append(idempotencyHeader);
        }
        if (userAgent != null) {
            s.append(", userAgent=").append(userAgent);
        }
        if (proxy != null) {
            s.append(", proxy=").append(proxy.getHostString()).append(':').append(proxy.getPort());
        }
        if (tlsDescription != null) {
            s.append(", tls=").append(tlsDescription);
        }
        if (!maxRetryAfter.equals(DEFAULT_MAX_RETRY_AFTER)) {
            s.append(", maxRetryAfter=").append(maxRetryAfter);
        }
        if (maxInFlight > 0) {
            s.append(", maxInFlight=").append(maxInFlight);
        }
        if (!events.isEmpty()) {
            s.append(", events=").append(events);
        }
        if (!ignore.isEmpty()) {
            s.append(", ignore=").append(ignore);
        }
        s.append(", typeNaming=").append(typeNaming);
        if (!typeNames.isEmpty()) {
            s.append(", typeNames=").append(typeNames);
        }
        return s.append(']').toString();
    }

    /** A problem between settings, named by the key to change. */
    record Conflict(String key, String message) {
    }

    /** A problem found while creating the configuration (a TLS store), naming its key. */
    static final class KeyProblem extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String key;

        KeyProblem(String key, String message) {
            super(message);
            this.key = key;
        }
    }

    /**
     * Builds a {@link WebhookConfig}. Each method checks its argument at once and throws
     * {@link IllegalArgumentException} (or {@link NullPointerException}) with a message saying
     * what is allowed; messages never contain header values or the secret. Not thread-safe.
     */
    public static final class Builder {
        private URI url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private String contentType = DEFAULT_CONTENT_TYPE;
        private boolean contentTypeSet;
        private int batchSize = 1;
        private Duration batchLinger = Duration.ZERO;
        private int batchCapacity = DEFAULT_BATCH_CAPACITY;
        private boolean batchCapacitySet;
        private SignatureScheme signatureScheme = SignatureScheme.STANDARD_WEBHOOKS;
        private String signatureSecret;
        private String previousSignatureSecret;
        private String signatureHeader = DEFAULT_SIGNATURE_HEADER;
        private boolean signatureHeaderSet;
        private String idempotencyHeader;
        private Format format = Format.ENVELOPE;
        private String cloudEventsSource;
        private String userAgent;
        private InetSocketAddress proxy;
        private Path trustStorePath;
        private char[] trustStorePassword;
        private String trustStoreType = Tls.DEFAULT_TYPE;
        private Path keyStorePath;
        private char[] keyStorePassword;
        private String keyStoreType = Tls.DEFAULT_TYPE;
        private Tls.Store trustStore;
        private Tls.Store keyStore;
        private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
        private int maxInFlight;
        private List<String> events = List.of();
        private List<String> ignore = List.of();
        private TypeNaming typeNaming = TypeNaming.CLASS;
        private final Map<String, String> typeNames = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the endpoint.
         *
         * @param url an absolute {@code http} or {@code https} URL with a host and no user
         *     information (put credentials in a header)
         * @return this builder
         * @throws NullPointerException if {@code url} is {@code null}
         * @throws IllegalArgumentException if {@code url} is malformed or not allowed
         */
        public Builder url(String url) {
            Checks.notNull(url, "url");
            String allowed = "; allowed: an absolute http or https URL such as https://hooks.example.com/orders";
            if (url.isBlank()) {
                throw new IllegalArgumentException("url is empty" + allowed);
            }
            URI parsed;
            try {
                parsed = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("malformed URL (" + e.getReason() + " at index " + e.getIndex()
                        + ")" + allowed);
            }
            String scheme = parsed.getScheme();
            if (scheme == null) {
                throw new IllegalArgumentException("URL has no scheme" + allowed);
            }
            String lower = scheme.toLowerCase(Locale.ROOT);
            if (!lower.equals("http") && !lower.equals("https")) {
                throw new IllegalArgumentException("URL scheme '" + scheme + "' is not supported" + allowed);
            }
            if (parsed.isOpaque() || parsed.getHost() == null) {
                throw new IllegalArgumentException("URL has no host (or an invalid one)" + allowed);
            }
            if (parsed.getRawUserInfo() != null) {
                throw new IllegalArgumentException("URL must not contain user information (credentials); send them"
                        + " in a header such as headers.Authorization instead");
            }
            if (parsed.getRawFragment() != null) {
                throw new IllegalArgumentException("URL must not have a fragment (#...): it is never sent" + allowed);
            }
            // A scheme is case-insensitive: normalise it, keep the rest exactly as given.
            String text = url.strip();
            this.url = scheme.equals(lower) ? parsed : URI.create(lower + text.substring(scheme.length()));
            return this;
        }

        /**
         * Adds a request header, replacing one of the same name (names are case-insensitive).
         *
         * @param name a header name (an HTTP token), not one the sink sets itself
         *     ({@code Content-Type}: use {@link #contentType}; the signature header) nor one
         *     {@code java.net.http} refuses ({@code Host}, {@code Content-Length}, {@code Connection}...)
         * @param value the value: printable characters, no line breaks; it is never shown
         * @return this builder
         * @throws NullPointerException if an argument is {@code null}
         * @throws IllegalArgumentException if the name or value is not allowed
         */
        public Builder header(String name, String value) {
            Checks.notNull(name, "header name");
            Checks.notNull(value, "header value");
            checkHeaderName(name);
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header '" + name + "' is set by the sink or refused by the HTTP"
                        + " client; allowed: any other header (set the content type with "
                        + CONTENT_TYPE + ", the User-Agent with " + USER_AGENT + ")");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new IllegalArgumentException("the value of header '" + name + "' contains a control"
                            + " character (value hidden); allowed: printable characters, spaces and tabs");
                }
            }
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, value.strip());
            return this;
        }

        private static void checkHeaderName(String name) {
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a valid header name; allowed: letters,"
                        + " digits and !#$%&'*+-.^_`|~");
            }
        }

        /**
         * Sets how long one request may take, from connecting to reading the response.
         *
         * @param timeout a positive duration; default {@link #DEFAULT_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is zero or negative
         */
        public Builder timeout(Duration timeout) {
            this.timeout = duration(timeout, "timeout", true);
            return this;
        }

        /**
         * Sets the requests' {@code Content-Type}.
         *
         * @param contentType a media type such as {@code application/json} or
         *     {@code application/vnd.acme.events+json; charset=utf-8}
         * @return this builder
         * @throws IllegalArgumentException if it is not a media type
         */
        public Builder contentType(String contentType) {
            Checks.notNull(contentType, "content type");
            if (!MEDIA_TYPE.matcher(contentType.strip()).matches()) {
                throw new IllegalArgumentException("'" + contentType + "' is not a media type; allowed: type/subtype"
                        + " with optional parameters, such as application/json or application/json; charset=utf-8");
            }
            this.contentType = contentType.strip();
            this.contentTypeSet = true;
            return this;
        }

        /**
         * Sets the largest number of events per request.
         *
         * @param batchSize from 1 (the default: one event per request, no batching) to
         *     {@link #MAX_BATCH_SIZE}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder batchSize(int batchSize) {
            this.batchSize = inRange(batchSize, MAX_BATCH_SIZE, "batch size ", "1");
            return this;
        }

        /**
         * Sets how long a batch that is not full may wait for more events.
         *
         * @param batchLinger zero (the default: send at once what is there) or positive
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder batchLinger(Duration batchLinger) {
            this.batchLinger = duration(batchLinger, "batch linger", false);
            return this;
        }

        /**
         * Sets how requests are signed when a secret is set.
         *
         * @param scheme the scheme; default {@link SignatureScheme#STANDARD_WEBHOOKS}
         * @return this builder
         */
        public Builder signatureScheme(SignatureScheme scheme) {
            this.signatureScheme = Checks.notNull(scheme, "signature scheme");
            return this;
        }

        /**
         * Signs every request. With {@link SignatureScheme#STANDARD_WEBHOOKS} (the default) the
         * secret is {@code whsec_} and the base64 of 24 to 64 bytes; with
         * {@link SignatureScheme#HMAC_SHA256} it is any text of at least 16 characters, whose
         * UTF-8 bytes are the key. Checked by {@link #build()}, against the scheme then set.
         *
         * @param secret the secret; it is never shown
         * @return this builder
         */
        public Builder signatureSecret(String secret) {
            this.signatureSecret = Checks.notNull(secret, "signature secret").strip();
            return this;
        }

        /**
         * During a rotation, also signs with the previous secret: the Standard Webhooks
         * {@code webhook-signature} header then carries two signatures, so receivers that still
         * hold the old secret keep verifying. Standard Webhooks scheme only.
         *
         * @param secret the previous secret, in the same form as {@link #signatureSecret}; never shown
         * @return this builder
         */
        public Builder previousSignatureSecret(String secret) {
            this.previousSignatureSecret = Checks.notNull(secret, "previous signature secret")
                    .strip();
            return this;
        }

        /**
         * Sets the name of the signature header of the {@link SignatureScheme#HMAC_SHA256} scheme.
         *
         * @param name a header name; default {@link #DEFAULT_SIGNATURE_HEADER}
         * @return this builder
         * @throws IllegalArgumentException if not a valid, unreserved header name
         */
        public Builder signatureHeader(String name) {
            this.signatureHeader = headerName(name, "signature header");
            this.signatureHeaderSet = true;
            return this;
        }

        /**
         * Sends the event id (batched: the batch's id) in this header too, for receivers that
         * de-duplicate by one of their own, such as {@code Idempotency-Key}.
         *
         * @param name a header name
         * @return this builder
         * @throws IllegalArgumentException if not a valid, unreserved header name
         */
        public Builder idempotencyHeader(String name) {
            this.idempotencyHeader = headerName(name, "idempotency header");
            return this;
        }

        private static String headerName(String name, String what) {
            Objects.requireNonNull(name, what + " must not be null");
            checkHeaderName(name);
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) || name.regionMatches(true, 0, "ce-", 0, 3)) {
                throw new IllegalArgumentException("header '" + name + "' is set by the sink or refused by the HTTP"
                        + " client; allowed: another name, such as X-Webhook-Signature or Idempotency-Key");
            }
            return name;
        }

        /**
         * Sets the payload format.
         *
         * @param format the format; default {@link Format#ENVELOPE}
         * @return this builder
         */
        public Builder format(Format format) {
            this.format = Checks.notNull(format, "format");
            return this;
        }

        /**
         * Sets the CloudEvents {@code source} attribute.
         *
         * @param source a URI-reference, such as {@code https://shop.example.com/orders} or
         *     {@code /shop/orders}; default {@code /sinkwire/<sink name>}
         * @return this builder
         * @throws IllegalArgumentException if not a URI-reference
         */
        public Builder cloudEventsSource(String source) {
            Checks.notNull(source, "source");
            try {
                if (source.isBlank()) {
                    throw new URISyntaxException(source, "empty");
                }
                new URI(source);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a URI-reference; allowed: such as /shop/orders or"
                        + " https://shop.example.com/orders");
            }
            this.cloudEventsSource = source;
            return this;
        }

        /**
         * Sets the {@code User-Agent} header.
         *
         * @param userAgent printable text, such as {@code acme-shop/2.1}
         * @return this builder
         * @throws IllegalArgumentException if blank or with control characters
         */
        public Builder userAgent(String userAgent) {
            Checks.notNull(userAgent, "user agent");
            if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("not a User-Agent; allowed: printable text such as acme-shop/2.1");
            }
            this.userAgent = userAgent.strip();
            return this;
        }

        /**
         * Sends requests through an HTTP proxy ({@code CONNECT} for https).
         *
         * @param hostPort {@code host:port} (or {@code http://host:port}); no credentials
         * @return this builder
         * @throws IllegalArgumentException if not {@code host:port}
         */
        public Builder proxy(String hostPort) {
            Checks.notNull(hostPort, "proxy");
            java.util.regex.Matcher m = HOST_PORT.matcher(hostPort.strip());
            int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a proxy address (value not shown); allowed: host:port such as"
                        + " proxy.example.com:3128, without credentials");
            }
            String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            this.proxy = InetSocketAddress.createUnresolved(host, port);
            return this;
        }

        /**
         * Trusts the certificates in a store (the receiver's self-signed certificate, or a private
         * CA) instead of the JDK's default trust.
         *
         * @param path the store file
         * @param password its password, or {@code null}; never shown
         * @param type the store type, such as {@code PKCS12} (default in configuration) or {@code JKS}
         * @return this builder
         */
        public Builder trustStore(Path path, char[] password, String type) {
            this.trustStorePath = Checks.notNull(path, "trust store path");
            this.trustStorePassword = password == null ? null : password.clone();
            this.trustStoreType = storeType(Checks.notNull(type, "type"));
            return this;
        }

        /**
         * Presents the client certificate in a store (mutual TLS).
         *
         * @param path the store file, holding one private key entry and its certificate chain
         * @param password the store's and the key's password; never shown
         * @param type the store type, such as {@code PKCS12} or {@code JKS}
         * @return this builder
         */
        public Builder keyStore(Path path, char[] password, String type) {
            this.keyStorePath = Checks.notNull(path, "key store path");
            this.keyStorePassword = Checks.notNull(password, "key store password").clone();
            this.keyStoreType = storeType(Checks.notNull(type, "type"));
            return this;
        }

        /**
         * Sets the longest {@code Retry-After} honoured.
         *
         * @param maxRetryAfter zero (ignore {@code Retry-After}) or positive; default 5 minutes
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            Checks.notNull(maxRetryAfter, "max retry after");
            if (maxRetryAfter.isNegative()) {
                throw new IllegalArgumentException("negative; allowed: " + DURATION_ALLOWED + ", zero or more");
            }
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /**
         * Limits the requests under way at once.
         *
         * @param maxInFlight from 1 to {@link #MAX_MAX_IN_FLIGHT}; default: no limit
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = inRange(maxInFlight, MAX_MAX_IN_FLIGHT, "", "1");
            return this;
        }

        /**
         * Bounds the buffer of a batched sink.
         *
         * @param capacity from {@code batch.size} to {@link #DEFAULT_BATCH_CAPACITY} (the default)
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder batchCapacity(int capacity) {
            this.batchCapacity = inRange(capacity, DEFAULT_BATCH_CAPACITY, "", BATCH_SIZE);
            this.batchCapacitySet = true;
            return this;
        }

        /**
         * Checks a duration setting.
         *
         * @param value the setting
         * @param name its name in the message
         * @param positive whether zero is refused too
         * @return {@code value}
         * @throws NullPointerException "[name] must not be null"
         * @throws IllegalArgumentException "[name] must be (zero or) positive, was [value]; allowed: ..."
         */
        private static Duration duration(Duration value, String name, boolean positive) {
            Checks.notNull(value, name);
            if (value.isNegative() || positive && value.isZero()) {
                throw new IllegalArgumentException(name + (positive ? " must be positive" : " must be zero or positive")
                        + ", was " + value + "; allowed: " + DURATION_ALLOWED + (positive ? ", greater than zero" : ""));
            }
            return value;
        }

        /**
         * Checks an integer setting against its range, from 1 to {@code max}.
         *
         * @param value the setting
         * @param max the largest allowed
         * @param what what precedes the value in the message ({@code "batch size "}), or empty
         * @param from how the message names the smallest allowed: {@code 1}, or a key whose value it is
         * @return {@code value}
         * @throws IllegalArgumentException "[what]value is out of range; allowed: an integer from
         *     [from] to [max]"
         */
        private static int inRange(int value, int max, String what, String from) {
            if (value < 1 || value > max) {
                throw new IllegalArgumentException(what + value + " is out of range; allowed: an integer from " + from
                        + " to " + max);
            }
            return value;
        }

        /**
         * Sets the type names the sink takes (see {@link WebhookConfig#matcher()}).
         *
         * @param names type or class names; empty (the default) takes every event
         * @return this builder
         * @throws IllegalArgumentException if a name is blank
         */
        public Builder events(Collection<String> names) {
            this.events = names(names, EVENTS);
            return this;
        }

        /**
         * Sets the type names the sink ignores (see {@link WebhookConfig#matcher()}).
         *
         * @param names type or class names; default: none
         * @return this builder
         * @throws IllegalArgumentException if a name is blank
         */
        public Builder ignore(Collection<String> names) {
            this.ignore = names(names, IGNORE);
            return this;
        }

        private static List<String> names(Collection<String> names, String what) {
            Objects.requireNonNull(names, what + " must not be null");
            Set<String> out = new LinkedHashSet<>();
            for (String name : names) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException(what + " has an empty entry; allowed: a comma-separated list"
                            + " of type names or class names, such as com.acme.OrderPlaced, UserDeleted");
                }
                out.add(name.strip());
            }
            return List.copyOf(out);
        }

        /**
         * Sets how the envelope's {@code type} is made from an event's class.
         *
         * @param typeNaming the naming; default {@link TypeNaming#CLASS}
         * @return this builder
         */
        public Builder typeNaming(TypeNaming typeNaming) {
            this.typeNaming = Checks.notNull(typeNaming, "type naming");
            return this;
        }

        /**
         * Gives the events of one class a type name of their own, such as {@code order.placed}.
         *
         * @param className the fully-qualified class name ({@code $} for nested classes)
         * @param typeName the name written in the envelope's {@code type}
         * @return this builder
         * @throws IllegalArgumentException if a name is blank or the class name is not a Java name
         */
        public Builder typeName(String className, String typeName) {
            Checks.notNull(className, "class name");
            Checks.notNull(typeName, "type name");
            if (!className.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
                throw new IllegalArgumentException("'" + className + "' is not a fully-qualified class name; allowed:"
                        + " such as com.acme.OrderPlaced or com.acme.Events$Placed");
            }
            if (typeName.isBlank()) {
                throw new IllegalArgumentException("the type name for " + className + " is empty; allowed: any"
                        + " non-blank text, such as order.placed");
            }
            typeNames.put(className, typeName.strip());
            return this;
        }

        /** Every problem between settings, each naming the key to change. */
        List<Conflict> conflicts() {
            List<Conflict> out = new ArrayList<>();
            if (batchSize == 1 && !batchLinger.isZero()) {
                out.add(new Conflict(BATCH_LINGER, "has no effect without batching; allowed: set " + BATCH_SIZE
                        + " above 1 as well, or leave " + BATCH_LINGER + " unset"));
            }
            if (batchCapacitySet && batchSize == 1) {
                out.add(new Conflict(BATCH_CAPACITY, "has no effect without batching; allowed: set " + BATCH_SIZE
                        + " above 1 as well, or leave " + BATCH_CAPACITY + " unset"));
            } else if (batchCapacity < batchSize) {
                out.add(new Conflict(BATCH_CAPACITY, "is smaller than " + BATCH_SIZE + " " + batchSize
                        + "; allowed: an integer from " + batchSize + " to " + DEFAULT_BATCH_CAPACITY));
            }
            if (format == Format.CLOUDEVENTS_BATCH && batchSize == 1) {
                out.add(new Conflict(FORMAT, "needs batching; allowed: set " + BATCH_SIZE + " above 1 as well, or "
                        + FORMAT + "=cloudevents-structured or cloudevents-binary"));
            }
            if ((format == Format.CLOUDEVENTS_STRUCTURED || format == Format.CLOUDEVENTS_BINARY) && batchSize > 1) {
                out.add(new Conflict(FORMAT, "sends one event per request; allowed: " + FORMAT
                        + "=cloudevents-batch with " + BATCH_SIZE + " above 1, or " + BATCH_SIZE + "=1"));
            }
            if (contentTypeSet && format != Format.ENVELOPE) {
                out.add(new Conflict(CONTENT_TYPE, "applies to " + FORMAT + "=envelope only (CloudEvents sets its"
                        + " own); allowed: leave " + CONTENT_TYPE + " unset"));
            }
            if (cloudEventsSource != null && !format.key().startsWith("cloudevents")) {
                out.add(new Conflict(CLOUDEVENTS_SOURCE, "applies to the CloudEvents formats only; allowed: set "
                        + FORMAT + "=cloudevents-structured, cloudevents-binary or cloudevents-batch as well"));
            }
            if (signatureSecret == null) {
                if (previousSignatureSecret != null) {
                    out.add(new Conflict(SIGNATURE_PREVIOUS_SECRET, "(value hidden) needs " + SIGNATURE_SECRET
                            + "; allowed: set the new secret in " + SIGNATURE_SECRET + " as well"));
                }
            } else {
                String problem = secretProblem(signatureSecret);
                if (problem != null) {
                    out.add(new Conflict(SIGNATURE_SECRET, problem));
                }
                if (previousSignatureSecret != null) {
                    if (signatureScheme != SignatureScheme.STANDARD_WEBHOOKS) {
                        out.add(new Conflict(SIGNATURE_PREVIOUS_SECRET, "applies to " + SIGNATURE_SCHEME
                                + "=standard-webhooks only; allowed: leave it unset with " + SIGNATURE_SCHEME + "="
                                + signatureScheme.key()));
                    } else if ((problem = secretProblem(previousSignatureSecret)) != null) {
                        out.add(new Conflict(SIGNATURE_PREVIOUS_SECRET, problem));
                    }
                }
            }
            if (signatureHeaderSet && signatureScheme != SignatureScheme.HMAC_SHA256) {
                out.add(new Conflict(SIGNATURE_HEADER, "applies to " + SIGNATURE_SCHEME + "=hmac-sha256 only"
                        + " (Standard Webhooks uses webhook-signature); allowed: set " + SIGNATURE_SCHEME
                        + "=hmac-sha256 as well, or leave " + SIGNATURE_HEADER + " unset"));
            }
            if (signatureSecret != null && signatureScheme == SignatureScheme.HMAC_SHA256) {
                for (String name : headers.keySet()) {
                    if (name.equalsIgnoreCase(signatureHeader)) {
                        out.add(new Conflict(HEADERS + name, "is also the signature header; allowed: a different "
                                + SIGNATURE_HEADER + " or no such header"));
                    }
                }
            }
            if (format == Format.CLOUDEVENTS_BINARY) { // the request would carry the attribute twice
                for (String name : headers.keySet()) {
                    if (BINARY_ATTRIBUTE_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                        out.add(new Conflict(HEADERS + name, "is a CloudEvents attribute header that " + FORMAT
                                + "=cloudevents-binary sets itself; allowed: " + CLOUDEVENTS_SOURCE + " for the source, "
                                + TYPE_NAMES + "<class> for the type, another header (an extension attribute such as"
                                + " ce-tenant), or no such header"));
                    }
                }
            }
            if (idempotencyHeader != null) {
                for (String name : headers.keySet()) {
                    if (name.equalsIgnoreCase(idempotencyHeader)) {
                        out.add(new Conflict(HEADERS + name, "is also the idempotency header; allowed: a different "
                                + IDEMPOTENCY_HEADER + " or no such header"));
                    }
                }
            }
            if (trustStorePath == null && (trustStorePassword != null || !trustStoreType.equals(Tls.DEFAULT_TYPE))) {
                out.add(new Conflict(trustStorePassword != null ? TLS_TRUST_STORE_PASSWORD : TLS_TRUST_STORE_TYPE,
                        "has no effect without " + TLS_TRUST_STORE + "; allowed: set " + TLS_TRUST_STORE + " as well"));
            }
            if (keyStorePath == null && (keyStorePassword != null || !keyStoreType.equals(Tls.DEFAULT_TYPE))) {
                out.add(new Conflict(keyStorePassword != null ? TLS_KEY_STORE_PASSWORD : TLS_KEY_STORE_TYPE,
                        "has no effect without " + TLS_KEY_STORE + "; allowed: set " + TLS_KEY_STORE + " as well"));
            }
            if (keyStorePath != null && keyStorePassword == null) {
                out.add(new Conflict(TLS_KEY_STORE, "needs " + TLS_KEY_STORE_PASSWORD + "; allowed: set the store's"
                        + " password in " + TLS_KEY_STORE_PASSWORD + " as well"));
            }
            boolean https = url != null && "https".equals(url.getScheme());
            if ((trustStorePath != null || keyStorePath != null) && !https) {
                out.add(new Conflict(trustStorePath != null ? TLS_TRUST_STORE : TLS_KEY_STORE,
                        "has no effect on an http URL; allowed: an https " + URL));
            }
            return out;
        }

        /** What is wrong with a secret for the scheme, never showing it; {@code null} if fine. */
        private String secretProblem(String secret) {
            if (signatureScheme == SignatureScheme.HMAC_SHA256) {
                return secret.length() < 16 ? "too short (value hidden); allowed: at least 16 characters, such as 32"
                        + " random hex digits" : null;
            }
            return whsecKey(secret) == null ? "not a Standard Webhooks secret (value hidden); allowed: " + WHSEC_ALLOWED
                    : null;
        }

        /** The key bytes of a {@code whsec_} secret, or {@code null} if it is not one. */
        private static byte[] whsecKey(String secret) {
            if (!secret.startsWith("whsec_")) {
                return null;
            }
            try {
                byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
                return key.length >= 24 && key.length <= 64 ? key : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /**
         * Creates the configuration.
         *
         * @return the immutable configuration
         * @throws IllegalStateException if no URL was set
         * @throws WebhookConfigException if settings conflict (each problem names the key to
         *     change), a secret does not fit the scheme, or a TLS store cannot be read
         */
        public WebhookConfig build() {
            if (url == null) {
                throw new IllegalStateException("url is required");
            }
            List<String> problems = new ArrayList<>();
            for (Conflict c : conflicts()) {
                problems.add(c.key() + ": " + c.message());
            }
            if (!problems.isEmpty()) {
                throw new WebhookConfigException(problems);
            }
            try {
                return create();
            } catch (KeyProblem e) {
                throw new WebhookConfigException(List.of(e.key + ": " + e.getMessage()));
            }
        }

        /** Creates the configuration once {@link #conflicts()} found none. */
        WebhookConfig create() {
            List<byte[]> keys = new ArrayList<>();
            if (signatureSecret != null) {
                for (String secret : previousSignatureSecret == null ? List.of(signatureSecret)
                        : List.of(signatureSecret, previousSignatureSecret)) {
                    keys.add(signatureScheme == SignatureScheme.HMAC_SHA256
                            ? secret.getBytes(StandardCharsets.UTF_8) : whsecKey(secret));
                }
            }
            trustStore = trustStorePath == null ? null
                    : new Tls.Store(trustStorePath, trustStorePassword, trustStoreType);
            keyStore = keyStorePath == null ? null : new Tls.Store(keyStorePath, keyStorePassword, keyStoreType);
            SSLContext context;
            try {
                context = Tls.context(trustStore, keyStore, TLS_TRUST_STORE, TLS_KEY_STORE);
            } catch (IllegalArgumentException e) {
                throw new KeyProblem(e.getMessage().startsWith(TLS_TRUST_STORE) ? TLS_TRUST_STORE : TLS_KEY_STORE,
                        e.getMessage().substring(e.getMessage().indexOf(' ') + 1));
            }
            return new WebhookConfig(this, keys, context);
        }
    }
}
