/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Sinkwire contract: a {@link dev.sinkwire.Sink} accepts events and can be closed; everything
 * else in Sinkwire (broadcasters, queues, filters, retries, CDI sinks, webhooks) is a sink that
 * wraps another.
 *
 * <p>This package has no dependencies beyond {@code java.base}. The implementations live in
 * {@code dev.sinkwire.core} (module {@code sinkwire-impl}).
 */
package dev.sinkwire;
