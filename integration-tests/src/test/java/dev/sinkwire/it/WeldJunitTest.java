/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.cdi.SinkwireExtension;
import dev.sinkwire.core.Broadcaster;
import dev.sinkwire.it.Fixtures.AuditLog;
import dev.sinkwire.it.Fixtures.Billing;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

/**
 * The extension under weld-junit5, with injection into the test. {@code WeldInitiator} does not
 * load extensions from META-INF/services, so the test adds the portable extension itself.
 */
@EnableWeld
class WeldJunitTest {

    @WeldSetup
    WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addBeanClasses(Recorder.class, AuditLog.class, Billing.class)
            .addExtension(new SinkwireExtension())).build();

    @Inject
    Event<OrderPlaced> orders;

    @Inject
    @SinkChain("audit")
    Sink<OrderPlaced> audit;

    @Inject
    Broadcaster<Object> broadcaster;

    @Inject
    Recorder recorder;

    @Test
    void injectedEventsChainsAndBroadcasterReachTheSinks() throws Exception {
        orders.fire(new OrderPlaced("1"));
        orders.fireAsync(new OrderPlaced("2")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        audit.write(new OrderPlaced("3"));
        broadcaster.write(new OrderPlaced("4"));

        assertThat(recorder.await("audit", 4)).containsExactlyInAnyOrder(new OrderPlaced("1"), new OrderPlaced("2"),
                new OrderPlaced("3"), new OrderPlaced("4"));
        assertThat(recorder.await("billing", 3)).containsExactlyInAnyOrder(new OrderPlaced("1"), new OrderPlaced("2"),
                new OrderPlaced("4"));
    }
}
