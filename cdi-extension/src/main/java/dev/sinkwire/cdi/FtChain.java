package dev.sinkwire.cdi;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.Timekeeper;
import dev.sinkwire.core.ft.Backoff;
import dev.sinkwire.core.ft.CircuitBreaker;
import dev.sinkwire.core.ft.CircuitBreakerOpenException;
import dev.sinkwire.core.ft.CircuitBreakerSink;
import dev.sinkwire.core.ft.RetryPolicy;
import dev.sinkwire.core.ft.SinkTimeoutException;
import dev.sinkwire.core.ft.TimeoutSink;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.UnaryOperator;

/**
 * The fault tolerance part of one sink's chain, outer to inner:
 * report → retry → circuit breaker → timeout → unwrap → the sink. Built from FT annotations
 * (when no FT implementation is active) or from the FT-style Sinkwire keys; with an FT
 * implementation active, only the report and unwrap layers are added around the intercepted sink.
 * Stateless; the sinks it builds are safe for concurrent use.
 */
final class FtChain {

    private FtChain() {
    }

    /**
     * The FT layers of a sink. Immutable.
     *
     * @param retry the retry policy, or {@code null}
     * @param breaker the circuit breaker, or {@code null}
     * @param timeout the timeout, or {@code null}
     * @param origin where the layers come from, for the startup log
     */
    record Layers(RetryPolicy retry, CircuitBreaker breaker, Duration timeout, String origin) {

        /** @return whether there is any layer */
        boolean any() {
            return retry != null || breaker != null || timeout != null;
        }
    }

    /**
     * Maps FT annotations onto core strategies, with MP FT's validation: every invalid member is
     * reported naming the sink, the annotation and the member.
     *
     * @param binding the sink
     * @param found the annotations in effect ({@link FtAnnotations#read})
     * @param problems where invalid values are reported
     * @return the layers
     */
    static Layers fromAnnotations(SinkBinding binding, Map<String, FtAnnotations.Found> found, List<String> problems) {
        String sink = "sink '" + binding.name() + "' (" + binding.description() + "): ";
        Checker c = new Checker(sink, problems);
        RetryPolicy retry = null;
        FtAnnotations.Found r = found.get(FtAnnotations.RETRY);
        FtAnnotations.Found exp = found.get(FtAnnotations.EXPONENTIAL_BACKOFF);
        FtAnnotations.Found fib = found.get(FtAnnotations.FIBONACCI_BACKOFF);
        if (r == null && (exp != null || fib != null)) {
            problems.add(sink + "@" + (exp != null ? exp : fib).name() + " on " + (exp != null ? exp : fib).where()
                    + " needs @Retry; allowed: @ExponentialBackoff or @FibonacciBackoff together with @Retry");
        }
        if (exp != null && fib != null) {
            problems.add(sink + "both @ExponentialBackoff and @FibonacciBackoff are present; allowed: at most one"
                    + " backoff annotation");
        }
        if (r != null) {
            int maxRetries = (Integer) r.members().get("maxRetries");
            c.check(r, "maxRetries", maxRetries >= -1, "-1 (unlimited) or 0 or more");
            Duration delay = c.duration(r, "delay", "delayUnit");
            Duration maxDuration = c.duration(r, "maxDuration", "durationUnit");
            Duration jitter = c.duration(r, "jitter", "jitterDelayUnit");
            if (delay != null && maxDuration != null && !maxDuration.isZero() && maxDuration.compareTo(delay) <= 0) {
                problems.add(sink + "invalid " + r.show("maxDuration") + " with " + r.show("delay") + " on "
                        + r.where() + "; allowed: maxDuration more than delay, or 0 for no limit");
                maxDuration = null;
            }
            Backoff backoff = Backoff.constant();
            if (exp != null && fib == null) {
                int factor = (Integer) exp.members().get("factor");
                c.check(exp, "factor", factor >= 1, "1 or more");
                Duration maxDelay = c.duration(exp, "maxDelay", "maxDelayUnit");
                backoff = factor >= 1 && maxDelay != null ? Backoff.exponential(factor, maxDelay) : null;
            } else if (fib != null && exp == null) {
                Duration maxDelay = c.duration(fib, "maxDelay", "maxDelayUnit");
                backoff = maxDelay != null ? Backoff.fibonacci(maxDelay) : null;
            }
            if (maxRetries >= -1 && delay != null && maxDuration != null && jitter != null && backoff != null) {
                try {
                    retry = RetryPolicy.builder().maxRetries(maxRetries).delay(delay).maxDuration(maxDuration)
                            .jitter(jitter).backoff(backoff)
                            .retryOn(throwables(r, "retryOn")).abortOn(throwables(r, "abortOn")).build();
                } catch (IllegalArgumentException e) {
                    problems.add(sink + "invalid @Retry" + (backoff instanceof Backoff.Constant ? "" : " with @"
                            + (exp != null ? exp.name() : fib.name())) + " on " + r.where() + ": " + e.getMessage());
                }
            }
        }
        CircuitBreaker breaker = null;
        FtAnnotations.Found b = found.get(FtAnnotations.CIRCUIT_BREAKER);
        if (b != null) {
            int volume = (Integer) b.members().get("requestVolumeThreshold");
            double ratio = (Double) b.members().get("failureRatio");
            int success = (Integer) b.members().get("successThreshold");
            boolean ok = c.check(b, "requestVolumeThreshold", volume >= 1, "1 or more");
            ok &= c.check(b, "failureRatio", ratio >= 0 && ratio <= 1, "a number from 0 to 1");
            ok &= c.check(b, "successThreshold", success >= 1, "1 or more");
            Duration delay = c.duration(b, "delay", "delayUnit");
            if (ok && delay != null) {
                breaker = CircuitBreaker.builder().requestVolumeThreshold(volume).failureRatio(ratio).delay(delay)
                        .successThreshold(success).failOn(throwables(b, "failOn")).skipOn(throwables(b, "skipOn"))
                        .build();
            }
        }
        Duration timeout = null;
        FtAnnotations.Found t = found.get(FtAnnotations.TIMEOUT);
        if (t != null) {
            Duration d = c.duration(t, "value", "unit");
            timeout = d == null || d.isZero() ? null : d; // MP FT: @Timeout(0) means no timeout
        }
        return new Layers(retry, breaker, timeout, "FT annotations");
    }

