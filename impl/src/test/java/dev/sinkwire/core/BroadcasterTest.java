/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Broadcaster semantics beyond the sink contract: identity, failure isolation, reports. */
class BroadcasterTest {

    private final List<DeadLetter> dropped = new CopyOnWriteArrayList<>();
    private final RecordingSink<String> a = new RecordingSink<>("a");
    private final RecordingSink<String> b = new RecordingSink<>("b");

    /** Fails every write with {@code error}; counts closes. */
    static final class Failing implements Sink<String> {
        private final Throwable error;
        int closes;

        Failing(Throwable error) {
            this.error = error;
        }

        @Override
        public void write(String event) {
            if (error instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) error;
        }

        @Override
        public void close() {
            closes++;
            if (error instanceof RuntimeException e) {
                throw e;
            }
        }

        @Override
        public String toString() {
            return "failing";
        }
    }

    /** Fails every write with {@code failure}; its {@code toString()} throws {@code unnamed}. */
    static final class Nameless implements Sink<String> {
        private final RuntimeException failure;
        private final Throwable unnamed;

        Nameless(RuntimeException failure, Throwable unnamed) {
            this.failure = failure;
            this.unnamed = unnamed;
        }

        @Override
        public void write(String event) {
            throw failure;
        }

        @Override
        public void close() {
            throw failure;
        }

        @Override
        public String toString() {
            if (unnamed instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) unnamed;
        }
    }

    @Test
    void aSinkGivenTwiceIsKeptOnce() {
        Broadcaster<String> broadcaster = new Broadcaster<>(dropped::add, a, a, b, a);
        broadcaster.write("e");
        assertThat(a.events()).containsExactly("e");
        assertThat(b.events()).containsExactly("e");
        broadcaster.close();
        assertThat(a.closes()).isEqualTo(1);
    }

    @Test
    void removingAnAbsentSinkDoesNothingAndARemovedSinkIsNotClosed() {
        Broadcaster<String> broadcaster = new Broadcaster<>(dropped::add, a);
        broadcaster.remove(b);
        broadcaster.remove(a);
        broadcaster.write("e");
        broadcaster.close();
        assertThat(a.events()).isEmpty();
        assertThat(a.closes()).isZero();
    }

