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
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.MpConfigView;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkBinding;
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
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.EventContext;
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
            runtime.close(deadline, source);
        }

        /**
         * Closes the graph now within {@code sinkwire.shutdown.timeout}; closing again later does nothing.
         * The holder stays registered until it is disposed, so that an event fired after the close (an
         * observer of {@code @Destroyed(ApplicationScoped)}) is reported as a {@code CLOSED} dead letter, as in
         * the portable front end, instead of looking the graph up through {@code CDI.current()}.
         */
        public void close() {
            runtime.close();
        }
    }

    /** The key of a sink's inlet. */
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
                    + " reached a sink before the container finished starting (Quarkus runs observers of"
                    + " @Initialized(ApplicationScoped.class) during static initialization: fire it from an observer of"
                    + " StartupEvent or jakarta.enterprise.event.Startup)");
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
            try {
                ConfigView config = MpConfigView.load();
                List<String> problems = new ArrayList<>();
                List<SinkBinding> bindings = LiteSinks.read(params, lookup, config, problems);
                if (!problems.isEmpty()) {
                    throw new ProblemsException(problems);
                }
                Event<DeadLetter> deadLetters = LiteSinks.event(lookup, DeadLetter.class,
                        new TypeLiteral<Event<DeadLetter>>() { });
                if (deadLetters == null) {
                    System.getLogger(LiteComponents.class.getName()).log(System.Logger.Level.WARNING, "Sinkwire:"
                            + " neither BeanContainer nor Event<DeadLetter> can be looked up; dead letters are only"
                            + " logged, not fired as CDI events");
                }
                RuntimeHolder holder = new RuntimeHolder(params.get(ID, String.class), SinkwireRuntime.start(bindings,
                        config, BeanLookup.of(lookup), deadLetters, FtMode.valueOf(params.get(FT_MODE, String.class))));
                register(holder);
                return holder;
            } catch (ProblemsException e) {
                throw new DeploymentException(e.getMessage());
            }
        }
    }

    /** Closes the graph when the singleton is destroyed. */
    public static final class HolderDisposer implements SyntheticBeanDisposer<RuntimeHolder> {
        @Override
        public void dispose(RuntimeHolder instance, Instance<Object> lookup, Parameters params) {
            instance.close();
            unregister(instance);
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
            if (e instanceof LiteSinks.InvokerRequest) {
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
