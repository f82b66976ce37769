/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import dev.sinkwire.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A method sink. Nothing injects this bean (the extension keeps it), and its method is called
 * through an invoker ArC generates beside this class.
 */
@ApplicationScoped
public class Billing {
    @Inject
    Ledger ledger;

    @EventSink("billing")
    void charge(Order order) {
        ledger.add("billing:" + order.id());
    }
}
