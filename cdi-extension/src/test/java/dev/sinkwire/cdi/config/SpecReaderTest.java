/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.ExponentialBackoff;
import dev.sinkwire.core.ExponentialBackoffConfig;
import dev.sinkwire.core.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecReaderTest {

    private static SinkBinding sink(String name, Class<?> eventClass) {
        return new SinkBinding(name, SinkKind.CLASS, "class a.B", Object.class, eventClass, null);
    }

    private static List<SinkBinding> sinks(String... names) {
        List<SinkBinding> all = new ArrayList<>();
        for (String n : names) {
            all.add(sink(n, String.class));
        }
        return all;
    }

    /** Three string sinks and two that accept dead letters. */
    private static final List<SinkBinding> RELIABILITY = List.of(sink("audit", String.class),
            sink("billing", String.class), sink("dlq", DeadLetter.class), sink("all", Object.class));

    private static Spec read(MapConfig config, List<SinkBinding> sinks) {
        return SpecReader.read(config, sinks, FtMode.SINKWIRE);
    }

    private static List<String> problems(MapConfig config, List<SinkBinding> sinks) {
        ProblemsException e = catchThrowableOfType(ProblemsException.class, () -> read(config, sinks));
        assertThat(e).as("expected problems").isNotNull();
        return e.problems();
    }

    @Test
    void defaults() {
        Spec s = read(MapConfig.of(), sinks("audit"));
        assertThat(s.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.deadLetterEvents()).isTrue();
        assertThat(s.threadFactoryJndiName()).isEqualTo("java:comp/DefaultManagedThreadFactory");
        SinkSpec audit = s.sinks().get("audit");
        assertThat(audit.enabled()).isTrue();
        assertThat(audit.async()).isTrue();
        assertThat(audit.retry().strategy()).isEqualTo(SinkSpec.Strategy.NONE);
        assertThat(audit.retry().newStrategy()).isNull();
        assertThat(audit.retry().configured()).isFalse();
        assertThat(audit.retry().threshold()).isEqualTo(5);
        assertThat(audit.retry().backoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(audit.retry().exponential()).isEqualTo(ExponentialBackoffConfig.DEFAULT);
        assertThat(audit.filter().any()).isFalse();
        assertThat(audit.queue()).isEqualTo(SinkSpec.QueueBound.NONE);
        assertThat(audit.deadLetter()).isNull();
        assertThat(audit.ft()).isNull();
    }

    @Test
    void readsEveryKey() {
        Spec s = read(MapConfig.of(
                "sinkwire.shutdown.timeout", "2m",
                "sinkwire.dead-letter.events", "FALSE",
                "sinkwire.thread-factory.jndi-name", "none",
                "sinkwire.sinks.a.enabled", "false",
                "sinkwire.sinks.a.async", "false",
                "sinkwire.sinks.a.retry.strategy", "Breaker",
                "sinkwire.sinks.a.retry.threshold", "0",
                "sinkwire.sinks.a.retry.backoff", "250ms",
                "sinkwire.sinks.b.retry.strategy", "exponential",
                "sinkwire.sinks.b.retry.base", "PT0.1S",
                "sinkwire.sinks.b.retry.factor", "2s",
                "sinkwire.sinks.b.retry.max", "1m",
                "sinkwire.sinks.b.filter.types", "java.lang.String, a.B",
                "sinkwire.sinks.b.filter.matcher", " big "), sinks("a", "b"));
        assertThat(s.shutdownTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.deadLetterEvents()).isFalse();
        assertThat(s.threadFactoryJndiName()).isNull();
        SinkSpec a = s.sinks().get("a");
        assertThat(a.enabled()).isFalse();
        assertThat(a.async()).isFalse();
        assertThat(a.retry().strategy()).isEqualTo(SinkSpec.Strategy.BREAKER);
        assertThat(a.retry().configured()).isTrue();
        assertThat(a.retry().newStrategy()).isInstanceOf(Breaker.class)
                .hasToString("Breaker[threshold=0, backoff=PT0.25S, recent=0]");
        SinkSpec b = s.sinks().get("b");
        assertThat(b.retry().exponential()).isEqualTo(new ExponentialBackoffConfig(Duration.ofMillis(100),
                Duration.ofSeconds(2), Duration.ofMinutes(1)));
        assertThat(b.retry().newStrategy()).isInstanceOf(ExponentialBackoff.class);
        assertThat(b.filter().types()).containsExactly("java.lang.String", "a.B");
        assertThat(b.filter().matcher()).isEqualTo("big");
        assertThat(b.filter().any()).isTrue();
    }

    @Test
    void collectsEveryProblemAtOnce() {
        assertThat(problems(MapConfig.of(
                "sinkwire.sinks.a.retry.strategy", "fibonacci",
                "sinkwire.sinks.a.retry.threshold", "1e3",
                "sinkwire.sinks.a.async", "1",
                "sinkwire.sinks.a.retry.base", "3s",
                "sinkwire.sinks.a.retry.max", "2s"), sinks("a"))).containsExactly(
                        "sinkwire.sinks.a.async=1 is not a boolean; allowed: true, false",
                        "sinkwire.sinks.a.retry.strategy=fibonacci is not a retry strategy; allowed: none, breaker,"
                                + " exponential",
                        "sinkwire.sinks.a.retry.threshold=1e3 is not a whole number; allowed: a whole number from 0"
                                + " to 2147483647",
                        "sinkwire.sinks.a.retry.max=2s is less than sinkwire.sinks.a.retry.base=3s; allowed:"
                                + " retry.max at least retry.base");
    }

    @Test
    void typoProtectionNamesTheNearestValidKeyAndNeverTheValue() {
        assertThat(problems(MapConfig.of("sinkwire.sinks.adit.async", "false"), sinks("audit", "billing")))
                .containsExactly("configuration key sinkwire.sinks.adit.async names sink 'adit', but no @EventSink"
                        + " has that name; known sinks: audit, billing (did you mean 'audit'?); a sink declared in"
                        + " configuration alone needs sinkwire.sinks.adit.type");
        assertThat(problems(MapConfig.of("sinkwire.sinks.audit.asinc", "s3cr3t"), sinks("audit"))).containsExactly(
                "unknown configuration key sinkwire.sinks.audit.asinc; did you mean sinkwire.sinks.audit.async?;"
                        + " allowed keys for sink 'audit': " + Keys.ALLOWED_SINK_KEYS);
        assertThat(problems(MapConfig.of("sinkwire.dead-letter.event", "true"), sinks())).containsExactly(
                "unknown configuration key sinkwire.dead-letter.event; did you mean sinkwire.dead-letter.events?;"
                        + " allowed: sinkwire.shutdown.timeout, sinkwire.dead-letter.events,"
                        + " sinkwire.thread-factory.jndi-name, sinkwire.dead-letter, sinkwire.metrics.enabled,"
                        + " sinkwire.health.queue-saturation, and sinkwire.sinks.<name>.<key>");
        assertThat(problems(MapConfig.of("sinkwire.sinks.audit.zzzzzzzz", "secret-value"), sinks("audit")))
                .singleElement().asString().doesNotContain("did you mean").doesNotContain("secret-value");
    }

    @Test
    void removedFaultToleranceStyleKeysFailWithTheirMigration() {
        assertThat(problems(MapConfig.of("sinkwire.sinks.audit.timeout", "1s",
                "sinkwire.sinks.audit.circuit-breaker.delay", "1m"), sinks("audit"))).containsExactly(
                        "configuration key sinkwire.sinks.audit.circuit-breaker.delay is no longer read: "
                                + Keys.FT_MIGRATION + "; its counterpart is @CircuitBreaker(delay)",
                        "configuration key sinkwire.sinks.audit.timeout is no longer read: " + Keys.FT_MIGRATION
                                + "; its counterpart is @Timeout");
        assertThat(problems(MapConfig.of("sinkwire.sinks.audit.retry.strategy", "FT"), sinks("audit")))
                .containsExactly("sinkwire.sinks.audit.retry.strategy=FT is no longer a retry strategy: "
                        + Keys.FT_MIGRATION + "; allowed: none, breaker, exponential");
    }

    @Test
    void otherSinkwireFamiliesAndOtherKeysAreLeftAlone() {
        assertThat(read(MapConfig.of("sinkwire.http.timeout", "1s", "quarkus.http.port", "8080",
                "mp.messaging.x", "y"), sinks()).sinks()).isEmpty();
    }

    @Test
    void environmentVariablesAreMatchedByTheirMappedName() {
        Spec s = read(MapConfig.of(
                "SINKWIRE_SINKS_BILLING_CHARGE_ASYNC", "false",
                "sinkwire.sinks.billing.charge.async", "false",
                "SINKWIRE_SHUTDOWN_TIMEOUT", "1s"), sinks("billing-charge"));
        assertThat(s.sinks()).containsKey("billing-charge");
        assertThat(problems(MapConfig.of("SINKWIRE_SINKS_BILING_CHARGE_ASYNC", "false",
                "sinkwire.sinks.biling.charge.async", "false"), sinks("billing-charge"))).containsExactly(
                        "configuration key SINKWIRE_SINKS_BILING_CHARGE_ASYNC matches no @EventSink and no known key;"
                                + " did you mean sinkwire.sinks.billing-charge.async?; known sinks: billing-charge;"
                                + " allowed keys per sink: " + Keys.ALLOWED_SINK_KEYS);
    }

    @Test
    void aConfiguredSinksOwnKeysAreLeftToItsProvider() {
        SinkBinding hook = new SinkBinding("hook", SinkKind.CONFIGURED, "sinkwire.sinks.hook.type=test", Object.class,
                Object.class, null, new ConfiguredSinks.Declared("hook", "test", null, java.util.Map.of(),
                        List.of(Object.class)));
        MapConfig config = MapConfig.of("sinkwire.sinks.hook.type", "test", "sinkwire.sinks.hook.url", "http://x",
                "sinkwire.sinks.hook.timeout", "2s", "sinkwire.sinks.hook.async", "false",
                "sinkwire.sinks.audit.url", "http://y");
        // the @EventSink 'audit' still gets typo protection; 'hook' keeps only its own keys checked here
        assertThat(problems(config, List.of(sink("audit", String.class), hook))).singleElement().asString()
                .startsWith("unknown configuration key sinkwire.sinks.audit.url; allowed keys for sink 'audit':");
        Spec s = read(MapConfig.of("sinkwire.sinks.hook.type", "test", "sinkwire.sinks.hook.url", "http://x",
                "sinkwire.sinks.hook.timeout", "2s", "sinkwire.sinks.hook.async", "false"), List.of(hook));
        assertThat(s.sinks().get("hook").async()).isFalse();
        assertThat(s.sinks().get("hook").own()).containsOnlyKeys("url", "timeout");
    }

    @Test
    void configuredSinkKeysLeaveTheProviderItsOwn() {
        MapConfig config = MapConfig.of("sinkwire.sinks.hook.type", "http", "sinkwire.sinks.hook.url", "http://x",
                "sinkwire.sinks.hook.timeout", "2s", "sinkwire.sinks.hook.retry.strategy", "breaker",
                "sinkwire.sinks.hook.queue.capacity", "10", "sinkwire.sinks.hook.headers.X-A", "b",
                "sinkwire.sinks.other.url", "http://z");
        assertThat(ConfiguredSinks.names(config)).containsExactly("hook");
        assertThat(ConfiguredSinks.keys(config, "hook")).containsOnlyKeys("url", "timeout", "headers.X-A");
    }

    @Test
    void envNameFollowsMicroProfileConfig() {
        assertThat(Keys.envName("sinkwire.sinks.billing-charge.retry.max"))
                .isEqualTo("SINKWIRE_SINKS_BILLING_CHARGE_RETRY_MAX");
    }

    @Test
    void aStoresToStringNamesItsKeysWithoutTheirValues() {
        Spec s = read(MapConfig.of("sinkwire.sinks.audit.store", "jdbc", "sinkwire.sinks.audit.store.datasource",
                "java:app/jdbc/TopSecret-4711"), RELIABILITY);
        SinkSpec.Store store = s.sinks().get("audit").store();
        assertThat(store.keys()).containsEntry("store.datasource", "java:app/jdbc/TopSecret-4711");
        assertThat(store.toString()).contains("jdbc", "store.datasource").doesNotContain("TopSecret-4711");
    }

    @Test
    void nearestIsTheClosestCandidateWithinAThirdOfTheLength() {
        assertThat(Keys.nearest("retry.treshold", Keys.SINK_KEYS)).isEqualTo("retry.threshold");
        assertThat(Keys.nearest("queue.capacty", Keys.SINK_KEYS)).isEqualTo("queue.capacity");
        assertThat(Keys.nearest("colour", Keys.SINK_KEYS)).isNull();
    }

    @Test
    void globalDeadLetterSinkAppliesToEverySinkButItself() {
        Spec s = read(MapConfig.of("sinkwire.dead-letter", "dlq", "sinkwire.sinks.billing.dead-letter", "all"),
                RELIABILITY);
        assertThat(s.deadLetterOf("audit")).isEqualTo("dlq");
        assertThat(s.deadLetterOf("billing")).isEqualTo("all");
        assertThat(s.deadLetterOf("all")).isEqualTo("dlq");
        assertThat(s.deadLetterOf("dlq")).isNull();
        assertThat(s.deadLetterSinks()).containsExactlyInAnyOrder("dlq", "all");
    }

    @Test
    void boundedQueueKeysAreRead() {
        Spec s = read(MapConfig.of("sinkwire.sinks.audit.queue.capacity", " 10 ",
                "sinkwire.sinks.audit.queue.max-wait", "250ms"), RELIABILITY);
        assertThat(s.sinks().get("audit").queue()).isEqualTo(new SinkSpec.QueueBound(10, OverflowPolicy.BLOCK,
                Duration.ofMillis(250), 0.9));
        assertThat(s.sinks().get("audit").queue().describe()).isEqualTo(", capacity=10, overflow=block,"
                + " max-wait=PT0.25S");
        assertThat(Problems.spelling(OverflowPolicy.DROP_OLDEST)).isEqualTo("drop-oldest");
    }

    @Test
    void deadLetterSinksCloseAfterTheSinksThatReportIntoThem() {
        Spec s = read(MapConfig.of("sinkwire.dead-letter", "dlq", "sinkwire.sinks.billing.dead-letter", "all"),
                RELIABILITY);
        assertThat(s.closeOrder(List.of("dlq", "all", "audit", "billing")))
                .containsExactly("audit", "billing", "all", "dlq");
    }

    @Test
    void everyReliabilityProblemIsCollected() {
        assertThat(problems(MapConfig.of("sinkwire.sinks.audit.queue.capacity", "0",
                "sinkwire.sinks.audit.queue.overflow", "later",
                "sinkwire.sinks.billing.dead-letter", "audit",
                "sinkwire.sinks.dlq.dead-letter", "all", "sinkwire.sinks.all.dead-letter", "dlq"), RELIABILITY))
                .containsExactlyInAnyOrder(
                "sinkwire.sinks.audit.queue.capacity=0 is not positive; allowed: a whole number from 1 to 2147483647"
                        + " (omit the key for an unbounded queue)",
                "sinkwire.sinks.audit.queue.overflow=later is not an overflow policy; allowed: block, reject,"
                        + " drop-oldest, fail",
                "sinkwire.sinks.billing.dead-letter=audit names sink 'audit' of event type java.lang.String, which"
                        + " does not accept dev.sinkwire.DeadLetter; allowed: a sink of type DeadLetter or a supertype"
                        + " (Object)",
                "dead-letter cycle all -> dlq -> all (sinkwire.sinks.all.dead-letter=dlq,"
                        + " sinkwire.sinks.dlq.dead-letter=all); allowed: dead-letter settings that never lead back to"
                        + " the sink they start from");
    }
}
