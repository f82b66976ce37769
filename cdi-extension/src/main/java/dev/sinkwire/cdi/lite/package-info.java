/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Internal, not API. What only the build compatible front end needs: the language-model types,
 * the per-sink description handed from build time to run time, and the classes a CDI Lite
 * container instantiates (public because its generated code calls them).
 */
package dev.sinkwire.cdi.lite;
