/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.payara.durable;

import dev.sinkwire.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * A business method that inserts a shipment row and fires its event in one JTA transaction
 * (Payara's transaction manager, its {@code jdbc/__default} DataSource), and the durable sink
 * {@code ledger} that receives the events. Safe for concurrent use.
 */
@ApplicationScoped
public class Shipping {

    static final List<Integer> DELIVERED = new CopyOnWriteArrayList<>();

    @Inject
    Event<Shipment> shipments;

    /**
     * Inserts the row and fires the event; {@code fail}: throws afterwards, rolling both back.
     *
     * @param n the shipment
     * @param fail whether to fail after firing
     */
    @Transactional
    public void ship(int n, boolean fail) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO payara_shipments (n) VALUES (?)")) {
            s.setInt(1, n);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        shipments.fire(new Shipment(n));
        if (fail) {
            throw new IllegalStateException("shipment " + n + " failed after its event was fired");
        }
    }

    /** Creates the business table. */
    void createTable() throws SQLException {
        try (Connection c = dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("CREATE TABLE IF NOT EXISTS payara_shipments (n INT PRIMARY KEY)")) {
            s.execute();
        }
    }

    /** @return the committed shipment rows */
    List<Integer> rows() throws SQLException {
        List<Integer> rows = new CopyOnWriteArrayList<>();
        try (Connection c = dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT n FROM payara_shipments ORDER BY n");
                java.sql.ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(r.getInt(1));
            }
        }
        return rows;
    }

    static DataSource dataSource() {
        try {
            return (DataSource) new InitialContext().lookup("jdbc/__default");
        } catch (NamingException e) {
            throw new IllegalStateException(e);
        }
    }

    @EventSink("ledger")
    void ledger(Shipment shipment) {
        DELIVERED.add(shipment.n());
    }
}
