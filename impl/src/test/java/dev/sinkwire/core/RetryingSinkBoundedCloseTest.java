/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.internal.Checks;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link RetryingSink#close(Duration)} on a manual clock: an attempt that outlives the deadline no
 * longer holds the close; its event is reported once with reason {@code SHUTDOWN}, and the writer's
 * write returns normally when the attempt finally ends.
 */
// hang guard only: before the bounded close existed, a close waiting for a blocked attempt never returned
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RetryingSinkBoundedCloseTest {

    private final ManualTimekeeper clock = new ManualTimekeeper();
    private final List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
    private final RecordingSink<String> target = new RecordingSink<>("target");

    /**
     * A sink whose writes of "stuck" block, ignoring interruption, until released; then they
     * succeed, or fail when {@code failLate} is set. Earlier failures are scripted by
     * {@code failFirst}. Safe for concurrent use.
     */
    static final class Blocking implements Sink<String> {
        final CountDownLatch entered;
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger failFirst = new AtomicInteger();
        /** Events whose first attempt fails. */
        final Set<String> failOnce = ConcurrentHashMap.newKeySet();
        volatile boolean failLate;
        /** Makes {@link #toString()} throw. */
        volatile boolean badToString;
        private final Sink<String> next;

        Blocking(Sink<String> next) {
            this(next, 1);
        }

        /** {@code blocked}: how many blocked writes {@link #entered} waits for. */
        Blocking(Sink<String> next, int blocked) {
            this.next = next;
            this.entered = new CountDownLatch(blocked);
        }

        @Override
        public void write(String event) {
            attempts.incrementAndGet();
            if (failFirst.getAndDecrement() > 0 || failOnce.remove(event)) {
                throw new SinkException("down");
            }
            if (event.startsWith("stuck")) {
                entered.countDown();
                Checks.awaitUninterruptibly(release);
                if (failLate) {
                    throw new SinkException("failed late");
                }
            }
            next.write(event);
        }

        @Override
        public void close() {
            next.close();
        }

        @Override
        public String toString() {
            if (badToString) {
                throw new IllegalStateException("no description");
            }
            return "blocking";
        }
    }

    /** Retries at once, never drops; counts its calls. */
    static final class Always implements RetryStrategy {
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger successes = new AtomicInteger();

        @Override
        public Duration proceed(Object event) {
            return Duration.ZERO;
        }

        @Override
        public boolean failure(Object event, Throwable error) {
            failures.incrementAndGet();
            return false;
        }

        @Override
        public void success(Object event) {
            successes.incrementAndGet();
        }
    }

    private RetryingSink<String> retrying(Sink<String> sink, RetryStrategy strategy) {
        return new RetryingSink<>(sink, strategy, dropped::add, clock);
    }

    private static CompletableFuture<Void> writeAsync(Sink<String> sink, String event) {
        return CompletableFuture.runAsync(() -> sink.write(event), r -> new Thread(r, "writer-" + event).start());
    }

    @Test
    void anAttemptThatOutlivesTheDeadlineIsReportedAndTheCloseReturns() throws Exception {
        Blocking blocking = new Blocking(target);
        Always strategy = new Always();
        RetryingSink<String> sink = retrying(blocking, strategy);
        CompletableFuture<Void> write = writeAsync(sink, "stuck");
        blocking.entered.await();

        boolean inTime = sink.close(Duration.ofSeconds(5)); // the manual clock lets the 5 s pass at once

        assertThat(inTime).isFalse();
        assertThat(clock.waits()).containsExactly(Duration.ofSeconds(5).toNanos());
        assertThat(dropped).singleElement().satisfies(l -> {
            assertThat(l.event()).isEqualTo("stuck");
            assertThat(l.reason()).isEqualTo(DropReason.SHUTDOWN);
            assertThat(l.attempts()).isEqualTo(1);
            assertThat(l.cause()).as("no attempt had failed").isNull();
            assertThat(l.sink()).isEqualTo("blocking");
        });
        assertThat(target.closes()).as("the wrapped sink is closed at the deadline").isEqualTo(1);
        assertThat(write).isNotDone();

        blocking.failLate = true;
        blocking.release.countDown();
        write.get(1, TimeUnit.MINUTES); // returns normally: the event was reported already

        assertThat(dropped).hasSize(1);
        assertThat(blocking.attempts).as("the late failure is not retried").hasValue(1);
        assertThat(strategy.failures).as("nor told to the strategy").hasValue(0);
        assertThat(strategy.successes).hasValue(0);
    }

    @Test
    void theLetterCarriesTheAttemptsMadeAndTheLastError() throws Exception {
        Blocking blocking = new Blocking(target);
        blocking.failFirst.set(2);
        RetryingSink<String> sink = retrying(blocking, new Always());
        CompletableFuture<Void> write = writeAsync(sink, "stuck");
        blocking.entered.await();

        assertThat(sink.close(Duration.ZERO)).isFalse();

        assertThat(dropped).singleElement().satisfies(l -> {
            assertThat(l.reason()).isEqualTo(DropReason.SHUTDOWN);
            assertThat(l.attempts()).as("two failed, the third is under way").isEqualTo(3);
            assertThat(l.cause()).hasMessage("down");
        });
        blocking.release.countDown();
        write.get(1, TimeUnit.MINUTES);
        assertThat(target.events()).as("the late attempt found the wrapped sink closed").isEmpty();
        assertThat(dropped).hasSize(1);
    }

    @Test
    void aLateSuccessReachesTheReceiverTooAtLeastOnce() throws Exception {
        RecordingSink<String> open = new RecordingSink<>("open") {
            @Override
            public synchronized void close() {
                // a receiver that still takes the late write (a remote system)
            }
        };
        Blocking blocking = new Blocking(open);
        Always strategy = new Always();
        RetryingSink<String> sink = retrying(blocking, strategy);
        CompletableFuture<Void> write = writeAsync(sink, "stuck");
        blocking.entered.await();

        assertThat(sink.close(Duration.ZERO)).isFalse();
        blocking.release.countDown();
        write.get(1, TimeUnit.MINUTES);

        assertThat(dropped).extracting(DeadLetter::reason).containsExactly(DropReason.SHUTDOWN);
        assertThat(open.events()).containsExactly("stuck");
        assertThat(strategy.successes).as("the outcome was decided by the close").hasValue(0);
    }

    /**
     * More attempts under way than the sink has slots for them (at most 128): those beyond are kept
     * aside, and the close finds and reports every one, first attempts and retries alike.
     */
    @Test
    void moreAttemptsUnderWayThanSlotsAreAllReportedOnce() throws Exception {
        int writers = 140;
        Blocking blocking = new Blocking(target, writers);
        RetryingSink<String> sink = retrying(blocking, new Always());
        List<CompletableFuture<Void>> writes = new java.util.ArrayList<>();
        for (int i = 0; i < writers; i += 2) {
            blocking.failOnce.add("stuck-" + i); // half of them are on their second attempt
        }
        for (int i = 0; i < writers; i++) {
            writes.add(writeAsync(sink, "stuck-" + i));
        }
        blocking.entered.await();

        assertThat(sink.close(Duration.ZERO)).isFalse();

        assertThat(dropped).hasSize(writers);
        assertThat(dropped).extracting(DeadLetter::event).doesNotHaveDuplicates();
        assertThat(dropped).filteredOn(l -> l.attempts() == 2).hasSize(writers / 2)
                .allSatisfy(l -> assertThat(l.cause()).hasMessage("down"));
        assertThat(dropped).filteredOn(l -> l.attempts() == 1).hasSize(writers / 2)
                .allSatisfy(l -> assertThat(l.cause()).isNull());
        blocking.release.countDown();
        for (CompletableFuture<Void> w : writes) {
            w.get(1, TimeUnit.MINUTES);
        }
        assertThat(dropped).hasSize(writers);
        assertThat(target.events()).isEmpty();
    }

    /** A wrapped sink whose {@code toString()} throws stops neither the close's reports nor a give-up's. */
    @Test
    void aSinkWhoseToStringThrowsIsDescribedByItsClassInEveryReport() throws Exception {
        Blocking blocking = new Blocking(target, 2);
        blocking.badToString = true;
        blocking.failFirst.set(1);
        RetryingSink<String> givingUp = retrying(blocking, new BoundedTestSupport.GiveUpAfter(1));
        givingUp.write("first"); // fails once: given up, and reported
        RetryingSink<String> sink = retrying(blocking, new Always());
        CompletableFuture<Void> a = writeAsync(sink, "stuck-a");
        CompletableFuture<Void> b = writeAsync(sink, "stuck-b");
        blocking.entered.await();

        assertThat(sink.close(Duration.ZERO)).isFalse();

        assertThat(dropped).extracting(DeadLetter::event).containsExactlyInAnyOrder("first", "stuck-a", "stuck-b");
        assertThat(dropped).extracting(DeadLetter::reason)
                .containsExactlyInAnyOrder(DropReason.GAVE_UP, DropReason.SHUTDOWN, DropReason.SHUTDOWN);
        assertThat(dropped).allSatisfy(l -> assertThat(l.sink())
                .startsWith(Blocking.class.getName() + "@").endsWith("(toString() threw java.lang.IllegalStateException)"));
        blocking.release.countDown();
        a.get(1, TimeUnit.MINUTES);
        b.get(1, TimeUnit.MINUTES);
        assertThat(dropped).hasSize(3);
    }

    @Test
    void anAttemptThatEndsBeforeTheDeadlineIsNotReported() throws Exception {
        Blocking blocking = new Blocking(target);
        RetryingSink<String> sink = retrying(blocking, new Always());
        CompletableFuture<Void> write = writeAsync(sink, "stuck");
        blocking.entered.await();
        clock.script((wake, nanos) -> { // the attempt returns while close waits
            blocking.release.countDown();
            wake.await();
            return true;
        });

        assertThat(sink.close(Duration.ofSeconds(5))).isTrue();

        write.get(1, TimeUnit.MINUTES);
        assertThat(target.events()).containsExactly("stuck");
        assertThat(dropped).isEmpty();
        assertThat(target.closes()).isEqualTo(1);
    }

    @Test
    void withNothingUnderWayItClosesAtOnceWithoutWaiting() {
        RetryingSink<String> sink = retrying(target, new Always());
        sink.write("e");

        assertThat(sink.close(Duration.ofSeconds(5))).isTrue();

        assertThat(clock.waits()).isEmpty();
        assertThat(target.closes()).isEqualTo(1);
        assertThatThrownBy(() -> sink.write("later")).isInstanceOf(SinkClosedException.class);
        assertThat(dropped).isEmpty();
    }

    @Test
    void aWriterBackingOffIsWokenAndOwnsItsEvent() throws Exception {
        clock.holdWaits(true);
        FailingOnce failing = new FailingOnce(target);
        RetryingSink<String> sink = retrying(failing, new Breaker(1, Duration.ofSeconds(30), clock));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                sink.write("e");
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "writer");
        writer.start();
        clock.awaitHeldWaiter();
        clock.holdWaits(false);

        assertThat(sink.close(Duration.ZERO)).as("no attempt was under way").isTrue();
        writer.join();

        assertThat(thrown.get()).isInstanceOf(SinkClosedException.class).hasMessageContaining("1 failed attempt");
        assertThat(dropped).as("the writer, not the close, owns an event it was backing off with").isEmpty();
    }

    /** Fails the first write, then passes events on. */
    static final class FailingOnce implements Sink<String> {
        private final AtomicInteger calls = new AtomicInteger();
        private final Sink<String> next;

        FailingOnce(Sink<String> next) {
            this.next = next;
        }

        @Override
        public void write(String event) {
            if (calls.incrementAndGet() == 1) {
                throw new SinkException("down once");
            }
            next.write(event);
        }

        @Override
        public void close() {
            next.close();
        }
    }

    @Test
    void aSecondCloseAnswersLikeTheFirstAndDoesNothingMore() throws Exception {
        Blocking blocking = new Blocking(target);
        RetryingSink<String> sink = retrying(blocking, new Always());
        CompletableFuture<Void> write = writeAsync(sink, "stuck");
        blocking.entered.await();

        assertThat(sink.close(Duration.ZERO)).isFalse();
        assertThat(sink.close(Duration.ZERO)).isFalse();
        sink.close();

        assertThat(dropped).hasSize(1);
        assertThat(target.closes()).isEqualTo(1);
        blocking.release.countDown();
        write.get(1, TimeUnit.MINUTES);
        assertThat(dropped).hasSize(1);
    }

    @Test
    void aNegativeTimeoutIsRefusedAndLeavesTheSinkOpen() {
        RetryingSink<String> sink = retrying(target, new Always());

        assertThatThrownBy(() -> sink.close(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");

        sink.write("still open");
        assertThat(target.events()).containsExactly("still open");
    }

    @Test
    void aNullTimeoutWaitsAsLongAsTheAttemptTakes() throws Exception {
        Blocking blocking = new Blocking(target);
        RetryingSink<String> sink = retrying(blocking, new Always());
        CompletableFuture<Void> write = writeAsync(sink, "stuck");
        blocking.entered.await();
        CompletableFuture<Boolean> close = CompletableFuture.supplyAsync(() -> sink.close(null),
                r -> new Thread(r, "closer").start());

        blocking.release.countDown();

        assertThat(close.get(1, TimeUnit.MINUTES)).isTrue();
        write.get(1, TimeUnit.MINUTES);
        assertThat(target.events()).containsExactly("stuck");
        assertThat(dropped).isEmpty();
        assertThat(clock.waits()).as("no timed wait").isEmpty();
    }

    @Test
    void aMeteredChainStaysBalancedWhenTheAttemptIsAbandoned() throws Exception {
        SinkMeter meter = new SinkMeter("m");
        Blocking blocking = new Blocking(target);
        RetryingSink<String> retrying = new RetryingSink<>(meter.delivering(blocking),
                meter.retrying(new Always()), meter.dropping(dropped::add), clock);
        Sink<String> chain = meter.accepting(retrying);
        chain.write("delivered");
        CompletableFuture<Void> write = writeAsync(chain, "stuck");
        blocking.entered.await();

        retrying.close(Duration.ZERO);
        SinkStats atClose = meter.snapshot();
        blocking.failLate = true;
        blocking.release.countDown();
        write.get(1, TimeUnit.MINUTES);
        SinkStats after = meter.snapshot();

        assertThat(atClose.pending()).isZero();
        assertThat(after.accepted()).isEqualTo(2);
        assertThat(after.delivered()).isEqualTo(1);
        assertThat(after.dropped(DropReason.SHUTDOWN)).isEqualTo(1);
        assertThat(after.pending()).isZero();
    }
}
