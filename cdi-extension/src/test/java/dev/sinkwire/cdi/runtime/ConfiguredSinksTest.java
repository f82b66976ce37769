/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.config.ConfiguredSinks;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.MapConfig;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SpecReader;
import dev.sinkwire.cdi.spi.ConfiguredSink;
import dev.sinkwire.cdi.spi.ConfiguredSinkContext;
import dev.sinkwire.cdi.spi.ConfiguredSinkException;
import dev.sinkwire.cdi.spi.ConfiguredSinkProvider;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.SinkStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Sinks declared in configuration alone, without a container: discovery, keys, chains, problems. */
class ConfiguredSinksTest {

    /** A provider of type {@code test}, registered in this module's test META-INF/services. Thread-safe. */
    public static final class TestProvider implements ConfiguredSinkProvider {
        /** Every context it was given, for the assertions. */
        static final List<ConfiguredSinkContext> CONTEXTS = new CopyOnWriteArrayList<>();

        /** For ServiceLoader. */
        public TestProvider() {
        }

        @Override
        public String type() {
            return "test";
        }

        @Override
        public List<String> eventTypes(Map<String, String> keys) {
            String events = keys.get("events");
            return events == null ? List.of() : List.of(events.split(","));
        }

        @Override
        public ConfiguredSink create(ConfiguredSinkContext context) {
            CONTEXTS.add(context);
            String mode = context.keys().getOrDefault("mode", "chained");
            if (mode.equals("broken")) {
                throw new ConfiguredSinkException(List.of(context.prefix() + "mode=broken is broken; allowed: chained,"
                        + " self"));
            }
            Recording sink = new Recording(context.name());
            return mode.equals("self") ? ConfiguredSink.selfQueued(sink)
                    : ConfiguredSink.chained(sink, context.retryStrategy(new Breaker(7, Duration.ofMillis(1))));
        }
    }

    /** Records events and the threads that wrote them; tracks closing. Thread-safe. */
    static final class Recording implements Sink<Object> {
        static final List<Recording> ALL = new CopyOnWriteArrayList<>();
        final String name;
        final List<Object> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        volatile boolean closed;

        Recording(String name) {
            this.name = name;
            ALL.add(this);
        }

        @Override
        public void write(Object event) {
            events.add(event);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String toString() {
            return "Recording[" + name + "]";
        }
    }

    private static List<SinkBinding> discover(MapConfig config, List<String> problems) {
        return ConfiguredSinks.discover(config, List.of("audit"), getClass0().getClassLoader(), problems).stream()
                .map(SinkBinding::configured).toList();
    }

    private static SinkwireRuntime start(MapConfig config) {
        return SinkwireRuntime.start(discover(config, new ArrayList<>()), config, null, null, FtMode.API_ABSENT);
    }

    private static Class<?> getClass0() {
        return ConfiguredSinksTest.class;
    }

    @Test
    void discoversNamesByTheirTypeKeyAndHandsOverTheOwnKeysOnly() {
        MapConfig config = MapConfig.of("sinkwire.sinks.a.type", "test", "sinkwire.sinks.a.url", "x",
                "sinkwire.sinks.a.timeout", "2s", "sinkwire.sinks.a.async", "false",
                "sinkwire.sinks.a.retry.strategy", "none", "sinkwire.sinks.a.events", "java.lang.String,java.lang.Integer",
                "sinkwire.sinks.b.type", "TEST", "sinkwire.sinks.b.events", "String");
        List<String> problems = new ArrayList<>();
        List<ConfiguredSinks.Declared> found = ConfiguredSinks.discover(config, List.of(),
                getClass0().getClassLoader(), problems);
        assertThat(problems).isEmpty();
        assertThat(found).extracting(ConfiguredSinks.Declared::name).containsExactly("a", "b");
        assertThat(found.get(0).keys()).containsOnlyKeys("url", "timeout", "events");
        assertThat(found.get(0).eventClasses()).containsExactly(String.class, Integer.class);
        assertThat(found.get(0).eventClass()).isEqualTo(Object.class);
        // a simple name is no loadable class: observe everything, the sink filters
        assertThat(found.get(1).eventClasses()).containsExactly(Object.class);
    }

