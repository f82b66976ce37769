/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.app;

import dev.sinkwire.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * A sink with MicroProfile Fault Tolerance annotations, applied by the server's own FT implementation
 * (SmallRye in Payara, IBM's own in Liberty).
 * "ft-once*" fails its first attempt, "ft-never*" every attempt.
 */
@ApplicationScoped
public class FtSinks {
    @Inject
    Recorder recorder;

    @EventSink("ft")
    @Retry(maxRetries = 2, delay = 0, jitter = 0)
    @CircuitBreaker(requestVolumeThreshold = 50, failureRatio = 1.0)
    void deliver(Order order) {
        int attempt = recorder.attempt("ft", order.getId()) + 1;
        recorder.record("ft", order.getId() + "#" + attempt);
        if (order.getId().startsWith("ft-never") || (order.getId().startsWith("ft-once") && attempt == 1)) {
            throw new IllegalStateException("attempt " + attempt + " of " + order.getId() + " fails");
        }
    }
}
