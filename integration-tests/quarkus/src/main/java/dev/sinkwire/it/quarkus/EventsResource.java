/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.concurrent.CompletionStage;

/** Fires shop events as CDI events from HTTP requests, with {@code fire} and {@code fireAsync}. */
@Path("/events")
public class EventsResource {
    @Inject
    Event<ShopEvent> events;

    /** Fires an order synchronously; {@code premium=true} fires it with {@link Premium}. */
    @POST
    @Path("/order")
    public String order(@QueryParam("id") String id, @QueryParam("amount") int amount,
            @QueryParam("premium") boolean premium) {
        Event<ShopEvent> target = premium ? events.select(Premium.Literal.INSTANCE) : events;
        target.fire(new Order(id, amount));
        return "fired " + id;
    }

    /** Fires a parcel synchronously. */
    @POST
    @Path("/parcel")
    public String parcel(@QueryParam("id") String id) {
        events.fire(new Parcel(id));
        return "fired " + id;
    }

    /** Fires an order with {@code fireAsync}; answers when the asynchronous observers ran. */
    @POST
    @Path("/order-async")
    public CompletionStage<String> orderAsync(@QueryParam("id") String id, @QueryParam("amount") int amount) {
        return events.fireAsync(new Order(id, amount)).thenApply(e -> "fired async " + id);
    }
}
