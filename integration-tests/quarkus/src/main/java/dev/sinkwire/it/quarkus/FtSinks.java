/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import dev.sinkwire.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * A method sink with MicroProfile FT annotations, applied by Quarkus's SmallRye Fault Tolerance.
 * A parcel whose id contains {@code once} fails its first call; one whose id contains {@code never}
 * always fails. Thread-safe.
 */
@ApplicationScoped
public class FtSinks {
    @Inject
    Recorder recorder;

    @EventSink("ft")
    @Retry(maxRetries = 2, delay = 0, jitter = 0)
    @CircuitBreaker(requestVolumeThreshold = 50, failureRatio = 1.0)
    void ship(Parcel parcel) {
        int attempt = recorder.record("ft", parcel.id());
        if (parcel.id().contains("never") || (parcel.id().contains("once") && attempt == 1)) {
            throw new IllegalStateException("ft: attempt " + attempt + " of " + parcel.id() + " fails");
        }
    }
}
