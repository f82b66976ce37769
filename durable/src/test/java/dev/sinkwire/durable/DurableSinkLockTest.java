/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

/**
 * Every test of {@link DurableSinkTest} with {@link Claim#LOCK}: the batch's rows stay locked in the
 * claim's transaction while they are delivered, and failures, dead letters and completions are
 * written in that transaction.
 */
class DurableSinkLockTest extends DurableSinkTest {

    @Override
    Claim claim() {
        return Claim.LOCK;
    }
}
