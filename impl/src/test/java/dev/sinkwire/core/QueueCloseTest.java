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
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Queue shutdown: flush on close, close from the consumer thread, the close deadline, failures reported. */
class QueueCloseTest {

    private final List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
    private final AtomicReference<Thread> consumer = new AtomicReference<>();

    /** A destination that runs {@code onWrite} before recording each event. */
    static final class Scripted implements Sink<String> {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        private final Consumer<String> onWrite;

        Scripted(Consumer<String> onWrite) {
            this.onWrite = onWrite;
        }

        @Override
        public void write(String event) {
            onWrite.accept(event);
            events.add(event);
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    private Queue<String> queue(Sink<String> dst) {
        return Queue.builder(dst).name("q").dropListener(dropped::add).threadFactory(task -> {
            Thread thread = new Thread(task, "test-consumer");
            thread.setDaemon(true);
            consumer.set(thread);
            return thread;
        }).build();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within 10s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted", e);
        }
    }

    private void assertConsumerEnds() {
        try {
            consumer.get().join(10_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(consumer.get().isAlive()).as("consumer thread ended").isFalse();
    }

    @Test
    void closeDeliversEverythingAcceptedThenClosesTheDestination() {
        CountDownLatch gate = new CountDownLatch(1);
        Scripted dst = new Scripted(event -> awaitLatch(gate));
        Queue<String> queue = queue(dst);
        for (int i = 0; i < 100; i++) {
            queue.write("e" + i);
        }
        gate.countDown();
        queue.close();

        assertThat(dst.events).hasSize(100).startsWith("e0", "e1").endsWith("e99");
        assertThat(dst.closed.getCount()).isZero();
        assertThat(dropped).isEmpty();
        assertConsumerEnds();
    }

    @Test
    void closeFromTheConsumerThreadDoesNotDeadlock() {
        AtomicReference<Queue<String>> self = new AtomicReference<>();
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Scripted dst = new Scripted(event -> {
            if (event.equals("first")) {
                firstArrived.countDown();
                awaitLatch(gate);
                self.get().close(); // from the consumer thread: must return, not wait for itself
            }
        });
        Queue<String> queue = queue(dst);
        self.set(queue);
        queue.write("first");
        awaitLatch(firstArrived);
        queue.write("second");
        queue.write("third");
        gate.countDown();

        queue.close();

        assertThat(dst.events).containsExactly("first", "second", "third");
        assertThat(dst.closed.getCount()).isZero();
        assertThatThrownBy(() -> queue.write("late")).isInstanceOf(SinkClosedException.class);
    }

    @Test
    void closeDeadlineReportsEveryUndeliveredEventOnceAsShutdown() {
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Scripted dst = new Scripted(event -> {
            firstArrived.countDown();
            awaitLatch(never); // held until the queue gives up: interrupted, or woken by close
        });
        Queue<String> queue = queue(dst);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queue.write("e" + i);
            written.add("e" + i);
        }
        awaitLatch(firstArrived);

        boolean inTime = queue.close(Duration.ZERO);

        assertThat(inTime).isFalse();
        assertThat(dst.events).isEmpty();
        assertThat(dropped).extracting(DeadLetter::event).containsExactlyElementsOf(written);
        assertThat(dropped).allSatisfy(letter -> {
            assertThat(letter.reason()).isEqualTo(DropReason.SHUTDOWN);
            assertThat(letter.sink()).isEqualTo("q");
        });
        assertThat(dropped.get(0).attempts()).as("the one in flight was attempted").isEqualTo(1);
        assertThat(dropped.subList(1, 5)).allSatisfy(letter -> assertThat(letter.attempts()).isZero());
        assertThat(dst.closed.getCount()).isZero();
        assertThatThrownBy(() -> queue.write("late")).isInstanceOf(SinkClosedException.class);
        queue.close(); // idempotent, and nothing reported twice
        assertThat(dropped).hasSize(5);
    }

    @Test
    void closeWithinTheDeadlineDeliversEverything() {
        Scripted dst = new Scripted(event -> { });
        Queue<String> queue = queue(dst);
        for (int i = 0; i < 1000; i++) {
            queue.write("e" + i);
        }
        assertThat(queue.close(Duration.ofMinutes(1))).isTrue();
        assertThat(dst.events).hasSize(1000);
        assertThat(dropped).isEmpty();
    }

    @Test
    void aFailingDestinationIsReportedAndDoesNotStopDelivery() {
        SinkException failure = new SinkException("bad event");
        Scripted dst = new Scripted(event -> {
            if (event.equals("bad")) {
                throw failure;
            }
        });
        Queue<String> queue = queue(dst);
        queue.write("a");
        queue.write("bad");
        queue.write("b");
        queue.close();
        assertThat(dst.events).containsExactly("a", "b");
        assertThat(dropped).singleElement().satisfies(letter -> {
            assertThat(letter.event()).isEqualTo("bad");
            assertThat(letter.reason()).isEqualTo(DropReason.FAILED);
            assertThat(letter.cause()).isSameAs(failure);
            assertThat(letter.attempts()).isEqualTo(1);
        });
    }

    @Test
    void aClosedDestinationIsReportedAsClosed() {
        RecordingSink<String> dst = new RecordingSink<>();
        dst.close();
        Queue<String> queue = queue(dst);
        queue.write("a");
        queue.close();
        assertThat(dropped).singleElement().satisfies(letter -> assertThat(letter.reason()).isEqualTo(DropReason.CLOSED));
    }

    @Test
    void theConsumerThreadComesFromTheFactoryAndIsNamedByDefault() {
        Queue<String> named = Queue.builder(new RecordingSink<String>()).name("orders").build();
        assertThat(named).hasToString("orders");
        named.close();
        Queue<String> queue = queue(new RecordingSink<>());
        assertThat(consumer.get().getName()).isEqualTo("test-consumer");
        queue.close();
        assertConsumerEnds();
    }

    /**
     * A destination that leaves the consumer thread interrupted (for example one that restores the
     * flag after catching InterruptedException, as it should) must not make the idle consumer spin.
     * LockSupport.park returns at once while the flag is set, so an idle consumer that keeps the
     * flag can never block: it must clear it (the interrupt was not a shutdown) and park.
     */
    @Test
    void anInterruptedConsumerStillParksWhenIdle() {
        CountDownLatch delivered = new CountDownLatch(1);
        Scripted dst = new Scripted(event -> {
            Thread.currentThread().interrupt();
            delivered.countDown();
        });
        Queue<String> queue = queue(dst);
        queue.write("e");
        awaitLatch(delivered);

        await().atMost(Duration.ofSeconds(5)).until(() ->
                !consumer.get().isInterrupted() && consumer.get().getState() == Thread.State.WAITING);

        queue.close();
        assertThat(dst.events).containsExactly("e");
    }
}
