/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.core.ExponentialBackoffConfig;
import dev.sinkwire.core.OverflowPolicy;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The one reader of the configuration: every {@code sinkwire.*} key (sinks, sources and global
 * keys), and the MicroProfile Fault
 * Tolerance annotations of each sink with their override keys, into one immutable {@link Spec}.
 * Every problem is collected and reported at once, each naming the full key, the value and what
 * is allowed. Not thread-safe: one per reading.
 */
public final class SpecReader {

    private static final System.Logger LOGGER = System.getLogger(SpecReader.class.getName());
    private static final String THRESHOLD_ALLOWED = "a whole number from 0 to " + Integer.MAX_VALUE;

    private final ConfigView config;
    private final Problems problems;
    private final Map<String, SinkBinding> byName = new LinkedHashMap<>();

    private SpecReader(ConfigView config, List<SinkBinding> bindings) {
        this.config = config;
        this.problems = new Problems(config);
        bindings.forEach(b -> byName.put(b.name(), b));
    }

    /** Reads and validates the configuration of every sink and source. */
    public static Spec read(ConfigView config, List<SinkBinding> bindings, FtMode ftMode) {
        SpecReader r = new SpecReader(config, bindings);
        Keys.check(config, r.byName.keySet(), bindings.stream().filter(b -> b.kind() == SinkKind.CONFIGURED)
                .map(SinkBinding::name).toList(), r.problems);
        Duration timeout = r.problems.duration(Keys.SHUTDOWN_TIMEOUT, Spec.DEFAULT_SHUTDOWN_TIMEOUT);
        boolean deadLetterEvents = r.problems.bool(Keys.DEAD_LETTER_EVENTS, true);
        String jndi = config.value(Keys.THREAD_FACTORY).map(String::trim)
                .or(() -> Optional.of(Spec.DEFAULT_THREAD_FACTORY))
                .filter(j -> !j.isEmpty() && !j.equalsIgnoreCase("none")).orElse(null);
        String global = r.problems.text(Keys.DEAD_LETTER).filter(g -> r.deadLetterTarget(Keys.DEAD_LETTER, g))
                .orElse(null);
        boolean metrics = r.problems.bool(Keys.METRICS_ENABLED, true);
        double saturation = r.problems.share(Keys.HEALTH_QUEUE_SATURATION, SinkSpec.QueueBound.DEFAULT_SATURATION);
        Map<String, SinkSpec> sinks = new LinkedHashMap<>();
        for (SinkBinding b : bindings) {
            sinks.put(b.name(), r.sink(b, global, ftMode, saturation));
        }
        r.checkCycles(sinks);
        Map<String, SourceSpec> sources = SourceReader.read(config, r.problems, ConfigView.applicationLoader());
        r.problems.throwIfAny();
        return new Spec(timeout, deadLetterEvents, jndi, Collections.unmodifiableMap(sinks), metrics, sources);
    }

    /**
     * Reads and validates the sources alone ({@code sinkwire.sources.<name>.*}), for the code that runs
     * them; {@link #read} reads them too, so that a deployment reports every problem at once.
     *
     * @throws ProblemsException naming every problem
     */
    public static Map<String, SourceSpec> sources(ConfigView config) {
        Problems problems = new Problems(config);
        Map<String, SourceSpec> sources = SourceReader.read(config, problems, ConfigView.applicationLoader());
        problems.throwIfAny();
        return sources;
    }

    private SinkSpec sink(SinkBinding b, String globalDeadLetter, FtMode ftMode, double saturation) {
        String name = b.name();
        boolean enabled = problems.bool(Keys.of(name, Keys.ENABLED), true);
        SinkSpec.Store store = StoreReader.read(config, problems, name);
        boolean async = store == null ? problems.bool(Keys.of(name, Keys.ASYNC), true)
                : StoreReader.noQueue(config, problems, name);
        SinkSpec.Retry retry = retry(name);
        SinkSpec.Filter filter = filter(name);
        if (!enabled) {
            return new SinkSpec(b, false, async, retry, SinkSpec.QueueBound.NONE, filter, null, null, Map.of(), null);
        }
        SinkSpec.QueueBound queue = store == null ? queue(name, async, saturation) : SinkSpec.QueueBound.NONE;
        String key = Keys.of(name, Keys.SINK_DEAD_LETTER);
        String deadLetter = problems.text(key).orElse(null);
        if (deadLetter == null) {
            deadLetter = name.equals(globalDeadLetter) ? null : globalDeadLetter; // every sink's but its own
        } else if (deadLetter.equals(name)) {
            problems.bad(key, deadLetter, "names the sink itself", "the name of another @EventSink (a sink cannot"
                    + " be its own dead-letter sink)");
            deadLetter = null;
        } else if (!deadLetterTarget(key, deadLetter)) {
            deadLetter = null;
        }
        if (b.kind() == SinkKind.CONFIGURED) {
            return new SinkSpec(b, true, async, retry, queue, filter, deadLetter, null,
                    StoreReader.withoutStoreKeys(ConfiguredSinks.keys(config, name)), store);
        }
        return new SinkSpec(b, true, async, retry, queue, filter, deadLetter, ft(b, ftMode), Map.of(), store);
    }

