/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Internal, not API. The chain stage: {@link dev.sinkwire.cdi.chain.ChainBuilder} turns a spec into
 * one chain per sink (filter, accounting, queue, retry, the sink) and is the only code that wires a
 * sink's accounting.
 */
package dev.sinkwire.cdi.chain;
