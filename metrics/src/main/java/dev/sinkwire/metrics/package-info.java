/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Sinkwire in the runtime's own observability: {@link dev.sinkwire.metrics.SinkwireMetrics} exports
 * every sink's counts and state through OpenTelemetry, MicroProfile Metrics or Micrometer
 * (whichever the application runs, found at startup), and
 * {@link dev.sinkwire.metrics.SinkwireReadinessCheck} and {@link dev.sinkwire.metrics.SinkwireLivenessCheck}
 * are MicroProfile Health checks. Every API is optional: the classes that name one are loaded only
 * when it is present. See docs/metrics.md for the metric names, the checks and the keys.
 */
package dev.sinkwire.metrics;
