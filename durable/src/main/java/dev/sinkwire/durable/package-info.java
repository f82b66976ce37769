/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Durable delivery: a transactional outbox over plain JDBC.
 *
 * <p>{@link dev.sinkwire.durable.DurableSink} accepts an event by inserting a row into an outbox
 * table (inside the caller's JTA transaction when there is one, so that a rollback means the event
 * never existed), and its relay delivers the rows to any inner {@link dev.sinkwire.Sink} at least
 * once: claimed with a lease, retried with a backoff, and kept as a persistent dead letter
 * ({@link dev.sinkwire.durable.OutboxDeadLetters}) when every attempt failed. Each event carries a
 * stable id ({@link dev.sinkwire.durable.DurableEvent#id()}), the same on every attempt and after
 * restarts. See {@code docs/durable.md} for the guarantees, the schema and operations.
 *
 * <p>Needs the Jakarta JSON-B API and an implementation at run time; the Jakarta Transactions API
 * only when {@link dev.sinkwire.durable.JtaTransactions} is used.
 */
package dev.sinkwire.durable;
