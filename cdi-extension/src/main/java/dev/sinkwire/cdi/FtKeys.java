package dev.sinkwire.cdi;

import dev.sinkwire.core.ft.Backoff;
import dev.sinkwire.core.ft.CircuitBreaker;
import dev.sinkwire.core.ft.RetryPolicy;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The FT-style Sinkwire keys of one sink, under {@code sinkwire.sinks.<name>.}: the MP FT
 * parameters in Sinkwire's key style, for sinks without FT annotations (or without the FT API).
 *
 * <ul>
 * <li>{@code retry.strategy=ft} with {@code retry.max-retries}, {@code retry.delay},
 *     {@code retry.max-duration}, {@code retry.jitter}, {@code retry.growth}
 *     ({@code constant}, {@code exponential}, {@code fibonacci}), {@code retry.growth-factor},
 *     {@code retry.max-delay}: a {@link RetryPolicy} ({@code @Retry});
 * <li>{@code circuit-breaker.*}: a circuit breaker layer ({@code @CircuitBreaker}), present when
 *     any of its keys is set, unless {@code circuit-breaker.enabled=false};
 * <li>{@code timeout}: a timeout layer ({@code @Timeout}); {@code 0} means none.
 * </ul>
 *
 * <p>The breaker and timeout layers combine with every retry strategy ({@code breaker},
 * {@code exponential}, {@code ft}). Stateless.
 */
final class FtKeys {

    /** The FT-style retry keys, after {@code sinkwire.sinks.<name>.}. */
    static final List<String> RETRY_KEYS = List.of("retry.max-retries", "retry.delay", "retry.max-duration",
            "retry.jitter", "retry.growth", "retry.growth-factor", "retry.max-delay");
    /** The circuit breaker keys, after {@code sinkwire.sinks.<name>.}. */
    static final List<String> BREAKER_KEYS = List.of("circuit-breaker.enabled", "circuit-breaker.request-volume-threshold",
            "circuit-breaker.failure-ratio", "circuit-breaker.delay", "circuit-breaker.success-threshold");
    /** The timeout key, after {@code sinkwire.sinks.<name>.}. */
    static final String TIMEOUT_KEY = "timeout";
    /** Every key this class reads, after {@code sinkwire.sinks.<name>.}. */
    static final List<String> KEYS;

    static {
        List<String> all = new ArrayList<>(RETRY_KEYS);
        all.addAll(BREAKER_KEYS);
        all.add(TIMEOUT_KEY);
        KEYS = List.copyOf(all);
    }

    private static final System.Logger LOGGER = System.getLogger(FtKeys.class.getName());

    private FtKeys() {
    }

