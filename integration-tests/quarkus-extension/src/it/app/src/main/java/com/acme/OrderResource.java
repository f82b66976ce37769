/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Places orders (fires the CDI event) and shows the ledger. */
@Path("/orders")
public class OrderResource {
    @Inject
    Event<Order> orders;

    @Inject
    Ledger ledger;

    @POST
    @Path("{id}")
    public void place(@PathParam("id") String id) {
        orders.fire(new Order(id));
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String ledger() {
        return String.join("\n", ledger.lines());
    }
}
