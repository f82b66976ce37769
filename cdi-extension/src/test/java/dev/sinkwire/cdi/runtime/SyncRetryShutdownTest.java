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
import dev.sinkwire.cdi.config.MethodCall;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stop of a synchronous ({@code async=false}) sink with a retrying sink applied by Sinkwire, while a write into it
 * is blocked and ignores interruption: the retrying sink's close waited for that attempt without bound, so the stop
 * hung past {@code sinkwire.shutdown.timeout} forever. Now the stop returns at the deadline and the event is reported
 * with reason {@code SHUTDOWN}; the blocked write returns normally when it finally ends.
 */
// hang guard only: the stop under test must end by itself at its deadline
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SyncRetryShutdownTest {

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

    @Test
    void stopReturnsWhileASynchronousRetryStrategySinksWriteIsBlocked() throws Exception {
        Stuck stuck = new Stuck();
        MethodCall call = event -> {
            stuck.write(event);
            return null;
        };
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        SinkwireRuntime runtime = SinkwireRuntime.start(List.of(methodSink("s", String.class, call)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.s.async", "false",
                        "sinkwire.sinks.s.retry.strategy", "breaker"),
                null, recording(letters), FtMode.SINKWIRE);

        stopWhileBlocked(runtime, stuck, letters, "s");
    }

    @Test
    void stopReturnsWhileASynchronousRetryAnnotatedSinksWriteIsBlocked() throws Exception {
        RetriedSink sink = new RetriedSink();
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        SinkwireRuntime runtime = SinkwireRuntime.start(
                List.of(new SinkBinding("r", SinkKind.CLASS, "class " + RetriedSink.class.getName(), RetriedSink.class,
                        String.class, null)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.r.async", "false"),
                lookup(sink), recording(letters), FtMode.SINKWIRE);
        assertThat(runtime.chain("r").toString()).contains("RetryingSink");

        stopWhileBlocked(runtime, sink.stuck, letters, "r");
    }

    private static void stopWhileBlocked(SinkwireRuntime runtime, Stuck stuck, List<DeadLetter> letters, String name)
            throws Exception {
        Thread writer = new Thread(() -> runtime.deliver(name, "stuck"), "writer");
        writer.start();
        stuck.entered.await();

        Thread closer = new Thread(() -> runtime.close(Duration.ZERO, "test"), "closer");
        closer.start();
        closer.join(); // returned although the write is still blocked

        assertThat(writer.isAlive()).as("the write is still blocked").isTrue();
        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.event()).isEqualTo("stuck");
            assertThat(l.reason()).isEqualTo(DropReason.SHUTDOWN);
            assertThat(l.attempts()).isEqualTo(1);
        });
        stuck.release.countDown();
        writer.join();

        assertThat(letters).as("the late failure is neither retried nor reported again").hasSize(1);
        SinkStats stats = runtime.stats().of(name);
        assertThat(stats.accepted()).isEqualTo(1);
        assertThat(stats.delivered()).isZero();
        assertThat(stats.dropped(DropReason.SHUTDOWN)).isEqualTo(1);
        assertThat(stats.pending()).isZero();
    }
}
