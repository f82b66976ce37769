/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.Matcher;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad arguments fail at once, with a message naming the argument (and what is allowed). */
class ArgumentValidationTest {

    private final RecordingSink<String> sink = new RecordingSink<>();
    private final RetryStrategy strategy = new Breaker(1, Duration.ofSeconds(1));
    private final Timekeeper clock = new ManualTimekeeper();
    private final DropListener listener = letter -> { };

    @Test
    void broadcaster() {
        assertThatNullPointerException().isThrownBy(() -> new Broadcaster<String>((Sink<String>[]) null))
                .withMessageContaining("sinks");
        assertThatNullPointerException().isThrownBy(() -> new Broadcaster<String>(sink, null))
                .withMessageContaining("sinks[1]");
        assertThatNullPointerException().isThrownBy(() -> new Broadcaster<String>((DropListener) null, sink))
                .withMessageContaining("dropListener");
        Broadcaster<String> broadcaster = new Broadcaster<>(sink);
        assertThatNullPointerException().isThrownBy(() -> broadcaster.add(null)).withMessageContaining("sink");
        assertThatNullPointerException().isThrownBy(() -> broadcaster.remove(null)).withMessageContaining("sink");
        broadcaster.close();
    }

    @Test
    void queue() {
        assertThatNullPointerException().isThrownBy(() -> new Queue<String>(null)).withMessageContaining("dst");
        assertThatNullPointerException().isThrownBy(() -> Queue.builder(null)).withMessageContaining("dst");
        Queue.Builder<String> builder = Queue.builder(sink);
        assertThatNullPointerException().isThrownBy(() -> builder.name(null)).withMessageContaining("name");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.name(" ")).withMessageContaining("name");
        assertThatNullPointerException().isThrownBy(() -> builder.threadFactory(null))
                .withMessageContaining("threadFactory");
        assertThatNullPointerException().isThrownBy(() -> builder.dropListener(null))
                .withMessageContaining("dropListener");
        assertThatThrownBy(() -> Queue.builder(sink).threadFactory(task -> null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("thread factory");

        Queue<String> queue = new Queue<>(sink);
        assertThatIllegalArgumentException().isThrownBy(() -> queue.close(Duration.ofMillis(-1)))
                .withMessageContaining("timeout");
        queue.close();
    }

    @Test
    void channel() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Channel<String>(-1))
                .withMessageContaining("buffer").withMessageContaining("-1");
        Channel<String> channel = new Channel<>(0);
        assertThatNullPointerException().isThrownBy(() -> channel.poll(null)).withMessageContaining("timeout");
    }

    @Test
    void filter() {
        Matcher<String> all = event -> true;
        assertThatNullPointerException().isThrownBy(() -> new Filter<>(null, all)).withMessageContaining("dst");
        assertThatNullPointerException().isThrownBy(() -> new Filter<>(sink, null)).withMessageContaining("matcher");
    }

    @Test
    void retryingSink() {
        assertThatNullPointerException().isThrownBy(() -> new RetryingSink<>(null, strategy)).withMessageContaining("sink");
        assertThatNullPointerException().isThrownBy(() -> new RetryingSink<>(sink, null)).withMessageContaining("strategy");
        assertThatNullPointerException().isThrownBy(() -> new RetryingSink<>(sink, strategy, null, clock))
                .withMessageContaining("dropListener");
        assertThatNullPointerException().isThrownBy(() -> new RetryingSink<>(sink, strategy, listener, null))
                .withMessageContaining("timekeeper");
    }

    @Test
    void breaker() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Breaker(-1, Duration.ofSeconds(1)))
                .withMessageContaining("threshold").withMessageContaining("-1");
        assertThatNullPointerException().isThrownBy(() -> new Breaker(1, null)).withMessageContaining("backoff");
        assertThatIllegalArgumentException().isThrownBy(() -> new Breaker(1, Duration.ofMillis(-1)))
                .withMessageContaining("backoff");
        assertThatNullPointerException().isThrownBy(() -> new Breaker(1, Duration.ofSeconds(1), null))
                .withMessageContaining("timekeeper");
    }

    @Test
    void exponentialBackoffConfig() {
        Duration one = Duration.ofSeconds(1);
        assertThatNullPointerException().isThrownBy(() -> new ExponentialBackoffConfig(null, one, one))
                .withMessageContaining("base");
        assertThatNullPointerException().isThrownBy(() -> new ExponentialBackoffConfig(one, null, one))
                .withMessageContaining("factor");
        assertThatNullPointerException().isThrownBy(() -> new ExponentialBackoffConfig(one, one, null))
                .withMessageContaining("max");
        assertThatIllegalArgumentException().isThrownBy(() -> new ExponentialBackoffConfig(one.negated(), one, one))
                .withMessageContaining("base");
        assertThatIllegalArgumentException().isThrownBy(() -> new ExponentialBackoffConfig(one, Duration.ZERO, one))
                .withMessageContaining("factor");
        assertThatIllegalArgumentException().isThrownBy(() -> new ExponentialBackoffConfig(one, one.negated(), one))
                .withMessageContaining("factor");
        assertThatIllegalArgumentException().isThrownBy(() -> new ExponentialBackoffConfig(Duration.ZERO, one, Duration.ZERO))
                .withMessageContaining("max");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ExponentialBackoffConfig(Duration.ofSeconds(2), one, one))
                .withMessageContaining("max").withMessageContaining("base");
        new ExponentialBackoffConfig(Duration.ZERO, one, one); // base zero is fine: waits in [0, factor)
    }

    @Test
    void exponentialBackoff() {
        assertThatNullPointerException().isThrownBy(() -> new ExponentialBackoff(null)).withMessageContaining("config");
    }

    @Test
    void deadLetter() {
        assertThatNullPointerException().isThrownBy(() -> new DeadLetter(null, "s", DropReason.FAILED, null, 1))
                .withMessageContaining("event");
        assertThatNullPointerException().isThrownBy(() -> new DeadLetter("e", null, DropReason.FAILED, null, 1))
                .withMessageContaining("sink");
        assertThatNullPointerException().isThrownBy(() -> new DeadLetter("e", "s", null, null, 1))
                .withMessageContaining("reason");
        assertThatIllegalArgumentException().isThrownBy(() -> new DeadLetter("e", "s", DropReason.FAILED, null, -1))
                .withMessageContaining("attempts");
    }
}
