/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sinkwire.cdi.spi.ConfiguredSinkException;
import dev.sinkwire.durable.Claim;
import dev.sinkwire.durable.SchemaMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store keys the extension hands over unread, read and checked by the provider. */
class StoreSettingsTest {

    private static final String P = "sinkwire.sinks.orders.";

    @Test
    void defaultsAndValuesEnvironmentVariablesByTheirOwnName() {
        StoreSettings s = StoreSettings.read(P, Map.of("store.table", "outbox", "store.claim", "lock",
                "SINKWIRE_SINKS_ORDERS_STORE_LEASE", "5s"));
        assertThat(s.table()).isEqualTo("outbox");
        assertThat(s.claim()).isEqualTo(Claim.LOCK);
        assertThat(s.lease()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.schema()).isEqualTo(SchemaMode.CREATE);
        assertThat(s.batchSize()).isEqualTo(100);
        assertThat(s.dataSource()).isNull();
        assertThat(s.relay()).isTrue();
    }

    @Test
    void unknownAndBadKeysAreNamedTogether() {
        ConfiguredSinkException e = catchThrowableOfType(ConfiguredSinkException.class, () -> StoreSettings.read(P,
                Map.of("store.tabel", "outbox", "store.max-attempts", "0")));
        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0)).startsWith("unknown configuration key " + P + "store.tabel; did you mean "
                + P + "store.table?").doesNotContain("outbox");
        assertThat(e.problems().get(1)).startsWith(P + "store.max-attempts=0 is not positive");
    }
}
