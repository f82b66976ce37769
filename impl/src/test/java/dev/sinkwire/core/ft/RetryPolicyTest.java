/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.ManualTimekeeper;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.SinkMeter;
import dev.sinkwire.core.ft.FtSemanticsTest.FlakySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** {@link RetryPolicy}: MP FT {@code @Retry} semantics, on a manual clock. */
class RetryPolicyTest {

    private final ManualTimekeeper clock = FtSemanticsTest.clock();
    private final List<DeadLetter> dropped = new CopyOnWriteArrayList<>();

    private RetryPolicy.Builder policy() {
        return RetryPolicy.builder().timekeeper(clock).jitter(Duration.ZERO);
    }

    private Sink<Object> retrying(Sink<Object> sink, RetryPolicy policy) {
        return new RetryingSink<>(sink, policy, dropped::add, clock);
    }

    // ---- defaults ----

    @Test
    void defaultsAreMicroProfileFaultTolerances() {
        RetryPolicy p = RetryPolicy.ofDefaults();

        assertThat(p.maxRetries()).isEqualTo(3).isEqualTo(RetryPolicy.DEFAULT_MAX_RETRIES);
        assertThat(p.delay()).isEqualTo(Duration.ZERO);
        assertThat(p.jitter()).isEqualTo(Duration.ofMillis(200));
        assertThat(p.maxDuration()).isEqualTo(Duration.ofMillis(180_000));
        assertThat(p.retryOn()).containsExactly(Exception.class);
        assertThat(p.abortOn()).isEmpty();
        assertThat(p.backoff()).isEqualTo(Backoff.constant());
    }

    @Test
    void byDefaultAnEventIsAttemptedFourTimesThenGivenUpWithTheLastErrorAndTheAttemptCount() {
        IllegalStateException down = new IllegalStateException("down");
        FlakySink sink = new FlakySink(Integer.MAX_VALUE, down);
        RetryPolicy p = RetryPolicy.builder().timekeeper(clock).random(new SplittableRandom(7)).build();

        retrying(sink, p).write("e1");

        assertThat(sink.attempts).hasValue(4);
        assertThat(dropped).singleElement().satisfies(d -> {
            assertThat(d.event()).isEqualTo("e1");
            assertThat(d.reason()).isEqualTo(DropReason.GAVE_UP);
            assertThat(d.cause()).isSameAs(down);
            assertThat(d.attempts()).isEqualTo(4);
        });
        // delay 0 with jitter 200 ms: each wait is in [0, 200 ms] (zero waits are not waited)
        assertThat(clock.waitDurations()).allSatisfy(w -> assertThat(w).isBetween(Duration.ZERO, Duration.ofMillis(200)));
    }

    @Test
    void aSuccessAfterFailuresDeliversAndForgetsTheEvent() {
        FlakySink sink = new FlakySink(3, new IllegalStateException());
        RetryPolicy p = policy().delay(Duration.ofMillis(10)).build();

        retrying(sink, p).write("e1");

        assertThat(sink.delivered).containsExactly("e1");
        assertThat(dropped).isEmpty();
        assertThat(clock.waitDurations()).containsExactly(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(10));
    }

    // ---- maxRetries ----

    @Test
    void maxRetriesZeroMeansOneAttempt() {
        FlakySink sink = new FlakySink(1, new IllegalStateException());

        retrying(sink, policy().maxRetries(0).build()).write("e1");

        assertThat(sink.attempts).hasValue(1);
        assertThat(dropped).singleElement().extracting(DeadLetter::attempts).isEqualTo(1);
    }

    @Test
    void maxRetriesMinusOneRetriesWithoutLimitUntilSuccess() {
        FlakySink sink = new FlakySink(5_000, new IllegalStateException());
        RetryPolicy p = policy().maxRetries(RetryPolicy.UNLIMITED_RETRIES).maxDuration(Duration.ZERO)
                .delay(Duration.ofSeconds(1)).build();

        retrying(sink, p).write("e1");

        assertThat(sink.attempts).hasValue(5_001);
        assertThat(sink.delivered).containsExactly("e1");
        assertThat(dropped).isEmpty();
    }

