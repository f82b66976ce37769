/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link SinkMeter#timeDeliveries}: what is timed, with which clock, and when nothing is. */
class DeliveryTimingTest {

    private final ManualTimekeeper clock = new ManualTimekeeper();
    private final List<Long> recorded = new CopyOnWriteArrayList<>();
    private final SinkMeter meter = new SinkMeter("timed");

    /** A destination whose writes take {@code nanos} of the manual clock each, or fail. */
    private Sink<String> taking(AtomicLong nanos) {
        return new Sink<>() {
            @Override
            public void write(String event) {
                clock.advance(Duration.ofNanos(nanos.get()));
                if (event.startsWith("fail")) {
                    throw new SinkException("planted");
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void slowDeliveriesAreEachTimedAndFailedAttemptsAreNot() {
        AtomicLong takes = new AtomicLong(Duration.ofMillis(3).toNanos());
        Sink<String> delivering = meter.delivering(taking(takes));
        meter.timeDeliveries(clock, recorded::add);
        delivering.write("a");
        takes.set(Duration.ofMillis(7).toNanos());
        delivering.write("b");
        assertThatThrownBy(() -> delivering.write("fail")).isInstanceOf(SinkException.class);
        delivering.write("c");

        assertThat(recorded).containsExactly(3_000_000L, 7_000_000L, 7_000_000L);
        assertThat(meter.snapshot().delivered()).isEqualTo(3);
        assertThat(meter.snapshot().failedAttempts()).isEqualTo(1);
    }

    @Test
    void fastDeliveriesAreSampledOneInSampleUntilOneIsSlowAgain() {
        AtomicLong takes = new AtomicLong(100); // 100 ns: fast
        Sink<String> delivering = meter.delivering(taking(takes));
        meter.timeDeliveries(clock, recorded::add);
        for (int i = 0; i < 1 + 3 * DeliveryTimer.SAMPLE; i++) {
            delivering.write("e" + i);
        }
        assertThat(recorded).as("the first, then one in %d", DeliveryTimer.SAMPLE).containsExactly(100L, 100L, 100L, 100L);

        takes.set(DeliveryTimer.SLOW_NANOS); // deliveries turn slow: the next sampled one notices
        for (int i = 0; i < DeliveryTimer.SAMPLE; i++) {
            delivering.write("s" + i);
        }
        assertThat(recorded).as("the sampled slow one").hasSize(5).last().isEqualTo(DeliveryTimer.SLOW_NANOS);
        for (int i = 0; i < DeliveryTimer.SAMPLE; i++) {
            delivering.write("t" + i);
        }
        assertThat(recorded).as("from then on, each").hasSize(5 + DeliveryTimer.SAMPLE);
        assertThat(meter.snapshot().delivered()).isEqualTo(1 + 5L * DeliveryTimer.SAMPLE);
    }

    @Test
    void nothingReadsTheClockUntilAskedNorAfterStoppingNorForReportsThatAreNotDeliveries() {
        AtomicLong readings = new AtomicLong();
        Timekeeper counting = new Timekeeper() {
            @Override
            public long nanoTime() {
                readings.incrementAndGet();
                return 0;
            }

            @Override
            public boolean await(java.util.concurrent.CountDownLatch wake, long nanos) {
                throw new AssertionError("not used");
            }
        };
        AtomicLong takes = new AtomicLong(0);
        Sink<String> delivering = meter.delivering(taking(takes));
        Sink<String> reporting = meter.delivering(taking(takes), false);
        delivering.write("before");
        meter.timeDeliveries(counting, recorded::add);
        reporting.write("a report");
        assertThat(readings).hasValue(0);
        delivering.write("timed");
        assertThat(readings).hasValue(2);
        meter.stopTimingDeliveries();
        delivering.write("after");
        assertThat(readings).hasValue(2);
        assertThat(recorded).containsExactly(0L);
        assertThat(meter.snapshot().delivered()).isEqualTo(4);
    }

    @Test
    void aBrokenRecorderNeitherFailsTheDeliveryNorUncountsIt() {
        Sink<String> delivering = meter.delivering(taking(new AtomicLong(DeliveryTimer.SLOW_NANOS)));
        meter.timeDeliveries(clock, nanos -> {
            throw new IllegalStateException("broken recorder (planted)");
        });
        delivering.write("a");
        delivering.write("b");
        assertThat(meter.snapshot().delivered()).isEqualTo(2);
        assertThat(meter.snapshot().failedAttempts()).isZero();
    }

    /**
     * A recorder that throws an {@link Error} other than a {@link VirtualMachineError} (a metrics
     * API class missing at run time: {@link NoClassDefFoundError}) after the event was delivered
     * and counted: the delivery must still succeed. It used to fail the write, so the queue in
     * front reported the delivered event as FAILED as well: one event both delivered and dropped,
     * {@code delivered + dropped} more than accepted.
     */
    @Test
    void aRecorderThrowingAnErrorNeitherFailsTheDeliveryNorReportsItAsDropped() {
        BoundedTestSupport.Letters letters = new BoundedTestSupport.Letters();
        meter.timeDeliveries(clock, nanos -> {
            throw new NoClassDefFoundError("io/metrics/Timer (planted)");
        });
        Queue<String> queue = Queue.builder(meter.delivering(taking(new AtomicLong(DeliveryTimer.SLOW_NANOS))))
                .name("timed").dropListener(meter.dropping(letters)).build();
        Sink<String> chain = meter.accepting(queue);
        chain.write("a");
        chain.write("b");
        queue.close();

        assertThat(letters.letters).as("delivered events reported as dropped").isEmpty();
        SinkStats stats = meter.snapshot();
        assertThat(stats.delivered()).isEqualTo(2);
        assertThat(stats.droppedTotal()).isZero();
        assertThat(stats.failedAttempts()).isZero();
        assertThat(stats.accepted()).isEqualTo(2);
    }
}
