/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package bench;

import dev.sinkwire.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** One @EventSink method and one plain observer method doing the same work: adding to a sum. */
@ApplicationScoped
public class Targets {
    private long sinkSum;
    private long observerSum;

    @EventSink("bridge")
    void sink(Ping ping) {
        sinkSum += ping.value();
    }

    void observe(@Observes Pong pong) {
        observerSum += pong.value();
    }

    long sinkSum() {
        return sinkSum;
    }

    long observerSum() {
        return observerSum;
    }
}
