/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.ft;

import dev.sinkwire.EventSink;
import dev.sinkwire.cdi.config.FtMode;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.List;

/**
 * For the container only, not API: counts, per thread, the calls an FT implementation makes to a
 * sink method (each retry calls the interceptors inside its own again) while {@code FtLayers}'
 * report layer writes one event through it. Its priority puts it inside the FT interceptors
 * (SmallRye's: {@code PLATFORM_AFTER + 10}). Also holds the rule of both front ends for which
 * methods get the {@link SinkAttempts} binding. Names no FT type. Safe for concurrent use (state
 * is per thread).
 */
@Interceptor
@SinkAttempts
@Priority(Interceptor.Priority.PLATFORM_AFTER + 990)
public class SinkAttemptsInterceptor {

    private static final ThreadLocal<int[]> CURRENT = new ThreadLocal<>();
    /** The annotations that make an FT implementation call a method more than once, by binary name. */
    private static final List<String> FT_ANNOTATIONS = List.of(FtMode.FT_PACKAGE + "Retry",
            FtMode.FT_PACKAGE + "CircuitBreaker", FtMode.FT_PACKAGE + "Timeout");

    /** Counts one call, then makes it. */
    @AroundInvoke
    public Object count(InvocationContext ctx) throws Exception {
        int[] c = CURRENT.get();
        if (c != null) {
            c[0]++;
        }
        return ctx.proceed();
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

    /** Whether an annotation, by binary name, makes an FT implementation call a method more than once. */
    static boolean isFt(String annotationType) {
        return FT_ANNOTATIONS.contains(annotationType);
    }

    /**
     * The rule of both front ends: a non-static, non-synthetic method that is an FT-annotated method
     * sink, or the one-parameter {@code write} of an FT-annotated class sink.
     */
    static boolean counted(boolean ft, boolean plain, boolean methodSink, boolean classSink, String method,
            int parameters) {
        return ft && plain && (methodSink || classSink && method.equals("write") && parameters == 1);
    }
}
