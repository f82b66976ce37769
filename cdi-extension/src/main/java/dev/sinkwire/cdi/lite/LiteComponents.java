/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.lite;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.cdi.chain.BeanLookup;
import dev.sinkwire.cdi.config.ConfigView;
import dev.sinkwire.cdi.config.ConfiguredSinks;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.Keys;
import dev.sinkwire.cdi.config.MethodCall;
import dev.sinkwire.cdi.config.MpConfigView;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SinkKind;
import dev.sinkwire.cdi.config.SinkRules;
import dev.sinkwire.cdi.runtime.SinkwireRuntime;
import dev.sinkwire.core.Broadcaster;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanDisposer;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticObserver;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.invoke.Invoker;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The classes a CDI Lite container instantiates by name for the build compatible front end: the
 * creator and disposer of the singleton holding the running graph, the synthetic observers, and
 * the creators of the injectable chains, broadcaster and statistics. For the container only, not
 * API: they are public because the container's generated code calls them. Safe for concurrent use.
 */
public final class LiteComponents {

    /** Parameter: the deployment id. */
    public static final String ID = "id";
    /** Parameter: a sink's name. */
    public static final String SINK = "sink";
    /** Parameter: who applies FT annotations. */
    public static final String FT_MODE = "ftMode";
    /** Parameter: every annotated sink's name, in declaration order. */
    public static final String SINKS = "sinks";
    /** Parameter: the sinks declared in configuration alone at build time. */
    public static final String CONFIGURED = "configured";
    /** Parameter prefix: a sink's kind ({@code SinkKind} name), by sink name. */
    public static final String KIND = "kind:";
    /** Parameter prefix: the binary (or primitive) name of a sink's erased event type, by sink name. */
    public static final String EVENT = "event:";
    /** Parameter prefix: where a sink is declared, for messages, by sink name. */
    public static final String WHERE = "where:";
    /** Parameter prefix: a sink's bean class, by name. */
    public static final String BEAN = "bean:";
    /**
     * Parameter prefix: {@code true} when a method sink's bean is normal-scoped, by sink name: its
     * invoker takes the bean's client proxy, looked up once when the graph is built.
     */
    public static final String PROXIED = "proxied:";
    /** Parameter: a method sink's invoker (on its {@link InvokerProvider}). */
    public static final String INVOKER = "invoker";

    /** Parameter: a sink observer's key into {@code INLETS} (deployment id and sink name). */
    public static final String INLET = "inlet";

    /** Runtimes by deployment id: synthetic observers have no bean lookup of their own. */
    private static final Map<String, RuntimeHolder> RUNNING = new ConcurrentHashMap<>();
    /**
     * The way into each running sink's chain by {@link #inletKey}: one map read per event for
     * a sink observer (ArC creates the observer and its parameters per event).
     */
    private static final Map<String, SinkwireRuntime.Inlet> INLETS = new ConcurrentHashMap<>();

    private LiteComponents() {
    }

    /** Holds one application's running graph. Safe for concurrent use. */
    public static final class RuntimeHolder {
        private final String id;
        private final SinkwireRuntime runtime;

        RuntimeHolder(String id, SinkwireRuntime runtime) {
            this.id = id;
            this.runtime = runtime;
        }

        /**
         * Closes the graph now with a deadline the runtime chose (the Quarkus extension passes
         * {@code quarkus.shutdown.timeout} when Quarkus shuts down); closing again later, when the
         * application context is destroyed, does nothing.
         *
         * @param deadline how long the queues may take to deliver what they accepted
         * @param source where the deadline comes from, for the log
         */
        public void close(Duration deadline, String source) {
            unregister(this);
            runtime.close(deadline, source);
        }

        /** Closes the graph now within {@code sinkwire.shutdown.timeout}; closing again later does nothing. */
        public void close() {
            unregister(this);
            runtime.close();
        }
    }

    /**
     * The key of a sink's inlet.
     *
     * @param id the deployment id
     * @param sink the sink's name
     * @return the key the sink's observers carry as {@link #INLET}
     */
    public static String inletKey(String id, String sink) {
        return id + '/' + sink;
    }

