/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package bench;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
    /** Thread CPU time as well as wall time: on a shared machine the wall time includes waiting for a core. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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
        double[][] sink = new double[ROUNDS][2];
        double[][] observer = new double[ROUNDS][2];
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
        double s = median(sink, 0);
        double o = median(observer, 0);
        double sc = median(sink, 1);
        double oc = median(observer, 1);
        String alone = ONLY.isEmpty() ? "" : " (alone in its JVM)";
        if (sinks) {
            System.out.printf("Event.fire -> @EventSink method (async=false)%s: %.1f ns/event wall, %.1f ns/event"
                    + " thread CPU (median of %d rounds of %d)%n", alone, s, sc, ROUNDS, EVENTS);
        }
        if (observers) {
            System.out.printf("Event.fire -> plain @Observes method%s:          %.1f ns/event wall, %.1f ns/event"
                    + " thread CPU%n", alone, o, oc);
        }
        if (sinks && observers) {
            System.out.printf("ratio sink / observer: %.2fx wall, %.2fx thread CPU%n", s / o, sc / oc);
        }
        return 0;
    }

    /** One round: {wall, thread CPU} nanoseconds per event. */
    private double[] sinkRound(Ping ping) {
        long start = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < EVENTS; i++) {
            pings.fire(ping);
        }
        return perEvent(start, cpu);
    }

    private double[] observerRound(Pong pong) {
        long start = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < EVENTS; i++) {
            pongs.fire(pong);
        }
        return perEvent(start, cpu);
    }

    private static double[] perEvent(long start, long cpu) {
        return new double[] {(System.nanoTime() - start) / (double) EVENTS,
                (THREADS.getCurrentThreadCpuTime() - cpu) / (double) EVENTS};
    }

    /** The median of one column (0 = wall, 1 = thread CPU) over the rounds. */
    private static double median(double[][] rounds, int column) {
        double[] sorted = Arrays.stream(rounds).mapToDouble(r -> r[column]).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