    /**
     * The exception classes of an annotation member, with Sinkwire's counterparts of the MP FT
     * exceptions added ({@code TimeoutException} → {@link SinkTimeoutException},
     * {@code CircuitBreakerOpenException} → {@link CircuitBreakerOpenException},
     * {@code FaultToleranceException} → both), since without an FT implementation the layers
     * throw Sinkwire's.
     */
    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable>[] throwables(FtAnnotations.Found a, String member) {
        Set<Class<? extends Throwable>> out = new LinkedHashSet<>();
        for (Class<?> cls : (Class<?>[]) a.members().get(member)) {
            if (!Throwable.class.isAssignableFrom(cls)) {
                continue;
            }
            out.add((Class<? extends Throwable>) cls);
            String n = cls.getName();
            String ex = FtMode.FT_PACKAGE + "exceptions.";
            if (n.equals(ex + "TimeoutException") || n.equals(ex + "FaultToleranceException")) {
                out.add(SinkTimeoutException.class);
            }
            if (n.equals(ex + "CircuitBreakerOpenException") || n.equals(ex + "FaultToleranceException")) {
                out.add(CircuitBreakerOpenException.class);
            }
        }
        Class<? extends Throwable>[] array = (Class<? extends Throwable>[]) java.lang.reflect.Array.newInstance(
                Class.class, out.size());
        return out.toArray(array);
    }

    /** Checks annotation members, reporting each invalid one. */
    private record Checker(String sink, List<String> problems) {

        boolean check(FtAnnotations.Found a, String member, boolean valid, String allowed) {
            if (!valid) {
                problems.add(sink + "invalid " + a.show(member) + " on " + a.where() + "; allowed: " + allowed);
            }
            return valid;
        }

        Duration duration(FtAnnotations.Found a, String member, String unitMember) {
            long value = ((Number) a.members().get(member)).longValue();
            ChronoUnit unit = (ChronoUnit) a.members().get(unitMember);
            if (!check(a, member, value >= 0, "0 or more")) {
                return null;
            }
            try {
                return Duration.of(value, unit);
            } catch (RuntimeException e) {
                problems.add(sink + "invalid " + a.show(member) + " with " + a.show(unitMember) + " on " + a.where()
                        + "; allowed: a duration Java can represent exactly (units up to DAYS): " + e.getMessage());
                return null;
            }
        }
    }

    /**
     * Builds the layers around a sink.
     *
     * @param name the sink's name
     * @param target the sink
     * @param layers what to build; {@code retry} may be replaced by {@code strategy}
     * @param strategy a go-events strategy from {@code retry.strategy}, or {@code null}
     * @param drop where given-up and failed events are reported
     * @param threads the container's thread factory for timeouts, or {@code null}
     * @param layerNames receives the layers' descriptions, outer to inner
     * @param attempts wraps the layer that makes one attempt (the timeout, else the target) to count
     *     delivered events and failed attempts: above the timeout, so that an attempt that timed out
     *     counts as failed and its late completion, if any, is not counted as delivered as well
     * @param retries wraps the FT retry policy to count retries ({@code strategy} comes counted)
     * @return the outermost layer
     */
    static Sink<Object> build(String name, Sink<Object> target, Layers layers, dev.sinkwire.RetryStrategy strategy,
            DropListener drop, ThreadFactory threads, List<String> layerNames, UnaryOperator<Sink<Object>> attempts,
            UnaryOperator<dev.sinkwire.RetryStrategy> retries) {
        List<String> names = new ArrayList<>();
        Sink<Object> inner = new Unwrap(target);
        if (layers.timeout() != null) {
            TimeoutSink.Builder<Object> tb = TimeoutSink.builder(inner).timeout(layers.timeout());
            if (threads != null) {
                tb.threadFactory(threads);
            }
            inner = tb.build();
            names.add(0, "Timeout(" + layers.timeout().toMillis() + "ms)");
        }
        inner = attempts.apply(inner);
        if (layers.breaker() != null) {
            inner = new CircuitBreakerSink<>(inner, layers.breaker());
            names.add(0, "CircuitBreaker[" + layers.breaker() + "]");
        }
        dev.sinkwire.RetryStrategy retry = layers.retry() != null ? retries.apply(layers.retry()) : strategy;
        boolean retrying = retry != null;
        if (retrying) {
            inner = new RetryingSink<>(new Named<>(name, inner), retry, drop, Timekeeper.system());
            names.add(0, "RetryingSink[" + retry + "]");
        }
        inner = new Report(name, inner, drop, retrying ? DropReason.GAVE_UP : DropReason.FAILED);
        names.add(0, "Report");
        layerNames.addAll(names);
        return inner;
    }

