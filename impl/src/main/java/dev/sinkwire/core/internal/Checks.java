/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.internal;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.SinkClosedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * Argument checks with messages that name the argument and what is allowed, shared by
 * {@code dev.sinkwire.core} and {@code dev.sinkwire.core.ft}.
 *
 * <p>Internal. The class is public only so that both packages reach one copy; the module exports
 * {@code dev.sinkwire.core.internal} only to Sinkwire's own modules, and on the class path it is
 * not API and may change in any release. Stateless; safe for concurrent use.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Rejects {@code null}.
     *
     * @param value the argument
     * @param name its name, for the message
     * @param <T> its type
     * @return {@code value}
     * @throws NullPointerException "{@code name} must not be null"
     */
    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    /**
     * The two checks at the top of a sink's {@code write}: the event is not {@code null}, and the
     * sink is not closed. Allocates nothing unless it throws.
     *
     * @param event the event written
     * @param closed whether the sink is closed
     * @param sink what the sink is called in the message, such as {@code "filter"}
     * @throws NullPointerException "event must not be null"
     * @throws SinkClosedException "{@code sink} is closed"
     */
    public static void writable(Object event, boolean closed, String sink) {
        if (event == null) {
            throw new NullPointerException("event must not be null");
        }
        if (closed) {
            throw new SinkClosedException(sink + " is closed");
        }
    }

    /**
     * Rejects {@code null} and blank strings.
     *
     * @param value the argument
     * @param name its name, for the message
     * @return {@code value}
     * @throws NullPointerException "{@code name} must not be null"
     * @throws IllegalArgumentException "{@code name} must not be blank"
     */
    public static String notBlank(String value, String name) {
        if (notNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /**
     * Rejects numbers below {@code min}.
     *
     * @param min the smallest allowed, 0 or more
     * @param value the argument
     * @param name its name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException "{@code name} must be zero or positive, was {@code value}"
     *     when {@code min} is 0, otherwise "{@code name} must be {@code min} or more, was {@code value}"
     */
    public static int atLeast(int min, int value, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + (min == 0 ? " must be zero or positive" : " must be " + min + " or more")
                    + ", was " + value);
        }
        return value;
    }

    /**
     * Rejects {@code null} and negative durations.
     *
     * @param value the argument
     * @param name its name, for the message
     * @return {@code value}
     * @throws NullPointerException if {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public static Duration notNegative(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
        }
        return value;
    }

    /**
     * Rejects {@code null}, zero and negative durations.
     *
     * @param value the argument
     * @param name its name, for the message
     * @return {@code value}
     * @throws NullPointerException if {@code value} is {@code null}
     * @throws IllegalArgumentException if {@code value} is zero or negative
     */
    public static Duration positive(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /**
     * The duration in nanoseconds, saturating at {@link Long#MAX_VALUE} (about 292 years).
     *
     * @param value the duration
     * @return its nanoseconds, saturated
     */
    public static long saturatedNanos(Duration value) {
        try {
            return value.toNanos();
        } catch (ArithmeticException tooLong) {
            return value.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /**
     * Waits for {@code latch} however long it takes, then restores the interrupt flag if the
     * thread was interrupted meanwhile. For a second {@code close}, which has no way to report an
     * interruption and must not return before the first one is done.
     *
     * @param latch the latch to wait for
     */
    public static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An immutable copy of {@code classes}, each element checked: the array itself never escapes.
     *
     * @param classes the exception classes
     * @param name the argument's name, for the message
     * @return an unmodifiable list
     * @throws NullPointerException if the array or an element is {@code null}
     */
    public static List<Class<? extends Throwable>> throwableClasses(Class<? extends Throwable>[] classes, String name) {
        notNull(classes, name);
        List<Class<? extends Throwable>> list = new ArrayList<>(classes.length);
        for (Class<? extends Throwable> c : classes) {
            list.add(notNull(c, name + "[" + list.size() + "]"));
        }
        return List.copyOf(list);
    }

    /**
     * The strategy {@code strategy} hands one write, checked: {@link RetryStrategy#forWrite} must
     * not answer {@code null}.
     *
     * @param strategy the shared strategy
     * @param event the event about to be written
     * @return the write's strategy
     * @throws NullPointerException naming the strategy, if it answered {@code null}
     */
    public static RetryStrategy forWrite(RetryStrategy strategy, Object event) {
        RetryStrategy write = strategy.forWrite(event);
        if (write == null) {
            throw new NullPointerException("RetryStrategy.forWrite returned null: " + Describe.of(strategy));
        }
        return write;
    }

    /**
     * A field's {@link VarHandle}, for a static initializer: a field that is not there is a bug in
     * the class itself.
     *
     * @param lookup the declaring class's lookup ({@code MethodHandles.lookup()} there, which may
     *     reach its private fields)
     * @param declaring the class declaring the field
     * @param name the field's name
     * @param type the field's type
     * @return the handle
     * @throws ExceptionInInitializerError if there is no such field
     */
    public static VarHandle varHandle(MethodHandles.Lookup lookup, Class<?> declaring, String name, Class<?> type) {
        try {
            return lookup.findVarHandle(declaring, name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