    private SinkSpec.Retry retry(String name) {
        String strategyKey = Keys.of(name, Keys.RETRY_STRATEGY);
        Optional<String> set = problems.text(strategyKey);
        boolean ft = set.filter("ft"::equalsIgnoreCase).isPresent();
        if (ft) {
            problems.add(strategyKey + "=" + set.get() + " is no longer a retry strategy: " + Keys.FT_MIGRATION
                    + "; allowed: " + Problems.spellings(SinkSpec.Strategy.class));
        }
        SinkSpec.Strategy strategy = ft ? SinkSpec.Strategy.NONE : problems.choice(strategyKey,
                SinkSpec.Strategy.class, SinkSpec.Strategy.NONE, "a retry strategy");
        int threshold = problems.integer(Keys.of(name, Keys.RETRY_THRESHOLD), SinkSpec.Retry.DEFAULT_THRESHOLD, 0,
                THRESHOLD_ALLOWED);
        Duration backoff = problems.duration(Keys.of(name, Keys.RETRY_BACKOFF), SinkSpec.Retry.DEFAULT_BACKOFF);
        ExponentialBackoffConfig d = ExponentialBackoffConfig.DEFAULT;
        String baseKey = Keys.of(name, Keys.RETRY_BASE);
        String maxKey = Keys.of(name, Keys.RETRY_MAX);
        Duration base = problems.duration(baseKey, d.base());
        Duration factor = problems.positive(Keys.of(name, Keys.RETRY_FACTOR), d.factor());
        Duration max = problems.positive(maxKey, d.max());
        ExponentialBackoffConfig exponential = d;
        if (max.compareTo(base) < 0) {
            problems.add(maxKey + "=" + config.value(maxKey).orElse(max.toString()) + " is less than " + baseKey + "="
                    + config.value(baseKey).orElse(base.toString()) + "; allowed: retry.max at least retry.base");
        } else {
            exponential = new ExponentialBackoffConfig(base, factor, max);
        }
        warnUnused(name, strategy);
        return new SinkSpec.Retry(strategy, threshold, backoff, exponential, set.isPresent());
    }

    private void warnUnused(String name, SinkSpec.Strategy strategy) {
        // the breaker's keys do nothing without retry.strategy=breaker, the backoff's without exponential
        List<String> unused = Stream.concat(strategy == SinkSpec.Strategy.BREAKER ? Stream.<String>empty()
                : Stream.of(Keys.RETRY_THRESHOLD, Keys.RETRY_BACKOFF), strategy == SinkSpec.Strategy.EXPONENTIAL
                        ? Stream.<String>empty() : Stream.of(Keys.RETRY_BASE, Keys.RETRY_FACTOR, Keys.RETRY_MAX))
                .map(k -> Keys.of(name, k)).filter(k -> config.value(k).isPresent()).toList();
        if (!unused.isEmpty()) {
            LOGGER.log(Level.WARNING, () -> "Sinkwire: " + String.join(", ", unused) + " ignored: they do not apply"
                    + " to " + Keys.of(name, Keys.RETRY_STRATEGY) + "=" + Problems.spelling(strategy));
        }
    }

    private SinkSpec.Filter filter(String name) {
        List<String> types = new ArrayList<>();
        String typesKey = Keys.of(name, Keys.FILTER_TYPES);
        String typesValue = config.value(typesKey).orElse(null);
        for (String t : typesValue == null ? new String[0] : typesValue.split(",", -1)) {
            if (t.isBlank()) {
                problems.bad(typesKey, typesValue, "has an empty entry", "a comma-separated list of fully-qualified"
                        + " class names");
            } else {
                types.add(t.trim());
            }
        }
        return new SinkSpec.Filter(types, problems.text(Keys.of(name, Keys.FILTER_MATCHER)).orElse(null));
    }

