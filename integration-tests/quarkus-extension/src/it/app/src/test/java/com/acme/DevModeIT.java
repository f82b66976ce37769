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
import org.junit.jupiter.api.Test;

/**
 * {@code mvn quarkus:dev} started as a process on this application, against the same private
 * repository: dev mode loads the installed Sinkwire jars with the base class loader and the
 * application with its own, the layout in which the library used to fail with a
 * {@code NoClassDefFoundError}. An order fired over HTTP must reach the webhook's receiver, and the
 * Dev UI card's JSON-RPC methods must list the sinks with their chains.
 */
class DevModeIT {

    @Test
    void devModeStartsAndDeliversAnOrder() throws Exception {
        int port = AppProcess.freePort();
        List<String> mvn = new ArrayList<>(List.of(Path.of(System.getProperty("it.maven.home"), "bin", "mvn")
                .toString(), "-B", "-Dmaven.repo.local=" + System.getProperty("it.repository")));
        String settings = System.getProperty("it.settings", "");
        if (!settings.isBlank() && new File(settings).isFile()) {
            mvn.addAll(List.of("-s", settings));
        }
        // no debugger port (other builds run beside this one), no console, no continuous testing
        mvn.addAll(List.of("quarkus:dev", "-Ddebug=false", "-Dquarkus.console.enabled=false",
                "-Dquarkus.test.continuous-testing=disabled", "-Dquarkus.analytics.disabled=true"));
        try (Receiver receiver = Receiver.start();
                AppProcess app = AppProcess.start(mvn, Map.of("QUARKUS_HTTP_HOST", "127.0.0.1",
                        "QUARKUS_HTTP_PORT", String.valueOf(port), "SINKWIRE_SINKS_WEBHOOK_URL", receiver.url(),
                        // the default 1 s can pass on a loaded build machine, and a retried order arrives twice
                        "SINKWIRE_SINKS_WEBHOOK_TIMEOUT", "1m"),
                        new File(System.getProperty("it.app.dir")), port, "dev-mode.log")) {
            // a hang guard: the first dev-mode run also downloads the Dev UI resources into the private repository
            app.awaitStarted(Duration.ofMinutes(6));
            assertThat(app.output()).containsPattern("Installed features: \\[[^\\]]*\\bsinkwire\\b");

            assertThat(Http.post(app.url("/orders/d-1"))).isEqualTo(204);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.bodies())
                    .singleElement().asString().contains("\"d-1\""));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.get(app.url("/orders"))
                    .lines()).containsExactlyInAnyOrder("billing:d-1", "audit:d-1"));

            // the Dev UI card's data: every sink with its chain and live counters
            String sinks = DevUiRpc.call(port, "sinkwire-quarkus_getSinks");
            assertThat(sinks).contains("\"billing\"", "\"audit\"", "\"webhook\"", "method com.acme.Billing.charge",
                    "\"delivered\"");
            assertThat(DevUiRpc.call(port, "sinkwire-quarkus_getDeadLetters")).contains("\"result\"");

            app.stop();
            assertThat(app.output()).doesNotContain("NoClassDefFoundError");
        }
    }
}
