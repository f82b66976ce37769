/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Internal, not API. The spec stage: the rules for declaring sinks ({@link dev.sinkwire.cdi.config.SinkRules}),
 * every configuration key ({@link dev.sinkwire.cdi.config.Keys}), and the one reader
 * ({@link dev.sinkwire.cdi.config.SpecReader}) that turns the {@code sinkwire.*} keys, the MicroProfile
 * Fault Tolerance annotations and their override keys into an immutable {@link dev.sinkwire.cdi.config.Spec},
 * collecting every problem. Names no MicroProfile Config type outside {@code MpConfigView}, and no
 * Fault Tolerance type at all (the FT API is optional).
 */
package dev.sinkwire.cdi.config;
