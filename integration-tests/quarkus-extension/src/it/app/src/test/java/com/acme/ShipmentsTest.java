/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Reactive Messaging bridge inside Quarkus (SmallRye Reactive Messaging of quarkus-messaging),
 * sinkwire-kafka consumed as an installed jar: orders reach the in-process {@code @Incoming}
 * consumer through {@code EmitterSink}; a nack is a failed write, retried (@Retry, SmallRye Fault
 * Tolerance), and an order nacked every time ends as a dead letter whose cause is the consumer's.
 */
@QuarkusTest
class ShipmentsTest {

    @Inject
    Event<Order> orders;

    @Inject
    Warehouse warehouse;

    @Inject
    DeadLetters deadLetters;

    @Inject
    SinkwireStats stats;

    @Test
    void acksDeliverAndNacksAreRetriedThenDeadLettered() {
        Duration guard = Duration.ofSeconds(60); // a hang guard for a loaded machine, not a timing assertion
        // other tests' orders reach this sink too: start counting once they are settled
        await().atMost(guard).until(() -> stats.of("shipments").pending() == 0);
        SinkStats before = stats.of("shipments");
        orders.fire(new Order("ship-1"));
        orders.fire(new Order("ship-once-2"));
        orders.fire(new Order("ship-never-3"));
        orders.fire(new Order("ship-4"));

        await().atMost(guard).untilAsserted(() -> assertThat(warehouse.accepted())
                .filteredOn(id -> id.startsWith("ship-")).containsExactly("ship-1", "ship-once-2", "ship-4"));
        await().atMost(guard).untilAsserted(() -> assertThat(deadLetters.all())
                .filteredOn(d -> d.sink().equals("shipments")).hasSize(1));

        DeadLetter letter = deadLetters.all().stream().filter(d -> d.sink().equals("shipments")).findFirst()
                .orElseThrow();
        assertThat(letter.event()).isEqualTo(new Order("ship-never-3"));
        assertThat(letter.reason()).isEqualTo(DropReason.GAVE_UP);
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(causes(letter.cause())).contains("warehouse refuses ship-never-3 (delivery 3)");
        assertThat(warehouse.deliveries("ship-once-2")).isEqualTo(2); // nacked, retried, acknowledged
        assertThat(warehouse.deliveries("ship-never-3")).isEqualTo(3); // the call and two retries

        await().atMost(guard).untilAsserted(() -> {
            SinkStats after = stats.of("shipments");
            assertThat(after.accepted() - before.accepted()).isEqualTo(4);
            assertThat(after.delivered() - before.delivered()).isEqualTo(3);
            assertThat(after.dropped().get(DropReason.GAVE_UP) - before.dropped().get(DropReason.GAVE_UP))
                    .isEqualTo(1);
            // SmallRye FT retries inside one write: the meter counts the write that failed in the end
            // (ship-never-3), the calls are in the dead letter's attempts and the consumer's deliveries
            assertThat(after.failedAttempts() - before.failedAttempts()).isEqualTo(1);
        });
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append('\n');
        }
        return b.toString();
    }
}
