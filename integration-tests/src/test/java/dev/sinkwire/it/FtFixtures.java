/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.FibonacciBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Sinks carrying MicroProfile Fault Tolerance annotations, and the script that makes them fail. */
final class FtFixtures {

    private FtFixtures() {
    }

    /** The event every FT sink takes. */
    public record Job(String id) {
    }

    /** What each sink does when called, and how often it was called. Safe for concurrent use. */
    @ApplicationScoped
    public static class Script {
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private final Map<String, Integer> failures = new ConcurrentHashMap<>();
        private final Map<String, Boolean> checked = new ConcurrentHashMap<>();
        private final Map<String, RuntimeException> errors = new ConcurrentHashMap<>();
        private final Map<String, List<Object>> delivered = new ConcurrentHashMap<>();
        private final CountDownLatch gate = new CountDownLatch(1);

        /** The sink fails its first {@code n} calls ({@code Integer.MAX_VALUE}: always). */
        public void fail(String sink, int n) {
            failures.put(sink, n);
        }

        /** The sink fails with this exception instead of {@code IllegalStateException}. */
        public void failWith(String sink, RuntimeException e) {
            errors.put(sink, e);
        }

        /** The sink fails with a checked {@code IOException}. */
        public void failChecked(String sink) {
            checked.put(sink, true);
        }

        public int calls(String sink) {
            AtomicInteger n = calls.get(sink);
            return n == null ? 0 : n.get();
        }

        /** What the sink received, in order. */
        public List<Object> delivered(String sink) {
            return delivered.computeIfAbsent(sink, k -> new CopyOnWriteArrayList<>());
        }

        /** Lets blocked calls finish. */
        public void open() {
            gate.countDown();
        }

        void call(String sink, Object event) {
            int n = calls.computeIfAbsent(sink, k -> new AtomicInteger()).incrementAndGet();
            if (n <= failures.getOrDefault(sink, 0)) {
                RuntimeException e = errors.get(sink);
                throw e != null ? e : new IllegalStateException(sink + " failed call " + n);
            }
            delivered(sink).add(event);
        }

        /** Like {@link #call}, but fails with an {@link AssertionError}: an {@code Error}, not an exception. */
        void callFailingWithError(String sink, Object event) {
            int n = calls.computeIfAbsent(sink, k -> new AtomicInteger()).incrementAndGet();
            if (n <= failures.getOrDefault(sink, 0)) {
                throw new AssertionError(sink + " failed call " + n);
            }
            delivered(sink).add(event);
        }

        void callChecked(String sink, Object event) throws IOException {
            int n = calls.computeIfAbsent(sink, k -> new AtomicInteger()).incrementAndGet();
            if (n <= failures.getOrDefault(sink, 0)) {
                RuntimeException e = errors.get(sink);
                if (e != null) {
                    throw e;
                }
                throw new IOException(sink + " failed call " + n);
            }
            delivered(sink).add(event);
        }

        private final Map<String, Boolean> interrupted = new ConcurrentHashMap<>();

        /** Whether the sink's thread was interrupted while it waited (a timeout fired). */
        public boolean interrupted(String sink) {
            return interrupted.getOrDefault(sink, false);
        }

        /**
         * Waits for the gate like a receiver stuck in blocking I/O: an interrupt is noted and
         * ignored (the flag restored on return), and the event is delivered once the gate opens.
         */
        void blockIgnoringInterrupts(String sink, Object event) {
            calls.computeIfAbsent(sink, k -> new AtomicInteger()).incrementAndGet();
            boolean wasInterrupted = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gate.getCount() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(sink + ": the test never opened the gate");
                }
                try {
                    gate.await(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    wasInterrupted = true;
                    interrupted.put(sink, true);
                }
            }
            delivered(sink).add(event);
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }

