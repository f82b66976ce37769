/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.EventSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DemoRunTest {

    @Test
    void smallRunThroughFailureStallAndRecoveryLosesNothing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DemoRun run = new DemoRun(new DemoRun.Options(3, 200, Duration.ofMillis(400), Duration.ofMillis(400),
                Duration.ofMillis(400), Duration.ofMinutes(5)), out); // deadline: only a guard against a hang

        DemoRun.Result result = run.run();
        run.printTable(result);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(result.problems()).as(text).isEmpty();
        assertThat(result.fired()).isEqualTo(600);
        assertThat(result.stats()).containsOnlyKeys("webhook", "audit", "big-orders");
        assertThat(result.stats().get("webhook").delivered()).isEqualTo(600);
        assertThat(result.stats().get("audit").delivered()).isEqualTo(600);
        assertThat(result.stats().get("webhook").retried()).as(text).isPositive();
        assertThat(result.receiverUnique()).isEqualTo(600);
        assertThat(result.receiverRefused()).as(text).isPositive();
        assertThat(text).contains("receiver answers 503", "receiver stalls", "receiver recovered",
                "VERDICT: OK");
        // the metrics read from the registry are the same numbers (compared by the run: no problem above)
        assertThat(text).contains("Metrics: exported to [micrometer]", "/q/metrics",
                "sinkwire.events{sink=webhook}: {accepted=600, delivered=600}",
                "sinkwire.events{sink=audit}: {accepted=600, delivered=600}");
        assertThat(System.getProperty(DemoRun.WEBHOOK_URL)).as("the run's URL is cleared").isNull();
    }

    /** The names of every {@code @EventSink} on the demo's compiled classes (class and method sinks). */
    private static Set<String> javaSinkNames() throws Exception {
        URL demoClass = DemoRun.class.getResource("DemoRun.class"); // the main classes, not this test's
        assertThat(demoClass).as("the demo's classes").isNotNull();
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of(demoClass.toURI()).getParent())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String simple = f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName("dev.sinkwire.demo." + simple.replace('/', '.'), false,
                        DemoRunTest.class.getClassLoader());
                EventSink onClass = c.getAnnotation(EventSink.class);
                if (onClass != null) {
                    names.add(onClass.value());
                }
                for (Method m : c.getDeclaredMethods()) {
                    EventSink onMethod = m.getAnnotation(EventSink.class);
                    if (onMethod != null) {
                        names.add(onMethod.value());
                    }
                }
            }
        }
        return names;
    }

    @Test
    void theWebhookIsDeclaredInConfigurationAlone() throws Exception {
        // no Java sink for it: the demo's only @EventSinks are the audit log, the big-orders method sink and the
        // restart demo's durable ledger
        assertThat(javaSinkNames()).containsExactlyInAnyOrder("audit", "big-orders", "ledger");
        java.util.Properties p = new java.util.Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream("META-INF/microprofile-config.properties")) {
            p.load(in);
        }
        assertThat(p).containsEntry("sinkwire.sinks.webhook.type", "http")
                .containsEntry("sinkwire.sinks.webhook.events", OrderEvent.class.getName());
    }
}
