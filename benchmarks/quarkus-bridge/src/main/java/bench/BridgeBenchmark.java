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
 * median of the measured rounds is printed per target, with the ratio. With
 * {@code -Dbench.only=sink} or {@code -Dbench.only=observer} the JVM runs one target alone: ArC's
 * event dispatch is shared code, so in the alternating run the JIT compiles it for both targets at
 * once and each target's profile shapes the other's numbers.
 */
@QuarkusMain
public class BridgeBenchmark implements QuarkusApplication {
    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 10);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 15);
    private static final String ONLY = System.getProperty("bench.only", "");

    @Inject
    Event<Ping> pings;

    @Inject
    Event<Pong> pongs;

    @Inject
    Targets targets;

    @Override
    public int run(String... args) {
        boolean sinks = !ONLY.equals("observer");
        boolean observers = !ONLY.equals("sink");
        Ping ping = new Ping(1);
        Pong pong = new Pong(1);
        for (int i = 0; i < WARMUP; i++) {
            if (sinks) {
                sinkRound(ping);
            }
            if (observers) {
                observerRound(pong);
            }
        }
        double[] sink = new double[ROUNDS];
        double[] observer = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            if (sinks) {
                sink[i] = sinkRound(ping);
            }
            if (observers) {
                observer[i] = observerRound(pong);
            }
        }
        long expected = (long) (WARMUP + ROUNDS) * EVENTS;
        if (targets.sinkSum() != (sinks ? expected : 0) || targets.observerSum() != (observers ? expected : 0)) {
            throw new IllegalStateException("lost events: sink " + targets.sinkSum() + ", observer "
                    + targets.observerSum() + ", expected " + expected + " for each target run");
        }
        double s = median(sink);
        double o = median(observer);
        String alone = ONLY.isEmpty() ? "" : " (alone in its JVM)";
        if (sinks) {
            System.out.printf("Event.fire -> @EventSink method (async=false)%s: %.1f ns/event (median of %d rounds"
                    + " of %d)%n", alone, s, ROUNDS, EVENTS);
        }
        if (observers) {
            System.out.printf("Event.fire -> plain @Observes method%s:          %.1f ns/event%n", alone, o);
        }
        if (sinks && observers) {
            System.out.printf("ratio sink / observer: %.2fx%n", s / o);
        }
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
