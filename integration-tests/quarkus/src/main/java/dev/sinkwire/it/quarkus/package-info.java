/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * A small Quarkus application using Sinkwire through ArC and its build compatible extension:
 * class, method and qualified sinks, FT annotations and a REST endpoint firing CDI events.
 */
package dev.sinkwire.it.quarkus;