    private static void register(RuntimeHolder holder) {
        RUNNING.put(holder.id, holder);
        holder.runtime.inlets().forEach((sink, inlet) -> INLETS.put(inletKey(holder.id, sink), inlet));
    }

    private static void unregister(RuntimeHolder holder) {
        if (RUNNING.remove(holder.id, holder)) {
            holder.runtime.inlets().keySet().forEach(sink -> INLETS.remove(inletKey(holder.id, sink)));
        }
    }

    private static SinkwireRuntime running(String id) {
        SinkwireRuntime runtime = runningOrNull(id);
        if (runtime == null) {
            throw new IllegalStateException("Sinkwire: deployment " + id + " has no CDI.current() yet; an event"
                    + " reached a sink before the container finished starting");
        }
        return runtime;
    }

    private static SinkwireRuntime runningOrNull(String id) {
        RuntimeHolder holder = RUNNING.get(id);
        if (holder == null) { // not started yet: create the singleton now (this registers it)
            CDI<Object> cdi;
            try {
                cdi = CDI.current();
            } catch (IllegalStateException noProviderYet) { // ArC during @Initialized(ApplicationScoped)
                return null;
            }
            holder = cdi.select(RuntimeHolder.class).get();
            if (!holder.id.equals(id)) {
                throw new IllegalStateException("Sinkwire: CDI.current() is another application than deployment " + id);
            }
        }
        return holder.runtime;
    }

    private static SinkwireRuntime runtime(Instance<Object> lookup) {
        return lookup.select(RuntimeHolder.class).get().runtime;
    }

    /** Builds the graph when the singleton is created. */
    public static final class HolderCreator implements SyntheticBeanCreator<RuntimeHolder> {
        @Override
        public RuntimeHolder create(Instance<Object> lookup, Parameters params) {
            String id = params.get(ID, String.class);
            try {
                List<String> problems = new ArrayList<>();
                List<SinkBinding> bindings = annotated(params, lookup, problems);
                ConfigView config = MpConfigView.load();
                String[] configured = params.get(CONFIGURED, String[].class);
                if (configured.length > 0) {
                    bindings.addAll(configured(configured, bindings.stream().map(SinkBinding::name).toList(), config,
                            problems));
                }
                if (!problems.isEmpty()) {
                    throw new ProblemsException(problems);
                }
                SinkwireRuntime runtime = SinkwireRuntime.start(bindings, config, BeanLookup.of(lookup), deadLetters(lookup),
                        FtMode.valueOf(params.get(FT_MODE, String.class)));
                RuntimeHolder holder = new RuntimeHolder(id, runtime);
                register(holder);
                return holder;
            } catch (ProblemsException e) {
                throw new DeploymentException(e.getMessage());
            }
        }

        private static List<SinkBinding> annotated(Parameters params, Instance<Object> lookup, List<String> problems) {
            List<SinkBinding> bindings = new ArrayList<>();
            Map<String, Invoker<Object, Object>> invokers = InvokerRequest.ask(lookup);
            for (String name : params.get(SINKS, String[].class)) {
                SinkKind kind = SinkKind.valueOf(params.get(KIND + name, String.class));
                String event = params.get(EVENT + name, String.class);
                Class<?> beanClass = params.get(BEAN + name, Class.class);
                MethodCall call = null;
                if (kind == SinkKind.METHOD) {
                    Invoker<Object, Object> invoker = invokers.get(name);
                    if (invoker == null) {
                        problems.add("sink '" + name + "': no method invoker was delivered for "
                                + params.get(WHERE + name, String.class));
                        continue;
                    }
                    call = params.get(PROXIED + name, Boolean.class, false)
                            ? proxied(name, beanClass, invoker, lookup, problems) : invoker::invoke;
                    if (call == null) {
                        continue;
                    }
                }
                try {
                    Class<?> eventClass = SinkRules.load(event, beanClass.getClassLoader());
                    bindings.add(new SinkBinding(name, kind, params.get(WHERE + name, String.class), beanClass,
                            eventClass, call));
                } catch (ClassNotFoundException | LinkageError e) {
                    problems.add("sink '" + name + "': cannot load its event type " + event + ": " + e);
                }
            }
            return bindings;
        }

