/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static dev.sinkwire.core.BoundedTestSupport.async;
import static dev.sinkwire.core.BoundedTestSupport.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.BoundedTestSupport.GateSink;
import dev.sinkwire.core.BoundedTestSupport.Letters;
import dev.sinkwire.core.BoundedTestSupport.Running;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Queue#close(Duration)}: at the deadline everything undelivered is reported once as
 * {@link DropReason#SHUTDOWN}, unbounded ({@code capacity} 0) or bounded alike. The deadline is
 * zero or short, and nothing here measures how long anything took.
 */
class ShutdownDeadlineTest {

    private final GateSink<String> gate = new GateSink<>();
    private final Letters letters = new Letters();
    private final SinkMeter meter = new SinkMeter("deadline");

    private Queue<String> queue(int capacity, DropListener listener) {
        Queue.Builder<String> builder = Queue.builder(meter.delivering(gate)).name("deadline").dropListener(listener);
        if (capacity > 0) {
            builder.capacity(capacity).overflow(OverflowPolicy.BLOCK);
        }
        return builder.build();
    }

    /**
     * The destination is closed at the deadline from the thread calling {@code close(Duration)}.
     * A destination whose {@code close} throws an {@link Error} (not a {@link VirtualMachineError})
     * must not cut that call short: it returned (threw) before the consumer had reported the
     * leftovers, breaking "every accepted event is delivered or reported when close returns".
     */
    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 3})
    void anErrorFromTheDestinationsCloseAtTheDeadlineDoesNotCutCloseShort(int capacity) throws InterruptedException {
        dev.sinkwire.Sink<String> failsToClose = new dev.sinkwire.Sink<>() {
            @Override
            public void write(String event) {
                gate.write(event);
            }

            @Override
            public void close() {
                gate.close();
                throw new AssertionError("close failed");
            }
        };
        Queue.Builder<String> builder = Queue.builder(failsToClose).name("deadline").dropListener(letters);
        if (capacity > 0) {
            builder.capacity(capacity);
        }
        Queue<String> queue = builder.build();
        queue.write("0");
        gate.awaitEntered(); // "0" is being delivered and never will be
        queue.write("1");
        queue.write("2");

        assertThat(queue.close(Duration.ZERO)).as("close reports that it abandoned events").isFalse();

        assertThat(queue.consumerAlive()).as("close returned after the consumer ended").isFalse();
        assertThat(letters.events()).containsExactlyInAnyOrder("0", "1", "2").doesNotHaveDuplicates();
        assertThat(letters.letters).allSatisfy(letter -> assertThat(letter.reason()).isEqualTo(DropReason.SHUTDOWN));
        assertThat(gate.closes()).as("the destination was closed once").isEqualTo(1);
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 3})
    void leftoversAtTheDeadlineAreReportedOnceAsShutdown(int capacity) throws InterruptedException {
        Queue<String> queue = queue(capacity, meter.dropping(letters));
        var chain = meter.accepting(queue);
        chain.write("0");
        gate.awaitEntered(); // "0" is being delivered and never will be
        chain.write("1");
        chain.write("2");
        chain.write("3");

        assertThat(queue.close(Duration.ZERO)).as("close reports that it abandoned events").isFalse();

        assertThat(gate.delivered).isEmpty();
        assertThat(letters.events()).containsExactlyInAnyOrder("0", "1", "2", "3").doesNotHaveDuplicates();
        assertThat(letters.letters).allSatisfy(letter -> {
            assertThat(letter.reason()).isEqualTo(DropReason.SHUTDOWN);
            assertThat(letter.sink()).isEqualTo("deadline");
        });
        DeadLetter inFlight = letters.letters.stream().filter(l -> l.event().equals("0")).findFirst().orElseThrow();
        assertThat(inFlight.attempts()).as("the write in flight was attempted").isEqualTo(1);
        assertThat(inFlight.cause()).as("and cut short by the interrupt").isInstanceOf(SinkException.class);
        assertThat(gate.closes()).as("destination closed at the deadline, and again when the consumer ends")
                .isPositive();
        SinkStats stats = meter.snapshot();
        assertThat(stats.accepted()).isEqualTo(4);
        assertThat(stats.dropped(DropReason.SHUTDOWN)).isEqualTo(4);
        assertThat(stats.pending()).isZero();
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 3})
    void aShortDeadlineAbandonsWhatADestinationNeverTakes(int capacity) throws InterruptedException {
        Queue<String> queue = queue(capacity, letters);
        queue.write("0");
        gate.awaitEntered();
        queue.write("1");
        assertThat(queue.close(Duration.ofMillis(30))).isFalse();
        assertThat(letters.events()).containsExactlyInAnyOrder("0", "1");
        assertThat(letters.letters).extracting(DeadLetter::reason).containsOnly(DropReason.SHUTDOWN);
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 3})
    void everythingDeliveredBeforeTheDeadlineReportsNothing(int capacity) {
        Queue<String> queue = queue(capacity, letters);
        gate.open();
        queue.write("a");
        queue.write("b");
        assertThat(queue.close(Duration.ofMinutes(1))).isTrue();
        assertThat(gate.delivered).containsExactly("a", "b");
        assertThat(letters.letters).isEmpty();
    }

    @ParameterizedTest(name = "second close with deadline, capacity {0}")
    @ValueSource(ints = {0, 3})
    void aSecondCloseAfterTheDeadlineReportsNothingMore(int capacity) throws InterruptedException {
        Queue<String> queue = queue(capacity, letters);
        queue.write("0");
        gate.awaitEntered();
        queue.write("1");
        queue.close(Duration.ZERO);
        assertThat(queue.close(Duration.ZERO)).as("the consumer has ended: nothing left to abandon").isTrue();
        queue.close();
        assertThat(letters.events()).containsExactlyInAnyOrder("0", "1");
    }

    @org.junit.jupiter.api.Test
    void aWriterWaitingForRoomAtShutdownIsRefusedNotReported() throws InterruptedException {
        Queue<String> queue = queue(1, letters);
        queue.write("0");
        gate.awaitEntered();
        queue.write("1");
        Running writer = async("writer", () -> queue.write("2"));
        writer.awaitWaitingOnCondition();

        assertThat(queue.close(Duration.ZERO)).isFalse();
        assertThat(failureOf(writer.done())).isInstanceOf(SinkClosedException.class);
        assertThat(letters.events()).containsExactlyInAnyOrder("0", "1");
    }

    @org.junit.jupiter.api.Test
    void aRetryingDestinationBackingOffAtTheDeadlineIsWokenAndItsEventReported() throws InterruptedException {
        ManualTimekeeper clock = new ManualTimekeeper();
        clock.holdWaits(true); // a backoff blocks until the retrying sink is closed
        CountDownLatch failed = new CountDownLatch(1);
        RetryingSink<String> retrying = new RetryingSink<>(new RecordingSink<String>() {
            @Override
            public synchronized void write(String event) {
                failed.countDown();
                throw new SinkException("down");
            }
        }, new Breaker(1, Duration.ofHours(1), clock), letters, clock);
        Queue<String> queue = Queue.builder(retrying).name("deadline").dropListener(letters).build();
        queue.write("a");
        clock.awaitHeldWaiter();

        assertThat(queue.close(Duration.ZERO)).isFalse();
        assertThat(letters.letters).singleElement().satisfies(letter -> {
            assertThat(letter.event()).isEqualTo("a");
            assertThat(letter.reason()).isEqualTo(DropReason.SHUTDOWN);
            // woken by the close of the retrying sink, or by the consumer's interrupt: both are sent
            assertThat(letter.cause()).isInstanceOf(SinkException.class);
        });
    }
}
