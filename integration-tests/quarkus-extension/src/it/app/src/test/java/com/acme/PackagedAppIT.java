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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar}) started as a
 * process with the webhook's URL given at run time: the feature is listed, an order reaches the
 * three sinks, and SIGTERM stops it cleanly.
 */
class PackagedAppIT {

    @Test
    void thePackagedJarListsTheFeatureDeliversAndStops() throws Exception {
        String jar = System.getProperty("it.app.jar");
        int port = AppProcess.freePort();
        try (Receiver receiver = Receiver.start();
                AppProcess app = AppProcess.start(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                        "-Dsinkwire.sinks.webhook.url=" + receiver.url(), "-jar", jar), Map.of(),
                        new File(System.getProperty("it.app.dir")), port, "packaged-app.log")) {
            app.awaitStarted(Duration.ofSeconds(60));
            assertThat(app.output()).containsPattern("Installed features: \\[[^\\]]*\\bsinkwire\\b");

            assertThat(Http.post(app.url("/orders/p-1"))).isEqualTo(204);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.bodies())
                    .singleElement().asString().contains("\"p-1\""));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.get(app.url("/orders"))
                    .lines()).containsExactlyInAnyOrder("billing:p-1", "audit:p-1"));

            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (Quarkus stopped) and exits with the signal's code
            assertThat(app.stop()).as(app.output()).isIn(0, 143);
            assertThat(app.output()).doesNotContain("NoClassDefFoundError").contains("stopped in");
        }
    }
}
