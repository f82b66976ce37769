/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.BoundedTestSupport.GiveUpAfter;
import dev.sinkwire.core.BoundedTestSupport.Letters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** {@link DropListeners}: dead letters routed to a sink unchanged, loops cut, fan-out isolated. */
class DeadLetterTest {

    private static final SinkException BOOM = new SinkException("receiver down");

    /** One logged message. */
    record Logged(System.Logger.Level level, String message, Throwable thrown) {
    }

    /** Captures what the listener logs. */
    private final List<Logged> logged = new CopyOnWriteArrayList<>();
    private final System.Logger logger = new System.Logger() {
        @Override
        public String getName() {
            return "capture";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            logged.add(new Logged(level, msg, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            logged.add(new Logged(level, format, null));
        }
    };

    private List<Logged> errors() {
        return logged.stream().filter(r -> r.level() == System.Logger.Level.ERROR).toList();
    }

    private DropListener toSink(Sink<? super DeadLetter> deadLetters) {
        return DropListeners.toSink(deadLetters, logger);
    }

    /** Always fails. */
    private static final class Down implements Sink<Object> {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void write(Object event) {
            attempts.incrementAndGet();
            throw BOOM;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aGivenUpEventReachesTheDeadLetterSinkWithReasonErrorAndAttempts() {
        RecordingSink<DeadLetter> deadLetters = new RecordingSink<>("dead-letters");
        DropListener toSink = toSink(deadLetters);
        Down down = new Down();
        RetryingSink<String> retrying = new RetryingSink<>(down, new GiveUpAfter(3), toSink, new ManualTimekeeper());
        retrying.write("order-1");

        assertThat(deadLetters.events()).singleElement().satisfies(letter -> {
            assertThat(letter.event()).isEqualTo("order-1");
            assertThat(letter.reason()).isEqualTo(DropReason.GAVE_UP);
            assertThat(letter.cause()).isSameAs(BOOM);
            assertThat(letter.attempts()).isEqualTo(3).isEqualTo(down.attempts.get());
        });
        assertThat(errors()).isEmpty();
    }

    @Test
    void aQueueOverflowReachesTheDeadLetterSinkThroughAQueueOfItsOwn() throws InterruptedException {
        RecordingSink<DeadLetter> store = new RecordingSink<>("store");
        Queue<DeadLetter> deadLetters = Queue.<DeadLetter>builder(store).name("dead-letters").build();
        BoundedTestSupport.GateSink<String> gate = new BoundedTestSupport.GateSink<>();
        Queue<String> queue = Queue.builder(gate).name("webhook").capacity(1).overflow(OverflowPolicy.REJECT)
                .dropListener(DropListeners.toSink(deadLetters)).build();
        queue.write("0");
        gate.awaitEntered();
        queue.write("1");
        queue.write("2");
        gate.open();
        queue.close();
        deadLetters.close(); // after the chains that report into it

        assertThat(store.events()).singleElement().satisfies(letter -> {
            assertThat(letter.event()).isEqualTo("2");
            assertThat(letter.sink()).isEqualTo("webhook");
            assertThat(letter.reason()).isEqualTo(DropReason.OVERFLOW);
            assertThat(letter.attempts()).isZero();
        });
        assertThat(gate.delivered).containsExactly("0", "1");
    }

    @Test
    void aFailingDeadLetterSinkIsLoggedAtErrorAndNeverThrows() {
        Sink<DeadLetter> broken = new Sink<>() {
            @Override
            public void write(DeadLetter letter) {
                throw new IllegalStateException("dead-letter store down");
            }

            @Override
            public void close() {
            }
        };
        DeadLetter letter = new DeadLetter("e", "webhook", DropReason.FAILED, BOOM, 1);
        toSink(broken).dropped(letter);

        assertThat(errors()).singleElement().satisfies(record -> {
            assertThat(record.message()).contains("webhook").contains("FAILED");
            assertThat(record.thrown()).hasMessage("dead-letter store down");
        });
    }

    /**
     * An event whose {@code toString()} throws: neither the logging listener nor the log line of a
     * listener that fails on it throws to the reporter (a queue's consumer would die and leave the
     * events after it unreported).
     */
    @Test
    void anEventWhoseToStringThrowsIsReportedAndNeverThrowsToTheReporter() {
        Object event = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no text");
            }
        };
        DeadLetter letter = new DeadLetter(event, "webhook", DropReason.FAILED, BOOM, 1);
        DropListener broken = l -> {
            throw new IllegalStateException("listener down: " + l.event());
        };

        assertThatCode(() -> DropListener.notify(DropListener.logging(), letter)).doesNotThrowAnyException();
        assertThatCode(() -> DropListener.notify(broken, letter)).doesNotThrowAnyException();
    }

    @Test
    void aClosedDeadLetterSinkIsLoggedAtError() {
        RecordingSink<DeadLetter> closed = new RecordingSink<>("closed-store");
        closed.close();
        toSink(closed).dropped(new DeadLetter("e", "s", DropReason.SHUTDOWN, null, 0));
        assertThat(errors()).singleElement()
                .satisfies(record -> assertThat(record.thrown()).isInstanceOf(dev.sinkwire.SinkClosedException.class));
    }

    @Test
    void aDeadLetterChainThatReportsIntoItselfDoesNotLoop() {
        // dead letters -> queue -> a store that is down; the queue's own drops come back to the
        // same listener: the letter about a letter must be logged, not routed again
        Down storeDown = new Down();
        List<DropListener> self = new ArrayList<>(1);
        DropListener back = letter -> self.get(0).dropped(letter);
        Queue<DeadLetter> deadLetters = Queue.<DeadLetter>builder(storeDown).name("dead-letters")
                .dropListener(back).build();
        DropListener toSink = toSink(deadLetters);
        self.add(toSink);

        toSink.dropped(new DeadLetter("order-1", "webhook", DropReason.GAVE_UP, BOOM, 4));
        deadLetters.close(); // returns: the queue drained, nothing came back into it

        assertThat(storeDown.attempts).hasValue(1);
        assertThat(errors()).singleElement().satisfies(record -> {
            assertThat(record.message()).contains("not routed again").contains("order-1");
            assertThat(record.thrown()).isSameAs(BOOM);
        });
    }

    @Test
    void aDeadLetterSinkThatReportsSynchronouslyIntoTheSameListenerDoesNotRecurse() {
        List<DropListener> self = new ArrayList<>(1);
        AtomicInteger writes = new AtomicInteger();
        Sink<DeadLetter> reentrant = new Sink<>() {
            @Override
            public void write(DeadLetter letter) {
                writes.incrementAndGet();
                // a sink that reports some other drop synchronously, on the same thread
                self.get(0).dropped(new DeadLetter("side-effect", "store", DropReason.FAILED, BOOM, 1));
            }

            @Override
            public void close() {
            }
        };
        DropListener toSink = toSink(reentrant);
        self.add(toSink);
        toSink.dropped(new DeadLetter("order-1", "webhook", DropReason.FAILED, BOOM, 1));

        assertThat(writes).hasValue(1);
        assertThat(errors()).singleElement()
                .satisfies(record -> assertThat(record.message()).contains("side-effect").contains("not routed again"));
        // the guard is per thread and per call: the next letter is routed again
        toSink.dropped(new DeadLetter("order-2", "webhook", DropReason.FAILED, BOOM, 1));
        assertThat(writes).hasValue(2);
    }

    @Test
    void allNotifiesEveryListenerInOrderEvenWhenOneFails() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Letters last = new Letters();
        DropListener all = DropListeners.all(
                letter -> calls.add("first"),
                letter -> {
                    calls.add("broken");
                    throw new IllegalStateException("broken listener");
                },
                letter -> calls.add("third"),
                last);
        DeadLetter letter = new DeadLetter("e", "s", DropReason.OVERFLOW, null, 0);
        all.dropped(letter);
        assertThat(calls).containsExactly("first", "broken", "third");
        assertThat(last.letters).containsExactly(letter);
    }

    @Test
    void badArgumentsAreRejectedNamingThem() {
        assertThatNullPointerException().isThrownBy(() -> DropListeners.toSink(null))
                .withMessage("deadLetters must not be null");
        assertThatNullPointerException().isThrownBy(() -> DropListeners.all((DropListener[]) null))
                .withMessage("listeners must not be null");
        assertThatNullPointerException().isThrownBy(() -> DropListeners.all(DropListener.logging(), null))
                .withMessage("listeners[1] must not be null");
        assertThatIllegalArgumentException().isThrownBy(DropListeners::all).withMessage("listeners must not be empty");
    }

    @Test
    void allCopiesItsArguments() {
        Letters a = new Letters();
        Letters b = new Letters();
        DropListener[] listeners = {a};
        DropListener all = DropListeners.all(listeners);
        listeners[0] = b;
        all.dropped(new DeadLetter("e", "s", DropReason.CLOSED, null, 0));
        assertThat(a.letters).hasSize(1);
        assertThat(b.letters).isEmpty();
    }
}
