/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import dev.sinkwire.it.Fixtures.AuditLog;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import dev.sinkwire.it.Fixtures.RecordingSink;
import jakarta.enterprise.inject.spi.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deployment whose microprofile-config.properties names an unknown retry strategy: Arquillian's
 * embedded Weld container refuses to deploy it. (The messages themselves are checked by
 * BadInputTest; Arquillian only reports the exception type here.)
 */
@ExtendWith(ArquillianExtension.class)
class ArquillianBadConfigurationTest {

    @Deployment
    @ShouldThrowException(DeploymentException.class)
    static JavaArchive application() {
        return ShrinkWrap.create(JavaArchive.class, "bad.jar")
                .addClasses(Recorder.class, Recorder.Log.class, Recorder.Delivery.class, RecordingSink.class,
                        AuditLog.class, OrderPlaced.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml")
                .addAsManifestResource(new StringAsset("sinkwire.sinks.audit.retry.strategy=sometimes\n"),
                        "microprofile-config.properties");
    }

    @Test
    void deploymentIsRefused() {
        // reached only if the deployment failed with a DeploymentException, as @ShouldThrowException requires
    }
}
