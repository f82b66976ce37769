package dev.sinkwire.cdi;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.core.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reliability part of the configuration: bounded queues ({@code queue.capacity},
 * {@code queue.overflow}, {@code queue.max-wait}) and dead-letter routing ({@code dead-letter} per
 * sink, {@code sinkwire.dead-letter} for all), read and validated eagerly; every problem is
 * collected, naming key, value and what is allowed. Immutable.
 *
 * @param sinks the settings of every declared sink, by name, in declaration order
 */
record ReliabilitySettings(Map<String, SinkReliability> sinks) {

    /** The global default dead-letter sink. */
    static final String DEAD_LETTER = "sinkwire.dead-letter";
    /** The per-sink keys this record reads, after {@code sinkwire.sinks.<name>.}. */
    static final List<String> SINK_KEYS = List.of("queue.capacity", "queue.overflow", "queue.max-wait",
            "dead-letter");
    /** The allowed overflow policies, for messages. */
    static final String POLICIES = "block, reject, drop-oldest, fail";

    /**
     * One sink's reliability settings. Immutable.
     *
     * @param capacity the queue's capacity, or {@code 0} for an unbounded queue
     * @param overflow the overflow policy (meaningful only with a capacity)
     * @param maxWait how long a {@code BLOCK} writer waits at most, or {@code null} for no limit
     * @param deadLetter the sink that receives this sink's dead letters, or {@code null}
     */
    record SinkReliability(int capacity, OverflowPolicy overflow, Duration maxWait, String deadLetter) {

        /** No bound, no dead-letter sink. */
        static final SinkReliability NONE = new SinkReliability(0, OverflowPolicy.BLOCK, null, null);

        /** @return whether the sink's queue is bounded */
        boolean bounded() {
            return capacity > 0;
        }
    }

    /**
     * Reads and validates the reliability keys.
     *
     * @param config the configuration
     * @param bindings the declared sinks
     * @param problems receives every problem found
     * @return the settings (with defaults where a value was bad)
     */
    static ReliabilitySettings parse(ConfigView config, List<SinkBinding> bindings, List<String> problems) {
        Map<String, SinkBinding> byName = new LinkedHashMap<>();
        bindings.forEach(b -> byName.put(b.name(), b));
        String global = config.value(DEAD_LETTER).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        if (global != null && !target(config, DEAD_LETTER, global, byName, problems)) {
            global = null;
        }
        Map<String, SinkReliability> sinks = new LinkedHashMap<>();
        for (SinkBinding b : bindings) {
            String name = b.name();
            String p = Settings.SINKS + name + ".";
            if (!flag(config, p + "enabled")) {
                sinks.put(name, SinkReliability.NONE);
                continue;
            }
            boolean async = flag(config, p + "async");
            int capacity = capacity(config, p + "queue.capacity", problems);
            OverflowPolicy overflow = overflow(config, p + "queue.overflow", problems);
            Duration maxWait = maxWait(config, p + "queue.max-wait", problems);
            if (!async) {
                for (String k : List.of("queue.capacity", "queue.overflow", "queue.max-wait")) {
                    config.value(p + k).ifPresent(v -> problems.add(p + k + "=" + v + " needs a queue, but "
                            + p + "async=false; allowed: queue.* keys only on a sink with async=true (the default)"));
                }
            } else if (config.value(p + "queue.capacity").isEmpty()) { // a bad capacity is reported already
                for (String k : List.of("queue.overflow", "queue.max-wait")) {
                    config.value(p + k).ifPresent(v -> problems.add(p + k + "=" + v + " needs a bounded queue;"
                            + " allowed: only together with " + p + "queue.capacity"));
                }
            }
            if (maxWait != null && overflow != OverflowPolicy.BLOCK) {
                problems.add(p + "queue.max-wait=" + config.value(p + "queue.max-wait").orElse("") + " applies only to"
                        + " queue.overflow=block, but " + p + "queue.overflow=" + policyName(overflow)
                        + "; allowed: queue.max-wait only with queue.overflow=block (the default)");
            }
            String deadLetter = config.value(p + "dead-letter").map(String::trim).filter(v -> !v.isEmpty())
                    .orElse(null);
            if (deadLetter != null) {
                if (deadLetter.equals(name)) {
                    problems.add(p + "dead-letter=" + deadLetter + " names the sink itself; allowed: the name of"
                            + " another @EventSink (a sink cannot be its own dead-letter sink)");
                    deadLetter = null;
                } else if (!target(config, p + "dead-letter", deadLetter, byName, problems)) {
                    deadLetter = null;
                }
            } else if (global != null && !global.equals(name)) {
                deadLetter = global; // the default, for every sink but the dead-letter sink itself
            }
            sinks.put(name, new SinkReliability(async ? capacity : 0, overflow, maxWait, deadLetter));
        }
        checkCycles(sinks, config, problems);
        return new ReliabilitySettings(Collections.unmodifiableMap(sinks));
    }

