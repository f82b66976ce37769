/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.it.Fixtures.AuditLog;
import dev.sinkwire.it.Fixtures.Billing;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import org.junit.jupiter.api.Test;

/**
 * The jar as an application uses it: SeContainerInitializer with discovery on, so both front ends
 * and SmallRye Config's extension come from META-INF/services. Weld runs the portable extension
 * and skips the build compatible one: every event arrives exactly once.
 */
class DiscoveryTest {

    @Test
    void serviceLoaderRegistrationDeliversEachEventOnce() {
        try (SeContainer c = SeContainerInitializer.newInstance()
                .addBeanClasses(Recorder.class, AuditLog.class, Billing.class).initialize()) {
            c.getBeanManager().getEvent().select(OrderPlaced.class).fire(new OrderPlaced("1"));
            c.getBeanManager().getEvent().select(OrderPlaced.class).fire(new OrderPlaced("2"));
            Recorder recorder = c.select(Recorder.class).get();

            // each queue is FIFO: a duplicate of "1" would arrive before "2"
            assertThat(recorder.await("audit", 2)).containsExactly(new OrderPlaced("1"), new OrderPlaced("2"));
            assertThat(recorder.await("billing", 2)).containsExactly(new OrderPlaced("1"), new OrderPlaced("2"));
        }
    }
}
