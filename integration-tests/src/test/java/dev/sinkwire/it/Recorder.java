/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/** Records what every test sink received, with the thread that delivered it. Safe for concurrent use. */
@ApplicationScoped
public class Recorder {

    private final Log log = new Log();

    /** One delivery. */
    public record Delivery(String sink, Object event, String thread) {
    }

    public void record(String sink, Object event) {
        log.deliveries.add(new Delivery(sink, event, Thread.currentThread().getName()));
    }

    public void closed(String sink) {
        log.closed.add(sink);
    }

    /** The records themselves (not through a client proxy): still readable after the container stopped. */
    public Log log() {
        return log;
    }

    public List<Object> events(String sink) {
        return log.events(sink);
    }

    public List<Delivery> deliveries(String sink) {
        return log.deliveries(sink);
    }

    public List<Object> await(String sink, int count) {
        return log.await(sink, count);
    }

    /** What the sinks received and which sinks were closed. Safe for concurrent use. */
    public static final class Log {
        private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        private final List<String> closed = new CopyOnWriteArrayList<>();

        public List<Object> events(String sink) {
            return deliveries.stream().filter(d -> d.sink().equals(sink)).map(Delivery::event).toList();
        }

        /** Every delivery, to every sink, in the order they were recorded. */
        public List<Delivery> deliveries() {
            return List.copyOf(deliveries);
        }

        public List<Delivery> deliveries(String sink) {
            return deliveries.stream().filter(d -> d.sink().equals(sink)).toList();
        }

        public List<String> closedSinks() {
            return List.copyOf(closed);
        }

        /** Waits until {@code sink} received {@code count} events, and returns them. */
        public List<Object> await(String sink, int count) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events(sink).size() >= count);
            return events(sink);
        }
    }
}
