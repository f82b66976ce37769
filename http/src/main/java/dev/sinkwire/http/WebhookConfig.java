package dev.sinkwire.http;

import dev.sinkwire.Matcher;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import java.util.regex.Pattern;

/**
 * The settings of one {@link WebhookSink}: where to POST, which headers to send, how long to wait,
 * how to batch, how to sign, and which events to take. Immutable and validated when built: a bad
 * value fails {@link Builder#build()} (or the builder method) with a message naming the setting,
 * the value and what is allowed.
 *
 * <p>Built in Java with {@link #builder(String)}, or from configuration with
 * {@link #fromMap(String, Map)}, which takes the keys of one sink relative to its prefix
 * (for {@code sinkwire.sinks.orders.url}, the key {@code url}):
 *
 * <table>
 *   <caption>Keys read by {@link #fromMap(String, Map)}</caption>
 *   <tr><th>key</th><th>type</th><th>default</th></tr>
 *   <tr><td>{@code url}</td><td>http or https URL</td><td>required</td></tr>
 *   <tr><td>{@code headers.<Header-Name>}</td><td>string</td><td>none</td></tr>
 *   <tr><td>{@code timeout}</td><td>duration</td><td>1s</td></tr>
 *   <tr><td>{@code content-type}</td><td>media type</td><td>application/json</td></tr>
 *   <tr><td>{@code batch.size}</td><td>1 to 10000</td><td>1 (no batching)</td></tr>
 *   <tr><td>{@code batch.linger}</td><td>duration</td><td>0ms</td></tr>
 *   <tr><td>{@code signature.secret}</td><td>string</td><td>none (unsigned)</td></tr>
 *   <tr><td>{@code signature.header}</td><td>header name</td><td>X-Sinkwire-Signature-256</td></tr>
 *   <tr><td>{@code events}</td><td>comma-separated type names</td><td>empty (all)</td></tr>
 *   <tr><td>{@code ignore}</td><td>comma-separated type names</td><td>empty (none)</td></tr>
 *   <tr><td>{@code type-name}</td><td>{@code class} or {@code simple}</td><td>class</td></tr>
 *   <tr><td>{@code type-names.<fully.qualified.Class>}</td><td>string</td><td>none</td></tr>
 * </table>
 *
 * <p>Durations are ISO-8601 ({@code PT1S}, {@code PT0.5S}) or a whole number with a unit
 * ({@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h}).
 *
 * <p>Secrets: header values and the signature secret never appear in {@link #toString()} or in
 * any message this class produces, and the URL is shown as its origin only (webhook URLs often
 * hold a token in their path).
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
    /** Key of the request's content type. */
    public static final String CONTENT_TYPE = "content-type";
    /** Key of the largest number of events per request. */
    public static final String BATCH_SIZE = "batch.size";
    /** Key of how long a batch may wait for more events. */
    public static final String BATCH_LINGER = "batch.linger";
    /** Key of the HMAC-SHA256 secret. */
    public static final String SIGNATURE_SECRET = "signature.secret";
    /** Key of the signature header's name. */
    public static final String SIGNATURE_HEADER = "signature.header";
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
            SIGNATURE_SECRET, SIGNATURE_HEADER, EVENTS, IGNORE, TYPE_NAME, TYPE_NAMES);

    /** The default request timeout: 1 second (Docker Registry's endpoint default). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** The default content type: {@code application/json}. */
    public static final String DEFAULT_CONTENT_TYPE = "application/json";
    /** The default signature header: {@code X-Sinkwire-Signature-256}. */
    public static final String DEFAULT_SIGNATURE_HEADER = "X-Sinkwire-Signature-256";
    /** The largest batch size allowed: 10000. */
    public static final int MAX_BATCH_SIZE = 10_000;

    /** Headers the sink sets itself or that {@code java.net.http} refuses. Lower case. */
    private static final Set<String> RESERVED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "content-type", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*;\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+="
                    + "(\"[^\"\\p{Cntrl}]*\"|[!#$%&'*+.^_`|~0-9A-Za-z-]+))*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(-?\\d{1,18})(ms|s|m|h)");
    private static final String DURATION_ALLOWED = "a duration such as 500ms, 1s, 2m, 1h (whole number with unit"
            + " ms, s, m or h) or ISO-8601 such as PT1S or PT0.5S";

    /** How the {@code type} of an envelope is made from an event. */
    public enum TypeNaming {
        /** The event class's fully-qualified name, {@code com.acme.OrderPlaced} (the default). */
        CLASS,
        /** The event class's simple name, {@code OrderPlaced}. */
        SIMPLE
    }

    private final URI url;
    private final Map<String, String> headers;
    private final Duration timeout;
    private final String contentType;
    private final int batchSize;
    private final Duration batchLinger;
    private final byte[] signatureSecret;
    private final String signatureHeader;
    private final List<String> events;
    private final List<String> ignore;
    private final TypeNaming typeNaming;
    private final Map<String, String> typeNames;
    private final TypeMatcher matcher;

    private WebhookConfig(Builder b) {
        this.url = b.url;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.timeout = b.timeout;
        this.contentType = b.contentType;
        this.batchSize = b.batchSize;
        this.batchLinger = b.batchLinger;
        this.signatureSecret = b.signatureSecret == null ? null : b.signatureSecret.clone();
        this.signatureHeader = b.signatureHeader;
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
     * @throws WebhookConfigException listing every problem, each naming the full key, the value
     *     (hidden for headers and the secret) and what is allowed
     */
    public static WebhookConfig fromMap(String prefix, Map<String, String> properties) {
        Objects.requireNonNull(prefix, "prefix must not be null");
        Objects.requireNonNull(properties, "properties must not be null");
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
            String value = e.getValue();
            boolean secret = key.startsWith(HEADERS) || key.equals(SIGNATURE_SECRET);
            try {
                apply(b, key, value.strip());
            } catch (IllegalArgumentException ex) {
                problems.add(prefix + key + "=" + (secret ? "(value hidden)" : value) + ": " + ex.getMessage());
            }
        }
        if (problems.isEmpty()) {
            try {
                return b.build();
            } catch (IllegalArgumentException ex) {
                problems.add(prefix + "*: " + ex.getMessage());
            }
        }
        throw new WebhookConfigException(problems);
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
                case SIGNATURE_SECRET -> b.signatureSecret(value);
                case SIGNATURE_HEADER -> b.signatureHeader(value);
                case EVENTS -> b.events(splitList(value));
                case IGNORE -> b.ignore(splitList(value));
                case TYPE_NAME -> b.typeNaming(parseTypeNaming(value));
                default -> throw new IllegalArgumentException("unknown key for an http sink; allowed: "
                        + String.join(", ", KEYS) + " (entries ending in '.' are followed by a name)");
            }
        }
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
     * Whether requests are signed with HMAC-SHA256.
     *
     * @return {@code true} if a signature secret is set
     */
    public boolean signed() {
        return signatureSecret != null;
    }

    /** The secret, for the sink only: never exposed publicly. */
    byte[] signatureSecret() {
        return signatureSecret;
    }

    /**
     * The name of the signature header, sent when {@link #signed()}.
     *
     * @return the header name; default {@link #DEFAULT_SIGNATURE_HEADER}
     */
    public String signatureHeader() {
        return signatureHeader;
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
        s.append(", timeout=").append(timeout).append(", contentType=").append(contentType)
                .append(", batchSize=").append(batchSize);
        if (batchSize > 1) {
            s.append(", batchLinger=").append(batchLinger);
        }
        if (signed()) {
            s.append(", signature=").append(signatureHeader).append(" (secret ").append(Redaction.HIDDEN).append(')');
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
        private int batchSize = 1;
        private Duration batchLinger = Duration.ZERO;
        private byte[] signatureSecret;
        private String signatureHeader = DEFAULT_SIGNATURE_HEADER;
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
            Objects.requireNonNull(url, "url must not be null");
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
            Objects.requireNonNull(name, "header name must not be null");
            Objects.requireNonNull(value, "header value must not be null");
            checkHeaderName(name);
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header '" + name + "' is set by the sink or refused by the HTTP"
                        + " client; allowed: any other header (set the content type with "
                        + CONTENT_TYPE + ")");
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
            Objects.requireNonNull(timeout, "timeout must not be null");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout + "; allowed: "
                        + DURATION_ALLOWED + ", greater than zero");
            }
            this.timeout = timeout;
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
            Objects.requireNonNull(contentType, "content type must not be null");
            if (!MEDIA_TYPE.matcher(contentType.strip()).matches()) {
                throw new IllegalArgumentException("'" + contentType + "' is not a media type; allowed: type/subtype"
                        + " with optional parameters, such as application/json or application/json; charset=utf-8");
            }
            this.contentType = contentType.strip();
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
            if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batch size must be from 1 to " + MAX_BATCH_SIZE + ", was "
                        + batchSize);
            }
            this.batchSize = batchSize;
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
            Objects.requireNonNull(batchLinger, "batch linger must not be null");
            if (batchLinger.isNegative()) {
                throw new IllegalArgumentException("batch linger must be zero or positive, was " + batchLinger
                        + "; allowed: " + DURATION_ALLOWED);
            }
            this.batchLinger = batchLinger;
            return this;
        }

        /**
         * Signs every request: the signature header carries {@code sha256=} and the lower-case hex
         * HMAC-SHA256 of the exact body bytes, keyed with the secret's UTF-8 bytes.
         *
         * @param secret the shared secret, at least 16 characters; it is never shown
         * @return this builder
         * @throws IllegalArgumentException if shorter than 16 characters
         */
        public Builder signatureSecret(String secret) {
            Objects.requireNonNull(secret, "signature secret must not be null");
            if (secret.length() < 16) {
                throw new IllegalArgumentException("the signature secret is too short (value hidden); allowed: at"
                        + " least 16 characters, such as 32 random hex digits");
            }
            this.signatureSecret = secret.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Sets the name of the signature header.
         *
         * @param name a header name; default {@link #DEFAULT_SIGNATURE_HEADER}
         * @return this builder
         * @throws IllegalArgumentException if not a valid, unreserved header name
         */
        public Builder signatureHeader(String name) {
            Objects.requireNonNull(name, "signature header must not be null");
            checkHeaderName(name);
            if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header '" + name + "' is set by the sink or refused by the HTTP"
                        + " client; allowed: another name, such as " + DEFAULT_SIGNATURE_HEADER);
            }
            this.signatureHeader = name;
            return this;
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
            this.typeNaming = Objects.requireNonNull(typeNaming, "type naming must not be null");
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
            Objects.requireNonNull(className, "class name must not be null");
            Objects.requireNonNull(typeName, "type name must not be null");
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

        /**
         * Creates the configuration.
         *
         * @return the immutable configuration
         * @throws IllegalStateException if no URL was set
         * @throws IllegalArgumentException if settings conflict: a header named like the
         *     signature header, or a batch linger without batching
         */
        public WebhookConfig build() {
            if (url == null) {
                throw new IllegalStateException("url is required");
            }
            if (batchSize == 1 && !batchLinger.isZero()) {
                throw new IllegalArgumentException(BATCH_LINGER + " " + batchLinger + " has no effect without batching;"
                        + " allowed: set " + BATCH_SIZE + " above 1 as well, or leave " + BATCH_LINGER + " unset");
            }
            if (signatureSecret != null) {
                for (String name : headers.keySet()) {
                    if (name.equalsIgnoreCase(signatureHeader)) {
                        throw new IllegalArgumentException("header '" + name + "' is also the signature header;"
                                + " allowed: a different " + SIGNATURE_HEADER + " or no such header");
                    }
                }
            }
            return new WebhookConfig(this);
        }
    }
}
