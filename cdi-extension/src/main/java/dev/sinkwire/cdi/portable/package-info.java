/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Internal, not API. What only the portable front end needs: reflection types, method sink calls
 * through the bean manager, beans found during discovery, FT implementation detection.
 */
package dev.sinkwire.cdi.portable;
