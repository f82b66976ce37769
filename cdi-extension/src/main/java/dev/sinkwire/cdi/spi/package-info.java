/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Service provider interface for sinks declared entirely in MicroProfile Config
 * ({@code sinkwire.sinks.<name>.type=<type>}, no {@code @EventSink} bean): a module such as
 * {@code sinkwire-http} registers a {@link dev.sinkwire.cdi.spi.ConfiguredSinkProvider} in
 * {@code META-INF/services}, and the extension asks it to build the sink. The extension never
 * refers to a provider's classes, so a provider's dependencies (JSON-B for {@code http}) stay
 * optional for applications that do not declare such sinks.
 *
 * <p>Both front ends consult it: they find the names with a {@code type} key while the container
 * starts, observe the event types the provider names, and ask the provider to build each sink when
 * the graph is built; a provider's problems fail deployment.
 *
 * <p>It also holds the durable store SPI: a sink configured with {@code store=jdbc} gets its
 * durable stage from the {@link dev.sinkwire.cdi.spi.DurableStoreProvider} of that store (module
 * {@code sinkwire-durable}), which reads and checks the sink's {@code store.*} keys itself.
 */
package dev.sinkwire.cdi.spi;
