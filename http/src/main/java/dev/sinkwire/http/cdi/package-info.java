/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The {@code http} type of sinks declared only in configuration
 * ({@code sinkwire.sinks.<name>.type=http}): a
 * {@link dev.sinkwire.cdi.spi.ConfiguredSinkProvider} for the Sinkwire CDI extension. Needs
 * {@code sinkwire-cdi-extension} at run time (an optional dependency of {@code sinkwire-http}).
 */
package dev.sinkwire.http.cdi;
