/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import dev.sinkwire.DropListener;
import dev.sinkwire.Matcher;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.config.ConfigView;
import dev.sinkwire.cdi.config.ConfiguredSinks;
import dev.sinkwire.cdi.config.Keys;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkKind;
import dev.sinkwire.cdi.config.SinkRules;
import dev.sinkwire.cdi.config.SinkSpec;
import dev.sinkwire.cdi.config.Spec;
import dev.sinkwire.cdi.ft.FtLayers;
import dev.sinkwire.cdi.spi.ConfiguredSink;
import dev.sinkwire.cdi.spi.ConfiguredSinkException;
import dev.sinkwire.cdi.spi.DurableBacklog;
import dev.sinkwire.cdi.spi.DurableStoreProvider;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.Filter;
import dev.sinkwire.core.Queue;
import dev.sinkwire.core.RetryingSink;
import dev.sinkwire.core.SinkMeter;
import dev.sinkwire.core.Timekeeper;
import dev.sinkwire.core.ft.CircuitBreaker;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Stream;

/**
 * Turns a {@link Spec} into one chain per sink, outer to inner: filter → accounting of accepted
 * events → queue → retry / circuit breaker / timeout → accounting of attempts → the sink; for a
 * durable sink ({@code store=jdbc}): filter → durable store → its relay → retry / circuit breaker /
 * timeout → accounting of attempts → the sink, with no queue. The only
 * code that wires a sink's {@link SinkMeter}, so every kind of chain keeps
 * {@code accepted = delivered + dropped + pending}:
 * <ul>
 *   <li>accepted: counted below the filter, above everything else; for a durable sink, by the
 *       store when it committed the event (after the business transaction's commit, never for a
 *       rollback; {@link dev.sinkwire.cdi.spi.DurableStoreContext#acceptListener()});</li>
 *   <li>delivered and failed attempts: counted around the layer that makes one attempt (the
 *       sink, or a timeout around it); for a sink that queues by itself, when it reports a
 *       delivery ({@link dev.sinkwire.cdi.spi.ConfiguredSinkContext#deliveryListener()}), never
 *       when an event merely enters its own queue;</li>
 *   <li>retried: the retry strategy of the chain (or the one handed to a provider) is counted;</li>
 *   <li>dropped: every component gets the sink's counted drop listener.</li>
 * </ul>
 * Used on one thread at startup.
 */
public final class ChainBuilder {

    /** The artifact that serves {@code store=jdbc}. */
    static final String JDBC_ARTIFACT = "dev.sinkwire:sinkwire-durable";

    /** The built chains of an application. Immutable. */
    public record Graph(Map<String, Chain> chains, Map<String, SinkMeter> meters, Routes routes) {
    }

    private final Spec spec;
    private final BeanLookup lookup;
    private final ThreadFactory threads;
    private final Routes routes;
    private final Map<String, SinkMeter> meters = new LinkedHashMap<>();
    /** The go-events breaker each provider took, while building only. */
    private final Map<String, Breaker> providerBreakers = new LinkedHashMap<>();
    /** The ids of stored events while durable stores deliver them, for the sinks behind the stores. */
    private final StoredIds storedIds = new StoredIds();

    private ChainBuilder(Spec spec, BeanLookup lookup, DropListener base, ThreadFactory threads) {
        this.spec = spec;
        this.lookup = lookup;
        this.threads = threads;
        this.routes = new Routes(spec, base);
        spec.sinks().keySet().forEach(name -> meters.put(name, new SinkMeter(name)));
    }

