/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import dev.sinkwire.EventSink;
import jakarta.enterprise.context.ApplicationScoped;

/** The sink 'billing' whose configuration has a typo. */
@ApplicationScoped
public class Billing {
    @EventSink("billing")
    void charge(Order order) {
        System.out.println("charged " + order.id());
    }
}
