/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}) started as a
 * process with the webhook's URL given at run time: the feature is listed, an order reaches the
 * three sinks, and on SIGTERM the orders still queued for a slow receiver are delivered before the
 * process ends (within {@code quarkus.shutdown.timeout}, set in application.properties), or
 * reported as dead letters when that deadline passes first.
 */
class PackagedAppIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern STOPPED = Pattern.compile(
            "Sinkwire stopped: (\\d+) event\\(s\\) delivered while stopping, (\\d+) reported as dead letters");

    @Test
    void thePackagedJarListsTheFeatureDeliversAndDrainsOnSigterm() throws Exception {
        int port = AppProcess.freePort();
        try (Receiver receiver = Receiver.start(); AppProcess app = start(receiver, port, "packaged-app.log")) {
            app.awaitStarted(PATIENCE);
            assertThat(app.output()).containsPattern("Installed features: \\[[^\\]]*\\bsinkwire\\b");

            assertThat(Http.post(app.url("/orders/p-1"))).isEqualTo(204);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(receiver.bodies())
                    .singleElement().asString().contains("\"p-1\""));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(Http.get(app.url("/orders"))
                    .lines()).containsExactlyInAnyOrder("billing:p-1", "audit:p-1"));

            // a slow receiver: s-1 is being posted (held), s-2 and s-3 wait in the webhook's queue
            receiver.hold();
            for (String id : List.of("s-1", "s-2", "s-3")) {
                assertThat(Http.post(app.url("/orders/" + id))).isEqualTo(204);
            }
            await().atMost(PATIENCE).until(() -> receiver.bodies().size() == 2);

            app.terminate();
            // Quarkus began to stop and handed the drain to Sinkwire, with Quarkus's deadline
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(app.output()).containsPattern(
                    "Sinkwire stopping: \\d+ accepted event\\(s\\) not delivered yet; delivering them within"
                            + " quarkus.shutdown.timeout=PT30S"));
            receiver.release();

            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (Quarkus stopped) and exits with the signal's code
            assertThat(app.awaitExit()).as(app.output()).isIn(0, 143);
            assertThat(ids(receiver.bodies())).as(app.output()).containsExactly("p-1", "s-1", "s-2", "s-3");
            Matcher stopped = STOPPED.matcher(app.output());
            assertThat(stopped.find()).as(app.output()).isTrue();
            // the three webhook orders at least (a bean sink may still have held one of its own)
            assertThat(Long.parseLong(stopped.group(1))).as(app.output()).isGreaterThanOrEqualTo(3);
            assertThat(stopped.group(2)).as(app.output()).isEqualTo("0");
            assertThat(app.output()).doesNotContain("NoClassDefFoundError", "dropped event").contains("stopped in");
        }
    }

    @Test
    void ordersStillQueuedWhenTheDeadlinePassesAreReportedAsDeadLetters() throws Exception {
        int port = AppProcess.freePort();
        try (Receiver receiver = Receiver.start();
                AppProcess app = start(receiver, port, "packaged-app-deadline.log", "-Dquarkus.shutdown.timeout=1s")) {
            app.awaitStarted(PATIENCE);
            receiver.hold(); // never released while the application runs
            for (String id : List.of("d-1", "d-2", "d-3")) {
                assertThat(Http.post(app.url("/orders/" + id))).isEqualTo(204);
            }
            await().atMost(PATIENCE).until(() -> receiver.bodies().size() == 1);

            assertThat(app.stop()).as(app.output()).isIn(0, 143);
            String log = app.output();
            assertThat(log).contains("within quarkus.shutdown.timeout=PT1S")
                    .contains("sink 'webhook' did not deliver every queued event within quarkus.shutdown.timeout=PT1S")
                    .containsPattern("dropped event for sink 'webhook' \\(SHUTDOWN after \\d+ attempt\\(s\\)\\):"
                            + " Order\\[id=d-2\\]")
                    .containsPattern("dropped event for sink 'webhook' \\(SHUTDOWN after \\d+ attempt\\(s\\)\\):"
                            + " Order\\[id=d-3\\]");
            Matcher stopped = STOPPED.matcher(log);
            assertThat(stopped.find()).as(log).isTrue();
            // d-2 and d-3 never left the queue; d-1, cut short at the deadline, is reported too
            assertThat(Long.parseLong(stopped.group(2))).as(log).isGreaterThanOrEqualTo(2);
            assertThat(ids(receiver.bodies())).containsExactly("d-1");
        }
    }

    private static AppProcess start(Receiver receiver, int port, String log, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dsinkwire.sinks.webhook.url=" + receiver.url(),
                // a held request must not time out and be retried: the receiver decides when it is answered
                // (and the default 1 s can pass on a loaded build machine)
                "-Dsinkwire.sinks.webhook.timeout=5m"));
        command.addAll(List.of(options));
        command.addAll(List.of("-jar", System.getProperty("it.app.jar")));
        return AppProcess.start(command, Map.of(), new File(System.getProperty("it.app.dir")), port, log);
    }

    /** The order ids of the webhook's bodies (envelopes around the order), in the order received. */
    private static List<String> ids(List<String> bodies) {
        Pattern id = Pattern.compile("\"event\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"");
        return bodies.stream().map(b -> {
            Matcher m = id.matcher(b);
            assertThat(m.find()).as("an order id in %s", b).isTrue();
            return m.group(1);
        }).toList();
    }
}
