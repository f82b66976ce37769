/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Sinks for the reliability tests: a gate that holds every write until released, a sink that
 * always fails, one that fails every event's first attempt, and dead-letter sinks. Their state is
 * static (reset by {@link #reset()}) so that it stays readable after the container stopped.
 */
final class ReliabilityFixtures {

    private ReliabilityFixtures() {
    }

    /** The event type of these tests: no other fixture sink receives it. */
    public record Parcel(String id) {
    }

    /** Resets every fixture's state; call before each test. */
    static void reset() {
        Gated.entered = new CountDownLatch(1);
        Gated.release = new CountDownLatch(1);
        Gated.DELIVERED.clear();
        Flaky.FAILED_ONCE.clear();
        Flaky.DELIVERED.clear();
        DeadLetterSink.LETTERS.clear();
        SecondDeadLetterSink.LETTERS.clear();
        Counting.DELIVERED.clear();
    }

    /**
     * Holds every write until {@link #release} opens; {@link #entered} opens when a write began.
     * An interrupted write fails (as a sink in blocking I/O cut short would).
     */
    @ApplicationScoped
    @EventSink("gated")
    static class Gated implements Sink<Parcel> {
        static volatile CountDownLatch entered = new CountDownLatch(1);
        static volatile CountDownLatch release = new CountDownLatch(1);
        static final List<Parcel> DELIVERED = new CopyOnWriteArrayList<>();

        @Override
        public void write(Parcel event) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("interrupted while held at the gate", e);
            }
            DELIVERED.add(event);
        }

        @Override
        public void close() {
        }
    }

    /** Fails every write. */
    @ApplicationScoped
    @EventSink("broken")
    static class Broken implements Sink<Parcel> {
        @Override
        public void write(Parcel event) {
            throw new SinkException("broken on " + event.id());
        }

        @Override
        public void close() {
        }
    }

    /** Fails the first attempt at every event, then takes it. */
    @ApplicationScoped
    @EventSink("flaky")
    static class Flaky implements Sink<Parcel> {
        static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();
        static final List<Parcel> DELIVERED = new CopyOnWriteArrayList<>();

        @Override
        public void write(Parcel event) {
            if (FAILED_ONCE.add(event.id())) {
                throw new SinkException("first attempt at " + event.id());
            }
            DELIVERED.add(event);
        }

        @Override
        public void close() {
        }
    }

    /** Takes every event, records it; for the concurrency checks. */
    @ApplicationScoped
    @EventSink("counting")
    static class Counting implements Sink<Parcel> {
        static final List<Parcel> DELIVERED = new CopyOnWriteArrayList<>();

        @Override
        public void write(Parcel event) {
            DELIVERED.add(event);
        }

        @Override
        public void close() {
        }
    }

    /** A method sink receiving dead letters: {@code dlq}. */
    @ApplicationScoped
    static class DeadLetterSink {
        static final List<DeadLetter> LETTERS = new CopyOnWriteArrayList<>();

        @EventSink("dlq")
        void store(DeadLetter letter) {
            LETTERS.add(letter);
        }
    }

    /** Another dead-letter sink, {@code dlq2}, for the cycle checks. */
    @ApplicationScoped
    static class SecondDeadLetterSink {
        static final List<DeadLetter> LETTERS = new CopyOnWriteArrayList<>();

        @EventSink("dlq2")
        void store(DeadLetter letter) {
            LETTERS.add(letter);
        }
    }
}
