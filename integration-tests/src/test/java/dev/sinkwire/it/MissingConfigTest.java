/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.cdi.SinkwireExtension;
import dev.sinkwire.it.Fixtures.AuditLog;
import org.jboss.weld.environment.se.Weld;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Without MicroProfile Config, deployment fails and says how to enable it. Runs in its own
 * surefire execution, with neither the MicroProfile Config API nor SmallRye Config on the class path.
 */
class MissingConfigTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void deploymentFailsAndSaysToEnableMicroProfileConfig(Mode mode) {
        assertThatThrownBy(() -> Class.forName("org.eclipse.microprofile.config.ConfigProvider"))
                .isInstanceOf(ClassNotFoundException.class);
        Weld weld = new Weld().disableDiscovery().addBeanClasses(Recorder.class, AuditLog.class);
        if (mode == Mode.PORTABLE) {
            weld.addExtension(new SinkwireExtension());
        } else {
            weld.addBuildCompatibleExtensions(LiteOnlyExtension.class);
        }
        assertThatThrownBy(() -> weld.initialize().shutdown())
                .hasStackTraceContaining("Sinkwire reads its configuration through MicroProfile Config, which is not"
                        + " available (class org.eclipse.microprofile.config.ConfigProvider not found). Enable"
                        + " MicroProfile Config: on Open Liberty add the feature mpConfig-3.1 to server.xml");
    }
}