    @Test
    void aSubclassOfAnotherListedClassIsObservedOnce() {
        MapConfig config = MapConfig.of("sinkwire.sinks.a.type", "test",
                "sinkwire.sinks.a.events", "java.lang.Integer,java.lang.Number");
        List<ConfiguredSinks.Declared> found = ConfiguredSinks.discover(config, List.of(),
                getClass0().getClassLoader(), new ArrayList<>());
        assertThat(found.get(0).eventClasses()).containsExactly(Number.class);
        assertThat(found.get(0).eventClass()).isEqualTo(Number.class);
    }

    @Test
    void unknownTypeAndTypeOnAnEventSinkAreProblems() {
        List<String> problems = new ArrayList<>();
        List<SinkBinding> bindings = discover(MapConfig.of("sinkwire.sinks.x.type", "smtp",
                "sinkwire.sinks.audit.type", "test"), problems);
        assertThat(bindings).isEmpty();
        assertThat(problems).containsExactly(
                "sinkwire.sinks.audit.type=test: sink 'audit' is an @EventSink; allowed: sinkwire.sinks.audit.type"
                        + " only for sinks declared in configuration alone (remove the key, or rename the sink)",
                "sinkwire.sinks.x.type=smtp is not a sink type; allowed: test");
    }

    @Test
    void anInvalidNameIsAProblem() {
        List<String> problems = new ArrayList<>();
        assertThat(discover(MapConfig.of("sinkwire.sinks.my hook.type", "test"), problems)).isEmpty();
        assertThat(problems).containsExactly("sinkwire.sinks.my hook.type: invalid sink name 'my hook'; allowed:"
                + " letters, digits, '-' and '_'");
    }

    @Test
    void aChainedSinkGetsTheQueueAndTheRetryStrategyItChose() throws Exception {
        TestProvider.CONTEXTS.clear();
        MapConfig config = MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.c.type", "test",
                "sinkwire.sinks.c.mode", "chained", "sinkwire.sinks.c.color", "blue");
        SinkwireRuntime runtime = start(config);
        try {
            assertThat(runtime.chain("c").toString()).contains("Queue(c)", "RetryingSink[Breaker[threshold=7",
                    "Recording[c]", "sinkwire.sinks.c.type=test");
            runtime.deliver("c", "e1");
        } finally {
            runtime.close(); // drains the queue
        }
        Recording r = Recording.ALL.stream().filter(s -> s.name.equals("c")).reduce((a, b) -> b).orElseThrow();
        assertThat(r.events).containsExactly("e1");
        assertThat(r.threads).containsExactly("sinkwire-c");
        assertThat(r.closed).isTrue();
        ConfiguredSinkContext context = TestProvider.CONTEXTS.get(0);
        assertThat(context.keys()).containsOnlyKeys("mode", "color");
        assertThat(context.dropListener()).isNotNull();
    }

    @Test
    void retryStrategyFollowsTheRetryKeys() {
        TestProvider.CONTEXTS.clear();
        MapConfig config = MapConfig.of("sinkwire.thread-factory.jndi-name", "none",
                "sinkwire.sinks.n.type", "test", "sinkwire.sinks.n.retry.strategy", "none",
                "sinkwire.sinks.b.type", "test", "sinkwire.sinks.b.retry.strategy", "breaker",
                "sinkwire.sinks.b.retry.threshold", "2");
        SinkwireRuntime runtime = start(config);
        try {
            RetryStrategy fallback = new Breaker(9, Duration.ofSeconds(1));
            ConfiguredSinkContext b = TestProvider.CONTEXTS.stream().filter(c -> c.name().equals("b")).findFirst()
                    .orElseThrow();
            ConfiguredSinkContext n = TestProvider.CONTEXTS.stream().filter(c -> c.name().equals("n")).findFirst()
                    .orElseThrow();
            assertThat(n.retryStrategy(fallback)).isNull();
            assertThat(b.retryStrategy(fallback).toString()).contains("threshold=2");
            assertThat(runtime.chain("n").toString()).doesNotContain("RetryingSink");
        } finally {
            runtime.close();
        }
    }

