/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.lite;

import dev.sinkwire.cdi.chain.BeanLookup;
import dev.sinkwire.cdi.config.ConfigView;
import dev.sinkwire.cdi.config.ConfiguredSinks;
import dev.sinkwire.cdi.config.Keys;
import dev.sinkwire.cdi.config.MethodCall;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SinkKind;
import dev.sinkwire.cdi.config.SinkRules;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticObserver;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.invoke.Invoker;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sinks of one deployment on their way from build time to run time: written by the front end
 * as parameters of the runtime holder bean (and of one {@link InvokerProvider} per bean class with
 * method sinks) under the keys below, read back as {@link SinkBinding}s when the graph is built.
 * Public only for the front end and because the container's generated code instantiates
 * {@link InvokerProvider}. Stateless.
 */
public final class LiteSinks {

    /** Parameter: the annotated sinks' names. */
    public static final String SINKS = "sinks";
    /** Parameter: the names of the sinks declared in configuration alone. */
    public static final String CONFIGURED = "configured";
    /** Parameter prefix, then a sink's name: its {@code SinkKind}. */
    public static final String KIND = "kind:";
    /** Parameter prefix, then a sink's name: the binary (or primitive) name of its erased event type. */
    public static final String EVENT = "event:";
    /** Parameter prefix, then a sink's name: where it is declared, for messages. */
    public static final String WHERE = "where:";
    /** Parameter prefix, then a sink's name: its bean class. */
    public static final String BEAN = "bean:";
    /** Parameter prefix, then a sink's name: how a method sink's target is found ({@link #PROXY}...). */
    public static final String TARGET = "target:";
    /** A normal-scoped bean: its client proxy, obtained once, finds the contextual instance at every call. */
    public static final String PROXY = "proxy";
    /** A pseudo-scoped bean: the {@code @Singleton} instance, or a {@code @Dependent} one per call. */
    public static final String LOOKUP = "lookup";
    /** A static method: no instance. */
    public static final String STATIC = "static";
    /** Parameter of an {@link InvokerProvider}: the names of its method sinks. */
    public static final String INVOKER_SINKS = "invokerSinks";
    /** Parameter of an {@link InvokerProvider}: its method sinks' invokers, in the same order. */
    public static final String INVOKERS = "invokers";

    private LiteSinks() {
    }

    /**
     * Reads the sinks back at run time: the annotated ones with their method calls, then the configured ones,
     * each with its type's provider found again.
     */
    public static List<SinkBinding> read(Parameters params, Instance<Object> lookup, ConfigView config,
            List<String> problems) {
        List<SinkBinding> bindings = new ArrayList<>();
        Map<String, Invoker<Object, Object>> invokers = InvokerRequest.ask(lookup);
        for (String name : params.get(SINKS, String[].class)) {
            SinkKind kind = SinkKind.valueOf(params.get(KIND + name, String.class));
            String event = params.get(EVENT + name, String.class);
            String where = params.get(WHERE + name, String.class);
            Class<?> beanClass = params.get(BEAN + name, Class.class);
            MethodCall call = null;
            if (kind == SinkKind.METHOD) {
                Invoker<Object, Object> invoker = invokers.get(name);
                if (invoker == null) {
                    problems.add("sink '" + name + "': no method invoker was delivered for " + where);
                    continue;
                }
                String target = params.get(TARGET + name, String.class);
                call = STATIC.equals(target) ? e -> invoker.invoke(null, new Object[] {e})
                        : target(name, beanClass, PROXY.equals(target), invoker, lookup, problems);
                if (call == null) {
                    continue;
                }
            }
            try {
                bindings.add(new SinkBinding(name, kind, where, beanClass,
                        SinkRules.load(event, beanClass.getClassLoader()), call));
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add("sink '" + name + "': cannot load its event type " + event + ": " + e);
            }
        }
        String[] configured = params.get(CONFIGURED, String[].class);
        if (configured.length > 0) {
            bindings.addAll(configured(List.of(configured), bindings.stream().map(SinkBinding::name).toList(), config,
                    problems));
        }
        return bindings;
    }