    private SinkSpec.QueueBound queue(String name, boolean async, double globalSaturation) {
        String capacityKey = Keys.of(name, Keys.QUEUE_CAPACITY);
        String overflowKey = Keys.of(name, Keys.QUEUE_OVERFLOW);
        String maxWaitKey = Keys.of(name, Keys.QUEUE_MAX_WAIT);
        String saturationKey = Keys.of(name, Keys.QUEUE_SATURATION);
        double saturation = problems.share(saturationKey, globalSaturation);
        int capacity = problems.integer(capacityKey, 0, 1, "a whole number from 1 to " + Integer.MAX_VALUE
                + " (omit the key for an unbounded queue)");
        OverflowPolicy overflow = problems.choice(overflowKey, OverflowPolicy.class, OverflowPolicy.BLOCK,
                "an overflow policy");
        Duration maxWait = problems.duration(maxWaitKey, null);
        boolean bounded = config.value(capacityKey).isPresent(); // a bad capacity is reported already
        for (String k : List.of(capacityKey, overflowKey, maxWaitKey, saturationKey)) {
            String v = config.value(k).orElse(null);
            if (v != null && !async) {
                problems.bad(k, v, "needs a queue, but " + Keys.of(name, Keys.ASYNC) + "=false", "queue.* keys only"
                        + " on a sink with async=true (the default)");
            } else if (v != null && !bounded) {
                problems.bad(k, v, "needs a bounded queue", "only together with " + capacityKey);
            }
        }
        if (maxWait != null && overflow != OverflowPolicy.BLOCK) {
            problems.bad(maxWaitKey, config.value(maxWaitKey).orElse(""), "applies only to queue.overflow=block, but "
                    + overflowKey + "=" + Problems.spelling(overflow), "queue.max-wait only with queue.overflow=block"
                    + " (the default)");
        }
        return async && capacity > 0 ? new SinkSpec.QueueBound(capacity, overflow, maxWait, saturation)
                : SinkSpec.QueueBound.NONE;
    }

    /** Checks that a dead-letter sink exists, is enabled and accepts {@code DeadLetter} events. */
    private boolean deadLetterTarget(String key, String target) {
        SinkBinding b = byName.get(target);
        if (b == null) {
            problems.bad(key, target, "names no @EventSink", "the name of a declared sink whose event type accepts"
                    + " dev.sinkwire.DeadLetter; known sinks: " + Keys.known(byName.keySet()));
            return false;
        }
        String enabledKey = Keys.of(target, Keys.ENABLED);
        if (config.value(enabledKey).map(String::trim).filter("false"::equalsIgnoreCase).isPresent()) {
            problems.bad(key, target, "names a disabled sink (" + enabledKey + "=false)", "an enabled sink");
            return false;
        }
        if (!b.eventClass().isAssignableFrom(DeadLetter.class)) {
            problems.bad(key, target, "names sink '" + target + "' of event type " + b.eventClass().getName()
                    + ", which does not accept dev.sinkwire.DeadLetter", "a sink of type DeadLetter or a supertype"
                    + " (Object)");
            return false;
        }
        return true;
    }

    /**
     * Rejects dead-letter cycles (a sink whose dead letters come back to it through other sinks'
     * dead-letter settings). Each cycle is reported once, starting at its alphabetically first sink.
     */
    private void checkCycles(Map<String, SinkSpec> sinks) {
        Set<String> reported = new LinkedHashSet<>();
        for (String start : new TreeSet<>(sinks.keySet())) {
            List<String> path = new ArrayList<>();
            String at = start;
            while (at != null && !path.contains(at)) {
                path.add(at);
                SinkSpec s = sinks.get(at);
                at = s == null ? null : s.deadLetter();
            }
            if (at != null && at.equals(start) && Collections.disjoint(reported, path)) {
                reported.addAll(path);
                List<String> keys = path.stream().map(s -> (config.value(Keys.of(s, Keys.SINK_DEAD_LETTER))
                        .isPresent() ? Keys.of(s, Keys.SINK_DEAD_LETTER) : Keys.DEAD_LETTER) + "="
                        + sinks.get(s).deadLetter()).toList();
                problems.add("dead-letter cycle " + String.join(" -> ", path) + " -> " + start + " ("
                        + String.join(", ", keys) + "); allowed: dead-letter settings that never lead back to the sink"
                        + " they start from");
            }
        }
    }

    /**
     * The FT annotations in effect and who applies them; a sink with FT annotations must not also
     * set {@code retry.*} keys (deployment fails naming both).
     */
    private FtSpec ft(SinkBinding b, FtMode mode) {
        Map<String, FtSpec.Found> found = mode == FtMode.API_ABSENT ? Map.of() : FtSpec.annotations(b, config,
                problems);
        if (found.isEmpty()) {
            return null;
        }
        List<String> competing = Keys.SINK_KEYS.stream().filter(k -> k.startsWith("retry."))
                .map(k -> Keys.of(b.name(), k)).filter(k -> config.value(k).isPresent()).toList();
        String label = "sink '" + b.name() + "' (" + b.description() + ")";
        if (!competing.isEmpty()) {
            problems.add(label + " has " + String.join(", ", found.keySet().stream().map(a -> "@" + a + " on "
                    + found.get(a).where()).toList()) + " and also sets " + String.join(", ", competing) + "; allowed:"
                    + " one or the other. Tune an annotated sink with the MicroProfile Fault Tolerance keys"
                    + " (<class>/<method>/<Annotation>/<member>), or remove the annotations and use the "
                    + Keys.SINKS + "<name>.retry.* keys");
        }
        Method method = b.sinkMethod();
        boolean interceptable = method == null || !Modifier.isStatic(method.getModifiers());
        if (mode == FtMode.IMPLEMENTATION && interceptable) {
            return new FtSpec(found, true, null, null, null);
        }
        // no FT implementation, or a static method sink (interceptors never apply to static methods)
        return FtSpec.applied(label + ": ", found, problems);
    }
}
