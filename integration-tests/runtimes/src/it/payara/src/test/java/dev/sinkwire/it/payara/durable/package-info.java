/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The durable-sink application deployed by {@code DurableInPayaraIT}: a transactional service, a servlet, a sink. */
package dev.sinkwire.it.payara.durable;
