/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.SinkException;
import dev.sinkwire.cdi.config.MethodCall;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SinkKind;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The innermost layer of a chain: the user's sink bean, the user's method called through its
 * {@link MethodCall}, or the sink a provider built. Its {@code toString()} is the sink's name, so
 * that every drop report names the sink. Safe for concurrent use as far as the user's code is; the
 * user's sink is released after the writes under way into it have returned, and no write begins after.
 */
final class TargetSink implements Sink<Object> {

    private static final System.Logger LOGGER = System.getLogger(TargetSink.class.getName());
    /** The sign bit of {@link #writes}: set once closing. */
    private static final int CLOSED = Integer.MIN_VALUE;

    /** Hands one event to the user's code. */
    private interface Delivery {
        void deliver(Object event) throws Exception;
    }

    private final String name;
    private final Delivery delivery;
    /** Releases the user's sink; run once, on close. */
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Writes under way (the low bits), plus {@link #CLOSED} once closing: a write adds one before it calls the user's
     * code and refuses if the sign was set; close sets the sign, then waits for the count to drain, so that the user's
     * sink is not closed under a write (a synchronous sink's writers are the application's threads).
     */
    private final AtomicInteger writes = new AtomicInteger();
    /** Released when the last write under way at close has ended. */
    private final CountDownLatch writesDone = new CountDownLatch(1);
    /** Until when ({@link System#nanoTime()}) close waits for the writes under way; {@code null}: it does not wait. */
    private volatile Long closeBy;

    private TargetSink(String name, Delivery delivery, Runnable release) {
        this.name = name;
        this.delivery = delivery;
        this.release = release;
    }

    /** The sink a {@code ConfiguredSinkProvider} built; closing the target closes it. */
    static TargetSink configured(String name, Sink<Object> sink) {
        return new TargetSink(name, sink::write, sink::close);
    }

    /**
     * Opens the target of a binding: a method sink calls its method (the bean's lifecycle belongs to
     * the container); a class sink holds one contextual reference for the chain's lifetime.
     *
     * @throws ProblemsException if a class sink has not exactly one bean, or the bean is no sink
     */
    @SuppressWarnings("unchecked")
    static TargetSink open(SinkBinding binding, BeanLookup lookup) {
        if (binding.kind() == SinkKind.METHOD) {
            MethodCall call = binding.invoker();
            return new TargetSink(binding.name(), call::call, () -> { });
        }
        List<Instance.Handle<Object>> found = lookup.byBeanClass(binding.beanClass());
        String sink = "sink '" + binding.name() + "' (" + binding.description() + "): ";
        if (found.size() != 1) {
            throw new ProblemsException(sink + "expected one bean of class " + binding.beanClass().getName()
                    + ", found " + found.size());
        }
        Instance.Handle<Object> handle = found.get(0);
        Object instance = handle.get();
        if (!(instance instanceof Sink)) {
            throw new ProblemsException(sink + "the bean instance is not a dev.sinkwire.Sink ("
                    + instance.getClass().getName() + ")");
        }
        Sink<Object> bean = (Sink<Object>) instance;
        boolean dependent = handle.getBean().getScope().equals(Dependent.class);
        return new TargetSink(binding.name(), bean::write, () -> {
            try {
                bean.close();
            } finally {
                if (dependent) {
                    handle.destroy();
                }
            }
        });
    }

    @Override
    public void write(Object event) {
        if (writes.getAndIncrement() < 0) {
            writeDone();
            throw new SinkClosedException("sink '" + name + "' is closed");
        }
        try {
            delivery.deliver(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // a method sink's checked exception
            throw new SinkException("method sink '" + name + "' failed: " + e, e);
        } finally {
            writeDone();
        }
    }

    private void writeDone() {
        if (writes.decrementAndGet() == CLOSED) {
            writesDone.countDown();
        }
    }

    /**
     * Makes {@link #close()} wait for the writes under way until {@code deadline} (a {@link System#nanoTime()}, the
     * shutdown deadline); without it, close does not wait.
     */
    void closeBy(long deadline) {
        closeBy = deadline;
    }

    /**
     * Refuses later writes, waits for the writes under way (until the {@link #closeBy} deadline; past it, logs and
     * closes anyway, so that a blocked write, or a timed-out one stuck on a timeout worker, cannot hold the
     * application's stop), then releases the user's sink, once. Not interruptible: the interrupt flag is kept.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        int underWay = writes.getAndAdd(CLOSED);
        Long deadline = closeBy;
        if (underWay != 0 && !awaitWrites(deadline == null ? System.nanoTime() : deadline)) {
            LOGGER.log(Level.WARNING, () -> "Sinkwire: closing sink '" + name + "' while " + (writes.get() - CLOSED)
                    + " write(s) into it are still under way" + (deadline == null ? "" : " at the shutdown deadline"));
        }
        release.run();
    }

    /** Waits for the writes under way until {@code deadline}; tells whether they ended. */
    private boolean awaitWrites(long deadline) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return writesDone.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
