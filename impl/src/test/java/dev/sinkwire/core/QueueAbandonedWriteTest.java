/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.internal.Checks;
import dev.sinkwire.core.BoundedTestSupport.GateSink;
import dev.sinkwire.core.BoundedTestSupport.Letters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Queue#close(Duration)} past its deadline with a destination write that ignores the
 * interrupt: the close returns after a grace on the queue's {@link Timekeeper} (a manual one here,
 * so nothing waits for real time), the event of that write is reported once as
 * {@link DropReason#SHUTDOWN}, and when the write returns at last the consumer reports nothing
 * more and delivers nothing more. Before, the close waited for that write forever.
 */
class QueueAbandonedWriteTest {

    private final ManualTimekeeper clock = new ManualTimekeeper();
    private final Letters letters = new Letters();
    private final SinkMeter meter = new SinkMeter("abandoned");

    /** A destination whose writes wait for {@link #release} and ignore interrupts while they wait. */
    static final class Stubborn implements Sink<String> {
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();
        private final Semaphore entered = new Semaphore(0);
        private final String failWith;

        Stubborn(String failWith) {
            this.failWith = failWith;
        }

        @Override
        public void write(String event) {
            entered.release();
            Checks.awaitUninterruptibly(release); // like blocking socket I/O: the interrupt does not end it
            if (failWith != null) {
                throw new SinkException(failWith);
            }
            delivered.add(event);
        }

        void awaitEntered() throws InterruptedException {
            if (!entered.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new AssertionError("no write entered within 10 seconds");
            }
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private Queue<String> queue(Sink<String> dst, int capacity) {
        Queue.Builder<String> builder = Queue.builder(dst).name("abandoned").dropListener(meter.dropping(letters))
                .timekeeper(clock);
        if (capacity > 0) {
            builder.capacity(capacity);
        }
        return builder.build();
    }

    /** Runs {@code close} on another thread and returns its answer; a close that hangs fails the test. */
    private static <T> T returns(Supplier<T> close) throws InterruptedException {
        try {
            return CompletableFuture.supplyAsync(close).get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("close did not return (it waits for the write in flight)", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 3})
    void aWriteIgnoringTheInterruptNoLongerHoldsCloseAndItsEventIsReportedOnce(int capacity) throws Exception {
        Stubborn dst = new Stubborn(null);
        Queue<String> queue = queue(meter.delivering(dst), capacity);
        Sink<String> chain = meter.accepting(queue);
        chain.write("0");
        dst.awaitEntered(); // "0" is in flight and ignores the interrupt
        chain.write("1");
        chain.write("2");

        assertThat(returns(() -> queue.close(Duration.ofSeconds(30)))).as("events were abandoned").isFalse();

        assertThat(clock.waitDurations()).as("the deadline, then the grace, on the queue's timekeeper")
                .startsWith(Duration.ofSeconds(30), Queue.DEADLINE_GRACE);
        assertThat(letters.events()).containsExactlyInAnyOrder("0", "1", "2");
        assertThat(letters.letters).allSatisfy(l -> {
            assertThat(l.reason()).isEqualTo(DropReason.SHUTDOWN);
            assertThat(l.sink()).isEqualTo("abandoned");
        });
        DeadLetter inFlight = letters.letters.stream().filter(l -> l.event().equals("0")).findFirst().orElseThrow();
        assertThat(inFlight.attempts()).as("the attempt under way").isEqualTo(1);
        assertThat(inFlight.cause()).as("no error yet: the write had not returned").isNull();
        assertThat(letters.letters).filteredOn(l -> !l.event().equals("0"))
                .allSatisfy(l -> assertThat(l.attempts()).isZero());
        assertThat(dst.closes).as("the destination is closed although the write is still running").hasValue(1);
        assertThat(queue.consumerAlive()).as("the consumer is still in the abandoned write").isTrue();
        SinkStats atClose = meter.snapshot();
        assertThat(atClose.accepted()).isEqualTo(3);
        assertThat(atClose.dropped(DropReason.SHUTDOWN)).isEqualTo(3);
        assertThat(atClose.pending()).isZero();

        dst.release.countDown(); // the abandoned write succeeds after all
        await().atMost(Duration.ofSeconds(10)).until(() -> !queue.consumerAlive());

        assertThat(dst.delivered).as("delivered and reported: at-least-once for the abandoned write only")
                .containsExactly("0");
        assertThat(letters.letters).as("nothing reported twice").hasSize(3);
        assertThat(dst.closes).as("not closed again").hasValue(1);
        SinkStats after = meter.snapshot();
        // the abandoned write counts on both sides; the snapshot's accepted covers it
        assertThat(after.delivered()).isEqualTo(1);
        assertThat(after.dropped(DropReason.SHUTDOWN)).isEqualTo(3);
        assertThat(after.delivered() + after.droppedTotal()).isEqualTo(after.accepted());
        assertThat(after.pending()).isZero();
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 3})
    void anAbandonedWriteThatFailsLaterIsNotReportedAgain(int capacity) throws Exception {
        Stubborn dst = new Stubborn("receiver gone");
        Queue<String> queue = queue(dst, capacity);
        queue.write("0");
        dst.awaitEntered();
        queue.write("1");

        assertThat(returns(() -> queue.close(Duration.ZERO))).isFalse();
        assertThat(letters.events()).containsExactlyInAnyOrder("0", "1");

        dst.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !queue.consumerAlive());
        assertThat(letters.events()).as("the failure of the abandoned write is not reported")
                .containsExactlyInAnyOrder("0", "1");
        assertThat(dst.delivered).isEmpty();
    }

    @Test
    void laterClosesDoNotWaitForTheAbandonedWrite() throws Exception {
        Stubborn dst = new Stubborn(null);
        Queue<String> queue = queue(dst, 0);
        queue.write("0");
        dst.awaitEntered();

        assertThat(returns(() -> queue.close(Duration.ZERO))).isFalse();
        // the CDI chain closes the queue again through its filter, with close()
        assertThat(returns(() -> {
            queue.close();
            return queue.close(Duration.ZERO);
        })).as("everything was accounted for by the first close").isTrue();
        assertThat(letters.events()).containsExactly("0");
        dst.release.countDown();
    }

    /**
     * An interruptible write ends within the grace and reports its own failure, as before: only a
     * write that ignores the interrupt is taken over.
     */
    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 3})
    void aWriteEndedByTheInterruptWithinTheGraceReportsItsOwnFailure(int capacity) throws Exception {
        GateSink<String> gate = new GateSink<>();
        Queue<String> queue = queue(gate, capacity);
        queue.write("0");
        gate.awaitEntered();
        queue.write("1");
        clock.script((wake, nanos) -> false, // the deadline passes
                (wake, nanos) -> wake.await(10, TimeUnit.SECONDS)); // the consumer ends within the grace

        assertThat(returns(() -> queue.close(Duration.ZERO))).isFalse();

        assertThat(queue.consumerAlive()).isFalse();
        assertThat(letters.events()).containsExactlyInAnyOrder("0", "1");
        DeadLetter inFlight = letters.letters.stream().filter(l -> l.event().equals("0")).findFirst().orElseThrow();
        assertThat(inFlight.reason()).isEqualTo(DropReason.SHUTDOWN);
        assertThat(inFlight.cause()).as("the write's own failure").isInstanceOf(SinkException.class);
    }

    /**
     * A {@link RetryingSink} destination is closed with the grace as its deadline: it reports its
     * attempt under way itself (attempts made, last error), and the queue does not report that
     * event again; the queue reports what was still queued.
     */
    @Test
    void aRetryingDestinationReportsItsAttemptUnderWayAndTheQueueTheRest() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Stubborn stubborn = new Stubborn(null);
        Sink<String> failsOnceThenHangs = new Sink<>() {
            @Override
            public void write(String event) {
                if (calls.incrementAndGet() == 1) {
                    throw new SinkException("first attempt failed");
                }
                stubborn.write(event);
            }

            @Override
            public void close() {
                stubborn.close();
            }
        };
        ManualTimekeeper retryClock = new ManualTimekeeper();
        RetryingSink<String> retrying = new RetryingSink<>(failsOnceThenHangs,
                new Breaker(5, Duration.ofMillis(1), retryClock), meter.dropping(letters), retryClock);
        Queue<String> queue = queue(retrying, 0);
        queue.write("0");
        stubborn.awaitEntered(); // the second attempt of "0" is under way and ignores the interrupt
        queue.write("1");

        assertThat(returns(() -> queue.close(Duration.ZERO))).isFalse();

        assertThat(letters.events()).containsExactlyInAnyOrder("0", "1");
        DeadLetter inFlight = letters.letters.stream().filter(l -> l.event().equals("0")).findFirst().orElseThrow();
        assertThat(inFlight.reason()).isEqualTo(DropReason.SHUTDOWN);
        assertThat(inFlight.attempts()).as("reported by the retrying sink, which counts its attempts").isEqualTo(2);
        assertThat(inFlight.cause()).hasMessage("first attempt failed");
        assertThat(letters.letters).filteredOn(l -> l.event().equals("1"))
                .singleElement().satisfies(l -> assertThat(l.sink()).isEqualTo("abandoned"));
        assertThat(stubborn.closes).as("the retrying sink closed what it wraps").hasValue(1);

        stubborn.release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !queue.consumerAlive());
        assertThat(letters.letters).as("nothing reported twice").hasSize(2);
    }
}
