/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Blocking Channel calls honour interruption: the flag is restored and the call fails with SinkException. */
class ChannelInterruptionTest {

    private final Channel<String> channel = new Channel<>(0);

    /** Runs {@code call} on a thread, interrupts it once it blocks, and returns what it threw. */
    private Throwable interruptWhileBlocked(Consumer<Channel<String>> call, Thread.State blockedState) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flag = new AtomicBoolean();
        Thread thread = new Thread(() -> {
            try {
                call.accept(channel);
            } catch (Throwable e) {
                thrown.set(e);
            }
            flag.set(Thread.currentThread().isInterrupted());
        });
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == blockedState);
        thread.interrupt();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(flag).as("interrupt flag restored").isTrue();
        return thrown.get();
    }

    @Test
    void writeWaitingForAConsumer() throws InterruptedException {
        Throwable thrown = interruptWhileBlocked(c -> c.write("e"), Thread.State.WAITING);
        assertThat(thrown).isExactlyInstanceOf(SinkException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(channel.poll(Duration.ZERO)).as("the interrupted write was withdrawn").isNull();
        // the channel still works
        Thread writer = new Thread(() -> channel.write("next"));
        writer.start();
        assertThat(channel.take()).isEqualTo("next");
        writer.join(10_000);
    }

    @Test
    void writeWaitingForRoomInAFullBuffer() throws InterruptedException {
        Channel<String> buffered = new Channel<>(1);
        buffered.write("first");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                buffered.write("second");
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        thread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING);
        thread.interrupt();
        thread.join(10_000);
        assertThat(thrown.get()).isExactlyInstanceOf(SinkException.class);
        assertThat(buffered.take()).isEqualTo("first");
        assertThat(buffered.poll(Duration.ZERO)).as("the interrupted write was not buffered").isNull();
    }

    @Test
    void take() throws InterruptedException {
        Throwable thrown = interruptWhileBlocked(Channel::take, Thread.State.WAITING);
        assertThat(thrown).isExactlyInstanceOf(SinkException.class).hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void poll() throws InterruptedException {
        Throwable thrown = interruptWhileBlocked(c -> c.poll(Duration.ofHours(1)), Thread.State.TIMED_WAITING);
        assertThat(thrown).isExactlyInstanceOf(SinkException.class).hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void pollTimesOutWithNull() {
        assertThat(channel.poll(Duration.ofMillis(1))).isNull();
        assertThat(channel.poll(Duration.ofMillis(-5))).isNull();
    }

    @Test
    void doneCompletesOnCloseAndCannotBeCompletedByCallers() {
        assertThat(channel.done()).isNotDone();
        channel.done().complete(null); // a caller's copy: must not close the channel
        assertThat(channel.done()).isNotDone();
        channel.close();
        assertThat(channel.done()).isCompleted();
    }
}
