/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;

/** Sink declarations that must fail deployment. */
final class BadBeans {

    private BadBeans() {
    }

    /** A sink that does nothing. */
    abstract static class Nothing<T> implements Sink<T> {
        @Override
        public void write(T event) {
        }

        @Override
        public void close() {
        }
    }

    @ApplicationScoped
    @EventSink("dup")
    static class DupOne extends Nothing<OrderPlaced> {
    }

    @ApplicationScoped
    @EventSink("dup")
    static class DupTwo extends Nothing<String> {
    }

    @ApplicationScoped
    static class DupMethod {
        @EventSink("dup")
        void write(OrderPlaced order) {
        }
    }

    @ApplicationScoped
    static class TwoParameters {
        @EventSink("two")
        void write(OrderPlaced order, String extra) {
        }
    }

    @ApplicationScoped
    static class NoParameter {
        @EventSink("none")
        void write() {
        }
    }

    @ApplicationScoped
    static class PrivateMethod {
        @EventSink("private")
        private void write(OrderPlaced order) {
        }
    }

    @ApplicationScoped
    static class ObserverToo {
        @EventSink("observer")
        void write(@Observes OrderPlaced order) {
        }
    }

    @ApplicationScoped
    @EventSink("notASink")
    static class NotASink {
    }

    @ApplicationScoped
    @EventSink("my.sink")
    static class DottedName extends Nothing<OrderPlaced> {
    }

    @Dependent
    @EventSink("generic")
    static class Generic<T> extends Nothing<T> {
    }

    @ApplicationScoped
    static class Wildcard {
        @EventSink("wildcard")
        void write(List<?> items) {
        }
    }

    @ApplicationScoped
    @EventSink("wildcardClass")
    static class WildcardClass extends Nothing<List<? extends Number>> {
    }

    @ApplicationScoped
    static class WildcardTwoParameters {
        @EventSink("two")
        void write(Map<?, ? super Integer> entries, String extra) {
        }
    }

    @InterceptorBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface Logged {
    }

    /** An interceptor may not declare a sink, as it may not declare an observer method. */
    @Interceptor
    @Logged
    @Priority(100)
    static class InterceptorSink {
        @AroundInvoke
        Object around(InvocationContext invocation) throws Exception {
            return invocation.proceed();
        }

        @EventSink("intercepting")
        void write(OrderPlaced order) {
        }
    }
}
