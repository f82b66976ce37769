/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.app;

import dev.sinkwire.Matcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Matcher bean named in {@code sinkwire.sinks.premium.filter.matcher}: orders of 100 or more. */
@ApplicationScoped
@Named("bigOrders")
public class BigOrders implements Matcher<Order> {
    @Override
    public boolean match(Order event) {
        return event.getAmount() >= 100;
    }
}
