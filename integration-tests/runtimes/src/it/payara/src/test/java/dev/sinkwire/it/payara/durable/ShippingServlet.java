/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.payara.durable;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;

/**
 * {@code POST /shipping?n=1[&fail=true]} ships (204, or 409 when it failed and rolled back);
 * {@code GET /shipping} answers {@code delivered=1,3;rows=1,3}.
 */
@WebServlet("/shipping")
public class ShippingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient Shipping shipping;

    @Override
    public void init() {
        try {
            shipping.createTable();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        try {
            shipping.ship(Integer.parseInt(req.getParameter("n")), Boolean.parseBoolean(req.getParameter("fail")));
            resp.setStatus(204);
        } catch (RuntimeException e) {
            resp.setStatus(409);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            resp.setContentType("text/plain");
            resp.getWriter().write("delivered=" + join(Shipping.DELIVERED) + ";rows=" + join(shipping.rows()));
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    private static String join(java.util.List<Integer> numbers) {
        return String.join(",", numbers.stream().sorted().map(String::valueOf).toList());
    }
}