    /**
     * Reads the keys.
     *
     * @param sink the sink's name
     * @param strategy the sink's retry strategy ({@code retry.strategy})
     * @param config the configuration
     * @param problems where bad values are reported
     * @return the layers (each {@code null} when not configured)
     */
    static FtChain.Layers read(String sink, Settings.Strategy strategy, ConfigView config, List<String> problems) {
        String p = Settings.SINKS + sink + ".";
        Reader r = new Reader(config, problems);
        RetryPolicy retry = null;
        if (strategy == Settings.Strategy.FT) {
            int maxRetries = r.integer(p + "retry.max-retries", RetryPolicy.DEFAULT_MAX_RETRIES, -1,
                    "-1 (unlimited) or a whole number from 0");
            Duration delay = r.duration(p + "retry.delay", RetryPolicy.DEFAULT_DELAY);
            Duration maxDuration = r.duration(p + "retry.max-duration", RetryPolicy.DEFAULT_MAX_DURATION);
            Duration jitter = r.duration(p + "retry.jitter", RetryPolicy.DEFAULT_JITTER);
            String growth = config.value(p + "retry.growth").map(s -> s.trim().toLowerCase(Locale.ROOT))
                    .orElse("constant");
            int factor = r.integer(p + "retry.growth-factor", Backoff.DEFAULT_FACTOR, 1, "a whole number from 1");
            Duration maxDelay = r.duration(p + "retry.max-delay", Backoff.DEFAULT_MAX_DELAY);
            Backoff backoff = switch (growth) {
                case "constant" -> Backoff.constant();
                case "exponential" -> Backoff.exponential(factor, maxDelay);
                case "fibonacci" -> Backoff.fibonacci(maxDelay);
                default -> {
                    problems.add(p + "retry.growth=" + growth + " is not a delay growth; allowed: constant, exponential,"
                            + " fibonacci");
                    yield Backoff.constant();
                }
            };
            try {
                retry = RetryPolicy.builder().maxRetries(maxRetries).delay(delay).maxDuration(maxDuration)
                        .jitter(jitter).backoff(backoff).build();
            } catch (IllegalArgumentException e) {
                problems.add(p + "retry.*: " + e.getMessage());
            }
        } else {
            List<String> unused = RETRY_KEYS.stream().map(k -> p + k).filter(k -> config.value(k).isPresent()).toList();
            if (!unused.isEmpty()) {
                LOGGER.log(Level.WARNING, () -> "Sinkwire: " + String.join(", ", unused) + " ignored: they apply only"
                        + " to " + p + "retry.strategy=ft");
            }
        }
        CircuitBreaker breaker = null;
        boolean breakerKeys = BREAKER_KEYS.stream().anyMatch(k -> config.value(p + k).isPresent());
        if (breakerKeys && r.bool(p + "circuit-breaker.enabled", true)) {
            int volume = r.integer(p + "circuit-breaker.request-volume-threshold",
                    CircuitBreaker.DEFAULT_REQUEST_VOLUME_THRESHOLD, 1, "a whole number from 1");
            double ratio = r.ratio(p + "circuit-breaker.failure-ratio", CircuitBreaker.DEFAULT_FAILURE_RATIO);
            Duration delay = r.duration(p + "circuit-breaker.delay", CircuitBreaker.DEFAULT_DELAY);
            int success = r.integer(p + "circuit-breaker.success-threshold", CircuitBreaker.DEFAULT_SUCCESS_THRESHOLD,
                    1, "a whole number from 1");
            breaker = CircuitBreaker.builder().requestVolumeThreshold(volume).failureRatio(ratio).delay(delay)
                    .successThreshold(success).build();
        }
        Duration timeout = r.duration(p + TIMEOUT_KEY, Duration.ZERO);
        return new FtChain.Layers(retry, breaker, timeout.isZero() ? null : timeout, "configuration");
    }

    /**
     * The Sinkwire keys set for a sink that compete with FT annotations: every {@code retry.*},
     * {@code circuit-breaker.*} and {@code timeout} key.
     *
     * @param sink the sink's name
     * @param config the configuration
     * @return the keys set, in full
     */
    static List<String> competing(String sink, ConfigView config) {
        String p = Settings.SINKS + sink + ".";
        List<String> keys = new ArrayList<>();
        for (String k : Settings.SINK_KEYS) {
            if ((k.startsWith("retry.") || k.startsWith("circuit-breaker.") || k.equals(TIMEOUT_KEY))
                    && config.value(p + k).isPresent()) {
                keys.add(p + k);
            }
        }
        return keys;
    }

    /** Reads typed values, collecting problems. */
    private record Reader(ConfigView config, List<String> problems) {

        int integer(String key, int defaultValue, int min, String allowed) {
            Optional<String> v = config.value(key);
            if (v.isEmpty()) {
                return defaultValue;
            }
            try {
                int n = Integer.parseInt(v.get().trim());
                if (n >= min) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(key + "=" + v.get() + " is out of range; allowed: " + allowed);
            return defaultValue;
        }

        double ratio(String key, double defaultValue) {
            Optional<String> v = config.value(key);
            if (v.isEmpty()) {
                return defaultValue;
            }
            try {
                double d = Double.parseDouble(v.get().trim());
                if (d >= 0 && d <= 1) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(key + "=" + v.get() + " is not a ratio; allowed: a decimal number from 0 to 1, such as 0.5");
            return defaultValue;
        }

        Duration duration(String key, Duration defaultValue) {
            Optional<String> v = config.value(key);
            if (v.isEmpty()) {
                return defaultValue;
            }
            try {
                Duration d = Durations.parse(key, v.get());
                if (!d.isNegative()) {
                    return d;
                }
                problems.add(key + "=" + v.get() + " is negative; allowed: 0 or more, " + Durations.ALLOWED);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            return defaultValue;
        }

        boolean bool(String key, boolean defaultValue) {
            Optional<String> v = config.value(key);
            if (v.isEmpty()) {
                return defaultValue;
            }
            String s = v.get().trim();
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(s);
            }
            problems.add(key + "=" + v.get() + " is not a boolean; allowed: true, false");
            return defaultValue;
        }
    }
}
