/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.it.Fixtures.AuditLog;
import dev.sinkwire.it.Fixtures.Billing;
import dev.sinkwire.it.Fixtures.Flaky;
import dev.sinkwire.it.Fixtures.OrderCancelled;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import dev.sinkwire.it.Fixtures.Premium;
import dev.sinkwire.it.Fixtures.RecordingSink;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application deployed with ShrinkWrap to Arquillian's embedded Weld container, configured by
 * its own META-INF/microprofile-config.properties, tested in the container.
 */
@ExtendWith(ArquillianExtension.class)
class ArquillianDeploymentTest {

    static final String CONFIG = """
            sinkwire.sinks.audit.async=false
            sinkwire.sinks.flaky.retry.strategy=breaker
            sinkwire.sinks.flaky.retry.threshold=1
            sinkwire.sinks.flaky.retry.backoff=5ms
            """;

    @Deployment
    static JavaArchive application() {
        return ShrinkWrap.create(JavaArchive.class, "orders.jar")
                .addClasses(Recorder.class, Recorder.Log.class, Recorder.Delivery.class, DeadLetters.class,
                        RecordingSink.class, AuditLog.class, Billing.class, Flaky.class, OrderPlaced.class,
                        OrderCancelled.class, Premium.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsManifestResource(new StringAsset(CONFIG), "microprofile-config.properties");
    }

    @Inject
    Event<OrderPlaced> orders;

    @Inject
    Recorder recorder;

    @Inject
    Flaky flaky;

    @Inject
    DeadLetters deadLetters;

    @Inject
    @SinkChain("flaky")
    Sink<OrderPlaced> flakyChain;

    @Test
    void eventsFlowThroughTheConfiguredChains() throws Exception {
        flaky.failNext(2);
        OrderPlaced order = new OrderPlaced("arq-1");
        orders.fireAsync(order).toCompletableFuture().get(10, TimeUnit.SECONDS);

        // audit.async=false: delivered before the asynchronous observers completed
        assertThat(recorder.events("audit")).containsExactly(order);
        assertThat(recorder.deliveries("audit").get(0).thread()).doesNotStartWith("sinkwire-");
        assertThat(recorder.await("billing", 1)).containsExactly(order);
        // flaky: a queue, then a breaker that retried twice
        assertThat(recorder.await("flaky", 1)).containsExactly(order);
        assertThat(flaky.attempts()).isEqualTo(3);
        assertThat(flakyChain.toString()).contains("Queue(flaky) -> RetryingSink[Breaker[threshold=1, backoff=PT0.005S");
        assertThat(deadLetters.letters()).extracting(DeadLetter::event).isEmpty();
    }
}
