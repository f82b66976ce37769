package dev.sinkwire.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/** Argument checks with messages that name the argument and what is allowed. */
final class Checks {

    private Checks() {
    }

    static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    static Duration notNegative(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
        }
        return value;
    }

    static Duration positive(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** The duration in nanoseconds, saturating at {@link Long#MAX_VALUE} (about 292 years). */
    static long saturatedNanos(Duration value) {
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
     */
    static void awaitUninterruptibly(CountDownLatch latch) {
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

    /** An immutable copy of {@code classes}, each element checked: the array itself never escapes. */
    static java.util.List<Class<? extends Throwable>> throwableClasses(Class<? extends Throwable>[] classes, String name) {
        notNull(classes, name);
        java.util.List<Class<? extends Throwable>> list = new java.util.ArrayList<>(classes.length);
        for (Class<? extends Throwable> c : classes) {
            list.add(notNull(c, name + "[" + list.size() + "]"));
        }
        return java.util.List.copyOf(list);
    }
}
