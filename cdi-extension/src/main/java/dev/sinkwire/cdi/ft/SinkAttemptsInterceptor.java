/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.ft;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * For the container only, not API: counts the calls an FT implementation makes to a sink method
 * (each retry calls the interceptors inside its own again). Its priority puts it inside the FT
 * interceptors (SmallRye's: {@code PLATFORM_AFTER + 10}). Stateless; safe for concurrent use.
 */
@Interceptor
@SinkAttempts
@Priority(Interceptor.Priority.PLATFORM_AFTER + 990)
public class SinkAttemptsInterceptor {

    /** Counts one call, then makes it. */
    @AroundInvoke
    public Object count(InvocationContext ctx) throws Exception {
        FtAttempts.called();
        return ctx.proceed();
    }
}