    @Test
    void sinksAreWrittenInTheOrderTheyWereAdded() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Broadcaster<String> broadcaster = new Broadcaster<>();
        for (String name : List.of("x", "y", "z")) {
            broadcaster.add(new Sink<String>() {
                @Override
                public void write(String event) {
                    calls.add(name + ":" + event);
                }

                @Override
                public void close() {
                    calls.add(name + ":close");
                }
            });
        }
        broadcaster.write("1");
        broadcaster.close();
        assertThat(calls).containsExactly("x:1", "y:1", "z:1", "x:close", "y:close", "z:close");
    }

    @Test
    void aFailingSinkIsReportedAndDoesNotStopTheOthers() {
        SinkException error = new SinkException("down");
        Failing failing = new Failing(error);
        Broadcaster<String> broadcaster = new Broadcaster<>(dropped::add, a, failing, b);

        broadcaster.write("e1");
        broadcaster.write("e2");

        assertThat(a.events()).containsExactly("e1", "e2");
        assertThat(b.events()).containsExactly("e1", "e2");
        assertThat(dropped).hasSize(2).allSatisfy(letter -> {
            assertThat(letter.reason()).isEqualTo(DropReason.FAILED);
            assertThat(letter.cause()).isSameAs(error);
            assertThat(letter.sink()).isEqualTo("failing");
            assertThat(letter.attempts()).isEqualTo(1);
        });
        assertThat(dropped).extracting(DeadLetter::event).containsExactly("e1", "e2");
    }

    @Test
    void anErrorFromOneSinkDoesNotStopTheOthersEither() {
        Broadcaster<String> broadcaster = new Broadcaster<>(dropped::add, new Failing(new AssertionError("bug")), a);
        broadcaster.write("e");
        assertThat(a.events()).containsExactly("e");
        assertThat(dropped).singleElement().satisfies(letter -> assertThat(letter.cause()).isInstanceOf(AssertionError.class));
    }

    @Test
    void aClosedSinkIsRemovedAndItsEventReportedAsClosed() {
        a.close();
        Broadcaster<String> broadcaster = new Broadcaster<>(dropped::add, a, b);
        broadcaster.write("e1");
        broadcaster.write("e2");
        assertThat(dropped).singleElement().satisfies(letter -> {
            assertThat(letter.event()).isEqualTo("e1");
            assertThat(letter.reason()).isEqualTo(DropReason.CLOSED);
        });
        assertThat(b.events()).containsExactly("e1", "e2");
        broadcaster.close();
        assertThat(a.closes()).as("removed, so not closed again by the broadcaster").isEqualTo(1);
    }

    @Test
    void aSinkWhoseCloseFailsDoesNotStopTheOthersFromClosing() {
        Failing failing = new Failing(new SinkException("close failed"));
        Broadcaster<String> broadcaster = new Broadcaster<>(dropped::add, failing, a);
        broadcaster.close();
        assertThat(failing.closes).isEqualTo(1);
        assertThat(a.closes()).isEqualTo(1);
    }

    /** A sink whose close throws {@code error}; counts closes. */
    private static Sink<String> closeThrows(Error error, int[] closes) {
        return new Sink<>() {
            @Override
            public void write(String event) {
            }

            @Override
            public void close() {
                closes[0]++;
                throw error;
            }
        };
    }

    /**
     * "close closes every sink, then returns": an {@link Error} from one sink's close (an
     * assertion, a linkage error) is logged like an exception; it used to escape and leave every
     * later sink unclosed (a queue among them never flushed), with no second chance, since a second
     * close does nothing.
     */
    @Test
    void aSinkWhoseCloseThrowsAnErrorDoesNotStopTheOthersFromClosing() {
        int[] closes = new int[1];
        Broadcaster<String> broadcaster = new Broadcaster<>(dropped::add, closeThrows(new AssertionError("boom"), closes), a);
        broadcaster.close();
        assertThat(closes[0]).isEqualTo(1);
        assertThat(a.closes()).as("the sink after the one that failed is closed").isEqualTo(1);
    }

    /** A {@link VirtualMachineError} is never swallowed, but only rethrown once every sink is closed. */
    @Test
    void aVirtualMachineErrorFromASinksCloseIsRethrownAfterTheOthersAreClosed() {
        int[] closes = new int[1];
        StackOverflowError fatal = new StackOverflowError("deep");
        Broadcaster<String> broadcaster = new Broadcaster<>(dropped::add, closeThrows(fatal, closes), a);
        assertThatThrownBy(broadcaster::close).isSameAs(fatal);
        assertThat(a.closes()).as("the sink after the one that failed is closed").isEqualTo(1);
        broadcaster.close(); // a second close does nothing more
        assertThat(closes[0]).isEqualTo(1);
    }

    @Test
    void aSinkAddedDuringAWriteSeesOnlyLaterEvents() {
        Broadcaster<String> broadcaster = new Broadcaster<>(dropped::add);
        broadcaster.add(new Sink<String>() {
            @Override
            public void write(String event) {
                broadcaster.add(b); // from inside a write: takes effect for the next write
            }

            @Override
            public void close() {
            }
        });
        broadcaster.write("first");
        broadcaster.write("second");
        assertThat(b.events()).containsExactly("second");
    }

    /**
     * A failing sink whose {@code toString()} throws: describing it for the dead letter threw out
     * of {@code write}, so the sinks after it never saw the event (and nothing was reported).
     */
    @Test
    void aFailingSinkWhoseToStringThrowsDoesNotStopTheBroadcast() {
        Sink<String> failing = new Nameless(new SinkException("down"), new IllegalStateException("no name"));
        Sink<String> closed = new Nameless(new dev.sinkwire.SinkClosedException("gone"),
                new StackOverflowError("recursive toString"));
        Broadcaster<String> broadcaster = new Broadcaster<>(dropped::add, a, failing, closed, b);

        broadcaster.write("e");

        assertThat(a.events()).containsExactly("e");
        assertThat(b.events()).as("the sink after the failing ones still gets the event").containsExactly("e");
        assertThat(dropped).extracting(DeadLetter::reason).containsExactly(DropReason.FAILED, DropReason.CLOSED);
        assertThat(dropped.get(0).sink()).startsWith(failing.getClass().getName() + "@")
                .contains("IllegalStateException");
        assertThat(dropped.get(1).sink()).startsWith(closed.getClass().getName() + "@")
                .contains("StackOverflowError");
        broadcaster.close(); // closing logs failures by the same description: no exception
    }
}