    /**
     * Wraps a sink whose FT annotations an FT implementation applies: failures that surface after
     * the implementation gave up are reported, and a method sink's checked exception is unwrapped.
     *
     * @param name the sink's name
     * @param target the sink (invoked through its contextual reference, so intercepted)
     * @param found the annotations in effect
     * @param drop where failures are reported
     * @param layerNames receives the layers' descriptions
     * @param attempts wraps the target to count delivered events and failed attempts (FT's own
     *     retries happen inside the interceptor and are not seen)
     * @return the outermost layer
     */
    static Sink<Object> intercepted(String name, Sink<Object> target, Map<String, FtAnnotations.Found> found,
            DropListener drop, List<String> layerNames, UnaryOperator<Sink<Object>> attempts) {
        boolean retry = found.containsKey(FtAnnotations.RETRY);
        layerNames.add("Report");
        layerNames.add("FaultTolerance[" + String.join(", ", found.keySet().stream().map(a -> "@" + a).toList())
                + " applied by the FT implementation]");
        return new Report(name, attempts.apply(new Unwrap(target)), drop,
                retry ? DropReason.GAVE_UP : DropReason.FAILED);
    }

    /** Gives the retrying sink's reports the sink's name. Safe for concurrent use. */
    private static final class Named<E> implements Sink<E> {
        private final String name;
        private final Sink<E> sink;

        Named(String name, Sink<E> sink) {
            this.name = name;
            this.sink = sink;
        }

        @Override
        public void write(E event) {
            sink.write(event);
        }

        @Override
        public void close() {
            sink.close();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Reports an event whose write failed after the FT layers inside gave up (or failed at once
     * with no retry), and returns normally: the event is accounted for, as after a
     * {@code RetryingSink} gives up. {@code SinkClosedException} passes through. Safe for
     * concurrent use.
     */
    static final class Report implements Sink<Object> {
        private final String name;
        private final Sink<Object> sink;
        private final DropListener drop;
        private final DropReason reason;

        /**
         * Creates the layer.
         *
         * @param name the sink's name, for reports
         * @param sink the next layer
         * @param drop where failures are reported
         * @param reason the reason reported ({@code GAVE_UP} behind a retry, else {@code FAILED})
         */
        Report(String name, Sink<Object> sink, DropListener drop, DropReason reason) {
            this.name = name;
            this.sink = sink;
            this.drop = drop;
            this.reason = reason;
        }

        @Override
        public void write(Object event) {
            int[] calls = FtAttempts.start();
            try {
                sink.write(event);
            } catch (SinkClosedException e) {
                throw e;
            } catch (Exception e) { // also a method sink's checked exception, rethrown as is by Unwrap
                // calls counted inside an FT implementation's interceptors (its retries); 1 when not intercepted
                int attempts = Math.max(1, FtAttempts.stop(calls));
                DropListener.notify(drop, new DeadLetter(event, name, reason, e, attempts));
            } finally {
                FtAttempts.stop(calls);
            }
        }

        @Override
        public void close() {
            sink.close();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Rethrows a method sink's checked exception as is (the target wraps it in
     * {@link SinkException}), so that {@code retryOn}, {@code abortOn}, {@code failOn} and
     * {@code skipOn} see the exception the method threw, as under an FT implementation. Safe
     * for concurrent use.
     */
    static final class Unwrap implements Sink<Object> {
        private final Sink<Object> sink;

        /**
         * Creates the layer.
         *
         * @param sink the sink's target
         */
        Unwrap(Sink<Object> sink) {
            this.sink = sink;
        }

        @Override
        public void write(Object event) {
            try {
                sink.write(event);
            } catch (SinkException e) {
                Throwable cause = e.getCause();
                if (e.getClass() == SinkException.class && sink instanceof TargetSink.MethodTarget
                        && cause instanceof Exception && !(cause instanceof RuntimeException)) {
                    throw FtChain.<RuntimeException>sneaky(cause);
                }
                throw e;
            }
        }

        @Override
        public void close() {
            sink.close();
        }

        @Override
        public String toString() {
            return sink.toString();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