    /** Builds every chain. Nothing is left open when this fails. */
    public static Graph build(Spec spec, BeanLookup lookup, DropListener base, ThreadFactory threads) {
        ChainBuilder b = new ChainBuilder(spec, lookup, base, threads);
        List<String> problems = new ArrayList<>();
        Map<String, Matcher<Object>> matchers = new LinkedHashMap<>();
        spec.sinks().values().stream().filter(SinkSpec::enabled)
                .forEach(s -> matchers.put(s.name(), matcher(s, lookup, problems)));
        if (!problems.isEmpty()) {
            throw new ProblemsException(problems);
        }
        Map<String, ConfiguredSink> configured = b.createConfigured();
        Map<String, Chain> chains = new LinkedHashMap<>();
        try {
            for (SinkSpec s : spec.sinks().values()) {
                try {
                    chains.put(s.name(), !s.enabled() ? disabled(s)
                            : b.chain(s, configured.remove(s.name()), matchers.get(s.name())));
                } catch (ProblemsException e) { // a durable store's keys: every sink's problems fail together
                    problems.addAll(e.problems());
                }
            }
            if (!problems.isEmpty()) {
                throw new ProblemsException(problems);
            }
        } catch (RuntimeException e) {
            configured.values().forEach(c -> Chain.closeQuietly(c.sink()));
            chains.values().forEach(c -> c.close(Duration.ZERO));
            throw e;
        }
        return new Graph(chains, b.meters, b.routes);
    }

    private static Chain disabled(SinkSpec s) {
        return new Chain(ChainEntry.disabled(s.name(), s.binding().eventClass()), null, List.of(), 1.0, null, null,
                null, null);
    }

    /** Asks the providers to build the enabled configured sinks; every problem fails together. */
    private Map<String, ConfiguredSink> createConfigured() {
        Map<String, ConfiguredSink> created = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (SinkSpec s : spec.sinks().values()) {
            if (s.binding().kind() != SinkKind.CONFIGURED || !s.enabled()) {
                continue;
            }
            ConfiguredSinks.Declared d = s.binding().configured();
            SinkMeter meter = meters.get(s.name());
            try {
                ProviderContext context = new ProviderContext(s, meter.dropping(routes.listener(s.name())), meter,
                        threads, lookup, storedIds, null);
                ConfiguredSink sink = d.provider().create(context);
                if (sink == null) {
                    throw new IllegalStateException(d.provider().getClass().getName() + ".create returned null");
                }
                created.put(s.name(), sink);
                providerBreakers.put(s.name(), context.breaker());
                if (sink.selfQueued()) {
                    problems.addAll(s.needingAnOuterQueue(String.valueOf(sink.sink())));
                }
            } catch (ConfiguredSinkException e) {
                problems.addAll(e.problems());
            } catch (RuntimeException | LinkageError e) {
                problems.add(d.describe() + ": " + d.provider().getClass().getName() + " cannot build sink '"
                        + d.name() + "': " + e);
            }
        }
        if (!problems.isEmpty()) {
            created.values().forEach(c -> Chain.closeQuietly(c.sink()));
            throw new ProblemsException(problems);
        }
        return created;
    }

