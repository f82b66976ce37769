/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.liberty.durable;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Books: one row of table {@code bookings} and one {@link Booking} event, in one JTA transaction of
 * Liberty's transaction manager on Liberty's {@code jdbc/bookings} DataSource (the outbox's too).
 * Safe for concurrent use.
 */
@ApplicationScoped
public class Bookings {

    @Resource(lookup = "jdbc/bookings")
    DataSource db;

    @Inject
    Event<Booking> events;

    @PostConstruct
    void createTable() {
        update("CREATE TABLE IF NOT EXISTS bookings (id VARCHAR(64) PRIMARY KEY)");
    }

    /**
     * Inserts the row, fires the event; {@code cancel}: throws afterwards, so both roll back.
     *
     * @param id the booking
     * @param cancel whether to fail after firing
     * @throws IllegalStateException when cancelled
     */
    @Transactional
    public void book(String id, boolean cancel) {
        update("INSERT INTO bookings (id) VALUES (?)", id);
        events.fire(new Booking(id));
        if (cancel) {
            throw new IllegalStateException("booking " + id + " cancelled after its event was fired");
        }
    }

    /** @return {@code rows=<committed booking ids>;outbox=<rows left in the outbox>} */
    String state() {
        List<String> rows = query("SELECT id FROM bookings ORDER BY id");
        return "rows=" + String.join(",", rows) + ";outbox=" + query("SELECT id FROM liberty_outbox").size();
    }

    private void update(String sql, String... parameters) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                p.setString(i + 1, parameters[i]);
            }
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalArgumentException(sql + ": " + e, e);
        }
    }

    private List<String> query(String sql) {
        List<String> values = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql);
                ResultSet r = p.executeQuery()) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException(sql + ": " + e, e);
        }
        return values;
    }
}
