/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The durable outbox measured against bare SQL on the same database in the same run: accepting an
 * event inside a transaction against a hand-written INSERT of the same row, and the relay's
 * throughput to a no-op sink against a bare claim-read-delete loop with the same batch size. Both
 * on PostgreSQL (17, started in-process from the embedded binaries) and H2 (in-memory, in-process).
 */
package dev.sinkwire.benchmarks.durable;