    private Chain chain(SinkSpec s, ConfiguredSink configured, Matcher<Object> matcher) {
        String name = s.name();
        SinkMeter meter = meters.get(name);
        DropListener drop = meter.dropping(routes.listener(name));
        boolean selfQueued = configured != null && configured.selfQueued();
        TargetSink target = configured != null ? TargetSink.configured(name, configured.sink())
                : TargetSink.open(s.binding(), lookup);
        Breaker breaker = configured != null ? providerBreakers.get(name) : null;
        List<String> layers = new ArrayList<>(); // names, outer to inner; outer layers are added in front
        Sink<Object> inner = target;
        Sink<Object> retrying = null;
        if (selfQueued) {
            layers.add("(queues and retries by itself)"); // delivered is counted when the sink reports it
        } else if (s.ft() != null) {
            inner = retrying = FtLayers.build(name, target, s.binding().kind() == SinkKind.METHOD, s.ft(), drop,
                    threads, layers, meter::delivering, meter::retrying);
        } else {
            inner = meter.delivering(target);
            // a provider's strategy is counted already: it came from ProviderContext
            RetryStrategy strategy = configured != null ? configured.retryStrategy() : s.retry().newStrategy();
            if (configured == null && strategy != null) {
                breaker = strategy instanceof Breaker b ? b : null;
                strategy = meter.retrying(strategy);
            }
            if (strategy != null) {
                inner = retrying = new RetryingSink<>(inner, strategy, drop, Timekeeper.system());
                layers.add("RetryingSink[" + strategy + "]");
            }
        }
        Queue<Object> queue = s.async() && !selfQueued ? queue(s, inner, drop) : null;
        if (queue != null) {
            inner = queue;
            layers.add(0, "Queue(" + name + s.queue().describe() + ")");
        }
        if (s.store() != null) { // the outermost layer behind the filter; it counts accepted events itself
            try {
                inner = retrying = durableStage(s, inner, meter, drop);
            } catch (RuntimeException e) { // the deployment fails: release what is built (a durable sink has no queue)
                Stream.of(retrying, target).filter(Objects::nonNull).forEach(Chain::closeQuietly);
                throw e;
            }
            layers.add(0, "DurableStore[" + inner + "] -> relay");
        } else {
            inner = meter.accepting(inner);
        }
        Filter<Object> filter = matcher != null ? new Filter<>(inner, matcher) : null;
        if (filter != null) {
            inner = filter;
            layers.add(0, "Filter[" + matcher + "]");
        }
        layers.add(configured != null ? configured.sink() + " (" + s.binding().description() + ")"
                : s.binding().description());
        routes.built(name, inner);
        String line = "sink '" + name + "' (" + s.binding().eventClass().getName() + "): "
                + String.join(" -> ", layers);
        ChainEntry entry = new ChainEntry(name, s.binding().eventClass(), inner, line, s.store() != null);
        CircuitBreaker ftBreaker = s.ft() != null && !s.ft().intercepted() ? s.ft().breaker() : null;
        Sink<Object> retryClose = s.ft() != null && s.store() == null ? FtLayers.closing(retrying) : retrying;
        List<Sink<Object>> closed = Stream.of(filter, retryClose, target).filter(Objects::nonNull).toList();
        return new Chain(entry, queue, closed, s.queue().saturation(), ftBreaker, breaker,
                configured != null ? configured.endpoint() : null,
                s.store() != null && retrying instanceof DurableBacklog d ? d : null);
    }

    /**
     * The durable stage in front of {@code inner}, built by the {@link DurableStoreProvider} of the sink's
     * store; it counts accepted events when the store committed them.
     *
     * @throws ProblemsException naming the key when there is no provider or the provider refuses
     */
    private Sink<Object> durableStage(SinkSpec s, Sink<Object> inner, SinkMeter meter, DropListener drop) {
        String store = s.store().type();
        String storeKey = Keys.of(s.name(), Keys.STORE);
        List<String> problems = new ArrayList<>();
        Map<String, DurableStoreProvider> found = ConfiguredSinks.providers(DurableStoreProvider.class,
                DurableStoreProvider::store, Keys.SINKS + "<name>." + Keys.STORE, ConfigView.applicationLoader(),
                problems);
        if (!problems.isEmpty()) {
            throw new ProblemsException(problems.stream().map(p -> storeKey + "=" + store + ": " + p).toList());
        }
        DurableStoreProvider provider = found.get(store.toLowerCase(Locale.ROOT));
        if (provider == null) {
            throw new ProblemsException(List.of(storeKey + "=" + store + " needs the artifact " + JDBC_ARTIFACT
                    + " on the class path, and it is not there; allowed: add " + JDBC_ARTIFACT + " to the application,"
                    + " or store=memory (the default)" + (found.isEmpty() ? "" : "; stores found: " + found.keySet())));
        }
        Sink<Object> stage;
        try {
            stage = provider.create(new ProviderContext(s, drop, meter, threads, lookup, storedIds, inner));
        } catch (ConfiguredSinkException e) {
            throw new ProblemsException(e.problems());
        } catch (RuntimeException | LinkageError e) {
            throw new ProblemsException(List.of(storeKey + "=" + store + ": " + provider.getClass().getName()
                    + " cannot build the durable store of sink '" + s.name() + "': " + e));
        }
        if (stage == null) {
            throw new ProblemsException(List.of(storeKey + "=" + store + ": " + provider.getClass().getName()
                    + ".create returned null"));
        }
        return stage;
    }