        void block(String sink, Object event) {
            calls.computeIfAbsent(sink, k -> new AtomicInteger()).incrementAndGet();
            try {
                if (!gate.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(sink + ": the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(sink + " interrupted", e);
            }
            delivered(sink).add(event);
        }
    }

    /** A method sink with {@code @Retry} on the method. */
    @ApplicationScoped
    public static class RetryingMethod {
        @Inject
        Script script;

        @EventSink("retry-m")
        @Retry(maxRetries = 3, jitter = 0)
        void deliver(Job job) {
            script.call("retry-m", job);
        }
    }

    /** A class sink with {@code @Retry} on the class. */
    @ApplicationScoped
    @EventSink("retry-c")
    @Retry(maxRetries = 2, jitter = 0)
    public static class RetryingClass implements Sink<Job> {
        @Inject
        Script script;

        @Override
        public void write(Job job) {
            script.call("retry-c", job);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** A class sink with {@code @Retry} on the class and a method-level {@code @Retry} that wins. */
    @ApplicationScoped
    @EventSink("retry-both")
    @Retry(maxRetries = 5, jitter = 0)
    public static class RetryingBoth implements Sink<Job> {
        @Inject
        Script script;

        @Override
        @Retry(maxRetries = 1, jitter = 0)
        public void write(Job job) {
            script.call("retry-both", job);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** Declares an FT-annotated {@code write} that a class sink inherits (MP FT keys name this class). */
    public abstract static class RetryingBase implements Sink<Job> {
        @Inject
        Script script;

        @Override
        @Retry(maxRetries = 3, jitter = 0)
        public void write(Job job) {
            script.call("retry-inherited", job);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** A class sink whose {@code @Retry}-annotated {@code write} is declared by its superclass. */
    @ApplicationScoped
    @EventSink("retry-inherited")
    public static class RetryingInherited extends RetryingBase {
    }

    /** Declares a plain {@code write} that an FT-annotated class sink inherits. */
    public abstract static class PlainBase implements Sink<Job> {
        @Inject
        Script script;

        @Override
        public void write(Job job) {
            script.call("retry-over-base", job);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** A class sink with {@code @Retry} on the class and a {@code write} declared by its superclass. */
    @ApplicationScoped
    @EventSink("retry-over-base")
    @Retry(maxRetries = 3, jitter = 0)
    public static class RetryingOverBase extends PlainBase {
    }

    /** {@code abortOn} wins over {@code retryOn}; a checked exception is retried when listed. */
    @ApplicationScoped
    public static class Selective {
        @Inject
        Script script;

        @EventSink("abort")
        @Retry(maxRetries = 5, jitter = 0, retryOn = RuntimeException.class, abortOn = IllegalArgumentException.class)
        void abort(Job job) {
            script.call("abort", job);
        }

        @EventSink("retry-on")
        @Retry(maxRetries = 5, jitter = 0, retryOn = IOException.class)
        void retryOn(Job job) throws IOException {
            script.callChecked("retry-on", job);
        }
    }

    /** {@code retryOn} naming an {@code Error}: MP FT retries it (the default {@code Exception} would not). */
    @ApplicationScoped
    public static class RetryingOnError {
        @Inject
        Script script;

        @EventSink("retry-error")
        @Retry(maxRetries = 5, jitter = 0, retryOn = AssertionError.class)
        void deliver(Job job) {
            script.callFailingWithError("retry-error", job);
        }
    }

    /** A breaker: two failures in a window of two open it for 100 ms. */
    @ApplicationScoped
    public static class Breaking {
        @Inject
        Script script;

        @EventSink("breaker")
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 100, successThreshold = 1)
        void deliver(Job job) {
            script.call("breaker", job);
        }
    }

    /** Breakers with failOn / skipOn, and one needing two successful trials to close. */
    @ApplicationScoped
    public static class Selecting {
        @Inject
        Script script;

        @EventSink("skip-on")
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES,
                skipOn = IllegalArgumentException.class)
        void skipOn(Job job) {
            script.call("skip-on", job);
        }

        @EventSink("fail-on")
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.MINUTES,
                failOn = IllegalStateException.class)
        void failOn(Job job) {
            script.call("fail-on", job);
        }

        // SmallRye's breaker runs on the real clock: the test checks "open again" only when its two
        // fire() calls came within this delay.
        @EventSink("two-trials")
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 3, delayUnit = ChronoUnit.SECONDS,
                successThreshold = 2)
        void twoTrials(Job job) {
            script.call("two-trials", job);
        }
    }

    /** A timeout of 50 ms. */
    @ApplicationScoped
    public static class TimingOut {
        @Inject
        Script script;

        @EventSink("timeout")
        @Timeout(value = 50, unit = ChronoUnit.MILLIS)
        void deliver(Job job) {
            script.block("timeout", job);
        }
    }

    /** Times out after 50 ms, but its write ignores the interrupt and finishes once the gate opens. */
    @ApplicationScoped
    public static class TimingOutLate {
        @Inject
        Script script;

        @EventSink("late")
        @Timeout(value = 50, unit = ChronoUnit.MILLIS)
        void deliver(Job job) {
            script.blockIgnoringInterrupts("late", job);
        }
    }

    /** Retries with SmallRye's backoff annotations. */
    @ApplicationScoped
    public static class BackingOff {
        @Inject
        Script script;

        @EventSink("exponential")
        @Retry(maxRetries = 3, delay = 1, jitter = 0)
        @ExponentialBackoff(factor = 2, maxDelay = 8)
        void exponential(Job job) {
            script.call("exponential", job);
        }

        @EventSink("fibonacci")
        @Retry(maxRetries = 4, delay = 1, jitter = 0)
        @FibonacciBackoff(maxDelay = 8)
        void fibonacci(Job job) {
            script.call("fibonacci", job);
        }

        @EventSink("max-duration")
        @Retry(maxRetries = -1, delay = 10, jitter = 0, maxDuration = 100)
        void maxDuration(Job job) {
            script.call("max-duration", job);
        }
    }

    /** A static method sink: interceptors never apply to it, so Sinkwire applies its annotation in both modes. */
    @ApplicationScoped
    public static class StaticRetry {
        static final AtomicInteger CALLS = new AtomicInteger();

        @EventSink("static-retry")
        @Retry(maxRetries = 2, jitter = 0)
        static void deliver(Job job) {
            CALLS.incrementAndGet();
            throw new IllegalStateException("static sink fails");
        }
    }

    /** Invalid annotation values, one per class (each fails deployment). */
    static final class Invalid {
        private Invalid() {
        }

        @ApplicationScoped
        public static class MaxRetries {
            @EventSink("bad")
            @Retry(maxRetries = -2)
            void deliver(Job job) {
            }
        }

        @ApplicationScoped
        public static class RetryDelay {
            @EventSink("bad")
            @Retry(delay = -1)
            void deliver(Job job) {
            }
        }

        @ApplicationScoped
        public static class Jitter {
            @EventSink("bad")
            @Retry(jitter = -1)
            void deliver(Job job) {
            }
        }

        @ApplicationScoped
        public static class MaxDuration {
            @EventSink("bad")
            @Retry(maxDuration = -5)
            void deliver(Job job) {
            }
        }

        @ApplicationScoped
        public static class FailureRatio {
            @EventSink("bad")
            @CircuitBreaker(failureRatio = 1.5)
            void deliver(Job job) {
            }
        }

        @ApplicationScoped
        public static class RequestVolume {
            @EventSink("bad")
            @CircuitBreaker(requestVolumeThreshold = 0)
            void deliver(Job job) {
            }
        }

        @ApplicationScoped
        public static class SuccessThreshold {
            @EventSink("bad")
            @CircuitBreaker(successThreshold = 0)
            void deliver(Job job) {
            }
        }

        @ApplicationScoped
        public static class BreakerDelay {
            @EventSink("bad")
            @CircuitBreaker(delay = -1)
            void deliver(Job job) {
            }
        }

        @ApplicationScoped
        public static class TimeoutValue {
            @EventSink("bad")
            @Timeout(-1)
            void deliver(Job job) {
            }
        }
    }
}
