/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package bench;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Arrays;

/**
 * A warmed, measured loop (not JMH: JMH cannot host ArC): rounds of {@code Event.fire} alternate
 * between the @EventSink method and the plain observer, so both see the same machine load; the
 * median of the measured rounds is printed per target, with the ratio.
 */
@QuarkusMain
public class BridgeBenchmark implements QuarkusApplication {
    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 10);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 15);

    @Inject
    Event<Ping> pings;

    @Inject
    Event<Pong> pongs;

    @Inject
    Targets targets;

    @Override
    public int run(String... args) {
        Ping ping = new Ping(1);
        Pong pong = new Pong(1);
        for (int i = 0; i < WARMUP; i++) {
            sinkRound(ping);
            observerRound(pong);
        }
        double[] sink = new double[ROUNDS];
        double[] observer = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            sink[i] = sinkRound(ping);
            observer[i] = observerRound(pong);
        }
        long expected = (long) (WARMUP + ROUNDS) * EVENTS;
        if (targets.sinkSum() != expected || targets.observerSum() != expected) {
            throw new IllegalStateException("lost events: sink " + targets.sinkSum() + ", observer "
                    + targets.observerSum() + ", expected " + expected);
        }
        double s = median(sink);
        double o = median(observer);
        System.out.printf("Event.fire -> @EventSink method (async=false): %.1f ns/event (median of %d rounds of %d)%n",
                s, ROUNDS, EVENTS);
        System.out.printf("Event.fire -> plain @Observes method:          %.1f ns/event%n", o);
        System.out.printf("ratio sink / observer: %.2fx%n", s / o);
        return 0;
    }

    private double sinkRound(Ping ping) {
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            pings.fire(ping);
        }
        return (System.nanoTime() - start) / (double) EVENTS;
    }

    private double observerRound(Pong pong) {
        long start = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            pongs.fire(pong);
        }
        return (System.nanoTime() - start) / (double) EVENTS;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
