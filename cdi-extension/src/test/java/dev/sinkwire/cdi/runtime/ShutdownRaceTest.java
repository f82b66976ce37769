/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.cdi.chain.BeanLookup;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.MapConfig;
import dev.sinkwire.cdi.config.MethodCall;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SinkKind;
import dev.sinkwire.core.SinkStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shutdown racing writers that are blocked or still writing: it ends, and every event is accounted for. */
class ShutdownRaceTest {

    /** An {@code Event<DeadLetter>} that records what is fired. */
    @SuppressWarnings("unchecked")
    static Event<DeadLetter> recording(List<DeadLetter> fired) {
        return (Event<DeadLetter>) Proxy.newProxyInstance(Event.class.getClassLoader(), new Class<?>[] {Event.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("fire")) {
                        fired.add((DeadLetter) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static SinkBinding methodSink(String name, Class<?> type, MethodCall call) {
        return new SinkBinding(name, SinkKind.METHOD, "method a.B." + name + "(" + type.getName() + ")",
                ShutdownRaceTest.class, type, call);
    }

    /** Waits, without sleeping, until {@code thread} is parked (a writer waiting for room in a full queue). */
    private static void awaitWaiting(Thread thread) {
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(thread.isAlive()).as("writer ended instead of waiting for room").isTrue();
            Thread.yield();
        }
    }

    /**
     * A broadcast writer waiting for room in a full {@code block} queue holds the broadcaster while it waits. Closing the
     * broadcaster first waited for that writer, which only the queue's close (never reached) could release: close hung
     * forever, whatever {@code sinkwire.shutdown.timeout} said.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only: the close under test must end by itself
    void closeEndsWhileABroadcastWriterWaitsForRoomInAFullQueue() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        List<Object> delivered = Collections.synchronizedList(new ArrayList<>());
        MethodCall call = event -> {
            if ("first".equals(event)) {
                entered.countDown();
                never.await(); // released only by the shutdown deadline's interrupt
            }
            delivered.add(event);
            return null;
        };
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        SinkwireRuntime runtime = SinkwireRuntime.start(List.of(methodSink("m", String.class, call)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.m.queue.capacity", "1"),
                null, recording(letters), FtMode.SINKWIRE);
        runtime.deliver("m", "first");
        entered.await(); // the consumer is delivering "first"
        runtime.deliver("m", "second"); // fills the queue
        Thread writer = new Thread(() -> runtime.broadcaster().write("third"), "broadcast-writer");
        writer.start();
        awaitWaiting(writer);

        Thread closer = new Thread(() -> runtime.close(Duration.ZERO, "test"), "closer");
        closer.start();
        closer.join();
        writer.join();

        assertThat(delivered).isEmpty();
        assertThat(letters).extracting(l -> l.event() + ":" + l.reason())
                .containsExactlyInAnyOrder("first:SHUTDOWN", "second:SHUTDOWN", "third:CLOSED");
        SinkStats stats = runtime.stats().of("m");
        assertThat(stats.accepted()).isEqualTo(2);
        assertThat(stats.dropped(DropReason.SHUTDOWN)).isEqualTo(2);
        assertThat(stats.pending()).isZero();
    }

    /**
     * A write through the injected broadcaster that a sink refuses or fails is reported the way a CDI event's is: to the
     * sink's dead-letter sink, with the reason the chain gave. It went to the log and the CDI event only (where the
     * dead-letter sink's own observer skips it as routed already), and a full {@code fail} queue's refusal was reported
     * as {@code FAILED}, not {@code OVERFLOW}.
     */
    @Test
    void broadcastWritesThatASinkFailsOrRefusesReachItsDeadLetterSink() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MethodCall failing = event -> {
            throw new IllegalStateException("down: " + event);
        };
        MethodCall slow = event -> {
            if (Integer.valueOf(1).equals(event)) {
                entered.countDown();
                release.await();
            }
            return null;
        };
        List<DeadLetter> routed = Collections.synchronizedList(new ArrayList<>());
        MethodCall parkingLot = event -> routed.add((DeadLetter) event);
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        SinkwireRuntime runtime = SinkwireRuntime.start(List.of(methodSink("failing", String.class, failing),
                methodSink("slow", Integer.class, slow), methodSink("dl", DeadLetter.class, parkingLot)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.dead-letter", "dl",
                        "sinkwire.sinks.failing.async", "false", "sinkwire.sinks.dl.async", "false",
                        "sinkwire.sinks.slow.queue.capacity", "1", "sinkwire.sinks.slow.queue.overflow", "fail"),
                null, recording(letters), FtMode.SINKWIRE);
        try {
            runtime.deliver("failing", "fired");
            runtime.broadcaster().write("broadcast");
            runtime.chain("slow").write(1);
            entered.await();
            runtime.chain("slow").write(2); // fills the queue
            runtime.broadcaster().write(3); // refused: the queue is full

            assertThat(routed).extracting(l -> l.event() + ":" + l.sink() + ":" + l.reason())
                    .containsExactly("fired:failing:FAILED", "broadcast:failing:FAILED", "3:slow:OVERFLOW");
            assertThat(letters).extracting(l -> l.event() + ":" + l.reason())
                    .containsExactly("fired:FAILED", "broadcast:FAILED", "3:OVERFLOW");
        } finally {
            release.countDown();
            runtime.close();
        }
    }

    /** A class sink that records whether it was closed while a write was under way. Safe for concurrent use. */
    public static final class ClassSink implements Sink<String> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger writing = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final AtomicBoolean closedWhileWriting = new AtomicBoolean();
        final List<String> written = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void write(String event) {
            writing.incrementAndGet();
            try {
                entered.countDown();
                release.await();
                written.add(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                writing.decrementAndGet();
            }
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            if (writing.get() != 0) {
                closedWhileWriting.set(true);
            }
        }
    }

    /** A lookup that finds {@code instance} as the one application-scoped bean of its class. */
    @SuppressWarnings("unchecked")
    static BeanLookup lookup(Object instance) {
        Bean<Object> bean = (Bean<Object>) Proxy.newProxyInstance(Bean.class.getClassLoader(), new Class<?>[] {Bean.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getScope" -> ApplicationScoped.class;
                    case "getBeanClass" -> instance.getClass();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Instance.Handle<Object> handle = (Instance.Handle<Object>) Proxy.newProxyInstance(
                Instance.Handle.class.getClassLoader(), new Class<?>[] {Instance.Handle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> instance;
                    case "getBean" -> bean;
                    case "destroy", "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new BeanLookup() {
            @Override
            public List<Instance.Handle<Object>> byBeanClass(Class<?> beanClass) {
                return beanClass == instance.getClass() ? List.of(handle) : List.of();
            }

            @Override
            public List<Instance.Handle<Object>> byName(String name) {
                return List.of();
            }
        };
    }

    /**
     * Shutdown racing a write into a synchronous sink ({@code async=false}, no retry): the sink's {@code close()} ran while
     * the write was still under way (and a write that had passed the closed check could begin after it), so the event was
     * counted delivered to a sink already closed. Now close waits for the writes under way (within the shutdown
     * deadline) and no write begins after it.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only
    void aSynchronousSinkIsClosedOnlyAfterTheWritesUnderWay() throws Exception {
        ClassSink sink = new ClassSink();
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        SinkwireRuntime runtime = SinkwireRuntime.start(
                List.of(new SinkBinding("s", SinkKind.CLASS, "class " + ClassSink.class.getName(), ClassSink.class,
                        String.class, null)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.s.async", "false"),
                lookup(sink), recording(letters), FtMode.SINKWIRE);
        Thread writer = new Thread(() -> runtime.deliver("s", "under-way"), "writer");
        writer.start();
        sink.entered.await();
        Thread closer = new Thread(runtime::close, "closer");
        closer.start();
        // let the close go as far as it goes while the write is under way
        while (closer.getState() != Thread.State.TERMINATED && closer.getState() != Thread.State.WAITING
                && closer.getState() != Thread.State.TIMED_WAITING) {
            Thread.yield();
        }
        sink.release.countDown();
        writer.join();
        closer.join();
        runtime.deliver("s", "after"); // refused: reported CLOSED, never written

        assertThat(sink.closedWhileWriting).isFalse();
        assertThat(sink.closes).hasValue(1);
        assertThat(sink.written).containsExactly("under-way");
        assertThat(letters).extracting(l -> l.event() + ":" + l.reason()).containsExactly("after:CLOSED");
        SinkStats stats = runtime.stats().of("s");
        assertThat(stats.accepted()).isEqualTo(1);
        assertThat(stats.delivered()).isEqualTo(1);
        assertThat(stats.pending()).isZero();
    }

    /**
     * Writers racing shutdown through every path at once: CDI deliveries and broadcast writes into a synchronous sink, an
     * unbounded queue, bounded queues of each non-blocking policy and of {@code block} with a maximum wait, and a
     * retrying sink, with failures and dead letters routed to a queued dead-letter sink. Every write a sink got is
     * delivered or reported exactly once, no writer sees an exception (except the closed broadcaster's), close ends,
     * and every sink's counts balance with nothing pending; statistics read meanwhile never step back, never show a
     * negative pending count nor more retries than failed attempts.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only
    void everyWriteRacingShutdownIsDeliveredOrReportedOnceOnEveryPath() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        java.util.logging.Logger drops = java.util.logging.Logger.getLogger("dev.sinkwire");
        java.util.logging.Level level = drops.getLevel();
        drops.setLevel(java.util.logging.Level.OFF); // thousands of dead letters: each is checked, not logged
        try {
            for (int round = 0; round < 8; round++) {
                raceShutdown(random.nextLong(), seed + "/" + round);
            }
        } finally {
            drops.setLevel(level);
        }
    }

    private static final List<String> STRING_SINKS = List.of("sync", "queued", "reject", "oldest", "fail", "block",
            "retry");

    private static void raceShutdown(long seed, String label) throws Exception {
        Set<String> retriedOnce = ConcurrentHashMap.newKeySet();
        Queue<String> delivered = new ConcurrentLinkedQueue<>();
        List<SinkBinding> bindings = new ArrayList<>();
        for (String name : STRING_SINKS) {
            bindings.add(methodSink(name, String.class, event -> {
                String id = (String) event;
                if (id.hashCode() % 5 == 0 && (!name.equals("retry") || retriedOnce.add(id))) {
                    throw new IllegalStateException("refused " + id); // "retry" succeeds on the second attempt
                }
                delivered.add(name + "|" + id);
                return null;
            }));
        }
        Queue<DeadLetter> parked = new ConcurrentLinkedQueue<>();
        bindings.add(methodSink("dl", DeadLetter.class, letter -> parked.add((DeadLetter) letter)));
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        SinkwireRuntime runtime = SinkwireRuntime.start(bindings, MapConfig.of(
                "sinkwire.thread-factory.jndi-name", "none", "sinkwire.dead-letter", "dl",
                "sinkwire.sinks.sync.async", "false",
                "sinkwire.sinks.reject.queue.capacity", "2", "sinkwire.sinks.reject.queue.overflow", "reject",
                "sinkwire.sinks.oldest.queue.capacity", "2", "sinkwire.sinks.oldest.queue.overflow", "drop-oldest",
                "sinkwire.sinks.fail.queue.capacity", "2", "sinkwire.sinks.fail.queue.overflow", "fail",
                "sinkwire.sinks.block.queue.capacity", "2", "sinkwire.sinks.block.queue.max-wait", "1ms",
                "sinkwire.sinks.retry.retry.strategy", "breaker", "sinkwire.sinks.retry.retry.threshold", "2",
                "sinkwire.sinks.retry.retry.backoff", "1ms"), null, recording(letters), FtMode.SINKWIRE);

        int writers = 6;
        Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
        STRING_SINKS.forEach(n -> attempts.put(n, new LongAdder()));
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        CyclicBarrier start = new CyclicBarrier(writers + 1);
        CountDownLatch warm = new CountDownLatch(writers);
        AtomicBoolean closed = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            Random r = new Random(seed + w);
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    int after = 0;
                    for (int i = 0; after < 50; i++) {
                        if (closed.get()) {
                            after++;
                        }
                        if (i == 200) {
                            warm.countDown();
                        }
                        String event = id + "-" + i;
                        int target = r.nextInt(STRING_SINKS.size() + 1);
                        if (target < STRING_SINKS.size()) {
                            String sink = STRING_SINKS.get(target);
                            attempts.get(sink).increment();
                            runtime.deliver(sink, event);
                        } else {
                            try {
                                runtime.broadcaster().write(event);
                                STRING_SINKS.forEach(n -> attempts.get(n).increment());
                            } catch (SinkClosedException e) {
                                // the broadcaster is closed (the last step of close): no sink got the event
                            }
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    warm.countDown();
                }
            }, "writer-" + w));
        }
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> { // statistics read while the counts move and the chains close
            try {
                Map<String, SinkStats> previous = runtime.stats().all();
                while (!done.get()) {
                    Map<String, SinkStats> now = runtime.stats().all();
                    for (Map.Entry<String, SinkStats> e : now.entrySet()) {
                        SinkStats was = previous.get(e.getKey());
                        SinkStats is = e.getValue();
                        assertThat(is.pending()).as(is.toString()).isNotNegative();
                        assertThat(is.retried()).as(is.toString()).isLessThanOrEqualTo(is.failedAttempts());
                        assertThat(is.accepted()).as(is + " after " + was).isGreaterThanOrEqualTo(was.accepted());
                        assertThat(is.delivered()).as(is + " after " + was).isGreaterThanOrEqualTo(was.delivered());
                        assertThat(is.droppedTotal()).as(is + " after " + was)
                                .isGreaterThanOrEqualTo(was.droppedTotal());
                        assertThat(runtime.stats().state(e.getKey()).queueDepth()).isLessThanOrEqualTo(2);
                    }
                    previous = now;
                    reads.incrementAndGet();
                }
            } catch (Throwable e) {
                errors.add(e);
            }
        }, "stats-reader");
        threads.add(reader);
        Collections.shuffle(threads, new Random(seed));
        threads.forEach(Thread::start);
        start.await();
        warm.await();
        runtime.close();
        closed.set(true);
        for (Thread t : threads) {
            if (t != reader) {
                t.join();
            }
        }
        done.set(true);
        reader.join();
        assertThat(reads).as(label + ": statistics were read during the race").hasPositiveValue();

        assertThat(errors).as(label).isEmpty();
        List<String> reported = letters.stream().filter(l -> l.event() instanceof String)
                .map(l -> l.sink() + "|" + l.event()).toList();
        Map<String, Long> outcomes = new HashMap<>();
        delivered.forEach(k -> outcomes.merge(k, 1L, Long::sum));
        reported.forEach(k -> outcomes.merge(k, 1L, Long::sum));
        assertThat(outcomes).as(label + ": delivered or reported once each").allSatisfy((k, n) -> assertThat(n)
                .as(k).isEqualTo(1L));
        long written = attempts.values().stream().mapToLong(LongAdder::sum).sum();
        assertThat((long) outcomes.size()).as(label + ": every write has an outcome").isEqualTo(written);
        for (String name : STRING_SINKS) {
            SinkStats stats = runtime.stats().of(name);
            assertThat(stats.pending()).as(label + " " + stats).isZero();
            assertThat(stats.delivered()).as(label + " " + stats)
                    .isEqualTo(delivered.stream().filter(k -> k.startsWith(name + "|")).count());
            assertThat(stats.accepted()).as(label + " " + stats).isEqualTo(stats.delivered() + stats.droppedTotal());
            assertThat(stats.droppedTotal() + stats.delivered()).as(label + " " + stats)
                    .isLessThanOrEqualTo(attempts.get(name).sum());
        }
        SinkStats dl = runtime.stats().of("dl");
        assertThat(dl.pending()).as(label + " " + dl).isZero();
        assertThat(dl.delivered()).as(label + " " + dl).isEqualTo(parked.size());
        assertThat(parked).as(label + ": routed letters were reported").allSatisfy(l -> assertThat(reported)
                .contains(l.sink() + "|" + l.event()));
    }

    /** A class sink whose timed-out write ignores interrupts until released. Safe for concurrent use. */
    public static final class StuckSink implements Sink<String> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger closes = new AtomicInteger();

        @Override
        @org.eclipse.microprofile.faulttolerance.Timeout(50)
        public void write(String event) {
            entered.countDown();
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException ignored) {
                    // stuck in blocking I/O that ignores interrupts
                }
            }
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    /**
     * A queued sink with {@code @Timeout} whose timed-out write never returns (its worker is stuck): the stop ends by the
     * deadline and closes the sink, rather than waiting for the stuck write for ever.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // hang guard only
    void aWriteStuckAfterItsTimeoutDoesNotHoldTheStop() throws Exception {
        StuckSink sink = new StuckSink();
        SinkwireRuntime runtime = SinkwireRuntime.start(
                List.of(new SinkBinding("stuck", SinkKind.CLASS, "class " + StuckSink.class.getName(), StuckSink.class,
                        String.class, null)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none"), lookup(sink), null, FtMode.SINKWIRE);
        try {
            runtime.deliver("stuck", "event");
            sink.entered.await();
            while (runtime.stats().of("stuck").droppedTotal() == 0) { // timed out, reported; the worker is still stuck
                Thread.yield();
            }
            runtime.close(Duration.ZERO, "test");

            assertThat(sink.closes).hasValue(1);
            SinkStats stats = runtime.stats().of("stuck");
            assertThat(stats.accepted()).isEqualTo(1);
            assertThat(stats.dropped(DropReason.FAILED)).isEqualTo(1);
            assertThat(stats.pending()).isZero();
        } finally {
            sink.release.countDown();
        }
    }
}
