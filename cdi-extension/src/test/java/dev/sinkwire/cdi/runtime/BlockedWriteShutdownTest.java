/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.runtime;

import static dev.sinkwire.cdi.runtime.ShutdownRaceTest.lookup;
import static dev.sinkwire.cdi.runtime.ShutdownRaceTest.methodSink;
import static dev.sinkwire.cdi.runtime.ShutdownRaceTest.recording;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.MapConfig;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SinkKind;
import dev.sinkwire.core.SinkStats;
import dev.sinkwire.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The container's stop while a write into a sink is blocked and ignores interruption (like a socket
 * write). Before the fixes the stop hung past {@code sinkwire.shutdown.timeout} forever: a
 * synchronous ({@code async=false}) sink's retrying sink waited for its attempt without bound, and a
 * queued one's queue waited for its write. Now the stop returns (a synchronous sink's at the
 * deadline, a queued one's after the queue's grace), the event is one {@code SHUTDOWN} dead letter,
 * and when the write finally ends, failing, nothing more is retried or reported. Nothing here
 * measures time: the stop either returns by itself or the hang guard fails the test.
 */
// hang guard only: the stop under test must end by itself
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockedWriteShutdownTest {

    /** Blocks "stuck", ignoring interruption, until released; then fails (the receiver is gone). */
    static final class Stuck {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void write(Object event) {
            if ("stuck".equals(event)) {
                entered.countDown();
                Checks.awaitUninterruptibly(release); // like blocking socket I/O: the interrupt does not end it
                throw new IllegalStateException("the receiver went away");
            }
        }
    }

    /** A class sink with {@code @Retry} on its write; Sinkwire applies it ({@link FtMode#SINKWIRE}). */
    public static final class RetriedSink implements Sink<String> {
        final Stuck stuck = new Stuck();

        @Override
        @Retry(maxRetries = 5, delay = 0, jitter = 0)
        public void write(String event) {
            stuck.write(event);
        }

        @Override
        public void close() {
        }
    }

    /**
     * @param retry {@code none} (a method sink without retry), {@code breaker} (a method sink with
     *     {@code retry.strategy=breaker}) or {@code annotation} (a class sink with {@code @Retry})
     * @param async whether the sink is queued
     */
    @ParameterizedTest(name = "retry={0}, async={1}")
    @CsvSource({"none, true", "breaker, true", "annotation, true", "breaker, false", "annotation, false"})
    void theStopReturnsWhileAWriteIgnoresTheInterruptAndItsEventIsReportedOnce(String retry, boolean async)
            throws Exception {
        String name = "s";
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        MapConfig config = retry.equals("breaker")
                ? MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.s.async", String.valueOf(async),
                        "sinkwire.sinks.s.retry.strategy", "breaker")
                : MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.s.async", String.valueOf(async));
        Stuck stuck;
        SinkwireRuntime runtime;
        if (retry.equals("annotation")) {
            RetriedSink sink = new RetriedSink();
            stuck = sink.stuck;
            runtime = SinkwireRuntime.start(List.of(new SinkBinding(name, SinkKind.CLASS,
                    "class " + RetriedSink.class.getName(), RetriedSink.class, String.class, null)),
                    config, lookup(sink), recording(letters), FtMode.SINKWIRE);
        } else {
            Stuck blocking = new Stuck();
            stuck = blocking;
            runtime = SinkwireRuntime.start(List.of(methodSink(name, String.class, event -> {
                blocking.write(event);
                return null;
            })), config, null, recording(letters), FtMode.SINKWIRE);
        }
        String chain = runtime.chain(name).toString();
        assertThat(chain.contains("Queue(")).as(chain).isEqualTo(async);
        assertThat(chain.contains("RetryingSink")).as(chain).isEqualTo(!retry.equals("none"));

        Thread writer = new Thread(() -> runtime.deliver(name, "stuck"), "writer"); // queued: returns at once
        writer.start();
        stuck.entered.await();
        Thread closer = new Thread(() -> runtime.close(Duration.ZERO, "test"), "closer");
        closer.start();
        closer.join(); // returned although the write is still blocked

        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.event()).isEqualTo("stuck");
            assertThat(l.reason()).isEqualTo(DropReason.SHUTDOWN);
            assertThat(l.attempts()).isEqualTo(1);
            assertThat(l.sink()).isEqualTo(name);
        });
        if (!async) {
            assertThat(writer.isAlive()).as("the application's write is still blocked").isTrue();
        }
        stuck.release.countDown(); // the write ends at last, failing
        writer.join();
        if (async) {
            awaitUntil(() -> runtime.stats().of(name).failedAttempts() == 1); // the queue's thread saw it fail
        }

        assertThat(letters).as("the late failure is neither retried nor reported again").hasSize(1);
        SinkStats stats = runtime.stats().of(name);
        assertThat(stats.accepted()).isEqualTo(1);
        assertThat(stats.delivered()).isZero();
        assertThat(stats.dropped(DropReason.SHUTDOWN)).isEqualTo(1);
        assertThat(stats.pending()).isZero();
    }

    /**
     * Waits, yielding, until {@code done} holds (this module has no Awaitility). No bound of its own:
     * the class's {@code @Timeout} turns a hang into a failure, so a loaded machine cannot fail it.
     */
    private static void awaitUntil(java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            Thread.yield();
        }
    }
}
