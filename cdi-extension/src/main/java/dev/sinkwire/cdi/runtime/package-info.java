/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Internal, not API. The running graph: {@link dev.sinkwire.cdi.runtime.SinkwireRuntime} runs the
 * stages (spec, chains) at startup, then delivers, reports statistics and shuts down.
 */
package dev.sinkwire.cdi.runtime;
