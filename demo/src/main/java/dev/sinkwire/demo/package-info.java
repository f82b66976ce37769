/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Sinkwire demo (README command 1): Weld SE, SmallRye Config and Yasson; a webhook sink declared in
 * configuration alone (type=http) to an
 * embedded receiver that fails and recovers, an audit class sink, a filtered method sink, and a
 * final accounting that proves nothing was lost.
 */
package dev.sinkwire.demo;
