/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged application ({@code quarkus-app/quarkus-run.jar}) as its own process, stops
 * it with SIGTERM while four events are still queued, and checks they were delivered, in order,
 * before the sink was closed, by the extension's drain with {@code sinkwire.shutdown.timeout}
 * (which wins over {@code quarkus.shutdown.timeout} when both are set). A {@code @QuarkusTest}
 * cannot assert this: the application stops after the last test of the run, when no test can
 * look any more.
 */
class ShutdownDrainIT {
    @TempDir
    Path dir;

    @Test
    void eventsStillQueuedAtShutdownAreDelivered() throws Exception {
        Path out = dir.resolve("drain.txt");
        Path log = dir.resolve("app.log");
        String jar = System.getProperty("it.quarkus.app");
        assertThat(jar).as("system property it.quarkus.app (set by the pom)").isNotNull();
        Process app = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dquarkus.http.host=127.0.0.1",
                "-Dit.drain.file=" + out,
                // both deadlines set: Sinkwire's own key (30s, microprofile-config.properties) wins
                "-Dquarkus.shutdown.timeout=5s",
                // the config-only webhook sink needs a URL to start; this run fires no order
                "-Dsinkwire.sinks.webhook.url=http://127.0.0.1:9/unused",
                "-Dsinkwire.sinks.observed.url=http://127.0.0.1:9/unused", "-jar", jar)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> lines(out).containsAll(List.of("fired", "holding d1")));
            assertThat(lines(out)).doesNotContain("delivered d1", "delivered d2");

            app.destroy(); // SIGTERM: Quarkus shuts down gracefully
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("application stopped; log:%n%s", read(log.toFile())).isTrue();
        } finally {
            app.destroyForcibly();
        }
        List<String> lines = lines(out);
        String appLog = read(log.toFile());
        assertThat(lines).as("log:%n%s", appLog).hasSize(9);
        // the startup thread and the queue thread race to the first two lines
        assertThat(lines.subList(0, 2)).as("log:%n%s", appLog).containsExactlyInAnyOrder("fired", "holding d1");
        // d2..d5 were still queued when Quarkus began to stop; all delivered, in order, before close()
        assertThat(lines.subList(2, 9)).as("log:%n%s", appLog).containsExactly("shutdown",
                "delivered d1", "delivered d2", "delivered d3", "delivered d4", "delivered d5", "closed");
        // the extension drained them (ShutdownEvent), with sinkwire.shutdown.timeout rather than Quarkus's
        assertThat(appLog).containsPattern("Sinkwire stopping: \\d+ accepted event\\(s\\) not delivered yet;"
                + " delivering them within sinkwire.shutdown.timeout=PT30S")
                .containsPattern("Sinkwire stopped: \\d+ event\\(s\\) delivered while stopping, 0 reported as dead letters");
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static String read(File file) throws Exception {
        return file.exists() ? Files.readString(file.toPath()) : "(no log)";
    }
}
