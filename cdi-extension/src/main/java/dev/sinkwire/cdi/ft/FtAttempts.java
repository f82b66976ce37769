/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.ft;

import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.EventSink;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Counts, per thread, the calls made to a sink while the {@code FtLayers.Report} layer writes one
 * event through it: the {@link SinkAttemptsInterceptor} increments the count of the write in
 * progress on its thread. Also tells the front ends which sink methods get the
 * {@link SinkAttempts} binding. Names no FT type. Safe for concurrent use (state is per thread).
 */
final class FtAttempts {

    private static final ThreadLocal<int[]> CURRENT = new ThreadLocal<>();
    /** The annotations that make an FT implementation call a method more than once, by binary name. */
    static final List<String> FT_ANNOTATIONS = List.of(FtMode.FT_PACKAGE + "Retry", FtMode.FT_PACKAGE + "CircuitBreaker",
            FtMode.FT_PACKAGE + "Timeout");

    private FtAttempts() {
    }

    /**
     * Starts counting the calls of one write on this thread.
     *
     * @return the counter; pass it to {@link #stop}
     */
    static int[] start() {
        int[] counter = new int[1];
        CURRENT.set(counter);
        return counter;
    }

    /**
     * Ends counting (writes through a sink chain do not nest on one thread).
     *
     * @param counter the counter from {@link #start}
     * @return the number of calls counted, or 0 if nothing was counted (the sink is not intercepted)
     */
    static int stop(int[] counter) {
        if (CURRENT.get() == counter) {
            CURRENT.remove();
        }
        return counter[0];
    }

    /** Counts one call on this thread, if a write is being counted. */
    static void called() {
        int[] c = CURRENT.get();
        if (c != null) {
            c[0]++;
        }
    }

    /**
     * Tells whether a sink method (or its class) carries an FT annotation, by name, so that this
     * works without the FT API.
     *
     * @param method the method
     * @param beanClass the bean class
     * @return whether the method should be counted
     */
    static boolean hasFt(Method method, Class<?> beanClass) {
        return hasFt(method) || hasFt(beanClass);
    }

    private static boolean hasFt(AnnotatedElement element) {
        for (Annotation a : element.getAnnotations()) {
            if (FT_ANNOTATIONS.contains(a.annotationType().getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether a method is a class sink's {@code write}.
     *
     * @param m the method
     * @return whether it is a non-static, non-bridge {@code write} with one parameter
     */
    static boolean isWrite(Method m) {
        return m.getName().equals("write") && m.getParameterCount() == 1 && !m.isBridge() && !m.isSynthetic()
                && !Modifier.isStatic(m.getModifiers());
    }

    /**
     * Tells whether a method is an FT-annotated method sink, or the write method of an FT-annotated
     * class sink.
     *
     * @param m the method
     * @param beanClass the bean class
     * @return whether to add the binding
     */
    static boolean counted(Method m, Class<?> beanClass) {
        if (Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic()) {
            return false;
        }
        if (m.isAnnotationPresent(EventSink.class)) {
            return hasFt(m, beanClass);
        }
        return beanClass.isAnnotationPresent(EventSink.class) && isWrite(m) && hasFt(m, beanClass);
    }
}
