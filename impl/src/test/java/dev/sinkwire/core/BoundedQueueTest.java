/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static dev.sinkwire.core.BoundedTestSupport.async;
import static dev.sinkwire.core.BoundedTestSupport.failureOf;
import static dev.sinkwire.core.BoundedTestSupport.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.Sink;
import dev.sinkwire.core.BoundedTestSupport.GateSink;
import dev.sinkwire.core.BoundedTestSupport.Letters;
import dev.sinkwire.core.BoundedTestSupport.Running;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each overflow policy of a bounded {@link Queue}, deterministically: a gate holds the consumer
 * inside the delivery of event "0", so that the buffer holds exactly what the test wrote after it.
 */
class BoundedQueueTest {

    private final GateSink<String> gate = new GateSink<>();
    private final Letters letters = new Letters();
    private Queue<String> queue;

    @AfterEach
    void tearDown() {
        gate.open();
        if (queue != null) {
            queue.close();
        }
    }

    /** A queue of {@code capacity} whose consumer is held inside the write of "0". */
    private Queue<String> heldQueue(int capacity, OverflowPolicy policy) throws InterruptedException {
        return heldQueue(Queue.builder(gate).capacity(capacity).overflow(policy));
    }

    private Queue<String> heldQueue(Queue.Builder<String> builder) throws InterruptedException {
        queue = builder.name("bounded").dropListener(letters).build();
        queue.write("0");
        gate.awaitEntered();
        return queue;
    }

