/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.metrics;

import dev.sinkwire.cdi.SinkState;
import dev.sinkwire.cdi.SinkwireStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness check {@code sinkwire}: DOWN while some enabled sink is not
 * {@linkplain SinkState#ready() ready} (its breaker open, its bounded queue saturated, its
 * endpoint disabled by the receiver, or its consumer thread dead). The data name each sink's state
 * ({@code <sink>} = {@code up}, {@code breaker-open}, {@code saturated}, {@code endpoint-disabled},
 * {@code consumer-dead}, {@code disabled-by-config}), and where they apply its breaker
 * ({@code <sink>.breaker}) and bounded queue ({@code <sink>.depth}, {@code <sink>.capacity}).
 * A container without the MicroProfile Health API skips this class.
 *
 * <p>Safe for concurrent use: each call reads the sinks' states anew.
 */
@Readiness
@ApplicationScoped
public class SinkwireReadinessCheck implements HealthCheck {

    @Inject
    SinkwireStats stats;

    /** For the container. */
    public SinkwireReadinessCheck() {
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("sinkwire");
        boolean up = true;
        for (String sink : stats.names()) {
            SinkState s = stats.state(sink);
            up &= s.ready();
            b.withData(sink, s.describe());
            if (s.breaker() != SinkState.Breaker.NONE) {
                b.withData(sink + ".breaker", s.breaker().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            if (s.queueCapacity() > 0) {
                b.withData(sink + ".depth", s.queueDepth());
                b.withData(sink + ".capacity", s.queueCapacity());
            }
        }
        return b.status(up).build();
    }
}
