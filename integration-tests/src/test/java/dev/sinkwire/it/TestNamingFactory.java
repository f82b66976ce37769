/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI context that knows one name, {@value #NAME}, bound to a thread factory whose threads are
 * named {@code managed-<n>}: stands in for an application server's ManagedThreadFactory.
 * Stateless apart from the thread counter; safe for concurrent use.
 */
public class TestNamingFactory implements InitialContextFactory {

    static final String NAME = "java:comp/TestManagedThreadFactory";
    static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadFactory FACTORY = task -> {
        Thread t = new Thread(task, "managed-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    };

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("lookup") && args != null && NAME.equals(String.valueOf(args[0]))) {
                        return FACTORY;
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new NameNotFoundException(method.getName() + " " + (args == null ? "" : args[0]));
                });
    }
}
