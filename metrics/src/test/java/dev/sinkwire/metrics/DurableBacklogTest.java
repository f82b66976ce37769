/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.EventSink;
import dev.sinkwire.SinkException;
import dev.sinkwire.cdi.SinkwireStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable sink ({@code store=jdbc}, the embedded H2 database) under Weld SE: its backlog and the
 * age of its oldest stored event are exported, read from the store at most once per
 * {@link CachedBacklog#MAX_AGE} of the test clock.
 */
class DurableBacklogTest {

    /** Sink {@code ledger}: holds every delivery until {@link #release()}. Safe for concurrent use. */
    @ApplicationScoped
    static class LedgerSink {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        @EventSink("ledger")
        void ledger(LedgerEntry entry) {
            entered.countDown();
            try {
                if (!release.await(1, TimeUnit.MINUTES)) { // a hang guard
                    throw new SinkException("not released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("interrupted", e);
            }
        }

        boolean awaitEntered() throws InterruptedException {
            return entered.await(1, TimeUnit.MINUTES);
        }

        void release() {
            release.countDown();
        }
    }

    @Test
    void theBacklogAndTheOldestAgeAreReadFromTheStoreAndCached(@TempDir Path directory) throws Exception {
        Instant start = Instant.now();
        try (TestContainer c = TestContainer.start(Map.of("sinkwire.sinks.ledger.store", "jdbc",
                "sinkwire.sinks.ledger.store.h2.directory", directory.toString()), LedgerSink.class,
                MicrometerExportTest.Registry.class,
                Fixtures.Clock.class, SinkwireMetrics.class)) {
            SinkwireStats stats = c.get(SinkwireStats.class);
            assertThat(stats.hasBacklog("ledger")).isTrue();
            LedgerSink sink = c.get(LedgerSink.class);
            for (int i = 1; i <= 3; i++) {
                c.fire(new LedgerEntry("e" + i)); // stored when fire returns
            }
            assertThat(sink.awaitEntered()).isTrue();
            MeterRegistry registry = MicrometerExportTest.Registry.REGISTRY;
            Gauge backlog = registry.get("sinkwire.durable.backlog").tag("sink", "ledger").gauge();
            Gauge oldest = registry.get("sinkwire.durable.oldest.age").tag("sink", "ledger").gauge();

            assertThat(backlog.value()).as("three rows pending, one of them being delivered").isEqualTo(3);
            long waited = Duration.between(start, Instant.now()).toSeconds(); // the rows are younger than this
            assertThat(oldest.value()).isBetween(0.0, (double) waited);

            sink.release();
            await().atMost(Duration.ofMinutes(1)).until(() -> stats.backlog("ledger").orElseThrow().pending() == 0);
            assertThat(backlog.value()).as("the cached value, not older than %s", CachedBacklog.MAX_AGE).isEqualTo(3);

            Fixtures.Clock.advance(CachedBacklog.MAX_AGE);
            assertThat(backlog.value()).as("read again").isZero();
            assertThat(oldest.value()).isZero();
            assertThat(stats.of("ledger").delivered()).isEqualTo(3);
        }
        assertThat(MicrometerExportTest.Registry.REGISTRY.find("sinkwire.durable.backlog").meters())
                .as("removed at shutdown").isEmpty();
    }

    @Test
    void aDisabledDurableSinkHasNoBacklogSeries(@TempDir Path directory) {
        try (TestContainer c = TestContainer.start(Map.of("sinkwire.sinks.ledger.store", "jdbc",
                "sinkwire.sinks.ledger.store.h2.directory", directory.toString(), "sinkwire.sinks.ledger.enabled",
                "false"), LedgerSink.class, MicrometerExportTest.Registry.class, Fixtures.Clock.class,
                SinkwireMetrics.class)) {
            SinkwireStats stats = c.get(SinkwireStats.class);
            assertThat(stats.hasBacklog("ledger")).isFalse();
            assertThat(stats.backlog("ledger")).isEmpty();
            assertThat(c.get(SinkwireMetrics.class).exporters()).containsExactly("micrometer");
            assertThat(MicrometerExportTest.Registry.REGISTRY.getMeters())
                    .noneMatch(m -> "ledger".equals(m.getId().getTag("sink")));
        }
    }
}
