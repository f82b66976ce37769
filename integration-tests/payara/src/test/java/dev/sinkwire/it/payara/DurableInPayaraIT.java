/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.payara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.it.payara.durable.Shipment;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A durable sink ({@code store=jdbc}) in a real Payara Micro: the outbox on Payara's own
 * {@code jdbc/__default} DataSource (named by JNDI), joining Payara's JTA transactions (the
 * registry found in JNDI); a {@code @Transactional} business insert and its event commit or roll
 * back together.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DurableInPayaraIT {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Deployment(testable = false)
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

    @Test
    void aRolledBackShipmentsEventIsNeverDeliveredACommittedOneIs(@ArquillianResource URL base) throws Exception {
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