    private Queue<Object> queue(SinkSpec s, Sink<Object> inner, DropListener drop) {
        Queue.Builder<Object> qb = Queue.builder(inner).name(s.name()).dropListener(drop);
        if (threads != null) {
            qb.threadFactory(threads);
        }
        SinkSpec.QueueBound bound = s.queue();
        if (bound.bounded()) {
            qb.capacity(bound.capacity()).overflow(bound.overflow());
            if (bound.maxWait() != null) {
                qb.maxWait(bound.maxWait());
            }
        }
        return qb.build();
    }

    /**
     * The matcher of a sink's filter ({@code filter.types} classes and the {@code filter.matcher}
     * bean), or {@code null} for none; what cannot be found goes to {@code problems}.
     */
    private static Matcher<Object> matcher(SinkSpec spec, BeanLookup lookup, List<String> problems) {
        SinkSpec.Filter f = spec.filter();
        if (!f.any()) {
            return null;
        }
        List<Class<?>> types = new ArrayList<>();
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        // a configured sink's "bean class" is its provider, which may sit in a library's class loader
        ClassLoader loader = spec.binding().kind() == SinkKind.CONFIGURED && tccl != null ? tccl
                : spec.binding().beanClass().getClassLoader();
        for (String name : f.types()) {
            try {
                types.add(SinkRules.load(name, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(Keys.of(spec.name(), Keys.FILTER_TYPES) + "=" + String.join(",", f.types()) + ": class "
                        + name + " not found; allowed: fully-qualified names of classes visible to the application");
            }
        }
        Matcher<Object> bean = f.matcher() == null ? null : bean(spec, f.matcher(), lookup, problems);
        Matcher<Object> byType = types.isEmpty() ? null
                : new Labeled(event -> types.stream().anyMatch(t -> t.isInstance(event)), "types" + f.types());
        if (byType == null || bean == null) {
            return byType != null ? byType : bean;
        }
        return new Labeled(event -> byType.match(event) && bean.match(event), byType + " and " + bean);
    }

    private static Matcher<Object> bean(SinkSpec spec, String name, BeanLookup lookup, List<String> problems) {
        String key = Keys.of(spec.name(), Keys.FILTER_MATCHER) + "=" + name;
        List<Instance.Handle<Object>> found = lookup.byName(name);
        if (found.isEmpty()) {
            problems.add(key + ": there is no bean named '" + name + "'; allowed: the name of a @Named bean"
                    + " implementing dev.sinkwire.Matcher");
            return null;
        }
        if (found.size() > 1) {
            problems.add(key + ": more than one bean is named '" + name + "'; allowed: exactly one @Named bean"
                    + " implementing dev.sinkwire.Matcher");
            return null;
        }
        Object bean = found.get(0).get();
        if (bean instanceof Matcher<?> m) {
            @SuppressWarnings("unchecked")
            Matcher<Object> typed = (Matcher<Object>) m;
            return new Labeled(typed, "matcher '" + name + "'");
        }
        problems.add(key + ": bean '" + name + "' is a " + bean.getClass().getName() + ", not a"
                + " dev.sinkwire.Matcher; allowed: a @Named bean implementing Matcher");
        return null;
    }

    /** A matcher named in the chain line. Safe for concurrent use as far as {@code matcher} is. */
    private record Labeled(Matcher<Object> matcher, String label) implements Matcher<Object> {
        @Override
        public boolean match(Object event) {
            return matcher.match(event);
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
