/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The contract every sink keeps (go-events' {@code checkClose}, and the Java additions of
 * DESIGN.md): a written event arrives, a second close is a no-op, a write after close throws
 * {@link SinkClosedException}, {@code write(null)} throws {@link NullPointerException}, and close
 * reaches the wrapped sink exactly once. One subclass per sink type.
 */
abstract class SinkContractTest {

    /** Where the sink under test puts events: the wrapped sink, or the channel's consumer side. */
    protected RecordingSink<String> inner;
    protected Sink<String> sink;

    /** Creates the sink under test around {@code inner}. */
    protected abstract Sink<String> create(RecordingSink<String> inner);

    /** The events that came out of the sink so far (after {@link #settle()}). */
    protected List<String> delivered() {
        return inner.events();
    }

    /** Waits until whatever the sink accepted has reached {@link #delivered()}; default: nothing to wait for. */
    protected void settle() {
    }

    /** Whether closing the sink closes a wrapped sink (false for a Channel, which wraps none). */
    protected boolean wraps() {
        return true;
    }

    @BeforeEach
    void createSink() {
        inner = new RecordingSink<>("inner");
        sink = create(inner);
    }

    @AfterEach
    void closeSink() {
        sink.close();
    }

    @Test
    void writtenEventsArriveInOrder() {
        sink.write("a");
        sink.write("b");
        sink.write("c");
        settle();
        assertThat(delivered()).containsExactly("a", "b", "c");
    }

    @Test
    void secondCloseIsANoOp() {
        sink.close();
        sink.close();
        if (wraps()) {
            assertThat(inner.closes()).as("closes of the wrapped sink").isEqualTo(1);
        }
    }

    @Test
    void writeAfterCloseThrowsSinkClosedException() {
        sink.write("before");
        settle();
        sink.close();
        assertThatThrownBy(() -> sink.write("fail")).isInstanceOf(SinkClosedException.class);
        assertThat(delivered()).containsExactly("before");
    }

    @Test
    void writeNullThrowsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> sink.write(null)).withMessageContaining("event");
        settle();
        assertThat(delivered()).isEmpty();
    }

    @Test
    void writeNullAfterCloseStillThrowsNullPointerException() {
        sink.close();
        assertThatNullPointerException().isThrownBy(() -> sink.write(null));
    }

    @Test
    void closePropagatesToTheWrappedSink() {
        sink.write("x");
        sink.close();
        if (wraps()) {
            assertThat(inner.isClosed()).as("wrapped sink closed when close returns").isTrue();
            assertThat(inner.events()).as("delivered before the wrapped sink closed").containsExactly("x");
        }
    }

    @RepeatedTest(5)
    void concurrentClosesCloseTheWrappedSinkOnce() throws InterruptedException {
        Concurrently run = new Concurrently();
        for (int i = 0; i < 8; i++) {
            run.add("closer-" + i, () -> {
                sink.close();
                if (wraps()) {
                    assertThat(inner.isClosed()).as("wrapped sink closed when close returns").isTrue();
                }
            });
        }
        run.run(new Random(), 30);
        if (wraps()) {
            assertThat(inner.closes()).isEqualTo(1);
        }
        assertThatThrownBy(() -> sink.write("late")).isInstanceOf(SinkClosedException.class);
    }
}