    @Test
    void maxRetriesMinusOneIsStillBoundedByMaxDuration() {
        FlakySink sink = new FlakySink(Integer.MAX_VALUE, new IllegalStateException());
        RetryPolicy p = policy().maxRetries(-1).delay(Duration.ofSeconds(1)).maxDuration(Duration.ofSeconds(10)).build();

        retrying(sink, p).write("e1");

        // attempts at t = 0, 1, ..., 9 s; the retry at 10 s would reach maxDuration
        assertThat(sink.attempts).hasValue(10);
        assertThat(dropped).singleElement().extracting(DeadLetter::attempts).isEqualTo(10);
    }

    // ---- maxDuration ----

    @Test
    void maxDurationCountsFromTheFirstAttemptAndGivesUpBeforeAPointlessWait() {
        FlakySink sink = new FlakySink(Integer.MAX_VALUE, new IllegalStateException());
        RetryPolicy p = policy().maxRetries(100).delay(Duration.ofMillis(100)).maxDuration(Duration.ofMillis(350)).build();

        retrying(sink, p).write("e1");

        // attempts at 0, 100, 200, 300 ms; a retry at 400 ms would be past 350 ms
        assertThat(sink.attempts).hasValue(4);
        assertThat(clock.waitDurations()).hasSize(3);
        assertThat(dropped).singleElement().extracting(DeadLetter::attempts).isEqualTo(4);
    }

    @Test
    void maxDurationIncludesTheTimeSpentInsideTheAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        Sink<Object> slow = sinkThat(event -> {
            attempts.incrementAndGet();
            clock.advance(Duration.ofMillis(200));
            throw new IllegalStateException("slow and failing");
        });
        RetryPolicy p = policy().maxRetries(100).delay(Duration.ofMillis(100)).maxDuration(Duration.ofMillis(350)).build();

        retrying(slow, p).write("e1");

