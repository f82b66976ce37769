/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.sql.DataSource;

/**
 * Names Quarkus's default DataSource (Agroal, enlisted in Narayana's transactions) for
 * {@code sinkwire.sinks.webhook.store.datasource=ordersDb}. The extra qualifier keeps it off
 * {@code @Default} injection points of {@code DataSource}, which stay Quarkus's own bean; it is
 * looked up by name at startup, so it is marked unremovable.
 */
public class OutboxDataSource {

    /** The qualifier of the outbox's DataSource bean. */
    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
    public @interface Outbox {
    }

    @Produces
    @Named("ordersDb")
    @Outbox
    @Unremovable
    DataSource ordersDb(AgroalDataSource db) {
        return db;
    }
}
