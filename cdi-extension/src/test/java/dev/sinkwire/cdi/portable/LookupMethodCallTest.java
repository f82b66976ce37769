/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.portable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link LookupMethodCall} against a scripted bean manager: how often it asks for a reference per
 * scope, when it releases dependent instances, and what it throws.
 */
class LookupMethodCallTest {

    /** The bean whose method is the sink; records the instance each call ran on. */
    public static class Target {
        static final List<Target> CALLED_ON = new ArrayList<>();
        static final List<Object> STATIC_EVENTS = new ArrayList<>();

        synchronized void receive(Object event) throws IOException {
            if ("io".equals(event)) {
                throw new IOException("receiver down");
            }
            if ("error".equals(event)) {
                throw new AssertionError("bad state");
            }
            synchronized (CALLED_ON) {
                CALLED_ON.add(this);
            }
        }

        static void receiveStatic(Object event) {
            STATIC_EVENTS.add(event);
        }
    }

    /**
     * A bean manager that counts references, releases and application context lookups; normal
     * scopes: ApplicationScoped and RequestScoped.
     */
    private static final class ScriptedContainer {
        final AtomicInteger references = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();
        final AtomicInteger contextGets = new AtomicInteger();
        final AtomicInteger created = new AtomicInteger();
        final Map<Object, Object> applicationInstances = new ConcurrentHashMap<>();

        BeanManager beanManager() {
            return (BeanManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BeanManager.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "isNormalScope" -> args[0] == ApplicationScoped.class || args[0] == RequestScoped.class;
                        case "createCreationalContext" -> creationalContext();
                        case "getContext" -> applicationContext();
                        case "getReference" -> {
                            references.incrementAndGet();
                            yield new Target();
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        /* get(bean) answers the existing instance or null; get(bean, cc) creates it once */
        private Context applicationContext() {
            return (Context) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Context.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("get")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        contextGets.incrementAndGet();
                        if (args.length == 1) {
                            return applicationInstances.get(args[0]);
                        }
                        return applicationInstances.computeIfAbsent(args[0], b -> {
                            created.incrementAndGet();
                            return new Target();
                        });
                    });
        }

        private CreationalContext<?> creationalContext() {
            return (CreationalContext<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {CreationalContext.class}, (proxy, method, args) -> {
                        if (method.getName().equals("release")) {
                            releases.incrementAndGet();
                        }
                        return null;
                    });
        }
    }

    private static Bean<?> bean(Class<? extends Annotation> scope) {
        return (Bean<?>) Proxy.newProxyInstance(LookupMethodCallTest.class.getClassLoader(),
                new Class<?>[] {Bean.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getScope" -> scope;
                    case "getBeanClass" -> Target.class;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Method receive() throws NoSuchMethodException {
        return Target.class.getDeclaredMethod("receive", Object.class);
    }

    @Test
    void applicationScopedInstanceComesFromTheContextAtEveryCallAndIsCreatedOnce() throws Exception {
        ScriptedContainer container = new ScriptedContainer();
        LookupMethodCall call = new LookupMethodCall(container.beanManager(), bean(ApplicationScoped.class), receive());
        Target.CALLED_ON.clear();

        for (int i = 0; i < 5; i++) {
            call.call("event-" + i);
        }
        container.applicationInstances.clear(); // the bean destroyed in its context: a new one is used
        call.call("after-destroy");

        assertThat(container.created).hasValue(2);
        assertThat(container.references).as("no client proxy").hasValue(0);
        assertThat(Target.CALLED_ON).hasSize(6);
        assertThat(Target.CALLED_ON.subList(0, 5)).allSatisfy(t -> assertThat(t).isSameAs(Target.CALLED_ON.get(0)));
        assertThat(Target.CALLED_ON.get(5)).isNotSameAs(Target.CALLED_ON.get(0));
    }

    @Test
    void otherNormalScopedBeanIsResolvedOnceAndReused() throws Exception {
        ScriptedContainer container = new ScriptedContainer();
        LookupMethodCall call = new LookupMethodCall(container.beanManager(), bean(RequestScoped.class), receive());
        Target.CALLED_ON.clear();

        for (int i = 0; i < 5; i++) {
            call.call("event-" + i);
        }

        assertThat(container.references).hasValue(1);
        assertThat(container.releases).hasValue(0);
        assertThat(Target.CALLED_ON).hasSize(5).allSatisfy(t -> assertThat(t).isSameAs(Target.CALLED_ON.get(0)));
    }

    @Test
    void singletonIsResolvedOnce() throws Exception {
        ScriptedContainer container = new ScriptedContainer();
        LookupMethodCall call = new LookupMethodCall(container.beanManager(), bean(Singleton.class), receive());

        call.call("a");
        call.call("b");

        assertThat(container.references).hasValue(1);
    }

    @Test
    void dependentBeanGetsAnInstancePerCallReleasedAfterIt() throws Exception {
        ScriptedContainer container = new ScriptedContainer();
        LookupMethodCall call = new LookupMethodCall(container.beanManager(), bean(Dependent.class), receive());
        Target.CALLED_ON.clear();

        call.call("a");
        call.call("b");
        assertThatThrownBy(() -> call.call("io")).isInstanceOf(IOException.class);

        assertThat(container.references).hasValue(3);
        assertThat(container.releases).as("released after success and after failure").hasValue(3);
        assertThat(Target.CALLED_ON).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aMethodWithoutExactlyOneParameterIsRefused() {
        ScriptedContainer container = new ScriptedContainer();
        assertThatThrownBy(() -> new LookupMethodCall(container.beanManager(), bean(Dependent.class),
                Object.class.getDeclaredMethod("hashCode")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one parameter");
    }

    @Test
    void staticMethodNeedsNoInstance() throws Exception {
        ScriptedContainer container = new ScriptedContainer();
        LookupMethodCall call = new LookupMethodCall(container.beanManager(), bean(ApplicationScoped.class),
                Target.class.getDeclaredMethod("receiveStatic", Object.class));
        Target.STATIC_EVENTS.clear();

        call.call("s");

        assertThat(Target.STATIC_EVENTS).containsExactly("s");
        assertThat(container.references).hasValue(0);
    }

    @Test
    void theMethodsOwnExceptionsAndErrorsArriveUnwrapped() throws Exception {
        ScriptedContainer container = new ScriptedContainer();
        LookupMethodCall call = new LookupMethodCall(container.beanManager(), bean(Dependent.class), receive());

        assertThatThrownBy(() -> call.call("io"))
                .isInstanceOf(IOException.class).hasMessage("receiver down");
        assertThatThrownBy(() -> call.call("error"))
                .isInstanceOf(AssertionError.class).hasMessage("bad state");
    }

    @Test
    void concurrentFirstCallsAllReachOneUsableTarget() throws Exception {
        int threads = 8;
        for (int round = 0; round < 50; round++) {
            ScriptedContainer container = new ScriptedContainer();
            LookupMethodCall call = new LookupMethodCall(container.beanManager(), bean(RequestScoped.class),
                    receive());
            Target.CALLED_ON.clear();
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    calls.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 20; i++) {
                            call.call(id + "-" + i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : calls) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(Target.CALLED_ON).hasSize(threads * 20);
            // racing first calls may each resolve once (for a real normal scope: the same proxy)
            assertThat(container.references.get()).isBetween(1, threads);
        }
    }
}
