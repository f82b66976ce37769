/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import dev.sinkwire.EventSink;
import dev.sinkwire.kafka.messaging.EmitterSink;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * The Reactive Messaging bridge as docs/kafka.md shows it: a sink that writes each order to an
 * injected {@link Emitter} and returns when the message is acknowledged. A nack is a failed write,
 * retried twice by SmallRye Fault Tolerance, then a dead letter.
 */
@ApplicationScoped
public class Shipments {
    @Inject
    @Channel("shipments")
    Emitter<Order> emitter;

    private EmitterSink<Order> sink;

    @PostConstruct
    void init() {
        sink = new EmitterSink<>(emitter, Duration.ofSeconds(30));
    }

    @EventSink("shipments")
    @Retry(maxRetries = 2, delay = 0, jitter = 0)
    void ship(Order order) {
        sink.write(order);
    }
}
