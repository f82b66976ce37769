/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.SinkClosedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck model checking of {@link Channel}: writes, non-blocking polls and closes from three
 * threads must give results that some sequential order gives. In particular a {@code close} that
 * returns has a completed {@link Channel#done()}, whichever thread closed first (go-events closes
 * its channel inside a {@code sync.Once}, which makes a second {@code Close} wait for the first),
 * and so does a write or poll that is told the channel is closed.
 * The buffer is large enough that no write blocks: a blocked write is a hang to the model checker.
 */
@Param(name = "event", gen = IntGen.class, conf = "1:9")
// CPU-bound model checking: a fixed amount of work (iterations x invocations), whose wall time
// scales with the CPU it gets. No result depends on time; this bound only turns a hang into a
// failure (see HangGuard).
@Timeout(value = HangGuard.CPU_BOUND_MINUTES, unit = TimeUnit.MINUTES)
public class ChannelLincheckTest {

    private final Channel<Integer> channel = new Channel<>(16);

    /** Lincheck creates one instance per scenario (and one for the sequential check). */
    public ChannelLincheckTest() {
    }

    /**
     * {@code "written"}, or, when the channel refused the event as closed, whether {@link
     * Channel#done()} was completed by then: a writer that is told the channel is closed must find
     * it done, as a Go writer selecting on the closed channel does.
     */
    @Operation
    public String write(@Param(name = "event") int event) {
        try {
            channel.write(event);
            return "written";
        } catch (SinkClosedException closed) {
            return channel.done().isDone() ? "closed, done" : "closed, not done";
        }
    }

    /** The next event, {@code 0} when there is none yet, {@code -1} once closed, empty and done. */
    @Operation
    public int poll() {
        try {
            Integer event = channel.poll(Duration.ZERO);
            return event == null ? 0 : event;
        } catch (SinkClosedException closed) {
            return channel.done().isDone() ? -1 : -2;
        }
    }

    /** Closes the channel; once close returns, done() must be completed. */
    @Operation
    public boolean closeThenDone() {
        channel.close();
        return channel.done().isDone();
    }

    @Test
    void modelCheck() {
        new ModelCheckingOptions().iterations(20).invocationsPerIteration(300).threads(3).actorsPerThread(2)
                .check(getClass());
    }
}
