/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Sinkwire's Dev UI card in Quarkus dev mode: the JSON-RPC service behind it and the log of recent
 * dead letters. Registered by the extension's build steps in dev mode only; not API.
 */
package dev.sinkwire.quarkus.runtime.devui;
