/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The build steps of the Sinkwire Quarkus extension: feature, unremovable sink beans, class
 * placement of ArC's generated classes, and build-time validation of the {@code sinkwire.*}
 * configuration with the shared reader. Used by the Quarkus build only.
 */
package dev.sinkwire.quarkus.deployment;
