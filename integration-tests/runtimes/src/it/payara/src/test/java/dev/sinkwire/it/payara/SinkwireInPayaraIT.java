/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.payara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.it.app.Metered;
import dev.sinkwire.it.app.Order;
import dev.sinkwire.it.receiver.RuntimeEndpoints;
import dev.sinkwire.it.receiver.Receiver;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Sinkwire scenario in a real Payara Micro (started by Arquillian on a free port): a WAR with
 * the Sinkwire jars in WEB-INF/lib, the portable extension run by Payara's Weld, MP Config and MP
 * Fault Tolerance from Payara. The deployment is deployed and undeployed by the tests themselves,
 * so that the last test can check what Sinkwire delivers while Payara stops.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SinkwireInPayaraIT {
    private static final String APP = "app";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Receiver RECEIVER = Receiver.start();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive app() {
        File libs = new File(Objects.requireNonNull(System.getProperty("sinkwire.war.libs"),
                "system property sinkwire.war.libs (set by the pom)"));
        File[] jars = libs.listFiles((dir, name) -> name.endsWith(".jar"));
        assertThat(jars).as("Sinkwire jars in %s", libs).isNotEmpty();
        String config = String.join("\n",
                "app.webhook.url=" + RECEIVER.url(),
                // the qualified sink: queue (default async=true), breaker retry, type and matcher filter
                "sinkwire.sinks.premium.async=true",
                "sinkwire.sinks.premium.retry.strategy=breaker",
                "sinkwire.sinks.premium.retry.threshold=1",
                "sinkwire.sinks.premium.retry.backoff=20ms",
                "sinkwire.sinks.premium.filter.types=" + Order.class.getName(),
                "sinkwire.sinks.premium.filter.matcher=bigOrders",
                // webhook: declared in configuration alone (sinkwire-http's type=http), exponential retry
                "sinkwire.sinks.webhook.type=http",
                "sinkwire.sinks.webhook.url=" + RECEIVER.url() + "/orders",
                "sinkwire.sinks.webhook.events=" + Order.class.getName(),
                "sinkwire.sinks.webhook.timeout=5s",
                "sinkwire.sinks.webhook.retry.strategy=exponential",
                "sinkwire.sinks.webhook.retry.base=50ms",
                "sinkwire.sinks.webhook.retry.factor=50ms",
                "sinkwire.sinks.webhook.retry.max=1s",
                // observed: the webhook sink the metrics test counts exactly; a breaker that opens after 2 failures
                "sinkwire.sinks.observed.type=http",
                "sinkwire.sinks.observed.url=" + RECEIVER.url() + "/observed",
                "sinkwire.sinks.observed.events=" + Metered.class.getName(),
                "sinkwire.sinks.observed.timeout=5s",
                "sinkwire.sinks.observed.retry.strategy=breaker",
                "sinkwire.sinks.observed.retry.threshold=2",
                "sinkwire.sinks.observed.retry.backoff=200ms",
                "sinkwire.shutdown.timeout=1m",
                "");
        return ShrinkWrap.create(WebArchive.class, "sinkwire-payara.war")
                .addPackage(Order.class.getPackage())
                .addAsLibraries(jars)
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void deploys() {
        deployer.deploy(APP);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void applicationIsUp(@ArquillianResource @OperateOnDeployment(APP) URL base) throws Exception {
        // Payara Micro keeps running when the application fails to deploy: check it answers
        assertThat(calls(base, "audit")).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void everySinkGetsItsEventsInOrderWithTheConfiguredRetries(@ArquillianResource @OperateOnDeployment(APP) URL base)
            throws Exception {
        post(base, "orders=n1:10,ft-ok:10,ft-once:10,ft-never:10,n2:20");
        post(base, "orders=p1:500,p2:5,flaky-p3:200,p4:150&premium=true");
        post(base, "orders=a1:30,a2:40&async=true");
        List<String> all = List.of("n1", "ft-ok", "ft-once", "ft-never", "n2", "p1", "p2", "flaky-p3", "p4", "a1", "a2");

        assertThat(awaitCalls(base, "audit", all.size())).as("class sink").containsExactlyElementsOf(all);
        assertThat(awaitCalls(base, "billing-charge", all.size())).as("method sink").containsExactlyElementsOf(all);
        // qualified: only @Premium orders, p2 filtered out by the matcher (amount < 100), flaky-p3 retried once by the breaker
        assertThat(awaitCalls(base, "premium", 4)).as("qualified sink")
                .containsExactly("p1#1", "flaky-p3#1", "flaky-p3#2", "p4#1");
        // Payara's FT: @Retry(maxRetries = 2) gives 1 + 2 attempts, and Sinkwire adds no retry of its own
        assertThat(awaitCalls(base, "ft", 14)).as("FT sink").containsExactly(
                "n1#1", "ft-ok#1", "ft-once#1", "ft-once#2", "ft-never#1", "ft-never#2", "ft-never#3",
                "n2#1", "p1#1", "p2#1", "flaky-p3#1", "p4#1", "a1#1", "a2#1");
        assertThat(calls(base, "dead-letters")).as("dead letters").containsExactly("ft:ft-never:GAVE_UP:3");
        // config-only webhook sink: every order POSTed to the receiver, in order
        await().atMost(PATIENCE).until(() -> RECEIVER.received().size() >= all.size());
        assertThat(RECEIVER.received()).as("webhook receiver")
                .containsExactlyElementsOf(all.stream().map(id -> "/orders " + id).toList());
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void payarasOwnEndpointsShowTheSeriesAndReadinessFollowsTheBreaker(
            @ArquillianResource @OperateOnDeployment(APP) URL base) throws Exception {
        URI root = URI.create(base.toExternalForm()).resolve("/");
        RuntimeEndpoints.check(root.resolve("/metrics"), root.resolve("/health/ready"), RECEIVER,
                ids -> post(base, "metered=" + ids), () -> postForText(base, "enable=observed"));
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void queuedEventsAreDeliveredWhenPayaraStops(@ArquillianResource @OperateOnDeployment(APP) URL base)
            throws Exception {
        post(base, "parcels=d1,d2,d3");
        // d1 is being written (held until the application stops), d2 and d3 wait in the queue
        assertThat(awaitCalls(base, "drain-entered", 1)).containsExactly("d1");
        assertThat(RECEIVER.received()).noneMatch(entry -> entry.startsWith("/drain"));

        deployer.undeploy(APP); // Arquillian stops the Payara Micro process (SIGTERM)

        await().atMost(PATIENCE).until(() -> RECEIVER.received().stream().filter(e -> e.startsWith("/drain")).count() >= 4);
        assertThat(RECEIVER.received()).filteredOn(entry -> entry.startsWith("/drain"))
                .containsExactly("/drain d1", "/drain d2", "/drain d3", "/drain closed");
    }

    private static void post(URL base, String query) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri(base, query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", query, response.body()).isEqualTo(204);
    }

    private static String postForText(URL base, String query) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri(base, query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s: %s", query, response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<String> calls(URL base, String sink) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri(base, "sink=" + sink)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET calls of %s", sink).isEqualTo(200);
        String body = response.body();
        return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n"));
    }

    private static List<String> awaitCalls(URL base, String sink, int count) {
        return await().atMost(PATIENCE).until(() -> calls(base, sink), calls -> calls.size() >= count);
    }

    private static URI uri(URL base, String query) {
        return URI.create(base.toExternalForm().replaceAll("/$", "") + "/events?" + query);
    }
}
