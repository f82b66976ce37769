/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The business service: places an order (a row of table {@code orders}) and fires {@link Order} in
 * the same JTA transaction; the durable webhook's outbox row joins it.
 */
@ApplicationScoped
public class Orders {

    @Inject
    AgroalDataSource db;

    @Inject
    Event<Order> events;

    void createTable(@Observes StartupEvent started) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(64) PRIMARY KEY)");
        }
    }

    /**
     * Inserts the order and fires its event; with {@code decline}, throws afterwards, so the
     * transaction rolls back.
     *
     * @param id the order's id
     * @param decline whether the payment is declined after the event was fired
     * @throws SQLException if the insert fails
     */
    @Transactional
    public void place(String id, boolean decline) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement p = c.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
            p.setString(1, id);
            p.executeUpdate();
        }
        events.fire(new Order(id));
        if (decline) {
            throw new IllegalStateException("payment declined for " + id);
        }
    }
}
