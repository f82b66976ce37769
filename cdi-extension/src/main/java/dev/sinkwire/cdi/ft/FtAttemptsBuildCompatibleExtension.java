/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.ft;

import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.EventSink;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.ClassConfig;
import jakarta.enterprise.inject.build.compatible.spi.Discovery;
import jakarta.enterprise.inject.build.compatible.spi.Enhancement;
import jakarta.enterprise.inject.build.compatible.spi.MethodConfig;
import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.lang.model.AnnotationInfo;
import jakarta.enterprise.lang.model.declarations.MethodInfo;
import java.lang.reflect.Modifier;
import java.util.Collection;

/**
 * The build compatible half of attempt counting (see {@link FtAttemptsExtension}), for CDI Lite
 * containers such as Quarkus ArC; skipped when the portable twin runs. Registered in
 * {@code META-INF/services/jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension}.
 *
 * <p>The container calls the extension methods from one thread during the build.
 */
@SkipIfPortableExtensionPresent(FtAttemptsExtension.class)
public class FtAttemptsBuildCompatibleExtension implements BuildCompatibleExtension {

    private static final int SYNTHETIC_OR_BRIDGE = 0x1000 | 0x0040;

    /** Makes the counting interceptor a bean. */
    @Discovery
    public void discover(ScannedClasses scan) {
        if (FtMode.apiPresent()) {
            scan.add(SinkAttemptsInterceptor.class.getName());
        }
    }

    /** Binds the counting interceptor to FT-annotated sink methods. */
    @Enhancement(types = Object.class, withSubtypes = true, withAnnotations = EventSink.class)
    public void bind(ClassConfig type) {
        if (!FtMode.apiPresent()) {
            return;
        }
        boolean classSink = type.info().hasAnnotation(EventSink.class);
        boolean classFt = hasFt(type.info().annotations());
        for (MethodConfig m : type.methods()) {
            MethodInfo info = m.info();
            boolean plain = !Modifier.isStatic(info.modifiers()) && (info.modifiers() & SYNTHETIC_OR_BRIDGE) == 0;
            if (SinkAttemptsInterceptor.counted(classFt || hasFt(info.annotations()), plain,
                    info.hasAnnotation(EventSink.class), classSink, info.name(), info.parameters().size())) {
                m.addAnnotation(SinkAttempts.class);
            }
        }
    }

    private static boolean hasFt(Collection<AnnotationInfo> annotations) {
        return annotations.stream().anyMatch(a -> SinkAttemptsInterceptor.isFt(a.name()));
    }
}
