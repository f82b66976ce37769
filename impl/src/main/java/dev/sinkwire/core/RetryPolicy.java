package dev.sinkwire.core;

import dev.sinkwire.RetryStrategy;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * A retry strategy with MicroProfile Fault Tolerance {@code @Retry} semantics: a bounded number of
 * retries and a bounded total time per event, a delay with jitter, a growing {@link Backoff}, and
 * exception classes to retry on and to abort on. When it gives up, the {@link RetryingSink} hands
 * the event to its {@link dev.sinkwire.DropListener} with reason
 * {@link dev.sinkwire.DropReason#GAVE_UP}, the last error and the attempt count.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *         .maxRetries(5)
 *         .delay(Duration.ofMillis(100))
 *         .jitter(Duration.ofMillis(50))
 *         .maxDuration(Duration.ofSeconds(30))
 *         .backoff(Backoff.exponential(2, Duration.ofSeconds(5)))
 *         .abortOn(IllegalArgumentException.class)
 *         .build();
 * Sink<Order> sink = new RetryingSink<>(webhook, policy);
 * }</pre>
 *
 * <p>Decisions, for each failed attempt of one event, in this order (MP FT's rules):
 * <ol>
 *   <li>an error assignable to a class in {@code abortOn} drops the event at once;</li>
 *   <li>otherwise an error not assignable to a class in {@code retryOn} drops the event at once;</li>
 *   <li>otherwise, when {@code maxRetries} retries have been made already, the event is dropped;</li>
 *   <li>otherwise the next delay is computed: {@code backoff} applied to {@code delay}, plus a
 *       uniform random jitter in {@code [-jitter, +jitter]}, clamped to {@code [0, maxDelay]}
 *       (SmallRye's order: a delay that has grown past {@code maxDelay} stays at it, jitter or
 *       not);
 *       when waiting it would reach {@code maxDuration} counted from the start of the first
 *       attempt, the event is dropped now rather than after a pointless wait;</li>
 *   <li>otherwise the event is retried after that delay.</li>
 * </ol>
 * A success forgets the event. So with the defaults an event is attempted at most 4 times (1 + 3
 * retries), for at most 3 minutes.
 *
 * <p>State per write. The retry count and start time belong to one write of one event, not to the
 * strategy: every writer of a shared policy gets its own count. The state is keyed by the writing
 * thread and the event's identity ({@code ==}, never {@code equals}), which is exact because a
 * {@link RetryingSink} makes all attempts of one write on the writer's thread. Cost: a write that
 * succeeds at once only notes its start in a thread-local slot (a few tens of nanoseconds); a
 * write that fails gets an entry in a {@link ConcurrentHashMap} (keyed by a
 * {@link WeakReference} to the event) until it succeeds or is dropped. A write that ends any
 * other way (the sink is closed, the writer is interrupted, the wrapped sink throws an
 * {@link Error}) leaves its entry behind; the entry holds the event only weakly, is reset if the
 * same thread writes the same event again, and is purged once the event is garbage collected, so
 * nothing leaks for longer than the event lives. The thread-local slot holds at most one event per
 * thread, until that thread's next write. A write nested inside another write on the same thread
 * and policy may measure the outer write's {@code maxDuration} from its first failure instead of
 * its first attempt.
 *
 * <p>Where it differs from MP FT: an event that is not retried (abortOn, or not in retryOn) is
 * reported to the drop listener by the retrying sink instead of being thrown to the writer, so
 * that nothing is lost silently; and {@link RetryingSink} passes an {@link Error} through
 * without consulting any strategy, so {@code retryOn} can widen retries to exceptions but not to
 * errors. Exceptions are matched as thrown: a sink that wraps its cause in a
 * {@link dev.sinkwire.SinkException} is matched as a {@code SinkException}.
 *
 * <p>Immutable configuration, built by {@link #builder()} with every argument checked eagerly.
 * Safe for concurrent use: one policy may be shared by every writer of any number of retrying
 * sinks.
 */
public final class RetryPolicy implements RetryStrategy {

    /** MP FT's default {@code maxRetries}: 3. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** {@code maxRetries} meaning no limit on the number of retries: -1. */
    public static final int UNLIMITED_RETRIES = -1;
    /** MP FT's default {@code delay}: zero. */
    public static final Duration DEFAULT_DELAY = Duration.ZERO;
    /** MP FT's default {@code maxDuration}: 180000 ms (3 minutes). */
    public static final Duration DEFAULT_MAX_DURATION = Duration.ofMillis(180_000);
    /** MP FT's default {@code jitter}: 200 ms. */
    public static final Duration DEFAULT_JITTER = Duration.ofMillis(200);

    private final int maxRetries;
    private final Duration delay;
    private final Duration jitter;
    private final Duration maxDuration;
    private final List<Class<? extends Throwable>> retryOn;
    private final List<Class<? extends Throwable>> abortOn;
    private final Backoff backoff;
    private final Timekeeper timekeeper;
    private final RandomGenerator random;

    private final long delayNanos;
    private final long jitterNanos;
    private final long maxDurationNanos; // Long.MAX_VALUE when unlimited
    private final long maxDelayNanos; // Long.MAX_VALUE when uncapped
    private final long maxRetriesLong; // Long.MAX_VALUE when unlimited
    /** The backoff without its cap: the cap applies after the jitter, as in SmallRye. */
    private final Backoff uncapped;

    /** Writes that failed at least once and are not finished. */
    private final ConcurrentHashMap<Object, Attempts> attempts = new ConcurrentHashMap<>();
    /** Per writer thread: the first attempt under way, so that a write that succeeds needs no entry. */
    private final ThreadLocal<FirstAttempt> firstAttempt = ThreadLocal.withInitial(FirstAttempt::new);
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    private RetryPolicy(Builder b) {
        this.maxRetries = b.maxRetries;
        this.delay = b.delay;
        this.jitter = b.jitter;
        this.maxDuration = b.maxDuration;
        this.retryOn = b.retryOn;
        this.abortOn = b.abortOn;
        this.backoff = b.backoff;
        this.timekeeper = b.timekeeper;
        this.random = b.random;
        this.delayNanos = Checks.saturatedNanos(delay);
        this.jitterNanos = Checks.saturatedNanos(jitter);
        this.maxDurationNanos = maxDuration.isZero() ? Long.MAX_VALUE : Checks.saturatedNanos(maxDuration);
        this.maxDelayNanos = backoff.maxDelay().isZero() ? Long.MAX_VALUE : Checks.saturatedNanos(backoff.maxDelay());
        this.maxRetriesLong = maxRetries == UNLIMITED_RETRIES ? Long.MAX_VALUE : maxRetries;
        if (backoff instanceof Backoff.Exponential e) {
            this.uncapped = new Backoff.Exponential(e.factor(), Duration.ZERO);
        } else if (backoff instanceof Backoff.Fibonacci) {
            this.uncapped = new Backoff.Fibonacci(Duration.ZERO);
        } else {
            this.uncapped = backoff;
        }
    }

    /**
     * Starts a builder holding MP FT's defaults: 3 retries, no delay, 200 ms jitter, 3 minutes
     * at most, retry on {@link Exception}, abort on nothing, constant backoff, the system clock.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A policy with MP FT's defaults, on the system clock.
     *
     * @return the policy
     */
    public static RetryPolicy ofDefaults() {
        return builder().build();
    }

    /**
     * Starts a builder holding this policy's configuration, for a variant of it.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxRetries = maxRetries;
        b.delay = delay;
        b.jitter = jitter;
        b.maxDuration = maxDuration;
        b.retryOn = retryOn;
        b.abortOn = abortOn;
        b.backoff = backoff;
        b.timekeeper = timekeeper;
        b.random = random;
        return b;
    }

    /**
     * The retries allowed after the first attempt; {@link #UNLIMITED_RETRIES} for no limit.
     *
     * @return the maximum number of retries
     */
    public int maxRetries() {
        return maxRetries;
    }

    /**
     * The delay before the first retry, which the {@link #backoff()} grows for later retries.
     *
     * @return the delay
     */
    public Duration delay() {
        return delay;
    }

    /**
     * The most that each delay is randomly moved, up or down; zero for none.
     *
     * @return the jitter
     */
    public Duration jitter() {
        return jitter;
    }

    /**
     * The longest time from the start of an event's first attempt to the start of its last one;
     * zero for no limit.
     *
     * @return the maximum duration
     */
    public Duration maxDuration() {
        return maxDuration;
    }

    /**
     * The errors that are retried, unless {@link #abortOn()} also matches.
     *
     * @return an unmodifiable list of exception classes
     */
    public List<Class<? extends Throwable>> retryOn() {
        return retryOn;
    }

    /**
     * The errors that are never retried; these win over {@link #retryOn()}.
     *
     * @return an unmodifiable list of exception classes
     */
    public List<Class<? extends Throwable>> abortOn() {
        return abortOn;
    }

    /**
     * How the delay grows from retry to retry.
     *
     * @return the backoff
     */
    public Backoff backoff() {
        return backoff;
    }

    /**
     * Tells whether an error is retried at all, by the abortOn and retryOn rules (ignoring the
     * limits on count and time).
     *
     * @param error the error
     * @return {@code true} if it is retried
     */
    public boolean isRetryable(Throwable error) {
        Checks.notNull(error, "error");
        return !matches(abortOn, error) && matches(retryOn, error);
    }

    /**
     * Returns zero before the first attempt of a write, and the delay that {@link #failure}
     * chose before each retry.
     */
    @Override
    public Duration proceed(Object event) {
        Checks.notNull(event, "event");
        purgeCollected();
        Attempts a = attempts.isEmpty() ? null : attempts.get(new Lookup(Thread.currentThread(), event));
        if (a == null) { // a first attempt: remember when it started, on this thread only
            FirstAttempt first = firstAttempt.get();
            first.event = event;
            first.startNanos = timekeeper.nanoTime();
            return Duration.ZERO;
        }
        long wait = a.nextDelayNanos;
        if (wait < 0) {
            // The previous write of this event on this thread ended without success or drop
            // (closed, interrupted, an Error): this is a new write, so it starts afresh.
            a.restart(timekeeper.nanoTime());
            return Duration.ZERO;
        }
        a.nextDelayNanos = -1;
        return Duration.ofNanos(wait);
    }

    /**
     * Counts a failed attempt and decides, by the rules above, whether to drop the event.
     *
     * @return {@code true} to drop the event
     */
    @Override
    public boolean failure(Object event, Throwable error) {
        Checks.notNull(event, "event");
        Checks.notNull(error, "error");
        Lookup lookup = new Lookup(Thread.currentThread(), event);
        Attempts a = attempts.isEmpty() ? null : attempts.get(lookup);
        boolean tracked = a != null;
        if (!tracked) { // the first failure of this write
            FirstAttempt first = firstAttempt.get();
            // the start of the attempt; "now" if proceed was not called, or a nested write took the slot
            a = new Attempts(first.event == event ? first.startNanos : timekeeper.nanoTime());
            first.event = null;
        }
        boolean drop = !isRetryable(error) || a.retries >= maxRetriesLong;
        long wait = 0;
        if (!drop) {
            wait = nextDelayNanos(a.retries + 1);
            long elapsed = timekeeper.nanoTime() - a.startNanos;
            drop = maxDurationNanos != Long.MAX_VALUE && elapsed >= maxDurationNanos - Math.min(wait, maxDurationNanos);
        }
        if (drop) {
            if (tracked) {
                attempts.remove(lookup);
            }
            return true;
        }
        a.retries++;
        a.nextDelayNanos = wait;
        if (!tracked) {
            attempts.put(new WeakKey(lookup.thread, event, collected), a);
        }
        return false;
    }

    /** Forgets the event's attempts. */
    @Override
    public void success(Object event) {
        Checks.notNull(event, "event");
        FirstAttempt first = firstAttempt.get();
        if (first.event == event) {
            first.event = null;
        }
        if (!attempts.isEmpty()) {
            attempts.remove(new Lookup(Thread.currentThread(), event));
        }
    }

    /**
     * The delay before a retry, jitter included.
     *
     * @param retry which retry, from 1
     * @return nanoseconds, in {@code [0, maxDelay]}
     */
    long nextDelayNanos(long retry) {
        long base = uncapped.delayNanos(delayNanos, retry);
        long offset = 0;
        if (jitterNanos > 0) {
            RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
            // uniform in [-jitter, +jitter], both ends included, as MP FT says
            offset = jitterNanos == Long.MAX_VALUE ? r.nextLong() : r.nextLong(-jitterNanos, jitterNanos + 1);
        }
        long sum = base + offset;
        if (((base ^ sum) & (offset ^ sum)) < 0) { // overflow: only possible upwards, base >= 0
            sum = Long.MAX_VALUE;
        }
        return Math.min(Math.max(sum, 0), maxDelayNanos);
    }

    /**
     * The writes whose state is held: in progress, or abandoned and not yet purged.
     *
     * @return the number of entries
     */
    int trackedWrites() {
        purgeCollected();
        return attempts.size();
    }

    private void purgeCollected() {
        for (Reference<?> ref; (ref = collected.poll()) != null; ) {
            attempts.remove(ref);
        }
    }

    private static boolean matches(List<Class<? extends Throwable>> classes, Throwable error) {
        for (Class<? extends Throwable> c : classes) {
            if (c.isInstance(error)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxRetries=" + maxRetries + ", delay=" + delay + ", jitter=" + jitter
                + ", maxDuration=" + maxDuration + ", backoff=" + backoff + ", retryOn=" + names(retryOn)
                + ", abortOn=" + names(abortOn) + "]";
    }

    private static String names(List<Class<? extends Throwable>> classes) {
        StringBuilder s = new StringBuilder("[");
        for (Class<? extends Throwable> c : classes) {
            s.append(s.length() > 1 ? ", " : "").append(c.getSimpleName());
        }
        return s.append(']').toString();
    }

    /** The first attempt under way on one thread: which event, and when it started. */
    private static final class FirstAttempt {
        Object event;
        long startNanos;
    }

    /** One write's attempts. Touched only by the writer's thread; the map publishes it. */
    private static final class Attempts {
        long startNanos;
        long retries;
        /** The delay chosen by the latest failure, not yet handed out by proceed; -1 if none. */
        long nextDelayNanos = -1;

        Attempts(long startNanos) {
            this.startNanos = startNanos;
        }

        void restart(long now) {
            startNanos = now;
            retries = 0;
            nextDelayNanos = -1;
        }
    }

    /**
     * The stored key: the writer thread, and the event held weakly. Equal to a {@link Lookup} (or
     * another key) for the same thread and the same event object; a cleared key equals only
     * itself, so that the purge removes exactly it.
     */
    private static final class WeakKey extends WeakReference<Object> {
        final Thread thread;
        final int hash;

        WeakKey(Thread thread, Object event, ReferenceQueue<Object> queue) {
            super(event, queue);
            this.thread = thread;
            this.hash = hash(thread, event);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (o instanceof Lookup l) {
                return l.equals(this);
            }
            if (o instanceof WeakKey k) {
                Object event = get();
                return event != null && k.thread == thread && k.get() == event;
            }
            return false;
        }
    }

    /** A strong, short-lived key for lookups. */
    private static final class Lookup {
        final Thread thread;
        final Object event;

        Lookup(Thread thread, Object event) {
            this.thread = thread;
            this.event = event;
        }

        @Override
        public int hashCode() {
            return hash(thread, event);
        }

        @Override
        public boolean equals(Object o) {
            if (o instanceof WeakKey k) {
                return k.thread == thread && k.get() == event;
            }
            return o instanceof Lookup l && l.thread == thread && l.event == event;
        }
    }

    private static int hash(Thread thread, Object event) {
        return 31 * System.identityHashCode(thread) + System.identityHashCode(event);
    }

    /**
     * Builds a {@link RetryPolicy}. Starts with MP FT's defaults; every setter checks its argument
     * at once, and {@link #build()} checks the combination. Not thread-safe: build on one thread.
     */
    public static final class Builder {
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration delay = DEFAULT_DELAY;
        private Duration jitter = DEFAULT_JITTER;
        private Duration maxDuration = DEFAULT_MAX_DURATION;
        private List<Class<? extends Throwable>> retryOn = List.of(Exception.class);
        private List<Class<? extends Throwable>> abortOn = List.of();
        private Backoff backoff = Backoff.constant();
        private Timekeeper timekeeper = Timekeeper.system();
        private RandomGenerator random;

        private Builder() {
        }

        /**
         * Sets the retries allowed after the first attempt (MP FT {@code maxRetries}, default 3).
         *
         * @param maxRetries 0 or more, or {@link #UNLIMITED_RETRIES} (-1) for no limit
         * @return this builder
         * @throws IllegalArgumentException if {@code maxRetries} is less than -1
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < UNLIMITED_RETRIES) {
                throw new IllegalArgumentException(
                        "maxRetries must be -1 (unlimited) or 0 or more, was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Sets the delay before the first retry (MP FT {@code delay}, default 0).
         *
         * @param delay zero or positive; less than {@code maxDuration} when that is set, and than
         *     the backoff's {@code maxDelay} when that is set
         * @return this builder
         * @throws IllegalArgumentException if {@code delay} is negative
         * @throws NullPointerException if {@code delay} is {@code null}
         */
        public Builder delay(Duration delay) {
            this.delay = Checks.notNegative(delay, "delay");
            return this;
        }

        /**
         * Sets the most that each delay moves at random, up or down (MP FT {@code jitter},
         * default 200 ms).
         *
         * @param jitter zero (no jitter) or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code jitter} is negative
         * @throws NullPointerException if {@code jitter} is {@code null}
         */
        public Builder jitter(Duration jitter) {
            this.jitter = Checks.notNegative(jitter, "jitter");
            return this;
        }

        /**
         * Sets the longest time from the first attempt to the start of the last (MP FT
         * {@code maxDuration}, default 180000 ms).
         *
         * @param maxDuration zero for no limit, otherwise more than {@code delay}
         * @return this builder
         * @throws IllegalArgumentException if {@code maxDuration} is negative
         * @throws NullPointerException if {@code maxDuration} is {@code null}
         */
        public Builder maxDuration(Duration maxDuration) {
            this.maxDuration = Checks.notNegative(maxDuration, "maxDuration");
            return this;
        }

        /**
         * Sets the errors to retry on (MP FT {@code retryOn}, default {@link Exception}). An
         * error matches when it is an instance of one of the classes.
         *
         * @param classes the exception classes; may be empty (then nothing is retried)
         * @return this builder
         * @throws NullPointerException if the array or an element is {@code null}
         */
        @SafeVarargs
        public final Builder retryOn(Class<? extends Throwable>... classes) {
            this.retryOn = Checks.throwableClasses(classes, "retryOn");
            return this;
        }

        /**
         * Sets the errors never to retry, winning over {@code retryOn} (MP FT {@code abortOn},
         * default none).
         *
         * @param classes the exception classes; may be empty
         * @return this builder
         * @throws NullPointerException if the array or an element is {@code null}
         */
        @SafeVarargs
        public final Builder abortOn(Class<? extends Throwable>... classes) {
            this.abortOn = Checks.throwableClasses(classes, "abortOn");
            return this;
        }

        /**
         * Sets how the delay grows (default {@link Backoff#constant()}).
         *
         * @param backoff the backoff
         * @return this builder
         * @throws NullPointerException if {@code backoff} is {@code null}
         */
        public Builder backoff(Backoff backoff) {
            this.backoff = Checks.notNull(backoff, "backoff");
            return this;
        }

        /**
         * Sets the clock that measures {@code maxDuration} (default {@link Timekeeper#system()}).
         *
         * @param timekeeper the clock
         * @return this builder
         * @throws NullPointerException if {@code timekeeper} is {@code null}
         */
        public Builder timekeeper(Timekeeper timekeeper) {
            this.timekeeper = Checks.notNull(timekeeper, "timekeeper");
            return this;
        }

        /**
         * Sets the source of jitter; it must be safe for concurrent use if the policy is shared.
         *
         * @param random the source, or {@code null} for {@link ThreadLocalRandom} (the default)
         * @return this builder
         */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        /**
         * Checks the combination and builds the policy.
         *
         * @return the policy
         * @throws IllegalArgumentException if {@code maxDuration} is set and not more than
         *     {@code delay}; if the backoff's {@code maxDelay} is set and not more than
         *     {@code delay}; or if both {@code maxDelay} and {@code maxDuration} are set and
         *     {@code maxDelay} is not less than {@code maxDuration}
         */
        public RetryPolicy build() {
            if (!maxDuration.isZero() && maxDuration.compareTo(delay) <= 0) {
                throw new IllegalArgumentException("maxDuration must be more than delay (or 0 for no limit), was maxDuration="
                        + maxDuration + " <= delay=" + delay);
            }
            Duration maxDelay = backoff.maxDelay();
            if (!(backoff instanceof Backoff.Constant) && !maxDelay.isZero()) {
                if (maxDelay.compareTo(delay) <= 0) {
                    throw new IllegalArgumentException("delay must be less than the backoff's maxDelay, was delay="
                            + delay + " >= maxDelay=" + maxDelay);
                }
                if (!maxDuration.isZero() && maxDelay.compareTo(maxDuration) >= 0) {
                    throw new IllegalArgumentException("the backoff's maxDelay must be less than maxDuration, was maxDelay="
                            + maxDelay + " >= maxDuration=" + maxDuration);
                }
            }
            return new RetryPolicy(this);
        }
    }
}
