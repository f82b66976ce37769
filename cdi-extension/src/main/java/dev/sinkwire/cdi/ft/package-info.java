/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Internal, not API. MicroProfile Fault Tolerance in a sink's chain: the layers Sinkwire applies
 * for FT annotations ({@link dev.sinkwire.cdi.ft.FtLayers}), and the container-facing interceptor
 * and extensions that count an FT implementation's retries for dead letters. Names no FT type.
 */
package dev.sinkwire.cdi.ft;
