/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Internal helpers shared by Sinkwire's own packages and modules: argument checks, key hints,
 * the MP FT exception-class lists, safe descriptions of users' objects on failure paths, and
 * {@link dev.sinkwire.core.internal.BoundedClose} (a queue's deadline close of a decorated retrying sink).
 * Not API: exported only to Sinkwire's CDI extension and webhook module, and free to change in
 * any release.
 */
package dev.sinkwire.core.internal;
