/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.payara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.it.payara.durable.Shipment;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A durable sink ({@code store=jdbc}) in a real Payara Micro: the outbox on Payara's own
 * {@code jdbc/__default} DataSource (named by JNDI), joining Payara's JTA transactions (the
 * registry found in JNDI); a {@code @Transactional} business insert and its event commit or roll
 * back together.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurableInPayaraIT {

    private static final String APP = "durable";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive app() {
        File libs = new File(Objects.requireNonNull(System.getProperty("sinkwire.war.libs"),
                "system property sinkwire.war.libs (set by the pom)"));
        File[] jars = libs.listFiles((dir, name) -> name.endsWith(".jar"));
        String config = String.join("\n",
                "sinkwire.sinks.ledger.store=jdbc",
                "sinkwire.sinks.ledger.store.datasource=jdbc/__default",
                "sinkwire.sinks.ledger.store.table=payara_outbox",
                "");
        return ShrinkWrap.create(WebArchive.class, "sinkwire-durable.war")
                .addPackage(Shipment.class.getPackage())
                .addAsLibraries(jars)
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                        + "version=\"4.0\" bean-discovery-mode=\"annotated\"/>"), "beans.xml")
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    /**
     * Payara Micro keeps the applications it deployed in its root directory and deploys them again
     * at its next start, where the Arquillian adapter may then pick the wrong one: this test starts
     * from an empty root directory and leaves an empty one behind for the other tests of the module.
     */
    private static Path rootDirectory() {
        return Path.of(Objects.requireNonNull(System.getProperty("payara.rootDir"), "payara.rootDir"));
    }

    private static void emptyRootDirectory() throws IOException {
        Path root = rootDirectory();
        if (Files.exists(root)) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    @Order(1)
    void deploys() throws IOException {
        emptyRootDirectory();
        deployer.deploy(APP);
    }

    @Test
    @Order(3)
    void undeploys() throws Exception {
        Path pidFile = rootDirectory().resolve("config").resolve("pid");
        Optional<ProcessHandle> payara = Files.exists(pidFile)
                ? ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())) : Optional.empty();
        deployer.undeploy(APP); // stops the Payara Micro process
        if (payara.isPresent()) {
            payara.get().onExit().get(2, TimeUnit.MINUTES); // it writes its root directory until it exits
        }
        emptyRootDirectory();
    }

    @Test
    @Order(2)
    void aRolledBackShipmentsEventIsNeverDeliveredACommittedOneIs(@ArquillianResource @OperateOnDeployment(APP) URL base)
            throws Exception {
        assertThat(post(base, "n=1")).isEqualTo(204);
        assertThat(post(base, "n=2&fail=true")).as("rolled back").isEqualTo(409);
        assertThat(post(base, "n=3")).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(base).startsWith("delivered=1,3;"));
        assertThat(state(base)).isEqualTo("delivered=1,3;rows=1,3");
    }

    private static int post(URL base, String query) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(base, query)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String state(URL base) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(base, "")).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static URI uri(URL base, String query) {
        return URI.create(base.toExternalForm().replaceAll("/$", "") + "/shipping" + (query.isEmpty() ? "" : "?" + query));
    }
}
