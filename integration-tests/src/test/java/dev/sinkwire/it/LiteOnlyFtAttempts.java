/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import dev.sinkwire.cdi.ft.FtAttemptsBuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.ClassConfig;
import jakarta.enterprise.inject.build.compatible.spi.Discovery;
import jakarta.enterprise.inject.build.compatible.spi.Enhancement;
import jakarta.enterprise.inject.build.compatible.spi.ScannedClasses;

/**
 * Runs Sinkwire's build compatible attempt-counting extension under Weld, for the same reason as
 * {@link LiteOnlyExtension}: no {@code @SkipIfPortableExtensionPresent}, methods re-declared.
 */
public class LiteOnlyFtAttempts extends FtAttemptsBuildCompatibleExtension {

    @Override
    @Discovery
    public void discover(ScannedClasses scan) {
        super.discover(scan);
    }

    @Override
    @Enhancement(types = Object.class, withSubtypes = true, withAnnotations = dev.sinkwire.EventSink.class)
    public void bind(ClassConfig type) {
        super.bind(type);
    }
}
