/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Test support shared by the runtime integration tests (Quarkus, Payara Micro, Open Liberty): a
 * webhook receiver on 127.0.0.1 that records which event ids arrived on which path.
 */
package dev.sinkwire.it.receiver;
