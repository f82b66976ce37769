/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The run-time part of the Sinkwire Quarkus extension: draining the queues when Quarkus shuts
 * down. Registered by the extension's build steps; not API.
 */
package dev.sinkwire.quarkus.runtime;
