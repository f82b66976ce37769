/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The application {@code DurableInLibertyIT} deploys: a {@code @Transactional} business insert on
 * Liberty's {@code jdbc/bookings} DataSource that fires a {@link dev.sinkwire.it.liberty.durable.Booking}
 * for a webhook with {@code store=jdbc}. Packed into its own WAR by the test, not into this module's.
 */
package dev.sinkwire.it.liberty.durable;