    @Test
    void aSelfQueuedSinkGetsNeitherQueueNorRetry() {
        MapConfig config = MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.s.type", "test",
                "sinkwire.sinks.s.mode", "self", "sinkwire.sinks.s.retry.strategy", "breaker");
        SinkwireRuntime runtime = start(config);
        try {
            assertThat(runtime.chain("s").toString()).doesNotContain("Queue(", "RetryingSink");
            runtime.deliver("s", "e2");
            Recording r = Recording.ALL.stream().filter(x -> x.name.equals("s")).reduce((a, c) -> c).orElseThrow();
            assertThat(r.threads).containsExactly(Thread.currentThread().getName());
        } finally {
            runtime.close();
        }
    }

    /*
     * Regression test: on a sink that queues by itself (a Kafka sink, a batched webhook), async=false and the
     * queue.* keys were accepted and did nothing (its own queue stayed unbounded). Each of them, and store=jdbc,
     * fails deployment, all together, naming the key; what was built is closed.
     */
    @Test
    void keysThatNeedAQueueInFrontFailOnASinkThatQueuesByItselfAllTogether() {
        Recording.ALL.clear();
        MapConfig config = MapConfig.of("sinkwire.thread-factory.jndi-name", "none",
                "sinkwire.sinks.a-sync.type", "test", "sinkwire.sinks.a-sync.mode", "self",
                "sinkwire.sinks.a-sync.async", "false",
                "sinkwire.sinks.b-bounded.type", "test", "sinkwire.sinks.b-bounded.mode", "self",
                "sinkwire.sinks.b-bounded.queue.capacity", "100", "sinkwire.sinks.b-bounded.queue.overflow", "reject",
                "sinkwire.sinks.c-stored.type", "test", "sinkwire.sinks.c-stored.mode", "self",
                "sinkwire.sinks.c-stored.store", "jdbc",
                "sinkwire.sinks.d-chained.type", "test", "sinkwire.sinks.d-chained.async", "false",
                "sinkwire.sinks.e-self.type", "test", "sinkwire.sinks.e-self.mode", "self");
        ProblemsException e = catchThrowableOfType(ProblemsException.class, () -> start(config));
        assertThat(e.problems()).satisfiesExactly(
                p -> assertThat(p).startsWith("sinkwire.sinks.a-sync.async=false cannot be used with Recording[a-sync]:"
                        + " it queues by itself").endsWith("allowed: leave async unset (true)"),
                p -> assertThat(p).startsWith("sinkwire.sinks.b-bounded.queue.capacity=100 cannot be used with"
                        + " Recording[b-bounded]: it queues by itself").contains("allowed: no queue.* keys"),
                p -> assertThat(p).startsWith("sinkwire.sinks.c-stored.store=jdbc cannot be used with"
                        + " Recording[c-stored]: it queues by itself").contains("allowed: a sink that delivers"));
        assertThat(Recording.ALL).hasSize(5).allSatisfy(r -> assertThat(r.closed).as(r.name).isTrue());
        // the same keys on a chained sink, and a self-queued sink without them, are fine
        SinkwireRuntime runtime = start(MapConfig.of("sinkwire.thread-factory.jndi-name", "none",
                "sinkwire.sinks.d-chained.type", "test", "sinkwire.sinks.d-chained.async", "false",
                "sinkwire.sinks.e-self.type", "test", "sinkwire.sinks.e-self.mode", "self"));
        runtime.close();
    }

    /*
     * Regression test: a sink that queues and retries by itself reported deliveries and drops, but its
     * failed attempts were not counted (failedAttempts stayed 0 while retried grew). What it reports
     * through its context goes through the one accounting path of the chain builder: a failed attempt
     * counts as for a chained sink, the strategy it was given counts the retries.
     */
    @Test
    void aSelfQueuedSinkCountsTheFailedAttemptsAndRetriesItReports() {
        TestProvider.CONTEXTS.clear();
        MapConfig config = MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.q.type", "test",
                "sinkwire.sinks.q.mode", "self", "sinkwire.sinks.q.retry.strategy", "breaker",
                "sinkwire.sinks.q.retry.threshold", "5");
        SinkwireRuntime runtime = start(config);
        try {
            ConfiguredSinkContext context = TestProvider.CONTEXTS.stream().filter(c -> c.name().equals("q"))
                    .findFirst().orElseThrow();
            RetryStrategy strategy = context.retryStrategy(null);
            RuntimeException refused = new RuntimeException("503");
            runtime.deliver("q", "ok-after-retry");
            runtime.deliver("q", "given-up");
            expect(runtime.stats().of("q"), 2, 0, 0, 0, 0, 2);
            // the first event: one failed attempt, retried, then delivered
            context.failedAttemptListener().accept("ok-after-retry");
            assertThat(strategy.failure("ok-after-retry", refused)).isFalse();
            expect(runtime.stats().of("q"), 2, 0, 1, 1, 0, 2);
            context.deliveryListener().accept("ok-after-retry");
            expect(runtime.stats().of("q"), 2, 1, 1, 1, 0, 1);
            // the second: two failed attempts, one retried, then given up
            context.failedAttemptListener().accept("given-up");
            assertThat(strategy.failure("given-up", refused)).isFalse();
            context.failedAttemptListener().accept("given-up");
            context.dropListener().dropped(new DeadLetter("given-up", "q", DropReason.GAVE_UP, refused, 2));
            expect(runtime.stats().of("q"), 2, 1, 3, 2, 1, 0);
        } finally {
            runtime.close();
        }
        expect(runtime.stats().of("q"), 2, 1, 3, 2, 1, 0);
    }

    private static void expect(SinkStats s, long accepted, long delivered, long failedAttempts,
            long retried, long dropped, long pending) {
        assertThat(List.of(s.accepted(), s.delivered(), s.failedAttempts(), s.retried(), s.droppedTotal(),
                s.pending())).as("%s", s).containsExactly(accepted, delivered, failedAttempts, retried, dropped, pending);
        assertThat(s.retried()).isLessThanOrEqualTo(s.failedAttempts());
    }

    @Test
    void theSinkModelNamesAProvidersKeysButNeverPrintsTheirValues() {
        TestProvider.CONTEXTS.clear();
        MapConfig config = MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.k.type", "test",
                "sinkwire.sinks.k.signature.secret", "s3cr3t-value");
        List<String> problems = new ArrayList<>();
        List<SinkBinding> bindings = discover(config, problems);
        assertThat(bindings.get(0).toString()).contains("signature.secret").doesNotContain("s3cr3t-value");
        SinkwireRuntime runtime = start(config);
        try {
            ConfiguredSinkContext context = TestProvider.CONTEXTS.get(0);
            assertThat(context.keys()).containsEntry("signature.secret", "s3cr3t-value"); // the provider gets it
            assertThat(context.toString()).contains("k").doesNotContain("s3cr3t-value");
            assertThat(SpecReader.read(config, bindings, FtMode.API_ABSENT).sinks().get("k")
                    .toString()).contains("signature.secret").doesNotContain("s3cr3t-value");
        } finally {
            runtime.close();
        }
    }

    @Test
    void providerProblemsFailTheStartAndCloseWhatWasBuilt() {
        Recording.ALL.clear();
        MapConfig config = MapConfig.of("sinkwire.thread-factory.jndi-name", "none",
                "sinkwire.sinks.a-good.type", "test", "sinkwire.sinks.b-bad.type", "test",
                "sinkwire.sinks.b-bad.mode", "broken", "sinkwire.sinks.c-ft.type", "test",
                "sinkwire.sinks.c-ft.retry.strategy", "ft");
        ProblemsException e = catchThrowableOfType(ProblemsException.class,
                () -> start(config));
        assertThat(e.problems()).singleElement().asString().startsWith(
                "sinkwire.sinks.c-ft.retry.strategy=ft is no longer a retry strategy: it was removed;")
                .endsWith("allowed: none, breaker, exponential");
        MapConfig noFt = MapConfig.of("sinkwire.thread-factory.jndi-name", "none",
                "sinkwire.sinks.a-good.type", "test", "sinkwire.sinks.b-bad.type", "test",
                "sinkwire.sinks.b-bad.mode", "broken");
        e = catchThrowableOfType(ProblemsException.class,
                () -> start(noFt));
        assertThat(e.problems()).containsExactly("sinkwire.sinks.b-bad.mode=broken is broken; allowed: chained, self");
        assertThat(Recording.ALL).singleElement().satisfies(r -> assertThat(r.closed).isTrue());
    }
}
