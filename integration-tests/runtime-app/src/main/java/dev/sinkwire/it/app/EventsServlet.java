/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.app;

import java.io.IOException;
import java.util.List;

import dev.sinkwire.cdi.SinkwireStats;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Test endpoints. {@code POST /events?orders=id:amount,id:amount&premium=true&async=true} fires
 * Orders (with {@code fireAsync}, one after the other, when async); {@code POST /events?metered=a,b}
 * fires {@link Metered} events; {@code POST /events?enable=<sink>} answers whether
 * {@code SinkwireStats.enable} found the sink's endpoint disabled; {@code POST /events?parcels=a,b}
 * fires Parcels; {@code GET /events?sink=name} lists what the sink was called with, one per line.
 */
@WebServlet("/events")
public class EventsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient Event<Order> orders;
    @Inject
    transient Event<Parcel> parcels;
    @Inject
    transient Recorder recorder;
    @Inject
    transient Event<Metered> metered;
    @Inject
    transient SinkwireStats stats;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Event<Order> target = Boolean.parseBoolean(req.getParameter("premium"))
                ? orders.select(new AnnotationLiteral<Premium>() {
                    private static final long serialVersionUID = 1L;
                })
                : orders;
        boolean async = Boolean.parseBoolean(req.getParameter("async"));
        String orderList = req.getParameter("orders");
        if (orderList != null) {
            for (String spec : orderList.split(",")) {
                String[] parts = spec.split(":");
                Order order = new Order(parts[0], Integer.parseInt(parts[1]));
                if (async) {
                    target.fireAsync(order).toCompletableFuture().join();
                } else {
                    target.fire(order);
                }
            }
        }
        String meteredList = req.getParameter("metered");
        if (meteredList != null) {
            for (String id : meteredList.split(",")) {
                metered.fire(new Metered(id));
            }
        }
        String enable = req.getParameter("enable");
        if (enable != null) { // sends again to an endpoint its receiver disabled (410 Gone)
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().write(String.valueOf(stats.enable(enable)));
            return;
        }
        String parcelList = req.getParameter("parcels");
        if (parcelList != null) {
            for (String id : parcelList.split(",")) {
                parcels.fire(new Parcel(id));
            }
        }
        resp.setStatus(204);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> calls = recorder.calls(req.getParameter("sink"));
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().write(String.join("\n", calls));
    }
}
