/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import dev.sinkwire.cdi.SinkState;
import dev.sinkwire.cdi.SinkwireStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * MicroProfile Health liveness check {@code sinkwire}: DOWN when the queue consumer thread of some
 * sink has died while the application runs (nothing more is delivered to that sink until a
 * restart). The data name each enabled sink as {@code alive} or {@code dead} (a sink without a
 * queue is {@code alive}). A container without the MicroProfile Health API skips this class.
 *
 * <p>Safe for concurrent use: each call reads the sinks' states anew.
 */
@Liveness
@ApplicationScoped
public class SinkwireLivenessCheck implements HealthCheck {

    @Inject
    SinkwireStats stats;

    /** For the container. */
    public SinkwireLivenessCheck() {
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("sinkwire");
        boolean up = true;
        for (String sink : stats.names()) {
            SinkState s = stats.state(sink);
            if (!s.enabled()) {
                continue;
            }
            up &= s.consumerAlive();
            b.withData(sink, s.consumerAlive() ? "alive" : "dead");
        }
        return b.status(up).build();
    }
}
