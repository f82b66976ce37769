package dev.sinkwire.cdi;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.ExponentialBackoff;
import dev.sinkwire.core.ExponentialBackoffConfig;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The whole Sinkwire configuration, read from a {@link ConfigView} and validated eagerly: every
 * problem is collected and reported at once, naming key, value and what is allowed. Immutable.
 *
 * @param shutdownTimeout how long shutdown waits for queued events before reporting the rest
 * @param deadLetterEvents whether undelivered events are also fired as CDI {@code DeadLetter} events
 * @param threadFactoryJndiName where to look up the container's managed thread factory, or {@code null}
 * @param sinks the settings of every declared sink, by name
 */
record Settings(Duration shutdownTimeout, boolean deadLetterEvents, String threadFactoryJndiName,
        Map<String, SinkSettings> sinks) {

    /** The prefix of every Sinkwire key. */
    static final String PREFIX = "sinkwire.";
    /** The prefix of the per-sink keys, followed by {@code <name>.<key>}. */
    static final String SINKS = "sinkwire.sinks.";
    /** How long shutdown waits for queued events. */
    static final String SHUTDOWN_TIMEOUT = "sinkwire.shutdown.timeout";
    /** Whether dead letters are fired as CDI events. */
    static final String DEAD_LETTER_EVENTS = "sinkwire.dead-letter.events";
    /** Where the managed thread factory is looked up. */
    static final String THREAD_FACTORY = "sinkwire.thread-factory.jndi-name";
    /** The default of {@link #SHUTDOWN_TIMEOUT}. */
    static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** The default of {@link #THREAD_FACTORY}: the Jakarta EE default managed thread factory. */
    static final String DEFAULT_THREAD_FACTORY = "java:comp/DefaultManagedThreadFactory";

    /** The keys a sink accepts, after {@code sinkwire.sinks.<name>.}. */
    static final List<String> SINK_KEYS;
    /**
     * The keys the extension reads for a sink declared in configuration alone ({@code type}, no
     * fault-tolerance style keys); its other keys belong to the sink's provider.
     */
    static final List<String> CONFIGURED_SINK_KEYS;

    static {
        List<String> base = List.of("enabled", "async", "retry.strategy", "retry.threshold", "retry.backoff",
                "retry.base", "retry.factor", "retry.max", "filter.types", "filter.matcher");
        SINK_KEYS = concat(base, concat(FtKeys.KEYS, ReliabilitySettings.SINK_KEYS));
        CONFIGURED_SINK_KEYS = concat(List.of(ConfiguredSinks.TYPE), concat(base, ReliabilitySettings.SINK_KEYS));
    }

    private static final List<String> GLOBAL_KEYS = List.of(SHUTDOWN_TIMEOUT, DEAD_LETTER_EVENTS, THREAD_FACTORY,
            ReliabilitySettings.DEAD_LETTER);
    /** Families of global keys this module owns: an unknown key under one of them is a typo. */
    private static final List<String> GLOBAL_FAMILIES = List.of("sinkwire.shutdown.", "sinkwire.dead-letter.",
            "sinkwire.thread-factory.");

    private static final System.Logger LOGGER = System.getLogger(Settings.class.getName());

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }


    /** Which retry strategy a sink uses. */
    enum Strategy {
        /** No retrying layer. */
        NONE,
        /** go-events' breaker. */
        BREAKER,
        /** Exponential backoff with full jitter. */
        EXPONENTIAL,
        /** MP FT's retry policy, tuned by the FT-style keys ({@link FtKeys}). */
        FT;

        /** The allowed values, for messages. */
        static final String ALLOWED = "none, breaker, exponential, ft";
    }

    /**
     * One sink's settings. Immutable.
     *
     * @param name the sink's name
     * @param enabled whether the sink receives events at all
     * @param async whether a queue decouples writers from the sink
     * @param strategy the retry strategy
     * @param threshold the breaker's threshold
     * @param backoff the breaker's backoff
     * @param exponential the exponential backoff's parameters
     * @param filterTypes class names an event must be an instance of (any), empty for no type filter
     * @param filterMatcher the name of a {@code @Named} {@code Matcher} bean, or {@code null}
     */
    record SinkSettings(String name, boolean enabled, boolean async, Strategy strategy, int threshold,
            Duration backoff, ExponentialBackoffConfig exponential, List<String> filterTypes, String filterMatcher) {

        /** The default breaker threshold, as in go-events' example. */
        static final int DEFAULT_THRESHOLD = 5;
        /** The default breaker backoff, as in go-events' example. */
        static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);


        /**
         * A new strategy instance for this sink.
         *
         * @return the strategy, or {@code null} for no retrying layer
         */
        RetryStrategy newStrategy() {
            return switch (strategy) {
                case NONE -> null;
                case BREAKER -> new Breaker(threshold, backoff);
                case EXPONENTIAL -> new ExponentialBackoff(exponential);
                case FT -> null; // built from the FT-style keys by FtKeys
            };
        }

        /** @return whether the sink gets a filter layer */
        boolean filtered() {
            return !filterTypes.isEmpty() || filterMatcher != null;
        }
    }

    /**
     * Reads and validates the configuration.
     *
     * @param config the configuration
     * @param sinkNames the names of every declared sink
     * @return the settings
     * @throws ProblemsException listing every problem found
     */
    static Settings parse(ConfigView config, Collection<String> sinkNames) {
        return parse(config, sinkNames, Set.of());
    }

    /**
     * Reads and validates the configuration, leaving the keys of sinks declared in configuration
     * alone to their providers.
     *
     * @param config the configuration
     * @param sinkNames the names of every declared sink (including {@code configuredNames})
     * @param configuredNames the names of the sinks declared by {@code sinkwire.sinks.<name>.type}
     * @return the settings
     * @throws ProblemsException listing every problem found
     */
    static Settings parse(ConfigView config, Collection<String> sinkNames, Collection<String> configuredNames) {
        Reader r = new Reader(config);
        checkNames(config, new TreeSet<>(sinkNames), Set.copyOf(configuredNames), r.problems);
        Duration timeout = r.duration(SHUTDOWN_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT);
        boolean deadLetters = r.bool(DEAD_LETTER_EVENTS, true);
        String jndi = config.value(THREAD_FACTORY).map(String::trim).orElse(DEFAULT_THREAD_FACTORY);
        if (jndi.isEmpty() || jndi.equalsIgnoreCase("none")) {
            jndi = null;
        }
        Map<String, SinkSettings> sinks = new LinkedHashMap<>();
        for (String name : sinkNames) {
            sinks.put(name, r.sink(name));
        }
        if (!r.problems.isEmpty()) {
            throw new ProblemsException(r.problems);
        }
        return new Settings(timeout, deadLetters, jndi, Map.copyOf(sinks));
    }

    /**
     * Typo protection: every {@code sinkwire.sinks.<name>.<key>} must name a declared sink and a
     * known key. Environment variables may be listed under a mapped name
     * ({@code SINKWIRE_SINKS_ENV_SINK_ASYNC} as {@code sinkwire.sinks.env.sink.async}): a name that
     * maps to the same environment variable name as a valid key is valid.
     */
    private static void checkNames(ConfigView config, Set<String> sinkNames, Set<String> configuredNames,
            List<String> problems) {
        List<String> providerPrefixes = configuredNames.stream().map(n -> envName(SINKS + n + ".")).toList();
        Set<String> valid = new HashSet<>();
        for (String name : sinkNames) {
            SINK_KEYS.forEach(k -> valid.add(envName(SINKS + name + "." + k)));
        }
        GLOBAL_KEYS.forEach(k -> valid.add(envName(k)));
        // an environment variable may be listed twice (as set, and mapped to a dotted name): report it once, as set
        List<String> keys = new ArrayList<>();
        config.names().forEach(keys::add);
        keys.sort(Comparator.comparing((String k) -> !k.startsWith("SINKWIRE_")).thenComparing(k -> k));
        Set<String> reported = new HashSet<>();
        for (String key : keys) {
            if (!key.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) && !key.startsWith("SINKWIRE_")) {
                continue;
            }
            if (valid.contains(envName(key)) || !reported.add(envName(key))
                    || providerPrefixes.stream().anyMatch(envName(key)::startsWith)) {
                continue; // a configured sink's provider checks its own keys
            }
            if (key.startsWith(SINKS)) {
                String rest = key.substring(SINKS.length());
                int dot = rest.indexOf('.');
                String name = dot < 0 ? rest : rest.substring(0, dot);
                if (!sinkNames.contains(name)) {
                    problems.add("configuration key " + key + " names sink '" + name + "', but no @EventSink has that"
                            + " name; known sinks: " + (sinkNames.isEmpty() ? "(none)" : String.join(", ", sinkNames))
                            + " (a sink declared in configuration alone needs " + SINKS + name + "."
                            + ConfiguredSinks.TYPE + ")");
                } else {
                    problems.add("unknown configuration key " + key + "; allowed keys for sink '" + name + "': "
                            + String.join(", ", SINK_KEYS.stream().map(k -> SINKS + name + "." + k).toList()));
                }
            } else if (envName(key).startsWith("SINKWIRE_SINKS_")) {
                problems.add("configuration key " + key + " matches no @EventSink and no known key; known sinks: "
                        + (sinkNames.isEmpty() ? "(none)" : String.join(", ", sinkNames)) + "; allowed keys per sink: "
                        + String.join(", ", SINK_KEYS));
            } else if (GLOBAL_FAMILIES.stream().anyMatch(f -> envName(key).startsWith(envName(f)))) {
                problems.add("unknown configuration key " + key + "; allowed: " + String.join(", ", GLOBAL_KEYS)
                        + ", and " + SINKS + "<name>.<key>");
            }
        }
    }

    /**
     * MicroProfile Config's mapping of a key to an environment variable name.
     *
     * @param key the key
     * @return the key in upper case, with every character other than a letter or digit replaced by {@code _}
     */
    static String envName(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            b.append(c < 128 && Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return b.toString();
    }

    /** Reads typed values, collecting problems instead of stopping at the first. */
    private static final class Reader {
        final ConfigView config;
        final List<String> problems = new ArrayList<>();

        Reader(ConfigView config) {
            this.config = config;
        }

        SinkSettings sink(String name) {
            String p = SINKS + name + ".";
            boolean enabled = bool(p + "enabled", true);
            boolean async = bool(p + "async", true);
            Strategy strategy = strategy(p + "retry.strategy");
            int threshold = nonNegativeInt(p + "retry.threshold", SinkSettings.DEFAULT_THRESHOLD);
            Duration backoff = duration(p + "retry.backoff", SinkSettings.DEFAULT_BACKOFF);
            ExponentialBackoffConfig d = ExponentialBackoffConfig.DEFAULT;
            Duration base = duration(p + "retry.base", d.base());
            Duration factor = positive(p + "retry.factor", d.factor());
            Duration max = positive(p + "retry.max", d.max());
            ExponentialBackoffConfig exponential = d;
            if (max.compareTo(base) < 0) {
                problems.add(p + "retry.max=" + max + " is less than " + p + "retry.base=" + base
                        + "; allowed: retry.max at least retry.base");
            } else {
                exponential = new ExponentialBackoffConfig(base, factor, max);
            }
            warnUnused(p, strategy);
            List<String> types = new ArrayList<>();
            Optional<String> typesValue = config.value(p + "filter.types");
            if (typesValue.isPresent()) {
                for (String t : typesValue.get().split(",", -1)) {
                    String type = t.trim();
                    if (type.isEmpty()) {
                        problems.add(p + "filter.types=" + typesValue.get() + " has an empty entry; allowed: a"
                                + " comma-separated list of fully-qualified class names");
                    } else {
                        types.add(type);
                    }
                }
            }
            String matcher = config.value(p + "filter.matcher").map(String::trim).filter(s -> !s.isEmpty())
                    .orElse(null);
            return new SinkSettings(name, enabled, async, strategy, threshold, backoff, exponential, List.copyOf(types),
                    matcher);
        }

        private void warnUnused(String p, Strategy strategy) {
            List<String> breakerKeys = List.of("retry.threshold", "retry.backoff");
            List<String> exponentialKeys = List.of("retry.base", "retry.factor", "retry.max");
            List<String> unused = new ArrayList<>();
            if (strategy != Strategy.BREAKER) {
                breakerKeys.stream().filter(k -> config.value(p + k).isPresent()).forEach(k -> unused.add(p + k));
            }
            if (strategy != Strategy.EXPONENTIAL) {
                exponentialKeys.stream().filter(k -> config.value(p + k).isPresent()).forEach(k -> unused.add(p + k));
            }
            if (!unused.isEmpty()) {
                LOGGER.log(Level.WARNING, () -> "Sinkwire: " + String.join(", ", unused) + " ignored: they do not apply"
                        + " to " + p + "retry.strategy=" + strategy.name().toLowerCase(Locale.ROOT));
            }
        }

        Strategy strategy(String key) {
            Optional<String> v = config.value(key);
            if (v.isEmpty()) {
                return Strategy.NONE;
            }
            try {
                return Strategy.valueOf(v.get().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(key + "=" + v.get() + " is not a retry strategy; allowed: " + Strategy.ALLOWED);
                return Strategy.NONE;
            }
        }

        boolean bool(String key, boolean defaultValue) {
            Optional<String> v = config.value(key);
            if (v.isEmpty()) {
                return defaultValue;
            }
            String s = v.get().trim();
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
            problems.add(key + "=" + v.get() + " is not a boolean; allowed: true, false");
            return defaultValue;
        }

        int nonNegativeInt(String key, int defaultValue) {
            Optional<String> v = config.value(key);
            if (v.isEmpty()) {
                return defaultValue;
            }
            try {
                int n = Integer.parseInt(v.get().trim());
                if (n >= 0) {
                    return n;
                }
                problems.add(key + "=" + v.get() + " is negative; allowed: a whole number from 0 to "
                        + Integer.MAX_VALUE);
            } catch (NumberFormatException e) {
                problems.add(key + "=" + v.get() + " is not a whole number; allowed: a whole number from 0 to "
                        + Integer.MAX_VALUE);
            }
            return defaultValue;
        }

        Duration duration(String key, Duration defaultValue) {
            Optional<String> v = config.value(key);
            if (v.isEmpty()) {
                return defaultValue;
            }
            try {
                return Durations.parse(key, v.get());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                return defaultValue;
            }
        }

        Duration positive(String key, Duration defaultValue) {
            Duration d = duration(key, defaultValue);
            if (d.isZero()) {
                problems.add(key + "=" + config.value(key).orElse("") + " is zero; allowed: a positive duration such as"
                        + " 500ms, 1s or PT0.5S");
                return defaultValue;
            }
            return d;
        }
    }
}
