/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.ManualTimekeeper;
import dev.sinkwire.core.RetryingSink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link TimeoutSink}: the writer's wait goes through a {@link ManualTimekeeper} whose waits the
 * test scripts, so each test says whether a write's deadline passes; sinks block on latches. No
 * sleeps, no wall-clock asserts.
 */
class TimeoutSinkTest {

    /** The write finishes in time: wait for it. */
    static final ManualTimekeeper.Wait FINISH = (done, nanos) -> {
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the write did not finish");
        }
        return true;
    };

    /** The deadline passes now. */
    static final ManualTimekeeper.Wait EXPIRE = (done, nanos) -> false;

    /** The worker finishes, and the deadline is found passed right after: the worker must win. */
    static final ManualTimekeeper.Wait EXPIRE_AFTER_DONE = (done, nanos) -> {
        FINISH.await(done, nanos);
        return false;
    };

    /** The deadline passes once {@code entered} is released: the write is under way and late. */
    static ManualTimekeeper.Wait expireOnce(CountDownLatch entered) {
        return (done, nanos) -> {
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            return false;
        };
    }

    /** A sink recording deliveries and the threads it ran on. */
    static final class RecordingSink implements Sink<Object> {
        final List<Object> delivered = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public void write(Object event) {
            threads.add(Thread.currentThread().getName());
            delivered.add(event);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final ManualTimekeeper timekeeper = new ManualTimekeeper();

    private <E> TimeoutSink<E> timeoutSink(Sink<? super E> sink) {
        return TimeoutSink.<E>builder(sink).timeout(Duration.ofMillis(250)).timekeeper(timekeeper).build();
    }

    @Test
    void aWriteThatFinishesInTimeReturnsAfterRunningOnAWorkerThread() {
        RecordingSink sink = new RecordingSink();
        TimeoutSink<Object> timeout = timeoutSink(sink);
        timekeeper.script(FINISH);

        timeout.write("e1");

        assertThat(sink.delivered).containsExactly("e1");
        assertThat(sink.threads).singleElement().asString().startsWith("sinkwire-timeout-");
        assertThat(timekeeper.waits()).containsExactly(Duration.ofMillis(250).toNanos());
        timeout.close();
    }

    @Test
    void theWorkersExceptionIsRethrownUnchangedEvenIfChecked() {
        IllegalStateException unchecked = new IllegalStateException("refused");
        IOException checked = new IOException("connection reset");
        AtomicInteger calls = new AtomicInteger();
        Sink<Object> failing = RetryPolicyTest.sinkThat(e -> {
            if (calls.incrementAndGet() == 1) {
                throw unchecked;
            }
            throw TimeoutSinkTest.<RuntimeException>sneaky(checked); // as a CDI method sink may rethrow
        });
        TimeoutSink<Object> timeout = timeoutSink(failing);
        timekeeper.script(FINISH);
        timekeeper.script(FINISH);

        assertThatThrownBy(() -> timeout.write("e1")).isSameAs(unchecked);
        assertThatThrownBy(() -> timeout.write("e2")).isSameAs(checked);
    }

    @Test
    void aSlowWriteFailsWithSinkTimeoutExceptionAndItsWorkerIsInterrupted() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        Sink<Object> slow = RetryPolicyTest.sinkThat(e -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await(); // blocks until interrupted
            } catch (InterruptedException ie) {
                interrupted.countDown();
                throw new SinkException("interrupted", ie);
            }
        });
        TimeoutSink<Object> timeout = timeoutSink(slow);
        timekeeper.script(expireOnce(entered));

        assertThatThrownBy(() -> timeout.write("e1"))
                .isInstanceOf(SinkTimeoutException.class)
                .hasMessageContaining("took longer than PT0.25S");
        assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aLateWriteThatIgnoresTheInterruptStillCompletesOnceAndIsNotReportedToTheWriter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        List<Object> delivered = new CopyOnWriteArrayList<>();
        Sink<Object> stubborn = RetryPolicyTest.sinkThat(e -> {
            entered.countDown();
            boolean wasInterrupted = false;
            while (true) {
                try {
                    mayFinish.await();
                    break;
                } catch (InterruptedException ie) {
                    wasInterrupted = true; // blocking I/O that ignores interrupts
                }
            }
            delivered.add(e + (wasInterrupted ? " (after interrupt)" : ""));
            finished.countDown();
        });
        TimeoutSink<Object> timeout = timeoutSink(stubborn);
        timekeeper.script(expireOnce(entered));

        assertThatThrownBy(() -> timeout.write("e1")).isInstanceOf(SinkTimeoutException.class);
        mayFinish.countDown();

        assertThat(finished.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(delivered).containsExactly("e1 (after interrupt)"); // at least once: it did arrive
    }

    @Test
    void whenTheWorkerFinishesJustBeforeTheDeadlineIsActedOnItsOutcomeWins() {
        RecordingSink sink = new RecordingSink();
        TimeoutSink<Object> timeout = timeoutSink(sink);
        timekeeper.script(EXPIRE_AFTER_DONE);

        timeout.write("e1"); // no SinkTimeoutException: the write completed

        assertThat(sink.delivered).containsExactly("e1");

        IllegalStateException failure = new IllegalStateException("failed in time");
        TimeoutSink<Object> failing = timeoutSink(RetryPolicyTest.sinkThat(e -> {
            throw failure;
        }));
        timekeeper.script(EXPIRE_AFTER_DONE);
        assertThatThrownBy(() -> failing.write("e2")).isSameAs(failure);
    }

    @Test
    void aWriteAbandonedBeforeAThreadPickedItUpIsNeverMade() {
        RecordingSink sink = new RecordingSink();
        List<Runnable> queued = new ArrayList<>();
        TimeoutSink<Object> timeout = TimeoutSink.builder(sink).executor(queued::add).timekeeper(timekeeper).build();
        timekeeper.script(EXPIRE);

        assertThatThrownBy(() -> timeout.write("e1")).isInstanceOf(SinkTimeoutException.class);
        queued.forEach(Runnable::run); // the executor gets round to it late

        assertThat(sink.delivered).isEmpty();
    }

    @Test
    void anInterruptedWriterRestoresItsFlagAndInterruptsTheWorker() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch workerInterrupted = new CountDownLatch(1);
        Sink<Object> slow = RetryPolicyTest.sinkThat(e -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException ie) {
                workerInterrupted.countDown();
            }
        });
        TimeoutSink<Object> timeout = timeoutSink(slow);
        timekeeper.script((done, nanos) -> {
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            throw new InterruptedException("writer interrupted");
        });

        assertThatThrownBy(() -> timeout.write("e1")).isInstanceOf(SinkException.class)
                .isNotInstanceOf(SinkTimeoutException.class).hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isTrue();
        assertThat(workerInterrupted.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRetryingSinkRetriesATimedOutWrite() {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch firstEntered = new CountDownLatch(1);
        RecordingSink delivered = new RecordingSink();
        Sink<Object> slowOnce = RetryPolicyTest.sinkThat(e -> {
            if (attempts.incrementAndGet() == 1) {
                firstEntered.countDown();
                try {
                    new CountDownLatch(1).await(); // until the timeout interrupts it
                } catch (InterruptedException ie) {
                    throw new SinkException("gave up on interrupt", ie);
                }
            }
            delivered.write(e);
        });
        List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
        ManualTimekeeper clock = FtSemanticsTest.clock();
        Sink<Object> chain = new RetryingSink<>(timeoutSink(slowOnce),
                RetryPolicy.builder().timekeeper(clock).jitter(Duration.ZERO).build(), dropped::add, clock);
        timekeeper.script(expireOnce(firstEntered));
        timekeeper.script(FINISH);

        chain.write("e1");

        assertThat(attempts).hasValue(2);
        assertThat(delivered.delivered).containsExactly("e1");
        assertThat(dropped).isEmpty();
        chain.close();
    }

    @Test
    void concurrentWritesEachGetTheirOwnOutcome() throws Exception {
        RecordingSink sink = new RecordingSink();
        TimeoutSink<Object> timeout = timeoutSink(sink);
        int writers = 12;
        for (int i = 0; i < writers; i++) {
            timekeeper.script(FINISH);
        }
        CyclicBarrier start = new CyclicBarrier(writers);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int id = i;
            threads.add(new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    timeout.write(id);
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
        assertThat(sink.delivered).hasSize(writers).doesNotHaveDuplicates();
        timeout.close();
    }

    @Test
    void anInterruptMeantForATimedOutWriteDoesNotLeakIntoTheWorkersNextWrite() throws Exception {
        // an executor with one thread that, unlike ThreadPoolExecutor, never clears interrupts itself
        BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        Thread worker = new Thread(() -> {
            try {
                while (true) {
                    tasks.take().run();
                }
            } catch (InterruptedException stop) {
                // test over
            }
        }, "single-worker");
        worker.setDaemon(true);
        worker.start();
        CountDownLatch entered = new CountDownLatch(1);
        List<Boolean> interruptedAtStart = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Sink<Object> sink = RetryPolicyTest.sinkThat(e -> {
            interruptedAtStart.add(Thread.currentThread().isInterrupted());
            if (calls.incrementAndGet() == 1) {
                entered.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt(); // a sink that restores the flag and returns
                }
            }
        });
        TimeoutSink<Object> timeout = TimeoutSink.builder(sink).executor(tasks::add).timekeeper(timekeeper).build();
        timekeeper.script(expireOnce(entered));
        timekeeper.script(FINISH);

        assertThatThrownBy(() -> timeout.write("slow")).isInstanceOf(SinkTimeoutException.class);
        timeout.write("next");

        assertThat(interruptedAtStart).containsExactly(false, false);
        worker.interrupt();
    }

    @Test
    void threadsComeFromTheGivenFactoryOrExecutor() {
        RecordingSink sink = new RecordingSink();
        AtomicInteger made = new AtomicInteger();
        TimeoutSink<Object> fromFactory = TimeoutSink.builder(sink).timekeeper(timekeeper).threadFactory(r -> {
            Thread t = new Thread(r, "managed-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        }).build();
        timekeeper.script(FINISH);

        fromFactory.write("e1");

        assertThat(sink.threads).containsExactly("managed-1");
        fromFactory.close();
    }

    @Test
    void aRefusingExecutorFailsTheWrite() {
        TimeoutSink<Object> timeout = TimeoutSink.builder(new RecordingSink()).executor(r -> {
            throw new RejectedExecutionException("full");
        }).timekeeper(timekeeper).build();

        assertThatThrownBy(() -> timeout.write("e1")).isInstanceOf(SinkException.class)
                .hasMessageContaining("refused").hasCauseInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void closeClosesTheWrappedSinkOnceAndLaterWritesFailClosed() {
        RecordingSink sink = new RecordingSink();
        TimeoutSink<Object> timeout = timeoutSink(sink);

        timeout.close();
        timeout.close();

        assertThat(sink.closed).isTrue();
        assertThatThrownBy(() -> timeout.write("e1")).isInstanceOf(SinkClosedException.class);
        assertThatThrownBy(() -> timeout.write(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void defaultsAndValidation() {
        assertThat(new TimeoutSink<>(new RecordingSink(), TimeoutSink.DEFAULT_TIMEOUT).timeout())
                .isEqualTo(Duration.ofMillis(1000));
        assertThat(TimeoutSink.builder(new RecordingSink()).build().timeout()).isEqualTo(Duration.ofMillis(1000));
        assertThatThrownBy(() -> new TimeoutSink<>(new RecordingSink(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, was PT0S");
        assertThatThrownBy(() -> TimeoutSink.builder(new RecordingSink()).timeout(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timeout must be positive");
        assertThatThrownBy(() -> TimeoutSink.builder(null))
                .isInstanceOf(NullPointerException.class).hasMessage("sink must not be null");
        assertThatThrownBy(() -> TimeoutSink.builder(new RecordingSink()).executor(null))
                .isInstanceOf(NullPointerException.class).hasMessage("executor must not be null");
        assertThatThrownBy(() -> TimeoutSink.builder(new RecordingSink()).threadFactory(null))
                .isInstanceOf(NullPointerException.class).hasMessage("threadFactory must not be null");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable e) throws T {
        throw (T) e;
    }
}
