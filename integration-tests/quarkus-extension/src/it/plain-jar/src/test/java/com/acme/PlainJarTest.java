/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code @QuarkusTest} with the plain sinkwire-cdi-extension jar from the repository: the method
 * sink is called through the invoker ArC generates beside {@link Billing}.
 */
@QuarkusTest
class PlainJarTest {
    @Inject
    Event<Order> orders;

    @Inject
    Ledger ledger;

    @Test
    void aMethodSinkWorksWithoutTheQuarkusExtension() {
        orders.fire(new Order("j-1"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ledger.lines())
                .containsExactly("billing:j-1"));
    }
}