    @Test
    void sizeCountsTheEventsWaitingAndTheConsumerIsAliveUntilClosed() throws Exception {
        heldQueue(3, OverflowPolicy.FAIL);
        assertThat(queue.capacity()).isEqualTo(3);
        assertThat(queue.size()).as("the event being delivered is not waiting").isZero();
        queue.write("1");
        queue.write("2");
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.consumerAlive()).isTrue();
        gate.open();
        queue.close();
        assertThat(queue.size()).isZero();
        assertThat(queue.consumerAlive()).as("the consumer ends once close delivered everything").isFalse();
    }

    @Test
    void anUnboundedQueueKeepsNoCount() {
        Queue<String> unbounded = new Queue<>(gate);
        try {
            assertThat(unbounded.capacity()).isZero();
            assertThat(unbounded.size()).isEqualTo(-1);
        } finally {
            gate.open();
            unbounded.close();
        }
    }

    @Test
    void theConsumerDiesOfAVirtualMachineErrorFromTheDestination() {
        queue = Queue.<String>builder(new Sink<>() {
            @Override
            public void write(String event) {
                throw new InternalError("planted for the test");
            }

            @Override
            public void close() {
            }
        }).name("dies").dropListener(letters).threadFactory(r -> {
            Thread t = new Thread(r, "dies");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> { }); // expected: keep the test output clean
            return t;
        }).build();
        queue.write("1");
        await().atMost(Duration.ofSeconds(60)).until(() -> !queue.consumerAlive());
        assertThat(letters.letters).hasSize(1);
    }

    @Test
    void blockWaitsForRoomThenQueuesInOrder() throws Exception {
        heldQueue(2, OverflowPolicy.BLOCK);
        queue.write("1");
        queue.write("2");
        Running writer = async("writer", () -> queue.write("3"));
        writer.awaitWaitingOnCondition();
        assertThat(writer.done()).as("writer waits while the queue is full").isNotDone();

        gate.release(1); // "0" delivered; the consumer takes "1", which frees a slot
        join(writer.done());
        gate.open();
        queue.close();
        assertThat(gate.delivered).containsExactly("0", "1", "2", "3");
        assertThat(letters.letters).isEmpty();
    }

    @Test
    void blockWithMaxWaitFailsWithQueueFullAndDoesNotAcceptTheEvent() throws Exception {
        heldQueue(Queue.builder(gate).capacity(1).overflow(OverflowPolicy.BLOCK).maxWait(Duration.ofMillis(20)));
        queue.write("1");
        assertThatThrownBy(() -> queue.write("2"))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("bounded").hasMessageContaining("capacity 1").hasMessageContaining("PT0.02S");
        gate.open();
        queue.close();
        assertThat(gate.delivered).containsExactly("0", "1");
        assertThat(letters.letters).as("a refused event is not reported").isEmpty();
    }

    @Test
    void blockWithZeroMaxWaitFailsAtOnceWhenFull() throws Exception {
        heldQueue(Queue.builder(gate).capacity(1).maxWait(Duration.ZERO));
        queue.write("1");
        assertThatThrownBy(() -> queue.write("2")).isInstanceOf(QueueFullException.class);
        gate.open();
        queue.close();
        assertThat(gate.delivered).containsExactly("0", "1");
    }

    @Test
    void blockIsTheDefaultPolicyOfABoundedQueue() throws Exception {
        heldQueue(Queue.builder(gate).capacity(1));
        queue.write("1");
        Running writer = async("writer", () -> queue.write("2"));
        writer.awaitWaitingOnCondition();
        gate.open();
        join(writer.done());
        queue.close();
        assertThat(gate.delivered).containsExactly("0", "1", "2");
    }

    @Test
    void closeReleasesAWriterWaitingForRoomWithSinkClosedException() throws Exception {
        heldQueue(1, OverflowPolicy.BLOCK);
        queue.write("1");
        Running writer = async("writer", () -> queue.write("2"));
        writer.awaitWaitingOnCondition();

        Running closer = async("closer", queue::close); // waits for the held delivery
        assertThat(failureOf(writer.done())).isInstanceOf(SinkClosedException.class).hasMessageContaining("bounded");
        assertThat(closer.done()).as("close still delivers what was accepted").isNotDone();
        gate.open();
        join(closer.done());
        assertThat(gate.delivered).containsExactly("0", "1");
        assertThat(letters.letters).isEmpty();
        assertThat(gate.closes()).isEqualTo(1);
    }

    @Test
    void interruptingAWriterWaitingForRoomFailsTheWriteAndKeepsTheFlag() throws Exception {
        heldQueue(1, OverflowPolicy.BLOCK);
        queue.write("1");
        AtomicBoolean flagKept = new AtomicBoolean();
        Running writer = async("writer", () -> {
            try {
                queue.write("2");
            } finally {
                flagKept.set(Thread.currentThread().isInterrupted());
            }
        });
        writer.awaitWaitingOnCondition();
        writer.thread().interrupt();
        assertThat(failureOf(writer.done())).isExactlyInstanceOf(SinkException.class)
                .hasCauseInstanceOf(InterruptedException.class).hasMessageContaining("not accepted");
        assertThat(flagKept).isTrue();
        gate.open();
        queue.close();
        assertThat(gate.delivered).containsExactly("0", "1");
        assertThat(letters.letters).isEmpty();
    }

    @Test
    void aWriterWithItsInterruptFlagSetIsNotFailedWhileThereIsRoom() throws Exception {
        heldQueue(2, OverflowPolicy.BLOCK);
        Thread.currentThread().interrupt();
        try {
            queue.write("1"); // no wait needed: interruption only matters to a write that blocks
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        gate.open();
        queue.close();
        assertThat(gate.delivered).containsExactly("0", "1");
    }

    @Test
    void rejectAcceptsAndReportsTheNewEventAsOverflow() throws Exception {
        heldQueue(2, OverflowPolicy.REJECT);
        queue.write("1");
        queue.write("2");
        queue.write("3"); // returns normally: accepted and reported
        queue.write("4");
        assertThat(letters.events()).as("reported before write returned").containsExactly("3", "4");
        gate.open();
        queue.close();
        assertThat(gate.delivered).containsExactly("0", "1", "2");
        assertThat(letters.letters).allSatisfy(letter -> assertOverflow(letter));
    }

    @Test
    void dropOldestEvictsAndReportsTheOldestQueuedEvent() throws Exception {
        heldQueue(2, OverflowPolicy.DROP_OLDEST);
        queue.write("1");
        queue.write("2");
        queue.write("3"); // evicts "1"
        queue.write("4"); // evicts "2"
        assertThat(letters.events()).containsExactly("1", "2");
        gate.open();
        queue.close();
        assertThat(gate.delivered).as("the event being delivered is never evicted").containsExactly("0", "3", "4");
        assertThat(letters.letters).allSatisfy(letter -> assertOverflow(letter));
    }

    @Test
    void failThrowsQueueFullAndNeitherAcceptsNorReports() throws Exception {
        heldQueue(1, OverflowPolicy.FAIL);
        queue.write("1");
        assertThatThrownBy(() -> queue.write("2")).isInstanceOf(QueueFullException.class)
                .hasMessageContaining("capacity 1").hasMessageContaining("FAIL");
        gate.release(1); // "0" delivered, "1" taken: room again
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.delivered.size() == 1);
        gate.awaitEntered(); // the consumer is inside the write of "1": the buffer is empty
        queue.write("3");
        gate.open();
        queue.close();
        assertThat(gate.delivered).containsExactly("0", "1", "3");
        assertThat(letters.letters).isEmpty();
    }

    @Test
    void queueFullExceptionIsASinkExceptionWithoutStackTrace() {
        QueueFullException e = new QueueFullException("q is full");
        assertThat(e).isInstanceOf(SinkException.class).isNotInstanceOf(SinkClosedException.class)
                .hasMessage("q is full");
        assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void aBoundedQueueFlushesOnCloseAndRefusesLaterWrites() {
        RecordingSink<String> inner = new RecordingSink<>();
        queue = Queue.builder(inner).capacity(3).overflow(OverflowPolicy.DROP_OLDEST).build();
        queue.write("a");
        queue.close();
        assertThat(inner.events()).containsExactly("a");
        assertThat(inner.closes()).isEqualTo(1);
        assertThatThrownBy(() -> queue.write("b")).isInstanceOf(SinkClosedException.class);
    }

    @Test
    void builderRejectsBadArgumentsNamingThem() {
        Queue.Builder<String> builder = Queue.builder(gate);
        assertThatIllegalArgumentException().isThrownBy(() -> builder.capacity(0))
                .withMessage("capacity must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.capacity(-5))
                .withMessageContaining("capacity").withMessageContaining("-5");
        assertThatNullPointerException().isThrownBy(() -> builder.overflow(null))
                .withMessage("overflow must not be null");
        assertThatNullPointerException().isThrownBy(() -> builder.maxWait(null))
                .withMessage("maxWait must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.maxWait(Duration.ofMillis(-1)))
                .withMessageContaining("maxWait").withMessageContaining("PT-0.001S");
    }

    @Test
    void buildRejectsOptionsThatDoNotFitTogether() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Queue.builder(gate).overflow(OverflowPolicy.REJECT).build())
                .withMessageContaining("overflow REJECT").withMessageContaining("capacity");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Queue.builder(gate).maxWait(Duration.ofSeconds(1)).build())
                .withMessageContaining("maxWait").withMessageContaining("capacity");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Queue.builder(gate).capacity(1).overflow(OverflowPolicy.FAIL)
                        .maxWait(Duration.ofSeconds(1)).build())
                .withMessageContaining("maxWait").withMessageContaining("BLOCK").withMessageContaining("FAIL");
    }

    private static void assertOverflow(DeadLetter letter) {
        assertThat(letter.reason()).isEqualTo(DropReason.OVERFLOW);
        assertThat(letter.sink()).isEqualTo("bounded");
        assertThat(letter.cause()).isNull();
        assertThat(letter.attempts()).isZero();
    }
}
