/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static dev.sinkwire.core.BoundedTestSupport.async;
import static dev.sinkwire.core.BoundedTestSupport.failureOf;
import static dev.sinkwire.core.BoundedTestSupport.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.BoundedTestSupport.Letters;
import dev.sinkwire.core.BoundedTestSupport.Running;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core's edges, each made deliberate (see docs/reliability.md, "Edges of the core"): a queue
 * whose destination is closed, {@link Error}s from sinks and listeners, overflow reports racing
 * close, a retrying sink racing close, the shutdown letter behind a retrying sink, a strategy
 * answering {@code null}, and close under interruption. Nothing here sleeps or measures time:
 * the tests hold threads with latches and observe where they wait.
 */
class CoreEdgesTest {

    /** A destination that records each event, then runs a script on it; the script may block or throw. */
    static final class ScriptedSink<E> implements Sink<E> {
        final List<E> written = new CopyOnWriteArrayList<>();
        final AtomicInteger closes = new AtomicInteger();
        private final java.util.function.Consumer<E> script;

        ScriptedSink(java.util.function.Consumer<E> script) {
            this.script = script;
        }

        @Override
        public void write(E event) {
            written.add(event);
            script.accept(event);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        @Override
        public String toString() {
            return "scripted";
        }
    }

    /** A thread factory that keeps the thread and what ended it. */
    static final class Threads implements java.util.concurrent.ThreadFactory {
        final AtomicReference<Thread> thread = new AtomicReference<>();
        final CompletableFuture<Throwable> died = new CompletableFuture<>();

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task, "edges-consumer");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> died.complete(e));
            thread.set(t);
            return t;
        }

        Thread get() {
            return thread.get();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within 10 seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * A destination that lets every event through except {@code "b"}: that write counts down
     * {@code entered}, waits for {@code mayFail}, then throws {@code failure} (unchecked).
     */
    private static ScriptedSink<String> failingOnB(CountDownLatch entered, CountDownLatch mayFail, Throwable failure) {
        return new ScriptedSink<>(event -> {
            if (event.equals("b")) {
                entered.countDown();
                awaitLatch(mayFail);
                if (failure instanceof Error) {
                    throw (Error) failure;
                }
                throw (RuntimeException) failure;
            }
        });
    }

    /** Writes a and b, waits until b is in the destination, writes c and d, then lets b fail. */
    private static void writeABThenCDWhileBIsInFlight(Queue<String> queue, CountDownLatch bEntered, CountDownLatch bMayFail) {
        queue.write("a");
        queue.write("b");
        awaitLatch(bEntered);
        queue.write("c"); // accepted while "b" is in flight
        queue.write("d");
        bMayFail.countDown();
    }

    private static boolean waitsOnLatch(Thread thread) {
        Object blocker = LockSupport.getBlocker(thread);
        return blocker != null && blocker.getClass().getName().startsWith(CountDownLatch.class.getName());
    }

    private static Queue<String> queue(Sink<String> dst, int capacity, DropListener listener, Threads threads) {
        Queue.Builder<String> builder = Queue.builder(dst).name("edges").dropListener(listener).threadFactory(threads);
        if (capacity > 0) {
            builder.capacity(capacity);
        }
        return builder.build();
    }

    @Nested
    class DestinationClosed {

        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 8})
        void theQueueClosesItselfAndReportsEveryAcceptedEventOnceAsClosed(int capacity) {
            CountDownLatch bEntered = new CountDownLatch(1);
            CountDownLatch bMayFail = new CountDownLatch(1);
            SinkClosedException gone = new SinkClosedException("receiver closed");
            ScriptedSink<String> dst = failingOnB(bEntered, bMayFail, gone);
            Letters letters = new Letters();
            Queue<String> queue = queue(dst, capacity, letters, new Threads());
            writeABThenCDWhileBIsInFlight(queue, bEntered, bMayFail);

            await().atMost(Duration.ofSeconds(10)).until(() -> letters.letters.size() == 3);
            assertThat(letters.events()).containsExactly("b", "c", "d");
            assertThat(letters.letters).allSatisfy(letter -> {
                assertThat(letter.reason()).isEqualTo(DropReason.CLOSED);
                assertThat(letter.cause()).isSameAs(gone);
            });
            assertThat(letters.letters).extracting(DeadLetter::attempts).containsExactly(1, 0, 0);
            assertThat(dst.written).as("c and d never reach the closed destination").containsExactly("a", "b");

            assertThatThrownBy(() -> queue.write("late")).isInstanceOf(SinkClosedException.class)
                    .hasMessageContaining("edges").hasMessageContaining("its destination is closed");
            assertThat(queue.close(Duration.ZERO)).as("nothing was abandoned").isTrue();
            queue.close();
            assertThat(letters.letters).as("each accepted event reported once").hasSize(3);
            assertThat(dst.closes).hasValue(1);
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 8})
        void aVirtualMachineErrorIsReportedThenEndsTheConsumerVisibly(int capacity) {
            CountDownLatch bEntered = new CountDownLatch(1);
            CountDownLatch bMayFail = new CountDownLatch(1);
            OutOfMemoryError oom = new OutOfMemoryError("simulated by the test");
            ScriptedSink<String> dst = failingOnB(bEntered, bMayFail, oom);
            Letters letters = new Letters();
            Threads threads = new Threads();
            Queue<String> queue = queue(dst, capacity, letters, threads);
            writeABThenCDWhileBIsInFlight(queue, bEntered, bMayFail);

            assertThat(threads.died).succeedsWithin(Duration.ofSeconds(10)).isSameAs(oom);
            assertThat(letters.events()).as("reported before the thread ended").containsExactly("b", "c", "d");
            assertThat(letters.letters).allSatisfy(letter -> {
                assertThat(letter.reason()).isEqualTo(DropReason.FAILED);
                assertThat(letter.cause()).isSameAs(oom);
            });
            assertThat(letters.letters).extracting(DeadLetter::attempts).containsExactly(1, 0, 0);
            assertThat(dst.written).containsExactly("a", "b");
            assertThatThrownBy(() -> queue.write("late")).isInstanceOf(SinkClosedException.class)
                    .hasMessageContaining("its destination threw java.lang.OutOfMemoryError");
            assertThatNoException().as("close returns: the consumer has ended").isThrownBy(queue::close);
            assertThat(dst.closes).hasValue(1);
        }

        @Test
        void anotherErrorFromTheDestinationIsReportedAndTheQueueCarriesOn() throws Exception {
            AssertionError bug = new AssertionError("a bug in the receiver");
            ScriptedSink<String> dst = new ScriptedSink<>(event -> {
                if (event.equals("b")) {
                    throw bug;
                }
            });
            Letters letters = new Letters();
            Threads threads = new Threads();
            Queue<String> queue = queue(dst, 0, letters, threads);
            queue.write("a");
            queue.write("b");
            queue.write("c");
            queue.close();
            assertThat(dst.written).containsExactly("a", "b", "c");
            assertThat(letters.letters).singleElement().satisfies(letter -> {
                assertThat(letter.reason()).isEqualTo(DropReason.FAILED);
                assertThat(letter.cause()).isSameAs(bug);
            });
            threads.get().join(10_000);
            assertThat(threads.died).as("the consumer ended normally").isNotDone();
        }

        @Test
        void aVirtualMachineErrorFromTheDropListenerEndsTheConsumerAndTheQueueStopsAccepting() {
            StackOverflowError fatal = new StackOverflowError("simulated by the test");
            Threads threads = new Threads();
            Queue<String> queue = queue(new ScriptedSink<String>(event -> {
                throw new SinkException("refused " + event);
            }), 0, letter -> {
                throw fatal;
            }, threads);
            queue.write("a");

            assertThat(threads.died).succeedsWithin(Duration.ofSeconds(10)).isSameAs(fatal);
            assertThatThrownBy(() -> queue.write("late")).isInstanceOf(SinkClosedException.class)
                    .hasMessageContaining("its consumer thread died of java.lang.StackOverflowError");
            assertThatNoException().isThrownBy(queue::close);
        }

        @Test
        void dropListenerNotifyRethrowsAVirtualMachineErrorAndLogsTheRest() {
            DeadLetter letter = new DeadLetter("e", "s", DropReason.FAILED, null, 1);
            OutOfMemoryError oom = new OutOfMemoryError("simulated by the test");
            assertThatThrownBy(() -> DropListener.notify(l -> {
                throw oom;
            }, letter)).isSameAs(oom);
            assertThatNoException().isThrownBy(() -> DropListener.notify(l -> {
                throw new IllegalStateException("a broken listener");
            }, letter));
            assertThatNoException().isThrownBy(() -> DropListener.notify(l -> {
                throw new AssertionError("a broken listener");
            }, letter));
        }

        @Test
        void dropListenersRethrowAVirtualMachineError() {
            DeadLetter letter = new DeadLetter("e", "s", DropReason.FAILED, null, 1);
            OutOfMemoryError oom = new OutOfMemoryError("simulated by the test");
            Sink<DeadLetter> failing = new ScriptedSink<>(l -> {
                throw oom;
            });
            assertThatThrownBy(() -> DropListeners.toSink(failing).dropped(letter)).isSameAs(oom);
            List<DeadLetter> second = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> DropListeners.all(l -> {
                throw oom;
            }, second::add).dropped(letter)).isSameAs(oom);
            assertThat(second).as("propagates at once").isEmpty();
        }

        @Test
        void aBroadcasterReportsAVirtualMachineErrorThenThrowsIt() {
            RecordingSink<String> first = new RecordingSink<>("first");
            StackOverflowError fatal = new StackOverflowError("simulated by the test");
            AtomicInteger calls = new AtomicInteger();
            Sink<String> failing = new ScriptedSink<>(event -> {
                if (calls.incrementAndGet() == 1) {
                    throw fatal;
                }
            });
            RecordingSink<String> last = new RecordingSink<>("last");
            Letters letters = new Letters();
            Broadcaster<String> broadcaster = new Broadcaster<>(letters, first, failing, last);

            assertThatThrownBy(() -> broadcaster.write("a")).isSameAs(fatal);
            assertThat(letters.letters).singleElement().satisfies(letter -> {
                assertThat(letter.reason()).isEqualTo(DropReason.FAILED);
                assertThat(letter.cause()).isSameAs(fatal);
                assertThat(letter.event()).isEqualTo("a");
            });
            assertThat(first.events()).containsExactly("a");
            assertThat(last.events()).as("sinks after the failing one did not see it").isEmpty();

            broadcaster.write("b"); // still open, every sink kept
            assertThat(first.events()).containsExactly("a", "b");
            assertThat(last.events()).containsExactly("b");
        }

        @Test
        void aBroadcasterTreatsAnotherErrorLikeAnyFailure() {
            AssertionError bug = new AssertionError("a bug in one sink");
            RecordingSink<String> last = new RecordingSink<>("last");
            Letters letters = new Letters();
            Broadcaster<String> broadcaster = new Broadcaster<>(letters, new ScriptedSink<String>(event -> {
                throw bug;
            }), last);
            broadcaster.write("a");
            assertThat(last.events()).containsExactly("a");
            assertThat(letters.letters).singleElement().satisfies(letter -> assertThat(letter.cause()).isSameAs(bug));
        }
    }

    @Nested
    class OverflowReportsAndClose {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = OverflowPolicy.class, names = {"REJECT", "DROP_OLDEST"})
        void closeReturnsOnlyAfterAnOverflowReportInProgressIsMade(OverflowPolicy policy) throws Exception {
            BoundedTestSupport.GateSink<String> gate = new BoundedTestSupport.GateSink<>();
            CountDownLatch reportEntered = new CountDownLatch(1);
            CountDownLatch reportMayEnd = new CountDownLatch(1);
            List<String> order = new CopyOnWriteArrayList<>();
            DropListener slowReporter = letter -> {
                reportEntered.countDown();
                awaitLatch(reportMayEnd);
                order.add("report of " + letter.event());
            };
            Threads threads = new Threads();
            Queue<String> queue = Queue.<String>builder(gate).name("edges").capacity(1).overflow(policy)
                    .dropListener(slowReporter).threadFactory(threads).build();
            queue.write("0");
            gate.awaitEntered(); // "0" in flight
            queue.write("1"); // the queue is full
            Running writer = async("overflowing writer", () -> queue.write("2"));
            awaitLatch(reportEntered);
            gate.open();
            Running closer = async("closer", () -> {
                queue.close();
                order.add("close returned");
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> waitsOnLatch(closer.thread())
                    && LockSupport.getBlocker(threads.get()) instanceof java.util.concurrent.locks.Condition);
            assertThat(closer.done()).as("close waits for the report in progress").isNotDone();

            reportMayEnd.countDown();
            join(writer.done());
            join(closer.done());
            String reported = policy == OverflowPolicy.REJECT ? "2" : "1";
            assertThat(order).containsExactly("report of " + reported, "close returned");
        }
    }

    @Nested
    class RetryingSinkAndClose {

        /** Retries every failure; before the attempt numbered {@code holdBefore} it waits for a latch. */
        final class HoldingStrategy implements RetryStrategy {
            final AtomicInteger proceeds = new AtomicInteger();
            final CountDownLatch held = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            private final int holdBefore;

            HoldingStrategy(int holdBefore) {
                this.holdBefore = holdBefore;
            }

            @Override
            public Duration proceed(Object event) {
                if (proceeds.incrementAndGet() == holdBefore) {
                    held.countDown();
                    awaitLatch(release);
                }
                return Duration.ZERO;
            }

            @Override
            public boolean failure(Object event, Throwable error) {
                return false;
            }

            @Override
            public void success(Object event) {
            }
        }

        @Test
        void noAttemptBeginsAfterTheWrappedSinkWasClosed() throws Exception {
            AtomicInteger writesAfterClose = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            RecordingSink<String> wrapped = new RecordingSink<>("wrapped") {
                @Override
                public synchronized void write(String event) {
                    if (isClosed()) {
                        writesAfterClose.incrementAndGet();
                    }
                    throw new SinkException("down " + failures.incrementAndGet());
                }
            };
            HoldingStrategy strategy = new HoldingStrategy(2);
            RetryingSink<String> retrying = new RetryingSink<>(wrapped, strategy, new Letters(), new ManualTimekeeper());
            Running writer = async("writer", () -> retrying.write("a"));
            awaitLatch(strategy.held); // the writer has failed once and is about to try again

            retrying.close();
            assertThat(wrapped.isClosed()).isTrue();
            strategy.release.countDown();

            Throwable failure = failureOf(writer.done());
            assertThat(writesAfterClose).as("writes that reached the wrapped sink after its close").hasValue(0);
            assertThat(failure).isInstanceOf(SinkClosedException.class)
                    .hasMessageContaining("after 1 failed attempt(s)").hasMessageContaining("down 1");
            assertThat(failure.getCause()).hasMessage("down 1");
        }

        @Test
        void closeWaitsForAnAttemptInProgressBeforeClosingTheWrappedSink() throws Exception {
            CountDownLatch inWrite = new CountDownLatch(1);
            CountDownLatch writeMayReturn = new CountDownLatch(1);
            List<String> order = new CopyOnWriteArrayList<>();
            Sink<String> wrapped = new Sink<>() {
                @Override
                public void write(String event) {
                    inWrite.countDown();
                    awaitLatch(writeMayReturn);
                    order.add("write returned");
                }

                @Override
                public void close() {
                    order.add("closed");
                }
            };
            RetryingSink<String> retrying = new RetryingSink<>(wrapped, new Breaker(1, Duration.ofSeconds(1)));
            Running writer = async("writer", () -> retrying.write("a"));
            awaitLatch(inWrite);
            Running closer = async("closer", retrying::close);
            await().atMost(Duration.ofSeconds(10)).until(() -> waitsOnLatch(closer.thread()));
            assertThat(order).as("the wrapped sink is not closed under a write").isEmpty();

            writeMayReturn.countDown();
            join(writer.done());
            join(closer.done());
            assertThat(order).containsExactly("write returned", "closed");
        }

        @Test
        void theShutdownLetterBehindARetryingSinkCarriesTheAttemptsAndTheLastError() throws Exception {
            AtomicInteger failures = new AtomicInteger();
            Sink<String> down = new ScriptedSink<>(event -> {
                throw new SinkException("receiver down, attempt " + failures.incrementAndGet());
            });
            ManualTimekeeper clock = new ManualTimekeeper();
            clock.holdWaits(true);
            RetryStrategy threeThenWait = new RetryStrategy() {
                private final AtomicInteger proceeds = new AtomicInteger();

                @Override
                public Duration proceed(Object event) {
                    return proceeds.incrementAndGet() <= 3 ? Duration.ZERO : Duration.ofHours(1);
                }

                @Override
                public boolean failure(Object event, Throwable error) {
                    return false;
                }

                @Override
                public void success(Object event) {
                }
            };
            Letters letters = new Letters();
            RetryingSink<String> retrying = new RetryingSink<>(down, threeThenWait, letters, clock);
            Queue<String> queue = Queue.builder(retrying).name("edges").dropListener(letters).build();
            queue.write("a");
            clock.awaitHeldWaiter(); // three attempts failed; backing off for an hour

            assertThat(queue.close(Duration.ZERO)).isFalse();
            assertThat(letters.letters).singleElement().satisfies(letter -> {
                assertThat(letter.reason()).isEqualTo(DropReason.SHUTDOWN);
                assertThat(letter.attempts()).isEqualTo(3);
                assertThat(letter.cause()).isInstanceOf(SinkException.class).hasMessage("receiver down, attempt 3");
            });
        }

        @Test
        void aStrategyWhoseProceedReturnsNullIsNamed() {
            RetryStrategy broken = new RetryStrategy() {
                @Override
                public Duration proceed(Object event) {
                    return null;
                }

                @Override
                public boolean failure(Object event, Throwable error) {
                    return false;
                }

                @Override
                public void success(Object event) {
                }

                @Override
                public String toString() {
                    return "BrokenStrategy";
                }
            };
            RecordingSink<String> wrapped = new RecordingSink<>();
            RetryingSink<String> retrying = new RetryingSink<>(wrapped, broken);
            assertThatThrownBy(() -> retrying.write("a")).isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("RetryStrategy.proceed returned null").hasMessageContaining("BrokenStrategy");
            assertThat(wrapped.events()).isEmpty();
        }
    }

    @Nested
    class CloseIsNotInterruptible {

        @ParameterizedTest(name = "capacity {0}")
        @ValueSource(ints = {0, 8})
        void anInterruptedCloseStillWaitsForDeliveryAndKeepsTheFlag(int capacity) throws Exception {
            BoundedTestSupport.GateSink<String> gate = new BoundedTestSupport.GateSink<>();
            Queue<String> queue = queue(gate, capacity, new Letters(), new Threads());
            queue.write("a");
            gate.awaitEntered();
            queue.write("b");
            AtomicReference<Boolean> flagAfterClose = new AtomicReference<>();
            Semaphore closing = new Semaphore(0);
            Running closer = async("closer", () -> {
                closing.release();
                queue.close();
                flagAfterClose.set(Thread.currentThread().isInterrupted());
            });
            closing.acquire();
            await().atMost(Duration.ofSeconds(10)).until(() -> waitsOnLatch(closer.thread()));
            closer.thread().interrupt();
            // the interrupt is taken (flag cleared by the wait) and the wait resumes; close never returns early
            await().atMost(Duration.ofSeconds(10)).until(() -> closer.done().isDone()
                    || (!closer.thread().isInterrupted() && waitsOnLatch(closer.thread())));
            assertThat(closer.done()).as("an interrupt does not end close").isNotDone();

            gate.open();
            join(closer.done());
            assertThat(gate.delivered).containsExactly("a", "b");
            assertThat(flagAfterClose).as("the interrupt is kept for the caller").hasValue(true);
        }
    }
}
