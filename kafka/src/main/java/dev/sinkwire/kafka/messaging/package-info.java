/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The MicroProfile Reactive Messaging bridge: {@link dev.sinkwire.kafka.messaging.EmitterSink}
 * writes events to an injected {@code Emitter} and maps ack/nack to success/failure. Optional: only
 * this package needs the Reactive Messaging API.
 */
package dev.sinkwire.kafka.messaging;