    /**
     * A call through the invoker on the bean that declares the method, found by its exact class (not by the
     * invoker's instance lookup, which resolves the class with the bean's qualifiers: ambiguous with a subclass bean,
     * and it picks an enabled alternative). A normal-scoped bean's client proxy is obtained once and finds the
     * contextual instance at every call, as an instance lookup would, without the lookup's cost per event; a
     * {@code @Singleton}'s one instance at the first call; any other pseudo-scope's per call, a {@code @Dependent}
     * instance destroyed after it, as the container does for an observer method.
     */
    private static MethodCall target(String name, Class<?> beanClass, boolean proxied, Invoker<Object, Object> invoker,
            Instance<Object> lookup, List<String> problems) {
        List<Instance.Handle<Object>> found = BeanLookup.of(lookup).byBeanClass(beanClass);
        Instance<BeanContainer> container = lookup.select(BeanContainer.class);
        if (found.size() != 1 || !proxied && !container.isResolvable()) {
            problems.add("sink '" + name + "': expected one bean of class " + beanClass.getName() + ", found "
                    + found.size() + (container.isResolvable() ? "" : "; the BeanContainer cannot be looked up"));
            return null;
        }
        Instance.Handle<Object> handle = found.get(0);
        Bean<Object> bean = handle.getBean();
        if (proxied) {
            Object proxy = handle.get();
            return event -> invoker.invoke(proxy, new Object[] {event});
        }
        if (bean.getScope() == Singleton.class) {
            return event -> invoker.invoke(handle.get(), new Object[] {event});
        }
        BeanContainer beans = container.get();
        boolean dependent = bean.getScope() == Dependent.class;
        return event -> {
            CreationalContext<Object> context = beans.createCreationalContext(bean);
            try {
                return invoker.invoke(beans.getReference(bean, Object.class, context), new Object[] {event});
            } finally {
                if (dependent) {
                    context.release();
                }
            }
        };
    }

    /** The configured sinks found again at run time; each must have been declared at build time. */
    private static List<SinkBinding> configured(List<String> expected, List<String> annotatedNames,
            ConfigView config, List<String> problems) {
        List<SinkBinding> bindings = new ArrayList<>();
        List<ConfiguredSinks.Declared> found = ConfiguredSinks.discover(config, annotatedNames,
                ConfigView.applicationLoader(), problems);
        for (ConfiguredSinks.Declared d : found) {
            if (expected.contains(d.name())) {
                bindings.add(SinkBinding.configured(d));
            } else {
                problems.add(d.describe() + ": sink '" + d.name() + "' was not declared when the application was"
                        + " built; allowed: configured sinks declared at build time (" + String.join(", ", expected)
                        + "); rebuild the application");
            }
        }
        for (String name : expected) {
            if (found.stream().noneMatch(d -> d.name().equals(name))) {
                problems.add("sink '" + name + "' was declared at build time by " + Keys.of(name, Keys.TYPE)
                        + ", which is no longer set; allowed: keep the key, or rebuild");
            }
        }
        return bindings;
    }

    /**
     * The application's {@code Event<T>}: through the {@link BeanContainer} where it resolves, else
     * as a bean; {@code null} when neither can be looked up.
     */
    static <T> Event<T> event(Instance<Object> lookup, Class<T> type, TypeLiteral<Event<T>> literal) {
        Instance<BeanContainer> container = lookup.select(BeanContainer.class);
        if (container.isResolvable()) {
            return container.get().getEvent().select(type);
        }
        Instance<Event<T>> event = lookup.select(literal);
        return event.isResolvable() ? event.get() : null;
    }

    /**
     * Collects the method sinks' invokers from their {@link InvokerProvider}s. The invokers are
     * classes the container generates beside the application's bean classes; an observer declared
     * by that bean class is generated beside it too, so it can hand its invoker over where the
     * runtime holder (generated beside this library) could not name it: Quarkus dev and test mode
     * load the library and the application with different class loaders. One per graph build,
     * filled while the event is delivered synchronously.
     */
    public static final class InvokerRequest {
        private final Map<String, Invoker<Object, Object>> invokers = new ConcurrentHashMap<>();

        InvokerRequest() {
        }

        static Map<String, Invoker<Object, Object>> ask(Instance<Object> lookup) {
            InvokerRequest request = new InvokerRequest();
            Event<InvokerRequest> event = event(lookup, InvokerRequest.class,
                    new TypeLiteral<Event<InvokerRequest>>() { });
            if (event == null) {
                throw new IllegalStateException("Sinkwire: neither BeanContainer nor Event<InvokerRequest> can be"
                        + " looked up to collect the method sinks' invokers");
            }
            event.fire(request);
            return request.invokers;
        }
    }

    /** Hands the invokers of one bean class's method sinks to an {@link InvokerRequest}. */
    public static final class InvokerProvider implements SyntheticObserver<InvokerRequest> {
        @Override
        @SuppressWarnings("unchecked")
        public void observe(EventContext<InvokerRequest> event, Parameters params) {
            String[] sinks = params.get(INVOKER_SINKS, String[].class);
            Invoker<Object, Object>[] invokers = params.get(INVOKERS, Invoker[].class);
            for (int i = 0; i < sinks.length; i++) {
                event.getEvent().invokers.put(sinks[i], invokers[i]);
            }
        }
    }
}
