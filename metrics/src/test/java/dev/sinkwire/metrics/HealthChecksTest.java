/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.cdi.SinkState;
import dev.sinkwire.cdi.SinkwireStats;
import io.smallrye.health.AsyncHealthCheckFactory;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readiness and liveness checks under Weld SE, read through SmallRye Health's reporter (the
 * implementation behind Quarkus' {@code /q/health}).
 */
class HealthChecksTest {

    private static final Duration WAIT = Duration.ofMinutes(1);

    /** The data of check {@code sinkwire} in a health response. */
    private static JsonObject data(SmallRyeHealth health) {
        JsonObject check = health.getPayload().getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("sinkwire")).findFirst()
                .orElseThrow(() -> new AssertionError("no check sinkwire in " + health.getPayload()));
        assertThat(check.getString("status")).isEqualTo(health.getPayload().getString("status"));
        return check.getJsonObject("data");
    }

    private static TestContainer start(Map<String, String> config, Class<?>... sinks) {
        Class<?>[] beans = new Class<?>[sinks.length + 4];
        System.arraycopy(sinks, 0, beans, 0, sinks.length);
        beans[sinks.length] = SinkwireReadinessCheck.class;
        beans[sinks.length + 1] = SinkwireLivenessCheck.class;
        beans[sinks.length + 2] = SmallRyeHealthReporter.class;
        beans[sinks.length + 3] = AsyncHealthCheckFactory.class;
        return TestContainer.start(config, beans);
    }

    @Test
    void readinessIsDownWhileTheBreakerIsOpenAndUpAfterRecovery() throws Exception {
        try (TestContainer c = start(Map.of("sinkwire.sinks.hooks.retry.strategy", "breaker",
                "sinkwire.sinks.hooks.retry.threshold", "2", "sinkwire.sinks.hooks.retry.backoff", "20ms"),
                Fixtures.Hooks.class)) {
            SmallRyeHealthReporter health = c.get(SmallRyeHealthReporter.class);
            Fixtures.Hooks hooks = c.get(Fixtures.Hooks.class);
            SinkwireStats stats = c.get(SinkwireStats.class);
            assertThat(health.getReadiness().isDown()).isFalse();
            assertThat(data(health.getReadiness()).getString("hooks")).isEqualTo("up");
            assertThat(data(health.getReadiness()).getString("hooks.breaker")).isEqualTo("closed");

            hooks.down(true);
            c.fire(new Fixtures.Ping("p1"));
            await().atMost(WAIT).until(() -> stats.state("hooks").breaker() == SinkState.Breaker.OPEN);
            SmallRyeHealth down = health.getReadiness();
            assertThat(down.isDown()).isTrue();
            assertThat(data(down).getString("hooks")).isEqualTo("breaker-open");
            assertThat(data(down).getString("hooks.breaker")).isEqualTo("open");
            assertThat(health.getLiveness().isDown()).as("an open breaker is not a dead application").isFalse();

            hooks.down(false); // the receiver is back: the next probe succeeds and closes the breaker
            assertThat(hooks.awaitDelivered()).isTrue();
            await().atMost(WAIT).until(() -> !health.getReadiness().isDown());
            assertThat(data(health.getReadiness()).getString("hooks.breaker")).isEqualTo("closed");
            assertThat(stats.of("hooks").delivered()).isEqualTo(1);
        }
    }

    @Test
    void readinessIsDownWhileTheBoundedQueueIsSaturated() throws Exception {
        try (TestContainer c = start(Map.of("sinkwire.sinks.slow.queue.capacity", "4",
                "sinkwire.sinks.slow.health.queue-saturation", "0.5"), Fixtures.Slow.class)) {
            SmallRyeHealthReporter health = c.get(SmallRyeHealthReporter.class);
            Fixtures.Slow slow = c.get(Fixtures.Slow.class);
            c.fire(new Fixtures.Ping("held"));
            slow.awaitEntered();
            c.fire(new Fixtures.Ping("w1"));
            Supplier<JsonObject> readiness = () -> data(health.getReadiness());
            assertThat(readiness.get().getString("slow")).as("1 of 4 waiting, saturated from 2").isEqualTo("up");
            assertThat(readiness.get().getInt("slow.depth")).isEqualTo(1);
            assertThat(readiness.get().getInt("slow.capacity")).isEqualTo(4);

            c.fire(new Fixtures.Ping("w2"));
            assertThat(health.getReadiness().isDown()).isTrue();
            assertThat(readiness.get().getString("slow")).isEqualTo("saturated");
            assertThat(readiness.get().getInt("slow.depth")).isEqualTo(2);

            slow.release();
            await().atMost(WAIT).until(() -> !health.getReadiness().isDown());
        }
    }

    @Test
    void aQueueHoldingExactlyTheConfiguredShareIsSaturated() throws Exception {
        // 0.55 × 100 is 55.00000000000001 in double arithmetic: 55 waiting events are 55 %, "at least the share"
        try (TestContainer c = start(Map.of("sinkwire.sinks.slow.queue.capacity", "100",
                "sinkwire.sinks.slow.health.queue-saturation", "0.55"), Fixtures.Slow.class)) {
            SmallRyeHealthReporter health = c.get(SmallRyeHealthReporter.class);
            SinkwireStats stats = c.get(SinkwireStats.class);
            Fixtures.Slow slow = c.get(Fixtures.Slow.class);
            c.fire(new Fixtures.Ping("held"));
            slow.awaitEntered();
            for (int i = 1; i <= 54; i++) {
                c.fire(new Fixtures.Ping("w" + i));
            }
            assertThat(data(health.getReadiness()).getInt("slow.depth")).isEqualTo(54);
            assertThat(data(health.getReadiness()).getString("slow")).as("54 of 100 waiting").isEqualTo("up");

            c.fire(new Fixtures.Ping("w55"));
            assertThat(stats.state("slow").queueDepth()).isEqualTo(55);
            assertThat(stats.state("slow").saturated()).as("55 of 100 waiting, saturated from 55 %").isTrue();
            assertThat(health.getReadiness().isDown()).isTrue();
            assertThat(data(health.getReadiness()).getString("slow")).isEqualTo("saturated");

            slow.release();
            await().atMost(WAIT).until(() -> !health.getReadiness().isDown());
        }
    }

    @Test
    void livenessIsDownWhenAConsumerThreadDied() {
        try (TestContainer c = start(Map.of(), Fixtures.Fatal.class, Fixtures.Hooks.class)) {
            SmallRyeHealthReporter health = c.get(SmallRyeHealthReporter.class);
            assertThat(health.getLiveness().isDown()).isFalse();
            assertThat(data(health.getLiveness()).getString("fatal")).isEqualTo("alive");

            c.fire(new Fixtures.Ping("dies"));
            // the consumer thread ends by throwing the error, as the queue documents: not a test failure
            await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> health.getLiveness().isDown());
            assertThat(data(health.getLiveness()).getString("fatal")).isEqualTo("dead");
            assertThat(data(health.getLiveness()).getString("hooks")).isEqualTo("alive");
            assertThat(data(health.getReadiness()).getString("fatal")).isEqualTo("consumer-dead");
        }
    }

    @Test
    void aBadSaturationFailsDeploymentNamingTheKey() {
        // the keys are read with every other sinkwire.* key, by the extension, whether or not the checks are present
        assertThatThrownBy(() -> TestContainer.start(Map.of("sinkwire.health.queue-saturation", "1.5"), Fixtures.Hooks.class)
                .close()).hasMessageContaining("sinkwire.health.queue-saturation")
                .hasMessageContaining("above 0 and at most 1");
        assertThatThrownBy(() -> TestContainer.start(Map.of("sinkwire.sinks.hooks.health.queue-saturation", "half"),
                Fixtures.Hooks.class).close()).hasMessageContaining("sinkwire.sinks.hooks.health.queue-saturation")
                .hasMessageContaining("not a decimal number");
        assertThatThrownBy(() -> TestContainer.start(Map.of("sinkwire.sinks.hooks.health.queue-saturation", "0.5"),
                Fixtures.Hooks.class).close()).hasMessageContaining("sinkwire.sinks.hooks.health.queue-saturation")
                .hasMessageContaining("needs a bounded queue");
        assertThatThrownBy(() -> TestContainer.start(Map.of("sinkwire.metrics.enabled", "yes"), Fixtures.Hooks.class).close())
                .hasMessageContaining("sinkwire.metrics.enabled").hasMessageContaining("true, false");
    }

    @Test
    void aSaturationThatIsNoShareOrATypoFailsDeploymentNamingTheKey() {
        for (String value : List.of("NaN", "0", "-0.5", "Infinity")) {
            assertThatThrownBy(() -> TestContainer.start(Map.of("sinkwire.health.queue-saturation", value),
                    Fixtures.Hooks.class).close()).as("sinkwire.health.queue-saturation=%s", value)
                    .hasMessageContaining("sinkwire.health.queue-saturation=" + value)
                    .hasMessageContaining("above 0 and at most 1");
        }
        assertThatThrownBy(() -> TestContainer.start(Map.of("sinkwire.health.queue-saturaton", "0.5"),
                Fixtures.Hooks.class).close()).hasMessageContaining("sinkwire.health.queue-saturaton")
                .hasMessageContaining("sinkwire.health.queue-saturation");
    }

    @Test
    void aSaturationOnADurableSinkFailsDeploymentNamingTheKey(@TempDir Path directory) {
        // store=jdbc has no queue (docs/metrics.md: "only on a sink with queue.capacity"); the key was ignored
        for (String value : List.of("0.5", "half")) {
            assertThatThrownBy(() -> TestContainer.start(Map.of("sinkwire.sinks.ledger.store", "jdbc",
                    "sinkwire.sinks.ledger.store.h2.directory", directory.toString(),
                    "sinkwire.sinks.ledger.health.queue-saturation", value), DurableBacklogTest.LedgerSink.class)
                    .close()).as("health.queue-saturation=%s", value)
                    .hasMessageContaining("sinkwire.sinks.ledger.health.queue-saturation")
                    .hasMessageContaining("store=jdbc has none");
        }
    }
}
