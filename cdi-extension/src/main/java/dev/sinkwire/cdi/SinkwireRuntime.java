package dev.sinkwire.cdi;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.Matcher;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.cdi.spi.ConfiguredSink;
import dev.sinkwire.cdi.spi.ConfiguredSinkContext;
import dev.sinkwire.cdi.spi.ConfiguredSinkException;
import dev.sinkwire.cdi.spi.Deliveries;
import dev.sinkwire.core.Broadcaster;
import dev.sinkwire.core.Filter;
import dev.sinkwire.core.Queue;
import dev.sinkwire.core.QueueFullException;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.Timekeeper;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.Instance;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * The running graph of one application: a chain per sink (filter, queue, retrying sink, the
 * sink), the broadcaster of all of them, and their shutdown. Runtime-neutral: both front ends
 * build it from {@link SinkBinding}s with {@link #start} and feed it with {@link #deliver}.
 *
 * <p>Safe for concurrent use: {@link #deliver} and the chains may be used from any thread;
 * {@link #close} may be called more than once, from any thread.
 */
final class SinkwireRuntime implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(SinkwireRuntime.class.getName());

    /** The layers of one sink, outer to inner; absent layers are {@code null}. */
    private record Chain(ChainEntry entry, Filter<Object> filter, Queue<Object> queue,
            Sink<Object> retrying, TargetSink target) {
    }

    private final Map<String, Chain> chains;
    private final Map<String, ChainEntry> entries;
    private final Broadcaster<Object> broadcaster;
    private final DropListener dropListener;
    private final Duration shutdownTimeout;
    private final Reliability reliability;
    private final Object closeLock = new Object();
    private boolean closed;

    private SinkwireRuntime(Map<String, Chain> chains, Broadcaster<Object> broadcaster, DropListener dropListener,
            Duration shutdownTimeout, Reliability reliability) {
        this.reliability = reliability;
        this.chains = chains;
        Map<String, ChainEntry> e = new LinkedHashMap<>();
        chains.forEach((name, chain) -> e.put(name, chain.entry));
        this.entries = Collections.unmodifiableMap(e);
        this.broadcaster = broadcaster;
        this.dropListener = dropListener;
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Reads the configuration, validates it against the sinks and the beans, and builds the graph.
     * Nothing is left running when this fails.
     *
     * @param bindings the validated sinks
     * @param config the configuration
     * @param lookup the container's beans
     * @param deadLetters where to fire dead letters (when enabled in the configuration)
     * @return the running graph
     * @throws ProblemsException naming every problem found
     */
    static SinkwireRuntime start(List<SinkBinding> bindings, ConfigView config, Instance<Object> lookup,
            Event<DeadLetter> deadLetters) {
        return start(bindings, config, lookup, deadLetters,
                FtMode.apiPresent() ? FtMode.SINKWIRE : FtMode.API_ABSENT);
    }

    /**
     * Reads the configuration, validates it against the sinks and the beans, and builds the graph,
     * applying MicroProfile Fault Tolerance annotations as {@code ftMode} says.
     * Nothing is left running when this fails.
     *
     * @param bindings the validated sinks
     * @param config the configuration
     * @param lookup the container's beans
     * @param deadLetters where to fire dead letters (when enabled in the configuration)
     * @param ftMode who applies FT annotations on sinks
     * @return the running graph
     * @throws ProblemsException naming every problem found
     */
    static SinkwireRuntime start(List<SinkBinding> bindings, ConfigView config, Instance<Object> lookup,
            Event<DeadLetter> deadLetters, FtMode ftMode) {
        return start(bindings, config, BeanLookup.of(lookup), deadLetters, ftMode);
    }

    /**
     * Reads the configuration, validates it against the sinks and the beans, and builds the graph,
     * finding beans through {@code lookup}. Nothing is left running when this fails.
     *
     * @param bindings the validated sinks
     * @param config the configuration
     * @param lookup the container's beans
     * @param deadLetters where to fire dead letters (when enabled in the configuration)
     * @param ftMode who applies FT annotations on sinks
     * @return the running graph
     * @throws ProblemsException naming every problem found
     */
    static SinkwireRuntime start(List<SinkBinding> bindings, ConfigView config, BeanLookup lookup,
            Event<DeadLetter> deadLetters, FtMode ftMode) {
        List<String> names = new ArrayList<>();
        bindings.forEach(b -> names.add(b.name()));
        List<String> problems = new ArrayList<>();
        ReliabilitySettings reliable = ReliabilitySettings.parse(config, bindings, problems);
        Settings settings;
        try {
            settings = Settings.parse(config, names, bindings.stream()
                    .filter(b -> b.kind() == SinkKind.CONFIGURED).map(SinkBinding::name).toList());
        } catch (ProblemsException e) { // report the reliability keys' problems along with the others
            List<String> all = new ArrayList<>(e.problems());
            all.addAll(problems);
            throw new ProblemsException(all);
        }
        Map<String, Matcher<Object>> matchers = new LinkedHashMap<>();
        for (SinkBinding b : bindings) {
            Settings.SinkSettings s = settings.sinks().get(b.name());
            if (s.enabled() && s.filtered()) {
                Matcher<Object> m = matcher(b, s, lookup, problems);
                if (m != null) {
                    matchers.put(b.name(), m);
                }
            }
        }
        Map<String, FtPlan> ft = new LinkedHashMap<>();
        for (SinkBinding b : bindings) {
            Settings.SinkSettings s = settings.sinks().get(b.name());
            if (s.enabled() && b.kind() == SinkKind.CONFIGURED) {
                if (s.strategy() == Settings.Strategy.FT) {
                    problems.add(Settings.SINKS + b.name() + ".retry.strategy=ft: sink '" + b.name() + "' ("
                            + b.description() + ") is declared in configuration alone; allowed: none, breaker,"
                            + " exponential");
                }
            } else if (s.enabled()) {
                ft.put(b.name(), FtPlan.of(b, s, config, ftMode, problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemsException(problems);
        }
        DropListener drop = new DeadLetterEvents(settings.deadLetterEvents() ? deadLetters : null);
        Reliability rel = new Reliability(reliable, names, drop);
        ThreadFactory threads = ManagedThreads.lookup(settings.threadFactoryJndiName());
        Map<String, ConfiguredSink> configured = create(bindings, settings, config, lookup, rel, threads);
        Map<String, Chain> chains = new LinkedHashMap<>();
        try {
            for (SinkBinding b : bindings) {
                Settings.SinkSettings s = settings.sinks().get(b.name());
                if (!s.enabled()) {
                    chains.put(b.name(), new Chain(ChainEntry.disabled(b.name(), b.eventClass()), null, null, null,
                            null));
                } else if (b.kind() == SinkKind.CONFIGURED) {
                    chains.put(b.name(), buildConfigured(b, s, configured.remove(b.name()), matchers.get(b.name()),
                            rel, threads));
                } else {
                    chains.put(b.name(), build(b, s, ft.get(b.name()), matchers.get(b.name()), lookup, rel, threads));
                }
            }
        } catch (RuntimeException e) {
            configured.values().forEach(c -> closeQuietly(c.sink()));
            SinkwireRuntime partial = new SinkwireRuntime(chains, new Broadcaster<>(drop), drop, Duration.ZERO, rel);
            partial.close();
            throw e;
        }
        Broadcaster<Object> broadcaster = new Broadcaster<>(drop);
        chains.values().stream().map(Chain::entry).filter(ChainEntry::enabled)
                .forEach(entry -> broadcaster.add(entry.asBroadcastMember()));
        SinkwireRuntime runtime = new SinkwireRuntime(chains, broadcaster, drop, settings.shutdownTimeout(), rel);
        LOGGER.log(Level.INFO, () -> "Sinkwire started " + chains.size() + " sink(s); " + ftMode.describe()
                + (threads != null ? " (queue threads from " + settings.threadFactoryJndiName() + ")" : "")
                + chains.values().stream().map(c -> "\n  " + c.entry).reduce("", String::concat));
        return runtime;
    }

    /**
     * Asks the providers to build the enabled configured sinks, so that every problem of their keys
     * fails deployment together; nothing is left open when one fails.
     */
    private static Map<String, ConfiguredSink> create(List<SinkBinding> bindings, Settings settings, ConfigView config,
            BeanLookup lookup, Reliability rel, ThreadFactory threads) {
        Map<String, ConfiguredSink> created = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (SinkBinding b : bindings) {
            Settings.SinkSettings s = settings.sinks().get(b.name());
            if (b.kind() != SinkKind.CONFIGURED || !s.enabled()) {
                continue;
            }
            ConfiguredSinks.Declared d = b.configured();
            Context context = new Context(d.name(), ConfiguredSinks.keys(config, d.name()),
                    config.value(Settings.SINKS + d.name() + ".retry.strategy").isPresent(), s, rel, threads, lookup);
            try {
                ConfiguredSink sink = d.provider().create(context);
                if (sink == null) {
                    throw new IllegalStateException(d.provider().getClass().getName() + ".create returned null");
                }
                created.put(b.name(), sink);
            } catch (ConfiguredSinkException e) {
                problems.addAll(e.problems());
            } catch (RuntimeException | LinkageError e) {
                problems.add(d.describe() + ": " + d.provider().getClass().getName() + " cannot build sink '"
                        + d.name() + "': " + e);
            }
        }
        if (!problems.isEmpty()) {
            created.values().forEach(c -> closeQuietly(c.sink()));
            throw new ProblemsException(problems);
        }
        return created;
    }

    /** What a provider gets for one sink. Immutable; safe for concurrent use. */
    private record Context(String name, Map<String, String> keys, boolean retryConfigured,
            Settings.SinkSettings settings, Reliability rel, ThreadFactory threads, BeanLookup lookup)
            implements ConfiguredSinkContext {

        @Override
        public RetryStrategy retryStrategy(RetryStrategy defaultStrategy) {
            return rel.retrying(name, retryConfigured ? settings.newStrategy() : defaultStrategy);
        }

        @Override
        public DropListener dropListener() {
            return rel.dropping(name);
        }

        @Override
        public Optional<ThreadFactory> threadFactory() {
            return Optional.ofNullable(threads);
        }

        @Override
        public <T> Optional<T> bean(Class<T> type) {
            return lookup.byType(type);
        }

        @Override
        public Deliveries deliveries() {
            return rel.deliveries(name);
        }
    }

    /** The chain of a configured sink: its target is the provider's sink; a self-queued one gets no queue nor retry. */
    private static Chain buildConfigured(SinkBinding b, Settings.SinkSettings s, ConfiguredSink configured,
            Matcher<Object> matcher, Reliability rel, ThreadFactory threads) {
        TargetSink target = TargetSink.configured(b.name(), configured.sink());
        DropListener drop = rel.dropping(b.name());
        List<String> layers = new ArrayList<>();
        Sink<Object> inner = configured.selfConfirmed() ? target : rel.delivering(b.name(), target);
        Sink<Object> retrying = null;
        if (configured.selfConfirmed()) {
            layers.add("(queues, retries and confirms deliveries by itself)");
        } else if (configured.selfQueued()) {
            layers.add("(queues and retries by itself)");
        } else {
            RetryStrategy strategy = configured.retryStrategy();
            if (strategy != null) {
                retrying = new RetryingSink<>(inner, strategy, drop, Timekeeper.system());
                inner = retrying;
                layers.add("RetryingSink[" + strategy + "]");
            }
        }
        return outerLayers(b, inner, retrying, target, s.async() && !configured.selfQueued(), matcher, rel, threads,
                drop, layers, configured.sink() + " (" + b.description() + ")");
    }

    private static Chain build(SinkBinding b, Settings.SinkSettings s, FtPlan ft, Matcher<Object> matcher,
            BeanLookup lookup, Reliability rel, ThreadFactory threads) {
        TargetSink target = TargetSink.open(b, lookup);
        DropListener drop = rel.dropping(b.name());
        List<String> layers = new ArrayList<>();
        Sink<Object> inner;
        Sink<Object> retrying = null;
        RetryStrategy strategy = rel.retrying(b.name(), s.newStrategy());
        if (ft.active()) { // the FT chain places the accounting itself (above a timeout)
            retrying = ft.build(b.name(), target, strategy, drop, threads, layers,
                    attempt -> rel.delivering(b.name(), attempt), policy -> rel.retrying(b.name(), policy));
            inner = retrying;
        } else {
            inner = rel.delivering(b.name(), target);
            if (strategy != null) {
                retrying = new RetryingSink<>(inner, strategy, drop, Timekeeper.system());
                inner = retrying;
                layers.add(0, "RetryingSink[" + strategy + "]");
            }
        }
        return outerLayers(b, inner, retrying, target, s.async(), matcher, rel, threads, drop, layers,
                b.description());
    }

    /**
     * Adds the layers every chain shares above its retrying part: the queue (if {@code queued}), the
     * accounting of accepted events, the filter; and describes the chain.
     */
    private static Chain outerLayers(SinkBinding b, Sink<Object> inner, Sink<Object> retrying, TargetSink target,
            boolean queued, Matcher<Object> matcher, Reliability rel, ThreadFactory threads, DropListener drop,
            List<String> layers, String targetDescription) {
        Queue<Object> queue = null;
        if (queued) {
            Queue.Builder<Object> qb = Queue.builder(inner).name(b.name()).dropListener(drop);
            if (threads != null) {
                qb.threadFactory(threads);
            }
            String bound = rel.bound(b.name(), qb);
            queue = qb.build();
            inner = queue;
            layers.add(0, "Queue(" + b.name() + bound + ")");
        }
        inner = rel.accepting(b.name(), inner);
        Filter<Object> filter = null;
        if (matcher != null) {
            filter = new Filter<>(inner, matcher);
            inner = filter;
            layers.add(0, "Filter[" + matcher + "]");
        }
        layers.add(targetDescription);
        rel.built(b.name(), inner);
        String description = "sink '" + b.name() + "' (" + b.eventClass().getName() + "): "
                + String.join(" -> ", layers);
        return new Chain(ChainEntry.of(b.name(), b.eventClass(), inner, description), filter, queue, retrying, target);
    }

    private static Matcher<Object> matcher(SinkBinding b, Settings.SinkSettings s, BeanLookup lookup,
            List<String> problems) {
        String p = Settings.SINKS + b.name() + ".";
        List<Class<?>> types = new ArrayList<>();
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        // a configured sink's "bean class" is its provider, which may sit in a library's class loader
        ClassLoader loader = b.kind() == SinkKind.CONFIGURED && tccl != null ? tccl : b.beanClass().getClassLoader();
        for (String name : s.filterTypes()) {
            try {
                types.add(SinkBinding.load(name, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(p + "filter.types=" + String.join(",", s.filterTypes()) + ": class " + name
                        + " not found; allowed: fully-qualified names of classes visible to the application");
            }
        }
        Matcher<Object> beanMatcher = null;
        if (s.filterMatcher() != null) {
            String key = p + "filter.matcher=" + s.filterMatcher();
            List<Instance.Handle<Object>> found = lookup.byName(s.filterMatcher());
            if (found.isEmpty()) {
                problems.add(key + ": there is no bean named '" + s.filterMatcher() + "'; allowed: the name of a"
                        + " @Named bean implementing dev.sinkwire.Matcher");
            } else {
                try {
                    if (found.size() > 1) {
                        throw new AmbiguousResolutionException("more than one bean named " + s.filterMatcher());
                    }
                    Object bean = found.get(0).get();
                    if (bean instanceof Matcher<?> m) {
                        @SuppressWarnings("unchecked")
                        Matcher<Object> typed = (Matcher<Object>) m;
                        String label = "matcher '" + s.filterMatcher() + "'";
                        beanMatcher = named(typed, label);
                    } else {
                        problems.add(key + ": bean '" + s.filterMatcher() + "' is a " + bean.getClass().getName()
                                + ", not a dev.sinkwire.Matcher; allowed: a @Named bean implementing Matcher");
                    }
                } catch (AmbiguousResolutionException e) {
                    problems.add(key + ": more than one bean is named '" + s.filterMatcher() + "'; allowed: exactly"
                            + " one @Named bean implementing dev.sinkwire.Matcher");
                }
            }
        }
        if (types.isEmpty() && beanMatcher == null) {
            return null;
        }
        List<Class<?>> finalTypes = List.copyOf(types);
        Matcher<Object> typeMatcher = finalTypes.isEmpty() ? null : named(
                event -> finalTypes.stream().anyMatch(t -> t.isInstance(event)), "types" + s.filterTypes());
        if (typeMatcher == null) {
            return beanMatcher;
        }
        if (beanMatcher == null) {
            return typeMatcher;
        }
        Matcher<Object> bm = beanMatcher;
        return named(event -> typeMatcher.match(event) && bm.match(event), typeMatcher + " and " + beanMatcher);
    }

    private static Matcher<Object> named(Matcher<Object> matcher, String label) {
        return new Matcher<>() {
            @Override
            public boolean match(Object event) {
                return matcher.match(event);
            }

            @Override
            public String toString() {
                return label;
            }
        };
    }

    /**
     * Writes an event that CDI delivered to the sink's synthetic observer. A failure is reported to
     * the drop listener, never thrown at the code that fired the event; a disabled sink ignores it,
     * and so does a sink of a supertype (such as {@code Object}) for the container's own
     * {@code Startup} and {@code Shutdown} events.
     *
     * @param sink the sink's name
     * @param event the event
     */
    void deliver(String sink, Object event) {
        ChainEntry entry = entries.get(sink);
        if (entry == null || !entry.enabled() || FrontEnds.isUnaskedContainerEvent(event, entry.eventClass())
                || reliability.routedAlready(sink, event)) {
            return;
        }
        DropListener listener = reliability.listener(sink);
        try {
            entry.write(event);
        } catch (SinkClosedException e) {
            DropListener.notify(listener, new DeadLetter(event, sink, DropReason.CLOSED, e, 0));
        } catch (QueueFullException e) { // a bounded queue refused it (fail, or block past max-wait)
            DropListener.notify(listener, new DeadLetter(event, sink, DropReason.OVERFLOW, e, 0));
        } catch (Throwable e) { // a failing sink must not break the code that fired the event, nor other sinks
            DropListener.notify(listener, new DeadLetter(event, sink, DropReason.FAILED, e, 1));
        }
    }

    /**
     * The outer end of a sink's chain.
     *
     * @param sink the sink's name
     * @return the chain
     * @throws IllegalArgumentException if there is no such sink
     */
    ChainEntry chain(String sink) {
        ChainEntry entry = entries.get(sink);
        if (entry == null) {
            throw new IllegalArgumentException("no sink named '" + sink + "'; known sinks: " + entries.keySet());
        }
        return entry;
    }

    /** @return the accounting of every sink */
    SinkwireStats stats() {
        return reliability.stats();
    }

    /** @return the broadcaster of every enabled sink */
    Broadcaster<Object> broadcaster() {
        return broadcaster;
    }

    /**
     * Closes the graph outer to inner: the broadcaster and every chain entry stop accepting, then
     * each queue delivers what it accepted (up to the shutdown timeout, shared by all queues;
     * what is left is reported with reason {@code SHUTDOWN}), then the retrying sinks and the
     * sinks themselves are closed. A second call does nothing.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        broadcaster.close();
        chains.values().forEach(c -> c.entry.stop());
        long start = System.nanoTime();
        for (String name : reliability.closeOrder(chains.keySet())) { // dead-letter sinks after their sources
            Chain c = chains.get(name);
            if (c.queue != null) {
                long elapsed = System.nanoTime() - start;
                Duration left = Duration.ofNanos(Math.max(0, saturatedNanos(shutdownTimeout) - elapsed));
                if (!c.queue.close(left)) {
                    LOGGER.log(Level.WARNING, () -> "Sinkwire: sink '" + c.entry.name() + "' did not deliver every"
                            + " queued event within " + Settings.SHUTDOWN_TIMEOUT + "=" + shutdownTimeout
                            + "; the rest were reported as dropped (SHUTDOWN)");
                }
            }
            closeQuietly(c.filter);
            closeQuietly(c.retrying);
            closeQuietly(c.target);
        }
        LOGGER.log(Level.DEBUG, "Sinkwire stopped");
    }

    private static void closeQuietly(Sink<?> sink) {
        if (sink == null) {
            return;
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "Sinkwire: closing " + sink + " failed", e);
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }
}
