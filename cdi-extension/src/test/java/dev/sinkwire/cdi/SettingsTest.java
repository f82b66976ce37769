package dev.sinkwire.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.ExponentialBackoff;
import dev.sinkwire.core.ExponentialBackoffConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static List<String> problems(MapConfig config, String... sinks) {
        ProblemsException e = catchThrowableOfType(ProblemsException.class, () -> Settings.parse(config, List.of(sinks)));
        assertThat(e).as("expected problems").isNotNull();
        return e.problems();
    }

    @Test
    void defaults() {
        Settings s = Settings.parse(MapConfig.of(), List.of("audit"));
        assertThat(s.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.deadLetterEvents()).isTrue();
        assertThat(s.threadFactoryJndiName()).isEqualTo("java:comp/DefaultManagedThreadFactory");
        Settings.SinkSettings audit = s.sinks().get("audit");
        assertThat(audit.enabled()).isTrue();
        assertThat(audit.async()).isTrue();
        assertThat(audit.strategy()).isEqualTo(Settings.Strategy.NONE);
        assertThat(audit.newStrategy()).isNull();
        assertThat(audit.threshold()).isEqualTo(5);
        assertThat(audit.backoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(audit.exponential()).isEqualTo(ExponentialBackoffConfig.DEFAULT);
        assertThat(audit.filtered()).isFalse();
    }

    @Test
    void readsEveryKey() {
        Settings s = Settings.parse(MapConfig.of(
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
                "sinkwire.sinks.b.filter.matcher", " big "), List.of("a", "b"));
        assertThat(s.shutdownTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.deadLetterEvents()).isFalse();
        assertThat(s.threadFactoryJndiName()).isNull();
        Settings.SinkSettings a = s.sinks().get("a");
        assertThat(a.enabled()).isFalse();
        assertThat(a.async()).isFalse();
        assertThat(a.strategy()).isEqualTo(Settings.Strategy.BREAKER);
        assertThat(a.newStrategy()).isInstanceOf(Breaker.class).hasToString("Breaker[threshold=0, backoff=PT0.25S, recent=0]");
        Settings.SinkSettings b = s.sinks().get("b");
        assertThat(b.exponential()).isEqualTo(new ExponentialBackoffConfig(Duration.ofMillis(100), Duration.ofSeconds(2),
                Duration.ofMinutes(1)));
        assertThat(b.newStrategy()).isInstanceOf(ExponentialBackoff.class);
        assertThat(b.filterTypes()).containsExactly("java.lang.String", "a.B");
        assertThat(b.filterMatcher()).isEqualTo("big");
        assertThat(b.filtered()).isTrue();
    }

    @Test
    void collectsEveryProblemAtOnce() {
        assertThat(problems(MapConfig.of(
                "sinkwire.sinks.a.retry.strategy", "fibonacci",
                "sinkwire.sinks.a.retry.threshold", "1e3",
                "sinkwire.sinks.a.async", "1",
                "sinkwire.sinks.a.retry.base", "3s",
                "sinkwire.sinks.a.retry.max", "2s"), "a")).containsExactly(
                        "sinkwire.sinks.a.async=1 is not a boolean; allowed: true, false",
                        "sinkwire.sinks.a.retry.strategy=fibonacci is not a retry strategy; allowed: none, breaker,"
                                + " exponential, ft",
                        "sinkwire.sinks.a.retry.threshold=1e3 is not a whole number; allowed: a whole number from 0"
                                + " to 2147483647",
                        "sinkwire.sinks.a.retry.max=PT2S is less than sinkwire.sinks.a.retry.base=PT3S; allowed:"
                                + " retry.max at least retry.base");
    }

    @Test
    void typoProtectionNamesTheKnownSinksAndKeys() {
        assertThat(problems(MapConfig.of("sinkwire.sinks.adit.async", "false"), "audit", "billing"))
                .containsExactly("configuration key sinkwire.sinks.adit.async names sink 'adit', but no @EventSink"
                        + " has that name; known sinks: audit, billing (a sink declared in configuration alone"
                        + " needs sinkwire.sinks.adit.type)");
        assertThat(problems(MapConfig.of("sinkwire.sinks.audit.asinc", "false"), "audit")).singleElement().asString()
                .startsWith("unknown configuration key sinkwire.sinks.audit.asinc; allowed keys for sink 'audit':"
                        + " sinkwire.sinks.audit.enabled, sinkwire.sinks.audit.async,");
        assertThat(problems(MapConfig.of("sinkwire.dead-letter.event", "true"))).containsExactly(
                "unknown configuration key sinkwire.dead-letter.event; allowed: sinkwire.shutdown.timeout,"
                        + " sinkwire.dead-letter.events, sinkwire.thread-factory.jndi-name, sinkwire.dead-letter,"
                        + " and sinkwire.sinks.<name>.<key>");
    }

    @Test
    void otherSinkwireFamiliesAndOtherKeysAreLeftAlone() {
        assertThat(Settings.parse(MapConfig.of("sinkwire.http.timeout", "1s", "quarkus.http.port", "8080",
                "mp.messaging.x", "y"), List.of()).sinks()).isEmpty();
    }

    @Test
    void environmentVariablesAreMatchedByTheirMappedName() {
        Settings s = Settings.parse(MapConfig.of(
                "SINKWIRE_SINKS_BILLING_CHARGE_ASYNC", "false",
                "sinkwire.sinks.billing.charge.async", "false",
                "SINKWIRE_SHUTDOWN_TIMEOUT", "1s"), List.of("billing-charge"));
        assertThat(s.sinks()).containsKey("billing-charge");
        assertThat(problems(MapConfig.of("SINKWIRE_SINKS_BILING_CHARGE_ASYNC", "false",
                "sinkwire.sinks.biling.charge.async", "false"), "billing-charge")).containsExactly(
                        "configuration key SINKWIRE_SINKS_BILING_CHARGE_ASYNC matches no @EventSink and no known key;"
                                + " known sinks: billing-charge; allowed keys per sink: enabled, async, retry.strategy,"
                                + " retry.threshold, retry.backoff, retry.base, retry.factor, retry.max, filter.types,"
                                + " filter.matcher, retry.max-retries, retry.delay, retry.max-duration, retry.jitter,"
                                + " retry.growth, retry.growth-factor, retry.max-delay, circuit-breaker.enabled,"
                                + " circuit-breaker.request-volume-threshold, circuit-breaker.failure-ratio,"
                                + " circuit-breaker.delay, circuit-breaker.success-threshold, timeout, queue.capacity,"
                                + " queue.overflow, queue.max-wait, dead-letter");
    }

    @Test
    void aConfiguredSinksOwnKeysAreLeftToItsProvider() {
        MapConfig config = MapConfig.of("sinkwire.sinks.hook.type", "http", "sinkwire.sinks.hook.url", "http://x",
                "sinkwire.sinks.hook.timeout", "2s", "sinkwire.sinks.hook.async", "false",
                "sinkwire.sinks.audit.url", "http://y");
        List<String> problems = new ArrayList<>();
        try {
            Settings.parse(config, List.of("audit", "hook"), List.of("hook"));
        } catch (ProblemsException e) {
            problems.addAll(e.problems());
        }
        // the @EventSink 'audit' still gets typo protection; 'hook' keeps only its own keys checked here
        assertThat(problems).singleElement().asString()
                .startsWith("unknown configuration key sinkwire.sinks.audit.url; allowed keys for sink 'audit':");
        Settings s = Settings.parse(MapConfig.of("sinkwire.sinks.hook.type", "http", "sinkwire.sinks.hook.url",
                "http://x", "sinkwire.sinks.hook.async", "false"), List.of("hook"), List.of("hook"));
        assertThat(s.sinks().get("hook").async()).isFalse();
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
        assertThat(Settings.envName("sinkwire.sinks.billing-charge.retry.max"))
                .isEqualTo("SINKWIRE_SINKS_BILLING_CHARGE_RETRY_MAX");
    }
}
