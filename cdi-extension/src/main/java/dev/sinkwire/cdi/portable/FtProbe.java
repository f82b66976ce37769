/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.portable;

import dev.sinkwire.cdi.config.FtMode;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InterceptionType;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.stream.Stream;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Tells, under a portable container, whether an FT implementation intercepts sinks. The one class
 * of the extension that names an FT API type: {@link #mode} names {@code @Retry} only after
 * {@link FtMode#apiPresent()} found the API, so that a missing API never causes a
 * {@link NoClassDefFoundError}. Stateless.
 */
public final class FtProbe {

    /** Carries an instance of {@code @Retry} to resolve interceptors with. */
    @Retry
    private static final class Marker {
    }

    private FtProbe() {
    }

    /**
     * The mode under a portable container: an FT implementation is active when some enabled interceptor resolves for
     * {@code @Retry}, or for a known implementation's own binding found on a sink bean ({@link
     * FtMode#LIBERTY_BINDING}). ({@code BeanManager.isInterceptorBinding(Retry.class)} is not enough: {@code @Retry} is
     * declared an interceptor binding by the API itself, so it is true whenever the API is present, implementation or
     * not.)
     */
    public static FtMode mode(BeanManager bm, Collection<Annotation> implementationBindings) {
        if (!FtMode.apiPresent()) {
            return FtMode.API_ABSENT;
        }
        return Stream.concat(Stream.of(Marker.class.getAnnotation(Retry.class)), implementationBindings.stream())
                .anyMatch(b -> !bm.resolveInterceptors(InterceptionType.AROUND_INVOKE, b).isEmpty())
                ? FtMode.IMPLEMENTATION : FtMode.SINKWIRE;
    }

    /**
     * Keeps the known FT implementation bindings ({@link FtMode#LIBERTY_BINDING}) present on a sink bean's class or
     * methods, as the container processed them.
     */
    public static void collectImplementationBindings(AnnotatedType<?> type, Collection<Annotation> into) {
        Stream.concat(type.getAnnotations().stream(), type.getMethods().stream().flatMap(m -> m.getAnnotations()
                .stream())).filter(a -> a.annotationType().getName().equals(FtMode.LIBERTY_BINDING)).forEach(into::add);
    }
}