        // attempt 1 ends at 200 ms, retry at 300 ms, which ends at 500 ms: 500 + 100 > 350
        assertThat(attempts).hasValue(2);
    }

    @Test
    void maxDurationStartsAtTheFirstAttemptNotAtTheFirstFailure() {
        AtomicInteger attempts = new AtomicInteger();
        Sink<Object> slow = sinkThat(event -> {
            attempts.incrementAndGet();
            clock.advance(Duration.ofMillis(300));
            throw new IllegalStateException("slow and failing");
        });
        RetryPolicy p = policy().maxRetries(100).delay(Duration.ofMillis(100)).maxDuration(Duration.ofMillis(350)).build();

        retrying(slow, p).write("e1");

        // the first attempt took 300 ms: a retry after 100 ms more would start at 400 ms > 350 ms
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aRetryLandingExactlyOnMaxDurationIsNotMade() {
        FlakySink sink = new FlakySink(Integer.MAX_VALUE, new IllegalStateException());
        RetryPolicy p = policy().maxRetries(100).delay(Duration.ofMillis(100)).maxDuration(Duration.ofMillis(300)).build();

        retrying(sink, p).write("e1");

        assertThat(sink.attempts).hasValue(3); // 0, 100, 200; at 300 ms elapsed >= maxDuration, as in SmallRye
    }

    @Test
    void maxDurationZeroMeansNoLimit() {
        FlakySink sink = new FlakySink(1_000, new IllegalStateException());
        RetryPolicy p = policy().maxRetries(-1).delay(Duration.ofHours(1)).maxDuration(Duration.ZERO).build();

        retrying(sink, p).write("e1");

        assertThat(sink.delivered).containsExactly("e1");
    }

    // ---- retryOn / abortOn ----

    @Test
    void abortOnWinsOverRetryOn() {
        RetryPolicy p = policy().retryOn(RuntimeException.class).abortOn(IllegalArgumentException.class).build();
        FlakySink aborted = new FlakySink(1, new IllegalArgumentException("abort"));
        FlakySink retried = new FlakySink(1, new IllegalStateException("retry"));

        retrying(aborted, p).write("a");
        retrying(retried, p).write("r");

        assertThat(aborted.attempts).hasValue(1);
        assertThat(dropped).singleElement().satisfies(d -> {
            assertThat(d.event()).isEqualTo("a");
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.cause()).hasMessage("abort");
        });
        assertThat(retried.delivered).containsExactly("r");
    }

    @Test
    void anErrorNotInRetryOnIsNotRetried() {
        RetryPolicy p = policy().retryOn(IllegalStateException.class).build();
        FlakySink sink = new FlakySink(1, new IllegalArgumentException("not retryable"));

        retrying(sink, p).write("e1");

        assertThat(sink.attempts).hasValue(1);
        assertThat(dropped).singleElement().extracting(DeadLetter::attempts).isEqualTo(1);
    }

    @Test
    void classesMatchSubclassesAndAnEmptyRetryOnRetriesNothing() {
        RetryPolicy abortRuntime = policy().abortOn(RuntimeException.class).build();
        RetryPolicy none = policy().retryOn().build();

        assertThat(abortRuntime.isRetryable(new IllegalArgumentException())).isFalse();
        assertThat(abortRuntime.isRetryable(new Exception())).isTrue();
        assertThat(none.isRetryable(new IllegalStateException())).isFalse();
        assertThat(RetryPolicy.ofDefaults().isRetryable(new SinkException("x"))).isTrue();
        assertThat(RetryPolicy.ofDefaults().isRetryable(new AssertionError())).isFalse();
    }

    @Test
    void retryOnAnErrorClassOnlyMattersToCallersOtherThanRetryingSink() {
        // RetryingSink passes Errors through unretried; called directly, the policy follows retryOn
        RetryPolicy p = policy().retryOn(Throwable.class).build();
        RetryStrategy write = p.forWrite("e");

        assertThat(write.proceed("e")).isZero();
        assertThat(write.failure("e", new AssertionError())).isFalse();
        assertThat(write.proceed("e")).isZero();
        write.success("e");
    }

    // ---- jitter ----

    @Test
    void jitterAddsAtMostItsValueEitherWayAndNeverMakesADelayNegative() {
        RetryPolicy low = policy().delay(Duration.ofMillis(100)).jitter(Duration.ofMillis(200)).random(extreme(false)).build();
        RetryPolicy high = policy().delay(Duration.ofMillis(100)).jitter(Duration.ofMillis(200)).random(extreme(true)).build();

        assertThat(Duration.ofNanos(low.nextDelayNanos(1))).isEqualTo(Duration.ZERO); // 100 - 200, clamped
        assertThat(Duration.ofNanos(high.nextDelayNanos(1))).isEqualTo(Duration.ofMillis(300)); // 100 + 200
    }

    @Test
    void jitterIsDrawnFromTheClosedRangeMinusJitterToPlusJitter() {
        List<long[]> ranges = new ArrayList<>();
        RandomGenerator recording = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError("bounded draws only");
            }

            @Override
            public long nextLong(long origin, long bound) {
                ranges.add(new long[] {origin, bound});
                return origin;
            }
        };
        RetryPolicy p = policy().delay(Duration.ofMillis(500)).jitter(Duration.ofMillis(200)).random(recording).build();

        assertThat(p.nextDelayNanos(1)).isEqualTo(Duration.ofMillis(300).toNanos());
        assertThat(ranges).singleElement().satisfies(r -> {
            assertThat(r[0]).isEqualTo(-Duration.ofMillis(200).toNanos());
            assertThat(r[1]).isEqualTo(Duration.ofMillis(200).toNanos() + 1); // exclusive bound: +200 ms included
        });
    }

    @Test
    void jitteredDelaysStayInBoundsAndSpreadOverTheRange() {
        RetryPolicy p = policy().delay(Duration.ofMillis(400)).jitter(Duration.ofMillis(400))
                .random(new SplittableRandom(42)).build();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 2_000; i++) {
            long d = p.nextDelayNanos(1);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        // the spec's example: "0-800ms (jitter is -400ms - 400ms)"
        assertThat(min).isBetween(0L, Duration.ofMillis(40).toNanos());
        assertThat(max).isBetween(Duration.ofMillis(760).toNanos(), Duration.ofMillis(800).toNanos());
    }

    @Test
    void zeroJitterDrawsNothing() {
        RandomGenerator never = () -> {
            throw new AssertionError("no draw expected");
        };
        RetryPolicy p = policy().delay(Duration.ofMillis(5)).random(never).build();

        assertThat(p.nextDelayNanos(1)).isEqualTo(Duration.ofMillis(5).toNanos());
    }

    // ---- state per write ----

    @Test
    void eachWriteHasItsOwnAttemptCountEvenForTheSameEvent() {
        RetryPolicy p = policy().maxRetries(1).build();
        Object event = new Object();
        RetryStrategy first = p.forWrite(event);
        RetryStrategy second = p.forWrite(event);

        assertThat(first).isNotSameAs(second).isNotSameAs(p);
        assertThat(first.proceed(event)).isZero();
        assertThat(first.failure(event, new IllegalStateException())).isFalse();
        assertThat(second.proceed(event)).isZero();
        assertThat(second.failure(event, new IllegalStateException())).isFalse(); // second's first failure
        assertThat(first.proceed(event)).isZero();
        assertThat(first.failure(event, new IllegalStateException())).isTrue(); // first's 1 retry is used up
        assertThat(second.proceed(event)).isZero();
        second.success(event);
    }

    @Test
    void proceedHandsOutTheDelayOfTheLatestFailureOnceThenZero() {
        RetryStrategy write = policy().delay(Duration.ofMillis(40)).build().forWrite("e");

        assertThat(write.proceed("e")).isZero(); // before the first attempt
        assertThat(write.failure("e", new IllegalStateException())).isFalse();
        assertThat(write.proceed("e")).isEqualTo(Duration.ofMillis(40));
        assertThat(write.proceed("e")).isZero(); // asked again without a new failure: no second wait
    }

    @Test
    void theSharedPolicyRefusesPerWriteCallsAndSaysToUseForWrite() {
        RetryPolicy p = policy().build();

        assertThatThrownBy(() -> p.proceed("e")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RetryPolicy.proceed was called on the shared policy")
                .hasMessageContaining("call forWrite(event) once per write")
                .hasMessageContaining("must forward forWrite");
        assertThatThrownBy(() -> p.failure("e", new IllegalStateException())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RetryPolicy.failure");
        assertThatThrownBy(() -> p.success("e")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("RetryPolicy.success");
    }

    @Test
    void aWrapperThatForgetsToForwardForWriteFailsTheWriteLoudlyInsteadOfMiscounting() {
        RetryPolicy p = policy().build();
        RetryStrategy forgetful = new RetryStrategy() { // forwards the three calls, not forWrite
            @Override
            public Duration proceed(Object event) {
                return p.proceed(event);
            }

            @Override
            public boolean failure(Object event, Throwable error) {
                return p.failure(event, error);
            }

            @Override
            public void success(Object event) {
                p.success(event);
            }
        };
        FlakySink sink = new FlakySink(0, new IllegalStateException());

        assertThatThrownBy(() -> new RetryingSink<>(sink, forgetful, dropped::add, clock).write("e1"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("forWrite");
        assertThat(sink.attempts).hasValue(0);
    }

    @Test
    void aSinkMetersRetryingWrapperForwardsForWriteAndCountsEachRetry() {
        SinkMeter meter = new SinkMeter("audit");
        RetryPolicy p = policy().maxRetries(2).build();
        FlakySink failsTwice = new FlakySink(2, new IllegalStateException());
        FlakySink failsAlways = new FlakySink(Integer.MAX_VALUE, new IllegalStateException());

        new RetryingSink<>(failsTwice, meter.retrying(p), dropped::add, clock).write("e1");
        new RetryingSink<>(failsAlways, meter.retrying(p), dropped::add, clock).write("e2");

        assertThat(failsTwice.delivered).containsExactly("e1");
        assertThat(failsAlways.attempts).hasValue(3); // its own 2 retries, not what e1 used
        assertThat(dropped).singleElement().extracting(DeadLetter::event).isEqualTo("e2");
        assertThat(meter.snapshot().retried()).isEqualTo(4);
    }

    @Test
    void aWriteNestedInsideAnotherWriteThroughTheSamePolicyMeasuresItsOwnMaxDuration() {
        RetryPolicy p = policy().maxRetries(-1).delay(Duration.ofMillis(100)).maxDuration(Duration.ofMillis(350)).build();
        FlakySink inner = new FlakySink(Integer.MAX_VALUE, new IllegalStateException("inner down"));
        Sink<Object> innerChain = retrying(inner, p);
        AtomicInteger outerAttempts = new AtomicInteger();
        Sink<Object> outer = sinkThat(e -> {
            outerAttempts.incrementAndGet();
            clock.advance(Duration.ofMillis(300)); // the outer write has used 300 of its 350 ms
            innerChain.write("inner-" + e); // gives up after its own 350 ms: attempts at 0, 100, 200, 300
            throw new IllegalStateException("outer fails after the inner write");
        });

        retrying(outer, p).write("e1");

        assertThat(inner.attempts).hasValue(4); // not cut short by the outer write's elapsed time
        assertThat(outerAttempts).hasValue(1); // the outer write is past its own maxDuration
        assertThat(dropped).extracting(DeadLetter::event).containsExactly("inner-e1", "e1");
    }

    @Test
    void concurrentWritersOfTheSameEventThroughOneSharedPolicyCountSeparately() throws Exception {
        // Broadcaster -> two Queues -> two RetryingSinks sharing one policy: one event object, two threads
        RetryPolicy p = policy().maxRetries(2).build();
        Object event = new Object();
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers);
        Map<Thread, AtomicInteger> attemptsPerThread = new ConcurrentHashMap<>();
        Sink<Object> failsTwicePerThread = sinkThat(e -> {
            int n = attemptsPerThread.computeIfAbsent(Thread.currentThread(), t -> new AtomicInteger()).incrementAndGet();
            if (n <= 2) {
                throw new IllegalStateException("attempt " + n);
            }
        });
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Sink<Object> sink = retrying(failsTwicePerThread, p);
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    sink.write(event);
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        assertThat(errors).isEmpty();
        assertThat(dropped).isEmpty(); // a shared count would have given up after 2 retries in all
        assertThat(attemptsPerThread.values()).hasSize(writers).allSatisfy(n -> assertThat(n).hasValue(3));
    }

    @Test
    void aWriteEndedBySinkClosedDoesNotAffectTheNextWriteOfTheSameEvent() {
        RetryPolicy p = policy().maxRetries(1).build();
        AtomicInteger calls = new AtomicInteger();
        Sink<Object> failsThenClosed = sinkThat(e -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("fail");
            }
            throw new SinkClosedException("gone");
        });
        Object event = new Object();

        assertThatThrownBy(() -> retrying(failsThenClosed, p).write(event)).isInstanceOf(SinkClosedException.class);

        // written again (same thread, same event): a fresh write with its own single retry
        FlakySink failsOnce = new FlakySink(1, new IllegalStateException());
        retrying(failsOnce, p).write(event);

        assertThat(failsOnce.delivered).containsExactly(event);
        assertThat(dropped).isEmpty();
    }

    @Test
    void aWriteInterruptedWhileBackingOffDoesNotAffectTheNextWriteOfTheSameEvent() {
        ManualTimekeeper interrupting = FtSemanticsTest.clock();
        interrupting.script((wake, nanos) -> {
            throw new InterruptedException("test");
        });
        RetryPolicy p = policy().maxRetries(1).delay(Duration.ofMillis(10)).build();
        Object event = new Object();
        FlakySink sink = new FlakySink(1, new IllegalStateException());

        assertThatThrownBy(() -> new RetryingSink<>(sink, p, dropped::add, interrupting).write(event))
                .isInstanceOf(SinkException.class);
        assertThat(Thread.interrupted()).isTrue(); // restored by the retrying sink; cleared here

        FlakySink failsOnce = new FlakySink(1, new IllegalStateException());
        retrying(failsOnce, p).write(event);

        assertThat(failsOnce.delivered).containsExactly(event);
    }

    @Test
    void maxDurationCountsFromForWriteEvenIfTheFirstFailureComesLate() {
        RetryPolicy p = policy().maxRetries(5).maxDuration(Duration.ofSeconds(1)).build();
        RetryStrategy write = p.forWrite("e");

        clock.advance(Duration.ofSeconds(1));

        assertThat(write.failure("e", new IllegalStateException())).isTrue();
        assertThat(p.forWrite("e").failure("e", new IllegalStateException())).isFalse(); // a new write starts now
    }

    // ---- validation ----

    @Test
    void invalidValuesAreRejectedWithMessagesNamingTheParameterAndTheAllowedRange() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRetries must be -1 (unlimited) or 0 or more, was -2");
        assertThatThrownBy(() -> RetryPolicy.builder().delay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("delay must be zero or positive");
        assertThatThrownBy(() -> RetryPolicy.builder().jitter(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jitter must be zero or positive");
        assertThatThrownBy(() -> RetryPolicy.builder().maxDuration(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxDuration must be zero or positive");
        assertThatThrownBy(() -> RetryPolicy.builder().delay(null))
                .isInstanceOf(NullPointerException.class).hasMessage("delay must not be null");
        assertThatThrownBy(() -> RetryPolicy.builder().retryOn(IllegalStateException.class, null))
                .isInstanceOf(NullPointerException.class).hasMessage("retryOn[1] must not be null");
        assertThatThrownBy(() -> RetryPolicy.builder().abortOn((Class<? extends Throwable>[]) null))
                .isInstanceOf(NullPointerException.class).hasMessage("abortOn must not be null");
        assertThatThrownBy(() -> RetryPolicy.builder().backoff(null))
                .isInstanceOf(NullPointerException.class).hasMessage("backoff must not be null");
        assertThatThrownBy(() -> RetryPolicy.builder().timekeeper(null))
                .isInstanceOf(NullPointerException.class).hasMessage("timekeeper must not be null");
    }

    @Test
    void maxDurationMustExceedDelayUnlessItIsZero() {
        assertThatThrownBy(() -> RetryPolicy.builder().delay(Duration.ofSeconds(1)).maxDuration(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDuration must be more than delay (or 0 for no limit), was maxDuration=PT1S <= delay=PT1S");
        assertThat(RetryPolicy.builder().delay(Duration.ofHours(1)).maxDuration(Duration.ZERO).build().maxDuration()).isZero();
    }

    @Test
    void aBackoffsMaxDelayMustExceedDelayAndStayBelowMaxDuration() {
        assertThatThrownBy(() -> RetryPolicy.builder().delay(Duration.ofSeconds(1))
                .backoff(Backoff.exponential(2, Duration.ofSeconds(1))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delay must be less than the backoff's maxDelay, was delay=PT1S >= maxDelay=PT1S");
        assertThatThrownBy(() -> RetryPolicy.builder().maxDuration(Duration.ofMinutes(1))
                .backoff(Backoff.fibonacci(Duration.ofMinutes(1))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the backoff's maxDelay must be less than maxDuration, was maxDelay=PT1M >= maxDuration=PT1M");
        // no cap, or no maxDuration: nothing to compare
        assertThat(RetryPolicy.builder().maxDuration(Duration.ofMinutes(1)).backoff(Backoff.exponential(2, Duration.ZERO)).build())
                .isNotNull();
        assertThat(RetryPolicy.builder().maxDuration(Duration.ZERO).backoff(Backoff.fibonacci(Duration.ofHours(1))).build())
                .isNotNull();
        // the defaults fit together: 1 minute maxDelay < 3 minutes maxDuration
        assertThat(RetryPolicy.builder().backoff(Backoff.exponential()).build().backoff().maxDelay())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void toBuilderKeepsEverySetting() {
        RetryPolicy p = RetryPolicy.builder().maxRetries(7).delay(Duration.ofMillis(5)).jitter(Duration.ofMillis(1))
                .maxDuration(Duration.ofSeconds(9)).retryOn(IllegalStateException.class)
                .abortOn(IllegalArgumentException.class).backoff(Backoff.fibonacci(Duration.ofSeconds(2))).build();

        RetryPolicy copy = p.toBuilder().build();

        assertThat(copy.maxRetries()).isEqualTo(7);
        assertThat(copy.delay()).isEqualTo(Duration.ofMillis(5));
        assertThat(copy.jitter()).isEqualTo(Duration.ofMillis(1));
        assertThat(copy.maxDuration()).isEqualTo(Duration.ofSeconds(9));
        assertThat(copy.retryOn()).containsExactly(IllegalStateException.class);
        assertThat(copy.abortOn()).containsExactly(IllegalArgumentException.class);
        assertThat(copy.backoff()).isEqualTo(Backoff.fibonacci(Duration.ofSeconds(2)));
        assertThat(copy.toString()).contains("maxRetries=7", "IllegalStateException", "fibonacci");
        assertThatThrownBy(() -> p.retryOn().add(Exception.class)).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- helpers ----

    /** Always draws the lowest ({@code high == false}) or the highest value of a bounded range. */
    static RandomGenerator extreme(boolean high) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError("bounded draws only");
            }

            @Override
            public long nextLong(long origin, long bound) {
                return high ? bound - 1 : origin;
            }
        };
    }

    interface Writer {
        void write(Object event);
    }

    static Sink<Object> sinkThat(Writer writer) {
        return new Sink<>() {
            @Override
            public void write(Object event) {
                writer.write(event);
            }

            @Override
            public void close() {
            }
        };
    }
}
