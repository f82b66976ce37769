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
 * The innermost layer of a chain: the user's sink bean, or an adapter calling the user's method
 * through a CDI method invoker. Its {@code toString()} is the sink's name, so that every drop
 * report names the sink. Safe for concurrent use as far as the user's bean is.
 */
public abstract class TargetSink implements Sink<Object> {

    /** The sink's name, which every report uses. */
    final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the target.
     *
     * @param name the sink's name
     */
    TargetSink(String name) {
        this.name = name;
    }

    /**
     * Opens the target of a binding: obtains the class sink's bean, or wraps the method sink's invoker.
     *
     * @param binding the sink
     * @param lookup the container's beans
     * @return the target
     */
    static TargetSink open(SinkBinding binding, BeanLookup lookup) {
        return binding.kind() == SinkKind.METHOD
                ? new MethodTarget(binding.name(), binding.invoker())
                : ClassTarget.open(binding, lookup);
    }

    @Override
    public final void write(Object event) {
        if (closed.get()) {
            throw new SinkClosedException("sink '" + name + "' is closed");
        }
        deliver(event);
    }

    /**
     * Hands the event to the user's code.
     *
     * @param event the event
     */
    abstract void deliver(Object event);

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    /** Releases the user's sink; called once. */
    abstract void release();

    @Override
    public String toString() {
        return name;
    }

    /**
     * Wraps the sink a {@code ConfiguredSinkProvider} built.
     *
     * @param name the sink's name
     * @param sink the provider's sink
     * @return the target, which closes {@code sink} when closed
     */
    static TargetSink configured(String name, Sink<Object> sink) {
        return new ConfiguredTarget(name, sink);
    }

    /** A sink declared in configuration alone: the sink its provider built. */
    static final class ConfiguredTarget extends TargetSink {
        private final Sink<Object> sink;

        private ConfiguredTarget(String name, Sink<Object> sink) {
            super(name);
            this.sink = sink;
        }

        @Override
        void deliver(Object event) {
            sink.write(event);
        }

        @Override
        void release() {
            sink.close();
        }
    }

    /** A method sink: every write calls the method through an invoker that looks up the bean itself. */
    static final class MethodTarget extends TargetSink {
        private final MethodCall invoker;

        /**
         * Creates the target.
         *
         * @param name the sink's name
         * @param invoker calls the method, looking the bean up itself
         */
        MethodTarget(String name, MethodCall invoker) {
            super(name);
            this.invoker = invoker;
        }

        @Override
        void deliver(Object event) {
            try {
                invoker.call(event);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new SinkException("method sink '" + name + "' failed: " + e, e);
            }
        }

        @Override
        void release() {
            // the bean's lifecycle belongs to the container
        }
    }

    /** A class sink: one contextual reference for the chain's lifetime. */
    static final class ClassTarget extends TargetSink {
        private final Sink<Object> bean;
        private final Instance.Handle<Object> dependentHandle;

        private ClassTarget(String name, Sink<Object> bean, Instance.Handle<Object> dependentHandle) {
            super(name);
            this.bean = bean;
            this.dependentHandle = dependentHandle;
        }

        /**
         * Obtains the one bean of the binding's class.
         *
         * @param binding the sink
         * @param lookup the container's beans
         * @return the target
         * @throws ProblemsException if there is not exactly one such bean, or it is no sink
         */
        @SuppressWarnings("unchecked")
        static ClassTarget open(SinkBinding binding, BeanLookup lookup) {
            List<Instance.Handle<Object>> found = lookup.byBeanClass(binding.beanClass());
            if (found.size() != 1) {
                throw new ProblemsException("sink '" + binding.name() + "' (" + binding.description() + "):"
                        + " expected one bean of class " + binding.beanClass().getName() + ", found " + found.size());
            }
            Instance.Handle<Object> handle = found.get(0);
            Object instance = handle.get();
            if (!(instance instanceof Sink)) {
                throw new ProblemsException("sink '" + binding.name() + "' (" + binding.description() + "): the bean"
                        + " instance is not a dev.sinkwire.Sink (" + instance.getClass().getName() + ")");
            }
            boolean dependent = handle.getBean().getScope().equals(Dependent.class);
            return new ClassTarget(binding.name(), (Sink<Object>) instance, dependent ? handle : null);
        }

        @Override
        void deliver(Object event) {
            bean.write(event);
        }

        @Override
        void release() {
            try {
                bean.close();
            } finally {
                if (dependentHandle != null) {
                    dependentHandle.destroy();
                }
            }
        }
    }
}
