/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.liberty.durable;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /bookings?id=b1[&cancel=true]}: 204 when booked, 409 when cancelled (rolled back);
 * {@code GET /bookings}: {@code rows=b1,b3;outbox=0}.
 */
@WebServlet("/bookings")
public class BookingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient Bookings bookings;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getMethod().equals("GET")) {
            resp.setContentType("text/plain");
            resp.getWriter().write(bookings.state());
            return;
        }
        boolean cancel = "true".equals(req.getParameter("cancel"));
        int status = 204;
        try {
            bookings.book(req.getParameter("id"), cancel);
        } catch (IllegalStateException cancelled) {
            status = 409;
        }
        resp.setStatus(status);
    }
}