        /**
         * A call through an invoker without instance lookup, on the client proxy of a normal-scoped
         * bean: the proxy finds the contextual instance on each call, as an instance lookup would,
         * without the lookup's cost per event.
         */
        private static MethodCall proxied(String name, Class<?> beanClass, Invoker<Object, Object> invoker,
                Instance<Object> lookup, List<String> problems) {
            List<Instance.Handle<Object>> found = BeanLookup.of(lookup).byBeanClass(beanClass);
            if (found.size() != 1) {
                problems.add("sink '" + name + "': expected one bean of class " + beanClass.getName() + ", found "
                        + found.size());
                return null;
            }
            Object proxy = found.get(0).get();
            return new MethodCall() {
                @Override
                public Object invoke(Object instance, Object[] arguments) throws Exception {
                    return invoker.invoke(proxy, arguments);
                }

                @Override
                public Object call(Object event) throws Exception {
                    return invoker.invoke(proxy, new Object[] {event});
                }
            };
        }

        private static Event<DeadLetter> deadLetters(Instance<Object> lookup) {
            Instance<BeanContainer> container = lookup.select(BeanContainer.class);
            if (container.isResolvable()) {
                return container.get().getEvent().select(DeadLetter.class);
            }
            Instance<Event<DeadLetter>> event = lookup.select(new TypeLiteral<Event<DeadLetter>>() { });
            if (event.isResolvable()) {
                return event.get();
            }
            System.getLogger(LiteComponents.class.getName()).log(System.Logger.Level.WARNING,
                    "Sinkwire: neither BeanContainer nor Event<DeadLetter> can be looked up; dead letters are only"
                            + " logged, not fired as CDI events");
            return null;
        }
    }

