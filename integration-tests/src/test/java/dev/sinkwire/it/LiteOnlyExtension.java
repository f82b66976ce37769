/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import dev.sinkwire.cdi.SinkwireBuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.BeanInfo;
import jakarta.enterprise.inject.build.compatible.spi.InterceptorInfo;
import jakarta.enterprise.inject.build.compatible.spi.InvokerFactory;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.build.compatible.spi.Types;
import jakarta.enterprise.inject.build.compatible.spi.Validation;

/**
 * Runs Sinkwire's build compatible extension under Weld. Weld's lite extension translator skips
 * every build compatible extension annotated {@code @SkipIfPortableExtensionPresent} (Weld is a
 * CDI Full container, so the portable twin is assumed to run instead); this subclass carries no
 * such annotation, and re-declares the extension methods because the translator only looks at
 * declared methods. Everything else is the production extension's code, as Quarkus ArC runs it.
 */
public class LiteOnlyExtension extends SinkwireBuildCompatibleExtension {

    @Override
    @Registration(types = Object.class)
    public void collect(BeanInfo bean, InvokerFactory invokers, Types types) {
        super.collect(bean, invokers, types);
    }

    @Override
    @Registration(types = Object.class)
    public void interceptors(InterceptorInfo interceptor) {
        super.interceptors(interceptor);
    }

    @Override
    @Synthesis
    public void synthesize(SyntheticComponents syn, Types types) {
        super.synthesize(syn, types);
    }

    @Override
    @Validation
    public void validate(Messages messages) {
        super.validate(messages);
    }
}
