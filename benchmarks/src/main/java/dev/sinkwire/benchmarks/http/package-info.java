/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * JMH benchmarks of the webhook sink ({@code sinkwire-http}): time per event delivered to a
 * loopback receiver ({@code LoopbackReceiver}), one event per request
 * against batches, signed or not, with the HTTP requests counted; and the sink's own work per event
 * with a client that sends nothing, signed or not.
 */
package dev.sinkwire.benchmarks.http;