    /**
     * The configured sinks at run time: the names found at build time, each with its type's
     * provider found again (their keys are read when the graph is built).
     */
    private static List<SinkBinding> configured(String[] buildTimeNames, List<String> annotatedNames,
            ConfigView config, List<String> problems) {
        List<String> expected = List.of(buildTimeNames);
        List<SinkBinding> bindings = new ArrayList<>();
        List<ConfiguredSinks.Declared> found = ConfiguredSinks.discover(config, annotatedNames, ConfigView.applicationLoader(), problems);
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

    /** Closes the graph when the singleton is destroyed. */
    public static final class HolderDisposer implements SyntheticBeanDisposer<RuntimeHolder> {
        @Override
        public void dispose(RuntimeHolder instance, Instance<Object> lookup, Parameters params) {
            unregister(instance);
            instance.runtime.close();
        }
    }

    /**
     * Builds the graph when the application context is initialized, so that bad configuration fails
     * startup; where {@code CDI.current()} does not work yet then (ArC), {@link StartupObserver} does.
     * For the container only.
     */
    public static final class StartObserver implements SyntheticObserver<Object> {
        @Override
        public void observe(EventContext<Object> event, Parameters params) {
            runningOrNull(params.get(ID, String.class));
        }
    }

    /** Builds the graph at {@code Startup} if {@code @Initialized(ApplicationScoped)} was too early (ArC). */
    public static final class StartupObserver implements SyntheticObserver<Startup> {
        @Override
        public void observe(EventContext<Startup> event, Parameters params) {
            running(params.get(ID, String.class));
        }
    }

    /** Closes the graph before the application context is destroyed. */
    public static final class StopObserver implements SyntheticObserver<Object> {
        @Override
        public void observe(EventContext<Object> event, Parameters params) {
            RuntimeHolder holder = RUNNING.get(params.get(ID, String.class));
            if (holder != null) {
                holder.close();
            }
        }
    }

    /**
     * Feeds one sink's chain. ArC creates one per event (with its parameters), so it reads one
     * parameter and one map per event: its sink's inlet ({@link #INLET}); only before the graph is
     * built does it read the deployment id and the sink's name. A sink that must skip context
     * lifecycle events has its own class, {@link LifecycleSkippingSinkObserver}, instead of a
     * parameter read per event.
     */
    public static class SinkObserver implements SyntheticObserver<Object> {
        @Override
        public void observe(EventContext<Object> event, Parameters params) {
            Object e = event.getEvent();
            if (e instanceof InvokerRequest) {
                return; // Sinkwire's own request while the graph is built: not an application event
            }
            SinkwireRuntime.Inlet inlet = INLETS.get(params.get(INLET, String.class));
            if (inlet != null) {
                inlet.deliver(e);
            } else { // not started yet (builds the graph now), or stopped (the chain reports CLOSED)
                running(params.get(ID, String.class)).deliver(params.get(SINK, String.class), e);
            }
        }
    }

    /** Feeds one sink's chain, skipping the container's context lifecycle events ({@code @Initialized}...). */
    public static final class LifecycleSkippingSinkObserver extends SinkObserver {
        @Override
        public void observe(EventContext<Object> event, Parameters params) {
            if (!SinkRules.isContextLifecycle(event.getMetadata().getQualifiers())) {
                super.observe(event, params);
            }
        }
    }

    /**
     * Collects the method sinks' invokers from their {@link InvokerProvider}s. The invokers are
     * classes the container generates beside the application's bean classes; an observer declared
     * by that bean class is generated beside it too, so it can hand its invoker over where the
     * runtime holder (generated beside this library) could not name it: Quarkus dev and test mode
     * load the library and the application with different class loaders. Not thread-safe: one per graph build, filled while the event is delivered synchronously.
     */
    public static final class InvokerRequest {
        private final Map<String, Invoker<Object, Object>> invokers = new ConcurrentHashMap<>();

        InvokerRequest() {
        }

        static Map<String, Invoker<Object, Object>> ask(Instance<Object> lookup) {
            InvokerRequest request = new InvokerRequest();
            Instance<BeanContainer> container = lookup.select(BeanContainer.class);
            if (container.isResolvable()) {
                container.get().getEvent().select(InvokerRequest.class).fire(request);
            } else {
                lookup.select(new TypeLiteral<Event<InvokerRequest>>() { }).get().fire(request);
            }
            return request.invokers;
        }
    }

    /** Hands the invokers of one bean class's method sinks to an {@link InvokerRequest}. */
    public static final class InvokerProvider implements SyntheticObserver<InvokerRequest> {
        @Override
        @SuppressWarnings("unchecked")
        public void observe(EventContext<InvokerRequest> event, Parameters params) {
            String[] sinks = params.get(SINK, String[].class);
            Invoker<Object, Object>[] invokers = params.get(INVOKER, Invoker[].class);
            for (int i = 0; i < sinks.length; i++) {
                event.getEvent().invokers.put(sinks[i], invokers[i]);
            }
        }
    }

    /** Creates the injectable chain of one sink. */
    @SuppressWarnings("rawtypes")
    public static final class ChainCreator implements SyntheticBeanCreator<Sink> {
        @Override
        public Sink create(Instance<Object> lookup, Parameters params) {
            return runtime(lookup).chain(params.get(SINK, String.class));
        }
    }

    /** Creates the injectable broadcaster. */
    @SuppressWarnings("rawtypes")
    public static final class BroadcasterCreator implements SyntheticBeanCreator<Broadcaster> {
        @Override
        public Broadcaster create(Instance<Object> lookup, Parameters params) {
            return runtime(lookup).broadcaster();
        }
    }

    /** Creates the injectable statistics. */
    public static final class StatsCreator implements SyntheticBeanCreator<SinkwireStats> {
        @Override
        public SinkwireStats create(Instance<Object> lookup, Parameters params) {
            return runtime(lookup).stats();
        }
    }
}
