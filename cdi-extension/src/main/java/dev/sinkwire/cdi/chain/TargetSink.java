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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The innermost layer of a chain: the user's sink bean, the user's method called through its
 * {@link MethodCall}, or the sink a provider built. Its {@code toString()} is the sink's name, so
 * that every drop report names the sink. Safe for concurrent use as far as the user's code is.
 */
final class TargetSink implements Sink<Object> {

    /** Hands one event to the user's code. */
    private interface Delivery {
        void deliver(Object event) throws Exception;
    }

    private final String name;
    private final Delivery delivery;
    /** Releases the user's sink; run once, on close. */
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

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
        if (closed.get()) {
            throw new SinkClosedException("sink '" + name + "' is closed");
        }
        try {
            delivery.deliver(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // a method sink's checked exception
            throw new SinkException("method sink '" + name + "' failed: " + e, e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
