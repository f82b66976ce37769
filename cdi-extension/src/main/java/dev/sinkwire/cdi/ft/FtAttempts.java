/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.ft;

import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.EventSink;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Counts, per thread, the calls made to a sink while the {@code FtLayers.Report} layer writes one
 * event through it: the {@link SinkAttemptsInterceptor} increments the count of the write in
 * progress on its thread. Also tells the front ends which sink methods get the
 * {@link SinkAttempts} binding. Names no FT type. Safe for concurrent use (state is per thread).
 */
final class FtAttempts {

    private static final ThreadLocal<int[]> CURRENT = new ThreadLocal<>();
    /** The annotations that make an FT implementation call a method more than once, by binary name. */
    private static final List<String> FT_ANNOTATIONS = List.of(FtMode.FT_PACKAGE + "Retry", FtMode.FT_PACKAGE + "CircuitBreaker",
            FtMode.FT_PACKAGE + "Timeout");

    private FtAttempts() {
    }

    /** Starts counting the calls of one write on this thread. */
    static int[] start() {
        int[] counter = new int[1];
        CURRENT.set(counter);
        return counter;
    }

    /** Ends counting (writes through a sink chain do not nest on one thread). */
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

    /** Whether an annotation, by binary name, makes an FT implementation call a method more than once. */
    static boolean isFt(String annotationType) {
        return FT_ANNOTATIONS.contains(annotationType);
    }

    /** The rule of both front ends: an FT-annotated method sink, or the one-parameter write of an FT-annotated class sink. */
    static boolean counted(boolean ft, boolean methodSink, boolean classSink, String method, int parameters) {
        return ft && (methodSink || classSink && method.equals("write") && parameters == 1);
    }

    /** {@link #counted(boolean, boolean, boolean, String, int)} for a reflected method. */
    static boolean counted(Method m, Class<?> beanClass) {
        boolean ft = Stream.concat(Arrays.stream(m.getAnnotations()), Arrays.stream(beanClass.getAnnotations()))
                .anyMatch(a -> isFt(a.annotationType().getName()));
        return !Modifier.isStatic(m.getModifiers()) && !m.isBridge() && !m.isSynthetic() && counted(ft,
                m.isAnnotationPresent(EventSink.class), beanClass.isAnnotationPresent(EventSink.class), m.getName(),
                m.getParameterCount());
    }
}
