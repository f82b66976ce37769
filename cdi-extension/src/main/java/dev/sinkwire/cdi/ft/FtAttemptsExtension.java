/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.ft;

import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.EventSink;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * The portable half of attempt counting: adds {@link SinkAttempts} to every sink method carrying
 * MicroProfile Fault Tolerance annotations (a method sink, or a class sink's {@code write}), and
 * makes sure {@link SinkAttemptsInterceptor} is a bean, so that a dead letter reported after an
 * FT implementation gave up carries the number of calls it made. Does nothing without the FT API.
 * Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 *
 * <p>The container calls its observer methods from one thread during bootstrap.
 */
public class FtAttemptsExtension implements Extension {

    private final boolean api = FtMode.apiPresent();
    private boolean interceptorSeen;

    /** Binds the counting interceptor to FT-annotated sink methods. */
    <T> void bind(@Observes @WithAnnotations(EventSink.class) ProcessAnnotatedType<T> pat) {
        if (!api) {
            return;
        }
        Class<T> beanClass = pat.getAnnotatedType().getJavaClass();
        boolean classFt = hasFt(beanClass.getAnnotations());
        pat.configureAnnotatedType().filterMethods(m -> {
            Method j = m.getJavaMember();
            return SinkAttemptsInterceptor.counted(classFt || hasFt(j.getAnnotations()),
                    !Modifier.isStatic(j.getModifiers()) && !j.isBridge() && !j.isSynthetic(),
                    j.isAnnotationPresent(EventSink.class), beanClass.isAnnotationPresent(EventSink.class), j.getName(),
                    j.getParameterCount());
        }).forEach(m -> m.add(SinkAttempts.Literal.INSTANCE));
    }

    private static boolean hasFt(Annotation[] annotations) {
        return Arrays.stream(annotations).anyMatch(a -> SinkAttemptsInterceptor.isFt(a.annotationType().getName()));
    }

    /** Notes that the interceptor was discovered (its jar is a bean archive). */
    void seen(@Observes ProcessAnnotatedType<SinkAttemptsInterceptor> pat) {
        interceptorSeen = true;
    }

    /** Adds the interceptor when discovery did not find it. */
    void addInterceptor(@Observes AfterTypeDiscovery atd, BeanManager bm) {
        if (api && !interceptorSeen) {
            atd.addAnnotatedType(SinkAttemptsInterceptor.class, SinkAttemptsInterceptor.class.getName());
            // the list of interceptors enabled by @Priority is already built: enable the added one explicitly
            if (!atd.getInterceptors().contains(SinkAttemptsInterceptor.class)) {
                atd.getInterceptors().add(SinkAttemptsInterceptor.class);
            }
        }
    }
}
