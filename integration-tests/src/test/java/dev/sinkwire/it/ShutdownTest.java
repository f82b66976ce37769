/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import dev.sinkwire.it.Fixtures.GateOpener;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import dev.sinkwire.it.Fixtures.Slow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Shutdown delivers what was accepted; dead letters cannot feed themselves. Both front ends. */
class ShutdownTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eventsStillQueuedWhenTheContainerStopsAreAllDelivered(Mode mode) {
        Slow.gate = new CountDownLatch(1); // opened by GateOpener when the application starts to stop
        GateOpener.deliveredWhenStopping = -1;
        Recorder.Log log;
        List<DeadLetter> letters;
        List<OrderPlaced> fired = new ArrayList<>();
        try (TestContainer c = TestContainer.start(mode, Recorder.class, DeadLetters.class, Slow.class,
                GateOpener.class)) {
            log = c.get(Recorder.class).log();
            letters = c.get(DeadLetters.class).letters();
            for (int i = 0; i < 100; i++) {
                OrderPlaced order = new OrderPlaced("q-" + i);
                fired.add(order);
                c.weld().getBeanManager().getEvent().select(OrderPlaced.class).fire(order);
            }
        }
        assertThat(GateOpener.deliveredWhenStopping).as("delivered when the container began to stop").isZero();
        assertThat(log.events("slow")).containsExactlyElementsOf(fired);
        assertThat(log.closedSinks()).containsExactly("slow");
        assertThat(letters).isEmpty();
    }

    /** Fails every write, and sees every event, including dead letters. */
    @ApplicationScoped
    @EventSink("failing")
    static class AlwaysFails implements Sink<Object> {
        static final AtomicInteger ATTEMPTS = new AtomicInteger();

        @Override
        public void write(Object event) {
            ATTEMPTS.incrementAndGet();
            throw new SinkException("always fails");
        }

        @Override
        public void close() {
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSinkThatFailsOnDeadLettersDoesNotFeedItself(Mode mode) {
        AlwaysFails.ATTEMPTS.set(0);
        try (TestContainer c = TestContainer.builder(mode).beans(DeadLetters.class, AlwaysFails.class)
                .config("sinkwire.sinks.failing.async", "false").start()) {
            OrderPlaced order = new OrderPlaced("d-1");
            c.weld().getBeanManager().getEvent().select(OrderPlaced.class).fire(order);

            // the order fails (a DeadLetter event), the DeadLetter fails too (only logged): then it stops
            assertThat(AlwaysFails.ATTEMPTS).hasValue(2);
            assertThat(c.get(DeadLetters.class).letters()).singleElement().satisfies(l -> {
                assertThat(l.event()).isEqualTo(order);
                assertThat(l.reason()).isEqualTo(DropReason.FAILED);
                assertThat(l.sink()).isEqualTo("failing");
            });
        }
    }

    /** Fires an order once the application context is destroyed, after Sinkwire closed its graph. */
    @ApplicationScoped
    static class LateFirer {
        static final List<DeadLetter> LETTERS = new CopyOnWriteArrayList<>();
        @Inject
        Event<OrderPlaced> orders;

        void fireLate(@Observes @Destroyed(ApplicationScoped.class) Object event) {
            orders.fire(new OrderPlaced("late"));
        }

        static void letter(@Observes DeadLetter letter) {
            LETTERS.add(letter);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anEventFiredAfterTheGraphClosedIsAClosedDeadLetterNotAnError(Mode mode) {
        LateFirer.LETTERS.clear();
        Recorder.Log log;
        try (TestContainer c = TestContainer.start(mode, Recorder.class, Fixtures.AuditLog.class, LateFirer.class)) {
            log = c.get(Recorder.class).log();
        } // closing must not fail: the late order is reported, not thrown at the observer that fired it
        assertThat(log.closedSinks()).containsExactly("audit");
        assertThat(log.events("audit")).isEmpty();
        assertThat(LateFirer.LETTERS).singleElement().satisfies(l -> {
            assertThat(l.event()).isEqualTo(new OrderPlaced("late"));
            assertThat(l.sink()).isEqualTo("audit");
            assertThat(l.reason()).isEqualTo(DropReason.CLOSED);
        });
    }
}
