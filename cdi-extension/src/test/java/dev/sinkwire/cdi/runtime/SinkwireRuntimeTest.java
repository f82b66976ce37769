/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.cdi.chain.ChainEntry;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.MapConfig;
import dev.sinkwire.cdi.config.MethodCall;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SinkKind;
import jakarta.enterprise.event.Event;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runtime-neutral model on its own: no container, method sinks through a plain invoker. */
class SinkwireRuntimeTest {

    /** Records what it is given; optionally blocks until released. Safe for concurrent use. */
    static final class RecordingInvoker implements MethodCall {
        final List<Object> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch gate;

        RecordingInvoker(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public Object call(Object event) throws Exception {
            if (!gate.await(10, TimeUnit.SECONDS)) {
                throw new SinkException("gate");
            }
            if ("fail".equals(event)) {
                throw new Exception("checked failure");
            }
            events.add(event);
            threads.add(Thread.currentThread().getName());
            return null;
        }
    }

    private static SinkBinding methodSink(String name, Class<?> type, RecordingInvoker invoker) {
        return new SinkBinding(name, SinkKind.METHOD, "method a.B." + name + "(" + type.getName() + ")",
                SinkwireRuntimeTest.class, type, invoker);
    }

    @Test
    void closeDeliversEverythingAcceptedFromManyThreads() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        RecordingInvoker invoker = new RecordingInvoker(gate);
        SinkwireRuntime runtime = SinkwireRuntime.start(List.of(methodSink("m", String.class, invoker)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none"), null, null, FtMode.SINKWIRE);
        int threads = 4;
        int perThread = 250;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    barrier.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < perThread; i++) {
                    runtime.deliver("m", id + "-" + i);
                }
            });
            writers.add(w);
            w.start();
        }
        for (Thread w : writers) {
            w.join();
        }
        assertThat(invoker.events).isEmpty(); // all queued behind the gate
        Thread closer = new Thread(runtime::close);
        closer.start();
        gate.countDown();
        closer.join();

        assertThat(invoker.events).hasSize(threads * perThread).doesNotHaveDuplicates();
        for (int t = 0; t < threads; t++) { // each writer's events in its own order
            String prefix = t + "-";
            assertThat(invoker.events.stream().map(String::valueOf).filter(e -> e.startsWith(prefix)).toList())
                    .isSortedAccordingTo((a, b) -> Integer.compare(Integer.parseInt(a.substring(prefix.length())),
                            Integer.parseInt(b.substring(prefix.length()))));
        }
        assertThat(invoker.threads).containsOnly("sinkwire-m");
    }

    /** An {@code Event<DeadLetter>} that records what is fired. */
    @SuppressWarnings("unchecked")
    private static Event<DeadLetter> recording(List<DeadLetter> fired) {
        return (Event<DeadLetter>) Proxy.newProxyInstance(Event.class.getClassLoader(), new Class<?>[] {Event.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("fire")) {
                        fired.add((DeadLetter) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void everyEventIsDeliveredOrReportedWhenShutdownRacesWriters() throws Exception {
        RecordingInvoker invoker = new RecordingInvoker(new CountDownLatch(0));
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        SinkwireRuntime runtime = SinkwireRuntime.start(List.of(methodSink("m", String.class, invoker)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none"), null, recording(letters), FtMode.SINKWIRE);
        int threads = 4;
        AtomicInteger written = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        CyclicBarrier barrier = new CyclicBarrier(threads + 1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    barrier.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; !stop.get() || i < 1000; i++) { // at least 1000 each, some after the close
                    runtime.deliver("m", id + "-" + i);
                    written.incrementAndGet();
                    if (i > 100_000) {
                        break;
                    }
                }
            });
            writers.add(w);
            w.start();
        }
        barrier.await();
        runtime.close();
        stop.set(true);
        for (Thread w : writers) {
            w.join();
        }
        List<Object> reported = letters.stream().map(DeadLetter::event).toList();
        assertThat(letters).extracting(DeadLetter::reason).containsOnly(DropReason.CLOSED);
        assertThat(invoker.events.size() + reported.size()).isEqualTo(written.get());
        assertThat(invoker.events).doesNotContainAnyElementsOf(reported);
    }

    @Test
    void chainChecksTypesAndRefusesWritesAfterClose() {
        RecordingInvoker invoker = new RecordingInvoker(new CountDownLatch(0));
        SinkwireRuntime runtime = SinkwireRuntime.start(List.of(methodSink("m", String.class, invoker)),
                MapConfig.of("sinkwire.sinks.m.async", "false"), null, null, FtMode.SINKWIRE);
        ChainEntry chain = runtime.chain("m");
        chain.write("one");
        assertThatThrownBy(() -> chain.write(42)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sink 'm' accepts java.lang.String, not java.lang.Integer");
        assertThatThrownBy(() -> chain.write(null)).isInstanceOf(NullPointerException.class);
        runtime.broadcaster().write(42); // another type: skipped, not an error
        runtime.deliver("m", "fail"); // reported, not thrown
        runtime.close();
        runtime.close();
        assertThatThrownBy(() -> chain.write("two")).isInstanceOf(SinkClosedException.class)
                .hasMessageContaining("sink 'm' is closed");
        assertThat(invoker.events).containsExactly("one");
        assertThatThrownBy(() -> runtime.chain("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no sink named 'nope'; known sinks: [m]");
    }

    @Test
    void configurationProblemsLeaveNothingRunning() {
        RecordingInvoker invoker = new RecordingInvoker(new CountDownLatch(0));
        assertThatThrownBy(() -> SinkwireRuntime.start(List.of(methodSink("m", String.class, invoker)),
                MapConfig.of("sinkwire.sinks.m.filter.types", "no.Such"), null, null, FtMode.SINKWIRE))
                .isInstanceOf(ProblemsException.class)
                .hasMessage("Sinkwire: sinkwire.sinks.m.filter.types=no.Such: class no.Such not found; allowed:"
                        + " fully-qualified names of classes visible to the application");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("sinkwire-m"));
    }
}
