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
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.MapConfig;
import dev.sinkwire.cdi.config.MethodCall;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SinkKind;
import dev.sinkwire.cdi.runtime.SyncRetryShutdownTest.RetriedSink;
import dev.sinkwire.cdi.runtime.SyncRetryShutdownTest.Stuck;
import dev.sinkwire.core.SinkStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stop of a queued ({@code async=true}, the default) sink while the queue's write into it is
 * blocked and ignores the interrupt sent at the deadline: the queue's close waited for that write
 * without bound, so the stop hung past {@code sinkwire.shutdown.timeout} forever. Now the stop
 * returns shortly after the deadline (the queue's grace) and the event is a {@code SHUTDOWN} dead
 * letter, reported once; when the write finally ends, nothing more is reported. Nothing here
 * measures time: the stop either returns by itself or the hang guard fails the test.
 */
// hang guard only: the stop under test must end by itself after its deadline
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class QueuedShutdownTest {

    @Test
    void stopReturnsWhileAQueuedSinksWriteIgnoresTheInterrupt() throws Exception {
        Stuck stuck = new Stuck();
        MethodCall call = event -> {
            stuck.write(event);
            return null;
        };
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        SinkwireRuntime runtime = SinkwireRuntime.start(List.of(methodSink("q", String.class, call)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none"), null, recording(letters), FtMode.SINKWIRE);
        assertThat(runtime.chain("q").toString()).contains("Queue(").doesNotContain("RetryingSink");

        stopWhileBlocked(runtime, stuck, letters, "q", "q");
    }

    @Test
    void stopReturnsWhileAQueuedRetryStrategySinksWriteIgnoresTheInterrupt() throws Exception {
        Stuck stuck = new Stuck();
        MethodCall call = event -> {
            stuck.write(event);
            return null;
        };
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        SinkwireRuntime runtime = SinkwireRuntime.start(List.of(methodSink("b", String.class, call)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.b.retry.strategy", "breaker"),
                null, recording(letters), FtMode.SINKWIRE);
        assertThat(runtime.chain("b").toString()).contains("Queue(").contains("RetryingSink");

        // the retrying sink reports its attempt under way (it names the sink); the queue does not report it again
        stopWhileBlocked(runtime, stuck, letters, "b", "b");
    }

    @Test
    void stopReturnsWhileAQueuedRetryAnnotatedSinksWriteIgnoresTheInterrupt() throws Exception {
        RetriedSink sink = new RetriedSink();
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        SinkwireRuntime runtime = SinkwireRuntime.start(
                List.of(new SinkBinding("r", SinkKind.CLASS, "class " + RetriedSink.class.getName(), RetriedSink.class,
                        String.class, null)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none"), lookup(sink), recording(letters),
                FtMode.SINKWIRE);
        assertThat(runtime.chain("r").toString()).contains("Queue(").contains("RetryingSink");

        stopWhileBlocked(runtime, sink.stuck, letters, "r", "r");
    }

    private static void stopWhileBlocked(SinkwireRuntime runtime, Stuck stuck, List<DeadLetter> letters, String name,
            String letterSink) throws Exception {
        runtime.deliver(name, "stuck"); // queued: returns at once
        stuck.entered.await();

        Thread closer = new Thread(() -> runtime.close(Duration.ZERO, "test"), "closer");
        closer.start();
        closer.join(); // returned although the queue's write is still blocked

        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.event()).isEqualTo("stuck");
            assertThat(l.reason()).isEqualTo(DropReason.SHUTDOWN);
            assertThat(l.attempts()).isEqualTo(1);
            assertThat(l.sink()).isEqualTo(letterSink);
        });
        stuck.release.countDown(); // the write ends at last, failing

        awaitUntil(() -> runtime.stats().of(name).failedAttempts() == 1); // counted as the write failed
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
