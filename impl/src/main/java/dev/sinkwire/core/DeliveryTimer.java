/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import java.util.function.LongConsumer;

/**
 * How a {@link SinkMeter} times deliveries ({@link SinkMeter#timeDeliveries}): the clock, where the
 * durations go, and which deliveries to time. Every delivery is timed while they are slow (the last
 * timed one took at least {@link #SLOW_NANOS}); while they are faster, one in {@link #SAMPLE}.
 *
 * <p>The sampling state is written by the delivering thread on every delivery, so it sits between
 * 64 bytes of padding (split across the class hierarchy, as in {@link PaddedRef}): the timers of
 * several sinks are created together, and without it their consumer threads would bounce one cache
 * line.
 *
 * <p>Safe for concurrent use if the recorder is. {@link #due()} and {@link #record} use plain
 * fields that a queue's consumer thread alone writes; several writers racing on them (a chain
 * without a queue) only change which deliveries are timed.
 */
final class DeliveryTimer extends TimerSampling {
    /**
     * A delivery at least this long (50 µs) is slow: then every delivery is timed, the two clock
     * reads and the record costing well under 1 % of it.
     */
    static final long SLOW_NANOS = 50_000;
    /**
     * While deliveries are faster than {@link #SLOW_NANOS}, one in this many is timed: timing each
     * would cost more than the delivery (two clock reads and a histogram record, 100 ns and more,
     * against a few ns for a sink in memory).
     */
    static final int SAMPLE = 1024;

    long p10, p11, p12, p13, p14, p15, p16, p17;

    final Timekeeper clock;
    private final String sink;
    private final LongConsumer recorder;
    /** Set once the recorder failed, so that a broken recorder logs once, not per event. */
    private volatile boolean failed;

    DeliveryTimer(String sink, Timekeeper clock, LongConsumer recorder) {
        this.sink = sink;
        this.clock = clock;
        this.recorder = recorder;
    }

    /**
     * Whether to time the next delivery.
     *
     * @return {@code true} while deliveries are slow, else once in {@link #SAMPLE} calls
     */
    boolean due() {
        if (++skipped >= SAMPLE) {
            skipped = 0;
            return true;
        }
        return false;
    }

    /** The delivery {@link #due()} chose failed: it is not timed, so the next one is. */
    void failed() {
        skipped = SAMPLE - 1;
    }

    /**
     * Hands a timed delivery's duration to the recorder; a recorder that throws (anything but a
     * {@link VirtualMachineError}) is logged once.
     *
     * @param nanos the duration
     */
    void record(long nanos) {
        if (nanos >= SLOW_NANOS) {
            skipped = SAMPLE - 1; // slow: time the next one too
        }
        try {
            recorder.accept(nanos);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) { // any other Error included (a metrics class missing at run time)
            // the event is delivered and counted: a metrics failure must not make it a failed
            // attempt, nor, behind a queue, a FAILED report of an event that was delivered
            if (!failed) {
                failed = true;
                System.getLogger(SinkMeter.class.getName()).log(System.Logger.Level.WARNING, "sink '" + sink
                        + "': recording a delivery duration failed (logged once; deliveries go on)", e);
            }
        }
    }
}

/**
 * The sampling state of a {@link DeliveryTimer}, written per delivery: a {@code long}, so that the
 * JVM cannot place it in the 4-byte gap after the object header, before the padding.
 */
abstract class TimerSampling extends TimerPadBefore {
    /**
     * Deliveries not timed since the last timed one; set to {@code SAMPLE - 1} after a slow one (and
     * at first), so that the next one is timed.
     */
    long skipped = DeliveryTimer.SAMPLE - 1;
}

/** Padding before the sampling state; see {@link DeliveryTimer}. */
abstract class TimerPadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}
