/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkState;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.cdi.spi.DurableBacklog;
import dev.sinkwire.core.SinkMeter;
import dev.sinkwire.core.Timekeeper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The table "The metrics" of docs/metrics.md against what is exported: every name, kind, unit and
 * attribute key as OpenTelemetry receives them, and the Prometheus names that Micrometer's naming
 * gives (snake case, {@code _total} on counters, the base unit on timers). Two sinks cover every
 * series: one with a bounded queue and a breaker, one with a durable store.
 */
class DocumentedNamesTest {

    /** A row of the table. */
    private record Row(String name, String prometheus, String kind, String unit, Set<String> attributes) {
    }

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    private static List<Row> documented() throws IOException {
        Path docs = Path.of("..", "docs", "metrics.md"); // surefire runs in the module's directory
        assertThat(docs).exists();
        List<String> lines = Files.readAllLines(docs);
        int start = lines.indexOf("## The metrics");
        assertThat(start).as("section 'The metrics'").isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("## ") && !rows.isEmpty()) {
                break;
            }
            if (!line.startsWith("| `sinkwire.")) {
                continue;
            }
            String[] cells = line.substring(1).split("(?<!\\\\)\\|"); // escaped pipes stay in their cell
            Set<String> attributes = new TreeSet<>();
            Matcher m = CODE.matcher(cells[4]);
            while (m.find()) {
                attributes.add(m.group(1).split("=")[0]);
            }
            rows.add(new Row(code(cells[0]), code(cells[1]), cells[2].trim(), code(cells[3]), attributes));
        }
        assertThat(rows).isNotEmpty();
        return rows;
    }

    /** The first {@code `code`} of a cell. */
    private static String code(String cell) {
        Matcher m = CODE.matcher(cell);
        assertThat(m.find()).as("code in %s", cell).isTrue();
        return m.group(1);
    }

    private static final SinkMeter QUEUED = new SinkMeter("queued");
    private static final SinkMeter DURABLE = new SinkMeter("durable");

    /** A sink with a bounded queue and a breaker, and a durable one. */
    private static SinkwireStats stats() {
        DurableBacklog store = () -> new DurableBacklog.Backlog(2, Duration.ofSeconds(3));
        SinkwireStats.Probe queued = new SinkwireStats.Probe() {
            @Override
            public SinkState state() {
                return new SinkState("queued", true, SinkState.Breaker.CLOSED, 1, 10, 0.9, true, false);
            }

            @Override
            public boolean enable() {
                return false;
            }
        };
        SinkwireStats.Probe durable = Fixtures.durableProbe("durable", store);
        Map<String, SinkMeter> meters = new LinkedHashMap<>();
        meters.put("queued", QUEUED);
        meters.put("durable", DURABLE);
        return new SinkwireStats(meters, Map.of("queued", queued, "durable", durable), true);
    }

    /** The table without its Prometheus column, by name. */
    private static Map<String, Row> documentedByName() throws IOException {
        return documented().stream().collect(Collectors.toMap(Row::name,
                r -> new Row(r.name(), null, r.kind(), r.unit(), r.attributes()), (a, b) -> a, TreeMap::new));
    }

    @Test
    void theDocumentedNamesKindsUnitsAndAttributesAreWhatOpenTelemetryReceives() throws Exception {
        SinkwireStats stats = stats();
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build()) {
            Durations durations = new Durations(stats);
            AutoCloseable registered = OpenTelemetryExport.register(sdk, Series.of(stats, Timekeeper.system()),
                    durations);
            durations.install(stats, Timekeeper.system());
            QUEUED.delivering(new Sink<String>() { // a histogram has a point once it recorded one
                @Override
                public void write(String event) {
                }

                @Override
                public void close() {
                }
            }).write("timed");
            Map<String, Row> exported = new TreeMap<>();
            for (MetricData m : reader.collectAllMetrics()) {
                String kind = switch (m.getType()) {
                    case LONG_SUM -> m.getLongSumData().isMonotonic() ? "counter" : "up-down counter";
                    case LONG_GAUGE -> "gauge";
                    case HISTOGRAM -> "histogram";
                    default -> m.getType().name();
                };
                Set<String> keys = new TreeSet<>();
                for (PointData p : m.getData().getPoints()) {
                    p.getAttributes().forEach((k, v) -> keys.add(k.getKey()));
                }
                exported.put(m.getName(), new Row(m.getName(), null, kind, m.getUnit(), keys));
            }
            durations.uninstall(stats);
            registered.close();
            assertThat(exported.keySet()).as("names").isEqualTo(documentedByName().keySet());
            assertThat(exported).isEqualTo(documentedByName());
        }
    }

    @Test
    void theDocumentedPrometheusNamesAreWhatMicrometerNamesTheMeters() throws Exception {
        SinkwireStats stats = stats();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<Series> series = Series.of(stats, Timekeeper.system());
        AutoCloseable registered = MicrometerExport.register(registry, series, new Durations(stats));
        Map<String, String> exported = new TreeMap<>();
        for (Meter m : registry.getMeters()) {
            if (m.getId().getTag("le") != null) { // the bucket gauges a registry without native histograms adds
                continue;
            }
            // as micrometer-registry-prometheus names them: snake case, the base unit, _total on counters
            String base = m instanceof Timer ? "seconds" : m.getId().getBaseUnit();
            String name = NamingConvention.snakeCase.name(m.getId().getName(), m.getId().getType())
                    + (base != null ? "_" + base : "") + (m instanceof FunctionCounter ? "_total" : "");
            exported.put(m.getId().getName(), name);
        }
        registered.close();
        Map<String, String> table = new TreeMap<>();
        documented().forEach(r -> table.put(r.name(), r.prometheus()));
        assertThat(exported).isEqualTo(table);
    }
}
