/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.lang.annotation.Annotation;
import java.util.Collection;

/**
 * Who applies MicroProfile Fault Tolerance annotations on sinks, as detected once at startup.
 * Names no FT type: the FT API is optional, and this class must load without it.
 */
public enum FtMode {
    /** The FT API is not on the class path: FT annotations cannot be present, nothing to read. */
    API_ABSENT,
    /** The FT API is there but no FT implementation intercepts: Sinkwire applies the annotations itself. */
    SINKWIRE,
    /** An FT implementation intercepts {@code @Retry}: it applies the annotations; Sinkwire adds no layer for them. */
    IMPLEMENTATION;

    public static final String FT_PACKAGE = "org.eclipse.microprofile.faulttolerance.";
    static final String SMALLRYE_API_PACKAGE = "io.smallrye.faulttolerance.api.";
    static final String RETRY = FT_PACKAGE + "Retry";
    /** SmallRye's interceptor binding of its FT interceptor (Quarkus ArC registers it for every FT annotation). */
    static final String SMALLRYE_BINDING = "io.smallrye.faulttolerance.FaultToleranceBinding";
    /**
     * Open Liberty's interceptor binding of its own FT implementation: Liberty's FT extension adds it
     * to FT-annotated classes and methods while types are processed, so no interceptor resolves
     * for {@code @Retry} itself there.
     */
    public static final String LIBERTY_BINDING = "com.ibm.ws.microprofile.faulttolerance.cdi.FaultTolerance";

    /** Tells whether the FT API is visible to the extension. */
    public static boolean apiPresent() {
        return annotationType(RETRY, FtMode.class.getClassLoader()) != null;
    }

    /**
     * The mode under a CDI Lite container, from the interceptor bindings of every interceptor the build compatible
     * extension saw during registration.
     */
    public static FtMode lite(Collection<? extends Collection<String>> interceptorBindings) {
        return !apiPresent() ? API_ABSENT : interceptorBindings.stream().flatMap(Collection::stream)
                .anyMatch(b -> b.equals(RETRY) || b.equals(SMALLRYE_BINDING)) ? IMPLEMENTATION : SINKWIRE;
    }

    /** Loads an annotation type by name; {@code null} when it is not visible. */
    @SuppressWarnings("unchecked")
    public static Class<? extends Annotation> annotationType(String name, ClassLoader loader) {
        try {
            Class<?> c = Class.forName(name, false, loader);
            return c.isAnnotation() ? (Class<? extends Annotation>) c : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** @return what the startup log says about this mode */
    public String describe() {
        return switch (this) {
            case API_ABSENT -> "MicroProfile Fault Tolerance API not present: FT annotations are not read";
            case SINKWIRE -> "no MicroProfile Fault Tolerance implementation active: Sinkwire applies @Retry,"
                    + " @CircuitBreaker, @Timeout (and SmallRye's backoff annotations) on sinks itself, with the MP FT"
                    + " override keys";
            case IMPLEMENTATION -> "a MicroProfile Fault Tolerance implementation is active: it applies FT annotations"
                    + " on sinks; Sinkwire adds no retry, breaker or timeout layer for them";
        };
    }
}
