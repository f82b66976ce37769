/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.ft;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.cdi.config.FtSpec;
import dev.sinkwire.core.ft.CircuitBreakerSink;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.internal.BoundedClose;
import dev.sinkwire.core.Timekeeper;
import dev.sinkwire.core.ft.TimeoutSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The fault tolerance part of one sink's chain, outer to inner:
 * report → retry → circuit breaker → timeout → unwrap → the sink, as its {@link FtSpec} says.
 * With an FT implementation applying the annotations, only the report and unwrap layers are added
 * around the intercepted sink. Stateless; the sinks it builds are safe for concurrent use.
 */
public final class FtLayers {

    private FtLayers() {
    }

    /** Builds the layers around a sink. */
    public static Sink<Object> build(String name, Sink<Object> target, boolean methodTarget, FtSpec ft,
            DropListener drop, ThreadFactory threads, List<String> layerNames, UnaryOperator<Sink<Object>> attempts,
            UnaryOperator<RetryStrategy> retries) {
        boolean retrying = ft.intercepted() ? ft.annotations().containsKey("Retry") : ft.retry() != null;
        Sink<Object> inner = new Layer(target.toString(), target, methodTarget ? FtLayers::unwrap : Sink::write);
        List<String> names = new ArrayList<>();
        names.add("Report");
        if (ft.intercepted()) {
            names.add("FaultTolerance[" + String.join(", ", ft.annotations().keySet().stream().map(a -> "@" + a)
                    .toList()) + " applied by the FT implementation]");
            inner = attempts.apply(inner); // FT's own retries happen inside the interceptor and are not seen
        } else {
            if (ft.timeout() != null) {
                TimeoutSink.Builder<Object> tb = TimeoutSink.builder(inner).timeout(ft.timeout());
                if (threads != null) {
                    tb.threadFactory(threads);
                }
                inner = tb.build();
                names.add(1, "Timeout(" + ft.timeout().toMillis() + "ms)");
            }
            inner = attempts.apply(inner);
            if (ft.breaker() != null) {
                inner = new CircuitBreakerSink<>(inner, ft.breaker());
                names.add(1, "CircuitBreaker[" + ft.breaker() + "]");
            }
            if (retrying) {
                RetryStrategy retry = retries.apply(ft.retry());
                inner = new RetryingSink<>(new Layer(name, inner, Sink::write), retry, drop, Timekeeper.system());
                names.add(1, "RetryingSink[" + retry + "]");
            }
        }
        layerNames.addAll(names);
        DropReason reason = retrying ? DropReason.GAVE_UP : DropReason.FAILED;
        return new Layer(name, inner, (next, event) -> report(name, next, event, drop, reason));
    }

    /**
     * What to close of layers that {@link #build} made: their retrying sink, whose close the shutdown
     * deadline can bound ({@link RetryingSink#close(Duration)}) and which closes what the outer
     * layer would; {@code built} itself when Sinkwire applies no {@code @Retry} there.
     *
     * @param built what {@link #build} returned
     * @return the sink to close
     */
    @SuppressWarnings("unchecked")
    public static Sink<Object> closing(Sink<Object> built) {
        return built instanceof Layer outer && outer.next() instanceof RetryingSink<?> r ? (RetryingSink<Object>) r : built;
    }

    /**
     * Reports an event whose write failed after the FT layers inside gave up (or failed at once
     * with no retry), and returns normally: the event is accounted for, as after a
     * {@code RetryingSink} gives up. {@code SinkClosedException} passes through.
     */
    private static void report(String name, Sink<Object> next, Object event, DropListener drop, DropReason reason) {
        int[] calls = SinkAttemptsInterceptor.start();
        try {
            next.write(event);
        } catch (SinkClosedException e) {
            throw e;
        } catch (Exception e) { // also a method sink's checked exception, rethrown as is by unwrap
            // calls counted inside an FT implementation's interceptors (its retries); 1 when not intercepted
            int attempts = Math.max(1, SinkAttemptsInterceptor.stop(calls));
            DropListener.notify(drop, new DeadLetter(event, name, reason, e, attempts));
        } finally {
            SinkAttemptsInterceptor.stop(calls);
        }
    }

    /**
     * Rethrows a method sink's checked exception as is (the target wraps it in
     * {@link SinkException}), so that {@code retryOn}, {@code abortOn}, {@code failOn} and
     * {@code skipOn} see the exception the method threw, as under an FT implementation.
     */
    private static void unwrap(Sink<Object> next, Object event) {
        try {
            next.write(event);
        } catch (SinkException e) {
            Throwable cause = e.getCause();
            if (e.getClass() == SinkException.class && cause instanceof Exception
                    && !(cause instanceof RuntimeException)) {
                throw FtLayers.<RuntimeException>sneaky(cause);
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * A layer of the FT part: writes through {@code step} to the next layer, closes it, and is
     * named after the sink (so that every report names it). Safe for concurrent use.
     */
    private record Layer(String name, Sink<Object> next, BiConsumer<Sink<Object>, Object> step)
            implements Sink<Object>, BoundedClose {

        @Override
        public void write(Object event) {
            step.accept(next, event);
        }

        @Override
        public void close() {
            next.close();
        }

        /**
         * Closes the next layer within {@code timeout} where it can be bounded: a queue in front
         * closes its destination so at its shutdown deadline, so that a write ignoring the
         * interrupt does not hold the stop ({@link RetryingSink#close(Duration)} reports it).
         */
        @Override
        public boolean close(Duration timeout) {
            if (next instanceof RetryingSink<?> r) {
                return r.close(timeout);
            }
            if (next instanceof BoundedClose b) {
                return b.close(timeout);
            }
            next.close();
            return true;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
