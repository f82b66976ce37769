/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The extension reads only {@code store}; the {@code store.*} keys go unread to the store's provider. */
class StoreReaderTest {

    private static final List<SinkBinding> ORDERS = List.of(new SinkBinding("orders", SinkKind.CLASS, "class a.B",
            Object.class, String.class, null));

    @Test
    void storeKeysGoToTheProviderUnreadEnvironmentVariablesByTheirOwnName() {
        Spec spec = SpecReader.read(MapConfig.of("sinkwire.sinks.orders.store", "JDBC",
                "sinkwire.sinks.orders.store.table", "outbox", "sinkwire.sinks.orders.store.anything", "x",
                "SINKWIRE_SINKS_ORDERS_STORE_LEASE", "5s"), ORDERS, FtMode.SINKWIRE);
        SinkSpec.Store store = spec.sinks().get("orders").store();
        assertThat(store.type()).isEqualTo("jdbc");
        assertThat(store.keys()).isEqualTo(Map.of("store.table", "outbox", "store.anything", "x",
                "SINKWIRE_SINKS_ORDERS_STORE_LEASE", "5s"));
        assertThat(spec.sinks().get("orders").async()).isFalse();
    }

    @Test
    void storeKeysWithoutADurableStoreFailNamingTheKey() {
        ProblemsException e = catchThrowableOfType(ProblemsException.class, () -> SpecReader.read(MapConfig.of(
                "sinkwire.sinks.orders.store.table", "outbox", "SINKWIRE_SINKS_ORDERS_STORE_LEASE", "5s"), ORDERS,
                FtMode.SINKWIRE));
        assertThat(e.problems()).containsExactlyInAnyOrder("SINKWIRE_SINKS_ORDERS_STORE_LEASE needs a durable store,"
                + " but sinkwire.sinks.orders.store=memory (the default); allowed: store.* keys only together with"
                + " sinkwire.sinks.orders.store=jdbc", "sinkwire.sinks.orders.store.table needs a durable store, but"
                + " sinkwire.sinks.orders.store=memory (the default); allowed: store.* keys only together with"
                + " sinkwire.sinks.orders.store=jdbc");
    }
}