    /**
     * Where a sink's dead letters go.
     *
     * @param sink the sink's name
     * @return the dead-letter sink's name, or {@code null}
     */
    String deadLetterOf(String sink) {
        SinkReliability r = sinks.get(sink);
        return r == null ? null : r.deadLetter();
    }

    /** @return the names of the sinks that receive another sink's dead letters */
    Set<String> deadLetterSinks() {
        Set<String> targets = new LinkedHashSet<>();
        sinks.values().forEach(r -> {
            if (r.deadLetter() != null) {
                targets.add(r.deadLetter());
            }
        });
        return targets;
    }

    /** Checks that a dead-letter sink exists, is enabled and accepts {@code DeadLetter} events. */
    private static boolean target(ConfigView config, String key, String target, Map<String, SinkBinding> byName,
            List<String> problems) {
        SinkBinding b = byName.get(target);
        if (b == null) {
            problems.add(key + "=" + target + " names no @EventSink; allowed: the name of a declared sink whose event"
                    + " type accepts dev.sinkwire.DeadLetter; known sinks: "
                    + (byName.isEmpty() ? "(none)" : String.join(", ", byName.keySet())));
            return false;
        }
        if (!flag(config, Settings.SINKS + target + ".enabled")) {
            problems.add(key + "=" + target + " names a disabled sink (" + Settings.SINKS + target
                    + ".enabled=false); allowed: an enabled sink");
            return false;
        }
        if (!b.eventClass().isAssignableFrom(DeadLetter.class)) {
            problems.add(key + "=" + target + " names sink '" + target + "' of event type "
                    + b.eventClass().getName() + ", which does not accept dev.sinkwire.DeadLetter; allowed: a sink of"
                    + " type DeadLetter or a supertype (Object)");
            return false;
        }
        return true;
    }

    /**
     * Rejects dead-letter cycles (a sink whose dead letters come back to it through other sinks'
     * dead-letter settings). Each cycle is reported once, starting at its alphabetically first sink.
     */
    private static void checkCycles(Map<String, SinkReliability> sinks, ConfigView config, List<String> problems) {
        Set<String> reported = new LinkedHashSet<>();
        for (String start : new TreeSet<>(sinks.keySet())) { // a cycle starts at its first name, alphabetically
            List<String> path = new ArrayList<>();
            String at = start;
            while (at != null && !path.contains(at)) {
                path.add(at);
                SinkReliability r = sinks.get(at);
                at = r == null ? null : r.deadLetter();
            }
            if (at != null && at.equals(start) && Collections.disjoint(reported, path)) {
                reported.addAll(path);
                List<String> keys = new ArrayList<>();
                for (String s : path) {
                    String key = Settings.SINKS + s + ".dead-letter";
                    keys.add((config.value(key).isPresent() ? key : DEAD_LETTER) + "=" + sinks.get(s).deadLetter());
                }
                problems.add("dead-letter cycle " + String.join(" -> ", path) + " -> " + start + " (" + String.join(", ",
                        keys) + "); allowed: dead-letter settings that never lead back to the sink they start from");
            }
        }
    }

    /** A lenient boolean read: only {@code false} (any case) is false; {@link Settings} reports bad values. */
    private static boolean flag(ConfigView config, String key) {
        return !config.value(key).map(String::trim).filter(v -> v.equalsIgnoreCase("false")).isPresent();
    }

    private static int capacity(ConfigView config, String key, List<String> problems) {
        Optional<String> v = config.value(key);
        if (v.isEmpty()) {
            return 0;
        }
        String allowed = "; allowed: a whole number from 1 to " + Integer.MAX_VALUE + " (omit the key for an"
                + " unbounded queue)";
        try {
            int n = Integer.parseInt(v.get().trim());
            if (n >= 1) {
                return n;
            }
            problems.add(key + "=" + v.get() + " is not positive" + allowed);
        } catch (NumberFormatException e) {
            problems.add(key + "=" + v.get() + " is not a whole number" + allowed);
        }
        return 0;
    }

    private static OverflowPolicy overflow(ConfigView config, String key, List<String> problems) {
        Optional<String> v = config.value(key);
        if (v.isEmpty()) {
            return OverflowPolicy.BLOCK;
        }
        String s = v.get().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (OverflowPolicy p : OverflowPolicy.values()) {
            if (p.name().equals(s)) {
                return p;
            }
        }
        problems.add(key + "=" + v.get() + " is not an overflow policy; allowed: " + POLICIES);
        return OverflowPolicy.BLOCK;
    }

    private static Duration maxWait(ConfigView config, String key, List<String> problems) {
        Optional<String> v = config.value(key);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Durations.parse(key, v.get());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    /**
     * The configuration spelling of a policy.
     *
     * @param policy the policy
     * @return for example {@code drop-oldest}
     */
    static String policyName(OverflowPolicy policy) {
        return policy.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
