/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.MapConfig;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SinkKind;
import dev.sinkwire.cdi.config.Spec;
import dev.sinkwire.cdi.config.SpecReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private static SinkBinding sink(String name, Class<?> eventClass) {
        return new SinkBinding(name, SinkKind.CLASS, "class a.B", Object.class, eventClass, null);
    }

    @Test
    void aLetterRoutedToASinkIsNotDeliveredToItAgainAsACdiEvent() {
        Spec spec = SpecReader.read(MapConfig.of("sinkwire.sinks.audit.dead-letter", "dlq"), List.of(
                sink("audit", String.class), sink("billing", String.class), sink("dlq", DeadLetter.class),
                sink("all", Object.class)), FtMode.API_ABSENT);
        Routes routes = new Routes(spec, DropListener.logging());
        DeadLetter fromAudit = new DeadLetter("e", "audit", DropReason.FAILED, null, 1);
        DeadLetter fromBilling = new DeadLetter("e", "billing", DropReason.FAILED, null, 1);
        assertThat(routes.routedAlready("dlq", fromAudit)).isTrue();
        assertThat(routes.routedAlready("all", fromAudit)).isFalse();
        assertThat(routes.routedAlready("dlq", fromBilling)).isFalse();
        assertThat(routes.routedAlready("dlq", "not a letter")).isFalse();
    }
}
