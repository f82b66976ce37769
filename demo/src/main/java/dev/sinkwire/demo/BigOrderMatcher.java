/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

import dev.sinkwire.Matcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Matches placed orders of {@value #BIG} items or more. Stateless, thread-safe. */
@ApplicationScoped
@Named("bigOrders")
public class BigOrderMatcher implements Matcher<Object> {

    static final int BIG = 7;

    @Override
    public boolean match(Object event) {
        return event instanceof OrderPlaced p && p.quantity() >= BIG;
    }

    @Override
    public String toString() {
        return "placed orders of " + BIG + "+ items";
    }
}
