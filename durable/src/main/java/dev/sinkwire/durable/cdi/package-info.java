/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Durable sinks under the CDI extension: {@code sinkwire.sinks.<name>.store=jdbc} puts a
 * {@link dev.sinkwire.durable.DurableSink} in front of the sink's ordinary chain
 * ({@link dev.sinkwire.durable.cdi.JdbcStoreProvider}, found with {@link java.util.ServiceLoader}),
 * and {@link dev.sinkwire.durable.cdi.DurableDeadLetters} lists, replays and purges each durable
 * sink's dead letters by sink name. Only this package needs {@code sinkwire-cdi-extension} and the
 * CDI API; an application that uses {@code DurableSink} directly never loads it.
 */
package dev.sinkwire.durable.cdi;
