/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.Sink;
import dev.sinkwire.core.Timekeeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One relay's batch against a second relay on the same table (H2, both claim modes): while the
 * first delivers a batch slowly (each write moves the shared test clock on by 3 s of a 10 s
 * lease), the second, asked to deliver after every write, never gets a row of that batch; and a
 * close in the middle of a batch completes what was delivered and frees the rest at once.
 */
class RelayBatchTest extends H2Relays {

    private DurableSink.Builder<Order> builder(Claim claim, String table, String owner) {
        return DurableSink.builder("orders", Order.class, h2).table(table).clock(clock).claim(claim).owner(owner)
                .batchSize(10).lease(Duration.ofSeconds(10)).pollInterval(Duration.ofHours(1))
                .closeTimeout(Duration.ofSeconds(20));
    }

    private List<Integer> fill(Claim claim, String table, int events) {
        DurableSink<Order> writer = builder(claim, table, "writer").buildAcceptOnly();
        sinks.add(writer);
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            writer.write(new Order("a", i));
            numbers.add(i);
        }
        return numbers;
    }

    @ParameterizedTest
    @EnumSource(Claim.class)
    void aSecondRelayGetsNoRowOfABatchWhoseDeliveryOutlastsTheLease(Claim claim) {
        String table = Databases.freshTable();
        List<Integer> numbers = fill(claim, table, 10);
        Recorder second = new Recorder();
        AtomicReference<DurableSink<Order>> other = new AtomicReference<>();
        List<Integer> claimedBySecond = new CopyOnWriteArrayList<>();
        List<Integer> first = new CopyOnWriteArrayList<>();
        DurableSink<Order> relay = builder(claim, table, "first").build(new Sink<DurableEvent<Order>>() {
            @Override
            public void write(DurableEvent<Order> event) {
                first.add(event.event().n());
                if (other.get() == null) { // started once the first relay holds its batch
                    other.set(builder(claim, table, "second").build(second));
                    sinks.add(other.get());
                }
                clock.advance(Duration.ofSeconds(3)); // 30 s for the batch: three leases without renewal
                claimedBySecond.add(other.get().deliverDue());
            }

            @Override
            public void close() {
            }
        });
        sinks.add(relay);

        await().until(() -> first.size() + second.delivered.size() >= 10);
        assertThat(second.delivered).isEmpty();
        assertThat(first).containsExactlyElementsOf(numbers);
        assertThat(claimedBySecond).hasSize(10).containsOnly(0);
    }

    @ParameterizedTest
    @EnumSource(Claim.class)
    void closeInTheMiddleOfABatchCompletesTheDeliveredRowsAndFreesTheRestAtOnce(Claim claim) throws Exception {
        String table = Databases.freshTable();
        fill(claim, table, 5);
        CountDownLatch inWrite = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CountDownLatch closeWaits = new CountDownLatch(1);
        List<Integer> first = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> relayThread = new AtomicReference<>();
        Timekeeper timekeeper = new Timekeeper() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public boolean await(CountDownLatch wake, long nanos) throws InterruptedException {
                if (Thread.currentThread() != relayThread.get()) {
                    closeWaits.countDown(); // close() has set its flag and waits for the relay
                }
                return Timekeeper.system().await(wake, nanos);
            }
        };
        DurableSink<Order> relay = builder(claim, table, "first").timekeeper(timekeeper).threadFactory(r -> {
            Thread t = new Thread(r, "relay-first");
            t.setDaemon(true);
            relayThread.set(t);
            return t;
        }).build(new Sink<DurableEvent<Order>>() {
            @Override
            public void write(DurableEvent<Order> event) {
                if (event.event().n() == 2) {
                    inWrite.countDown();
                    try {
                        proceed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                first.add(event.event().n());
            }

            @Override
            public void close() {
            }
        });
        inWrite.await();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(relay::close);
        closeWaits.await();
        proceed.countDown();
        closing.get();

        assertThat(first).containsExactly(0, 1, 2); // the delivery in progress finished, nothing after it
        assertThat(DurableSinkTest.rows(h2, table, "")).isEqualTo(2); // the delivered ones are deleted
        assertThat(DurableSinkTest.rows(h2, table, "status = 'PENDING' AND attempts = 0 AND lease_owner IS NULL"))
                .isEqualTo(2);

        Recorder second = new Recorder();
        DurableSink<Order> next = builder(claim, table, "second").build(second);
        sinks.add(next);
        await().until(() -> second.delivered.size() == 2); // at once: no lease to wait for, the clock never moved
        assertThat(second.numbers()).containsExactly(3, 4);
    }
}
