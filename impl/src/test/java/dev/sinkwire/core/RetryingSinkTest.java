/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** RetryingSink on a manual clock: retries, close while backing off, interruption, drops. */
class RetryingSinkTest {

    private final ManualTimekeeper clock = new ManualTimekeeper();
    private final List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
    private final RecordingSink<String> target = new RecordingSink<>("target");

    /** Fails the first {@code failures} writes with {@code error}, then passes events on. */
    static final class FailingSink implements Sink<String> {
        private final Sink<String> sink;
        private final AtomicInteger failuresLeft;
        private final RuntimeException error;
        final AtomicInteger attempts = new AtomicInteger();

        FailingSink(Sink<String> sink, int failures, RuntimeException error) {
            this.sink = sink;
            this.failuresLeft = new AtomicInteger(failures);
            this.error = error;
        }

        @Override
        public void write(String event) {
            attempts.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw error;
            }
            sink.write(event);
        }

        @Override
        public void close() {
            sink.close();
        }
    }

    /** Counts calls, and drops an event after {@code dropAfter} failures of it. */
    static final class CountingStrategy implements RetryStrategy {
        final AtomicInteger proceeds = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger successes = new AtomicInteger();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        private final int dropAfter;
        private final Duration wait;

        CountingStrategy(int dropAfter, Duration wait) {
            this.dropAfter = dropAfter;
            this.wait = wait;
        }

        @Override
        public Duration proceed(Object event) {
            proceeds.incrementAndGet();
            return failures.get() == 0 ? Duration.ZERO : wait;
        }

        @Override
        public boolean failure(Object event, Throwable error) {
            errors.add(error);
            return failures.incrementAndGet() >= dropAfter;
        }

        @Override
        public void success(Object event) {
            successes.incrementAndGet();
        }
    }

    private RetryingSink<String> retrying(Sink<String> sink, RetryStrategy strategy) {
        return new RetryingSink<>(sink, strategy, dropped::add, clock);
    }

    @Test
    void retriesUntilSuccessWaitingAsTheBreakerSays() {
        FailingSink flaky = new FailingSink(target, 4, new SinkException("down"));
        Breaker breaker = new Breaker(2, Duration.ofSeconds(1), clock);
        RetryingSink<String> sink = retrying(flaky, breaker);

        sink.write("e");

        assertThat(target.events()).containsExactly("e");
        assertThat(flaky.attempts).hasValue(5);
        long second = Duration.ofSeconds(1).toNanos();
        // attempts 1 and 2 run at once; from the threshold (2 failures) on, each waits the full backoff
        assertThat(clock.waits()).containsExactly(second, second, second);
        assertThat(breaker.proceed("next")).as("the success reset the breaker").isZero();
        assertThat(dropped).isEmpty();
    }

    @Test
    void aStrategyWhoseSuccessThrowsDoesNotMakeADeliveredEventLookFailed() {
        AtomicInteger successes = new AtomicInteger();
        RetryStrategy strategy = new RetryStrategy() {
            @Override
            public Duration proceed(Object event) {
                return Duration.ZERO;
            }

            @Override
            public boolean failure(Object event, Throwable error) {
                return false;
            }

            @Override
            public void success(Object event) {
                successes.incrementAndGet();
                throw new IllegalStateException("success bookkeeping broke");
            }
        };
        Queue<String> queue = Queue.builder(retrying(target, strategy)).dropListener(dropped::add).build();

        queue.write("a");
        queue.close();

        assertThat(target.events()).containsExactly("a");
        assertThat(successes).hasValue(1);
        assertThat(dropped).as("a delivered event is not also reported").isEmpty();
    }

    @Test
    void retriesWithExponentialBackoff() {
        FailingSink flaky = new FailingSink(target, 3, new SinkException("down"));
        ExponentialBackoff backoff = new ExponentialBackoff(ExponentialBackoffConfig.DEFAULT,
                new ExponentialBackoffTest.HighestDraw());
        RetryingSink<String> sink = retrying(flaky, backoff);

        sink.write("e");

        long s = 1_000_000_000L;
        assertThat(clock.waits()).containsExactly(2 * s - 1, 3 * s - 1, 5 * s - 1);
        assertThat(target.events()).containsExactly("e");
    }

    @Test
    void aDroppedEventGoesToTheDropListenerWithTheAttemptCount() {
        SinkException lastError = new SinkException("still down");
        FailingSink broken = new FailingSink(target, Integer.MAX_VALUE, lastError);
        CountingStrategy strategy = new CountingStrategy(3, Duration.ofMillis(10));
        RetryingSink<String> sink = retrying(broken, strategy);

        sink.write("e"); // returns normally: the event is committed, to the drop listener

        assertThat(broken.attempts).hasValue(3);
        assertThat(dropped).singleElement().satisfies(letter -> {
            assertThat(letter.event()).isEqualTo("e");
            assertThat(letter.reason()).isEqualTo(DropReason.GAVE_UP);
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.cause()).isSameAs(lastError);
            assertThat(letter.sink()).isEqualTo(String.valueOf(broken));
        });
        assertThat(strategy.successes).hasValue(0);
        assertThat(target.events()).isEmpty();
    }

    @Test
    void sinkClosedExceptionFromTheWrappedSinkPassesThroughUnretried() {
        target.close();
        CountingStrategy strategy = new CountingStrategy(100, Duration.ZERO);
        RetryingSink<String> sink = retrying(target, strategy);

        assertThatThrownBy(() -> sink.write("e")).isInstanceOf(SinkClosedException.class);
        assertThat(strategy.failures).as("not reported as a failure").hasValue(0);
        assertThat(strategy.proceeds).hasValue(1);
        assertThat(dropped).isEmpty();
    }

    @Test
    void anErrorPassesThroughUnretried() {
        AssertionError error = new AssertionError("a bug, not a failure");
        AtomicInteger attempts = new AtomicInteger();
        Sink<String> failing = new Sink<>() {
            @Override
            public void write(String event) {
                attempts.incrementAndGet();
                throw error;
            }

            @Override
            public void close() {
            }
        };
        CountingStrategy strategy = new CountingStrategy(100, Duration.ZERO);
        RetryingSink<String> sink = retrying(failing, strategy);

        assertThatThrownBy(() -> sink.write("e")).isSameAs(error);
        assertThat(attempts).hasValue(1);
        assertThat(strategy.failures).hasValue(0);
        assertThat(dropped).isEmpty();
    }

    @Test
    void aCheckedExceptionSmuggledThroughIsRetriedLikeAnyException() {
        Exception checked = new java.io.IOException("sneaky");
        AtomicInteger calls = new AtomicInteger();
        Sink<String> sneaky = new Sink<>() {
            @Override
            public void write(String event) {
                if (calls.incrementAndGet() == 1) {
                    throw RetryingSinkTest.<RuntimeException>sneakyThrow(checked);
                }
                target.write(event);
            }

            @Override
            public void close() {
            }
        };
        CountingStrategy strategy = new CountingStrategy(100, Duration.ZERO);
        retrying(sneaky, strategy).write("e");
        assertThat(strategy.errors).containsExactly(checked);
        assertThat(target.events()).containsExactly("e");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void closeWakesAWriterThatIsBackingOff() throws Exception {
        clock.holdWaits(true);
        FailingSink broken = new FailingSink(target, Integer.MAX_VALUE, new SinkException("down"));
        RetryingSink<String> sink = retrying(broken, new Breaker(1, Duration.ofHours(1), clock));
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> catching(() -> sink.write("e")));

        clock.awaitHeldWaiter();
        sink.close();

        assertThat(outcome).succeedsWithin(Duration.ofSeconds(10))
                .isInstanceOf(SinkClosedException.class);
        assertThat(broken.attempts).hasValue(1);
        assertThat(target.isClosed()).isTrue();
        assertThat(dropped).isEmpty();
    }

    @Test
    void closeWakesAWriterThatIsBackingOffOnTheSystemClock() throws Exception {
        FailingSink broken = new FailingSink(target, Integer.MAX_VALUE, new SinkException("down"));
        RetryingSink<String> sink = new RetryingSink<>(broken, new Breaker(1, Duration.ofHours(1)));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread writer = new Thread(() -> outcome.set(catching(() -> sink.write("e"))));
        writer.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> writer.getState() == Thread.State.TIMED_WAITING);
        sink.close();
        writer.join(10_000);

        assertThat(writer.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(SinkClosedException.class);
    }

    @Test
    void interruptionWhileBackingOffRestoresTheFlagAndFailsTheWrite() throws Exception {
        clock.holdWaits(true);
        FailingSink broken = new FailingSink(target, Integer.MAX_VALUE, new SinkException("down"));
        RetryingSink<String> sink = retrying(broken, new Breaker(1, Duration.ofHours(1), clock));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            outcome.set(catching(() -> sink.write("e")));
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        writer.start();

        clock.awaitHeldWaiter();
        writer.interrupt();
        writer.join(10_000);

        assertThat(writer.isAlive()).isFalse();
        // a SinkException (not SinkClosedException) whose cause is the wrapped sink's last error;
        // the interrupt itself is kept as a suppressed exception
        assertThat(outcome.get()).isInstanceOf(SinkException.class).isNotInstanceOf(SinkClosedException.class)
                .hasMessageContaining("after 1 failed attempt(s)").hasCauseReference(broken.error);
        assertThat(outcome.get().getSuppressed()).hasAtLeastOneElementOfType(InterruptedException.class);
        assertThat(flagAfter).as("interrupt flag restored").isTrue();
        assertThat(dropped).as("the write failed: nothing was accepted, nothing to report").isEmpty();
    }

    @Test
    void interruptionWhileBackingOffOnTheSystemClock() throws Exception {
        FailingSink broken = new FailingSink(target, Integer.MAX_VALUE, new SinkException("down"));
        RetryingSink<String> sink = new RetryingSink<>(broken, new Breaker(1, Duration.ofHours(1)));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            outcome.set(catching(() -> sink.write("e")));
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        writer.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> writer.getState() == Thread.State.TIMED_WAITING);
        writer.interrupt();
        writer.join(10_000);

        assertThat(outcome.get()).isInstanceOf(SinkException.class).isNotInstanceOf(SinkClosedException.class)
                .hasCauseReference(broken.error);
        assertThat(outcome.get().getSuppressed()).hasAtLeastOneElementOfType(InterruptedException.class);
        assertThat(flagAfter).isTrue();
    }

    /**
     * An interrupt that makes the wrapped sink fail (a blocking sink restores the flag and throws)
     * must end the write even when the strategy never waits: retrying on an interrupted thread
     * would fail at once, forever.
     */
    @Test
    void anInterruptedWriterStopsRetryingEvenWithoutBackoff() throws Exception {
        Channel<String> noConsumer = new Channel<>(0); // write blocks, and fails at once once interrupted
        CountingStrategy neverWaits = new CountingStrategy(Integer.MAX_VALUE, Duration.ZERO);
        RetryingSink<String> sink = retrying(noConsumer, neverWaits);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            outcome.set(catching(() -> sink.write("e")));
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        writer.setDaemon(true); // should this test fail, the spinning writer must not keep the JVM alive
        writer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.getState() == Thread.State.WAITING);

        writer.interrupt();
        writer.join(10_000);

        assertThat(writer.isAlive()).as("the writer gave up").isFalse();
        assertThat(outcome.get()).isInstanceOf(SinkException.class).isNotInstanceOf(SinkClosedException.class)
                .hasMessageContaining("after 1 failed attempt(s)");
        assertThat(flagAfter).as("interrupt flag kept").isTrue();
        assertThat(neverWaits.failures).as("the interrupted attempt was the last").hasValue(1);
        assertThat(dropped).isEmpty();
    }

    @Test
    void writeAfterCloseFailsWithoutAskingTheStrategy() {
        CountingStrategy strategy = new CountingStrategy(1, Duration.ZERO);
        RetryingSink<String> sink = retrying(target, strategy);
        sink.close();
        assertThatThrownBy(() -> sink.write("e")).isInstanceOf(SinkClosedException.class);
        assertThat(strategy.proceeds).hasValue(0);
    }

    @Test
    void aBackoffOfZeroOrLessDoesNotWait() {
        FailingSink flaky = new FailingSink(target, 2, new SinkException("down"));
        RetryStrategy negative = new CountingStrategy(100, Duration.ofSeconds(-5));
        retrying(flaky, negative).write("e");
        assertThat(clock.waits()).isEmpty();
        assertThat(target.events()).containsExactly("e");
    }

    @Test
    void closeClosesTheWrappedSinkOnce() {
        RetryingSink<String> sink = retrying(target, new Breaker(1, Duration.ofSeconds(1), clock));
        sink.close();
        sink.close();
        assertThat(target.closes()).isEqualTo(1);
    }

    private static Throwable catching(Runnable action) {
        try {
            action.run();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    /** Counts failures per write: each write gets its own budget of two failures. */
    static class PerWriteBudget implements RetryStrategy {
        final List<PerWriteBudget> handedOut = new CopyOnWriteArrayList<>();
        int failures;

        @Override
        public RetryStrategy forWrite(Object event) {
            PerWriteBudget forOne = new PerWriteBudget();
            handedOut.add(forOne);
            return forOne;
        }

        @Override
        public Duration proceed(Object event) {
            return Duration.ZERO;
        }

        @Override
        public boolean failure(Object event, Throwable error) {
            return ++failures >= 2;
        }

        @Override
        public void success(Object event) {
        }
    }

    @Test
    void eachWriteAsksForItsOwnStrategyAndUsesOnlyThat() {
        PerWriteBudget shared = new PerWriteBudget();
        FailingSink failing = new FailingSink(target, 3, new SinkException("down"));
        RetryingSink<String> retrying = new RetryingSink<>(failing, shared, dropped::add, clock);

        retrying.write("a"); // fails twice: its budget is spent, dropped
        retrying.write("b"); // fails once more, then delivered on a fresh budget

        assertThat(shared.handedOut).hasSize(2);
        assertThat(shared.failures).as("the shared strategy saw no call").isZero();
        assertThat(shared.handedOut.get(0).failures).isEqualTo(2);
        assertThat(shared.handedOut.get(1).failures).isEqualTo(1);
        assertThat(dropped).extracting(DeadLetter::event).containsExactly("a");
        assertThat(target.events()).containsExactly("b");
    }

    @Test
    void aStrategyThatHandsOutNullIsNamed() {
        RetryStrategy broken = new PerWriteBudget() {
            @Override
            public RetryStrategy forWrite(Object event) {
                return null;
            }
        };
        RetryingSink<String> retrying = new RetryingSink<>(target, broken, dropped::add, clock);

        assertThatThrownBy(() -> retrying.write("a"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("RetryStrategy.forWrite returned null");
        assertThat(target.events()).isEmpty();
    }
}
