/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * JMH benchmark of the webhook sink ({@code sinkwire-http}): events per second delivered to a
 * loopback receiver, one event per request against batches, with the HTTP requests counted.
 */
package dev.sinkwire.benchmarks.http;
