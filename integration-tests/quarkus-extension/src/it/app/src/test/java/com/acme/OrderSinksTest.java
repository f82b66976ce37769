/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code @QuarkusTest} in JVM mode, the library consumed as installed jars: the method sink's
 * invoker (generated beside the application class) is reachable from Sinkwire's runtime holder,
 * the sink beans nothing injects are kept, and the webhook gets the event.
 */
@QuarkusTest
@QuarkusTestResource(ReceiverResource.class)
class OrderSinksTest {

    @TestHTTPResource("/orders")
    String orders;

    @Test
    void anOrderReachesTheMethodSinkTheClassSinkAndTheWebhook() throws Exception {
        assertThat(Http.post(orders + "/o-1")).isEqualTo(204);
        assertThat(Http.post(orders + "/o-2")).isEqualTo(204);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.get(orders).lines())
                .filteredOn(l -> l.startsWith("billing:")).containsExactly("billing:o-1", "billing:o-2"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Http.get(orders).lines())
                .filteredOn(l -> l.startsWith("audit:")).containsExactly("audit:o-1", "audit:o-2"));
        // at least once: a request that timed out on a loaded machine is sent again, with the same body
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ReceiverResource.receiver.bodies()
                .stream().distinct().toList()).hasSize(2).satisfiesExactly(b -> assertThat(b).contains("\"o-1\""),
                        b -> assertThat(b).contains("\"o-2\"")));
    }
}
