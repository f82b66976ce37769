/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The test application deployed to Payara Micro and to Open Liberty (one source, compiled by both
 * runtime modules into their WAR's {@code WEB-INF/classes}): a class sink, a method sink, a
 * qualified method sink, a sink with MicroProfile Fault Tolerance, a webhook sink and a drain
 * sink, fed by a servlet. Not a library: every class exists for {@code SinkwireInPayaraIT} and
 * {@code SinkwireInLibertyIT}.
 */
package dev.sinkwire.it.app;
