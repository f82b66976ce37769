/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.EventSink;
import dev.sinkwire.cdi.config.ConfiguredSinks;
import dev.sinkwire.cdi.config.MethodCall;
import dev.sinkwire.cdi.config.MpConfigView;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SinkDeclaration;
import dev.sinkwire.cdi.config.SinkRules;
import dev.sinkwire.cdi.portable.DiscoveredBeans;
import dev.sinkwire.cdi.portable.FtProbe;
import dev.sinkwire.cdi.portable.LookupMethodCall;
import dev.sinkwire.cdi.portable.ReflectionTypes;
import dev.sinkwire.cdi.runtime.SinkwireRuntime;
import dev.sinkwire.core.Broadcaster;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Decorator;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The portable front end (Weld: Open Liberty, Payara, WildFly, Weld SE). Collects the
 * {@link EventSink @EventSink} declarations while beans are processed, adds a synchronous and an
 * asynchronous synthetic observer per sink plus the injectable chains and broadcaster, builds
 * the graph after deployment validation, and closes it when the application context is about to
 * be destroyed. Registered in {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 *
 * <p>The container calls its observer methods from one thread during bootstrap; the running
 * graph it holds is safe for concurrent use.
 */
public class SinkwireExtension implements Extension {

    private final List<FrontEnd.Found<Class<?>, Type, Annotation, MethodCall>> found = new ArrayList<>();
    private final List<SinkBinding> bindings = new ArrayList<>();
    /* The beans seen during discovery: on Payara the extension's own bean manager does not
       resolve the beans of WEB-INF/classes (each jar of WEB-INF/lib is its own bean archive). */
    private final Map<Class<?>, List<Bean<?>>> beansByClass = new HashMap<>();
    private final Map<String, List<Bean<?>>> beansByName = new HashMap<>();
    private final List<Bean<?>> defaultBeans = new ArrayList<>();
    /* Interceptor bindings an FT implementation added to sink beans (Open Liberty's own binding, not @Retry). */
    private final Set<Annotation> ftImplementationBindings = new LinkedHashSet<>();
    private volatile SinkwireRuntime runtime;

    /** Created by the container through {@link java.util.ServiceLoader}. */
    public SinkwireExtension() {
        // nothing to set up
    }

    /** Collects the class sink and the method sinks of one managed bean. */
    <X> void collect(@Observes ProcessManagedBean<X> event, BeanManager bm) {
        AnnotatedType<X> type = event.getAnnotatedBeanClass();
        Class<X> beanClass = type.getJavaClass();
        EventSink classSink = type.getAnnotation(EventSink.class);
        if (classSink != null || type.getMethods().stream().anyMatch(m -> m.isAnnotationPresent(EventSink.class))) {
            FtProbe.collectImplementationBindings(type, ftImplementationBindings);
        }
        if (classSink != null) {
            Type eventType = ReflectionTypes.sinkEventType(type.getTypeClosure());
            SinkDeclaration d = SinkRules.onInterceptorOrDecorator(SinkRules.classSink(classSink.value(),
                    beanClass.getName(), beanClass.getSimpleName(), eventType == null ? null : eventType.getTypeName(),
                    eventType != null && ReflectionTypes.hasTypeVariable(eventType)), interceptorOrDecorator(event));
            List<Annotation> qualifiers = qualifiers(type.getAnnotations(), bm, false);
            found.add(new FrontEnd.Found<>(d, beanClass, eventType, qualifiers, null));
            beansByClass.computeIfAbsent(beanClass, c -> new ArrayList<>()).add(event.getBean());
        }
        for (AnnotatedMethod<? super X> method : type.getMethods()) {
            EventSink methodSink = method.getAnnotation(EventSink.class);
            Method m = method.getJavaMember();
            if (methodSink == null || m.getDeclaringClass() != beanClass || m.isBridge() || m.isSynthetic()) {
                continue;
            }
            List<String> params = Arrays.stream(m.getGenericParameterTypes()).map(Type::getTypeName).toList();
            SinkDeclaration d = SinkRules.onInterceptorOrDecorator(SinkRules.methodSink(methodSink.value(),
                    beanClass.getName(), beanClass.getSimpleName(), m.getName(), params,
                    Modifier.isPrivate(m.getModifiers()),
                    method.getParameters().stream().anyMatch(p -> p.isAnnotationPresent(Observes.class)
                            || p.isAnnotationPresent(ObservesAsync.class)),
                    params.size() == 1 && ReflectionTypes.hasTypeVariable(m.getGenericParameterTypes()[0])),
                    interceptorOrDecorator(event));
            List<Annotation> qualifiers = qualifiers(method.getAnnotations(), bm, false);
            if (d.problem() != null || params.size() != 1) {
                found.add(new FrontEnd.Found<>(d, beanClass, null, qualifiers, null));
                continue;
            }
            AnnotatedParameter<?> parameter = method.getParameters().get(0);
            qualifiers.addAll(qualifiers(parameter.getAnnotations(), bm, true));
            found.add(new FrontEnd.Found<>(d, beanClass, parameter.getBaseType(), qualifiers,
                    new LookupMethodCall(bm, event.getBean(), m)));
        }
    }

    private static boolean interceptorOrDecorator(ProcessManagedBean<?> event) {
        return event.getBean() instanceof Interceptor || event.getBean() instanceof Decorator;
    }

    /**
     * Remembers named beans, the candidates for {@code filter.matcher}, and {@code @Default} beans, which a configured
     * sink's provider may ask for by type.
     */
    void named(@Observes ProcessBean<?> event) {
        if (event.getBean().getQualifiers().contains(Default.Literal.INSTANCE)) {
            defaultBeans.add(event.getBean()); // for a configured sink's provider (its Jsonb, say)
        }
        String name = event.getBean().getName();
        if (name != null) {
            beansByName.computeIfAbsent(name, n -> new ArrayList<>()).add(event.getBean());
        }
    }

    private static List<Annotation> qualifiers(Set<Annotation> annotations, BeanManager bm, boolean onParameter) {
        return SinkRules.restricting(annotations, a -> a.annotationType().getName(),
                a -> bm.isQualifier(a.annotationType()), onParameter);
    }

    /** Validates the declarations; adds the synthetic observers, chains and broadcaster. */
    void register(@Observes AfterBeanDiscovery abd) {
        List<String> problems = new ArrayList<>();
        List<ConfiguredSinks.Declared> configured = FrontEnd.register(new Registrar(this, abd), found, problems);
        problems.forEach(p -> abd.addDefinitionError(new DefinitionException("Sinkwire: " + p)));
        if (configured == null) {
            return;
        }
        for (FrontEnd.Found<Class<?>, Type, Annotation, MethodCall> f : found) {
            bindings.add(new SinkBinding(f.declaration().name(), f.declaration().kind(), f.declaration().describe(),
                    f.beanClass(), ReflectionTypes.erasure(f.eventType()), f.call()));
        }
        configured.forEach(d -> bindings.add(SinkBinding.configured(d)));
        addBean(abd, "broadcaster", Default.Literal.INSTANCE, "inject the broadcaster", SinkwireRuntime::broadcaster,
                ReflectionTypes.parameterized(Broadcaster.class, Object.class));
        addBean(abd, "stats", Default.Literal.INSTANCE, "inject SinkwireStats", SinkwireRuntime::stats,
                SinkwireStats.class, Object.class);
    }

    /** Adds a dependent bean, declared by this extension, that the running graph supplies. */
    private void addBean(AfterBeanDiscovery abd, String id, Annotation qualifier, String action,
            Function<SinkwireRuntime, Object> get, Type... types) {
        abd.addBean().beanClass(SinkwireExtension.class).id(SinkwireExtension.class.getName() + "." + id)
                .types(types).qualifiers(qualifier, Any.Literal.INSTANCE).scope(Dependent.class)
                .createWith(cc -> get.apply(runtime(action)));
    }

    /** Registers observers and chain beans with the portable API. */
    private record Registrar(SinkwireExtension extension, AfterBeanDiscovery abd)
            implements FrontEnd.Registrar<Class<?>, Type, Annotation> {

        @Override
        public void observer(Class<?> declaringClass, String sink, Type eventType, List<Annotation> qualifiers,
                boolean async, boolean skipLifecycle) {
            abd.addObserverMethod()
                    .beanClass(declaringClass == null ? SinkwireExtension.class : declaringClass)
                    .observedType(eventType)
                    .qualifiers(qualifiers.toArray(new Annotation[0]))
                    .reception(Reception.ALWAYS)
                    .async(async)
                    .notifyWith(ctx -> extension.deliver(sink, skipLifecycle, ctx));
        }

        @Override
        public void chain(String sink, Type eventType) {
            extension.addBean(abd, "chain." + sink, SinkChain.Literal.of(sink),
                    "inject the chain of sink '" + sink + "'", r -> r.chain(sink), ReflectionTypes.sinkOf(eventType));
        }

        @Override
        public Type type(Class<?> type) {
            return type;
        }

        @Override
        public List<Annotation> any() {
            return List.of(Any.Literal.INSTANCE);
        }

        @Override
        public boolean skipsLifecycle(Type eventType, List<Annotation> qualifiers) {
            Class<?> erasure = ReflectionTypes.erasure(eventType);
            return SinkRules.skipsContextLifecycle(erasure.getName(), erasure.isInterface(),
                    qualifiers.stream().map(q -> q.annotationType().getName()).toList());
        }
    }

    private void deliver(String sink, boolean filterLifecycle, EventContext<?> ctx) {
        if (filterLifecycle && SinkRules.isContextLifecycle(ctx.getMetadata().getQualifiers())) {
            return;
        }
        SinkwireRuntime r = runtime; // the hot path: no message built per event
        if (r == null) {
            throw notStarted("deliver an event to sink '" + sink + "'");
        }
        r.deliver(sink, ctx.getEvent());
    }

    private SinkwireRuntime runtime(String action) {
        SinkwireRuntime r = runtime;
        if (r == null) {
            throw notStarted(action);
        }
        return r;
    }

    private static IllegalStateException notStarted(String action) {
        return new IllegalStateException("Sinkwire cannot " + action + " before the application has started");
    }

    /** Reads the configuration and builds the graph; a problem fails deployment. */
    void start(@Observes AfterDeploymentValidation adv, BeanManager bm) {
        if (!found.isEmpty() && bindings.isEmpty()) {
            return; // definition errors were reported
        }
        try {
            runtime = SinkwireRuntime.start(bindings, MpConfigView.load(),
                    DiscoveredBeans.of(bm, beansByClass, beansByName, defaultBeans),
                    bm.getEvent().select(DeadLetter.class), FtProbe.mode(bm, ftImplementationBindings));
        } catch (ProblemsException e) {
            adv.addDeploymentProblem(new DeploymentException(e.getMessage()));
        }
    }

    /** Closes the graph before the application context is destroyed, so that sinks still work. */
    void stop(@Observes @Priority(SinkRules.STOP_PRIORITY) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        close();
    }

    /** Closes the graph, if the application context's destruction was not announced. */
    void shutdown(@Observes BeforeShutdown event) {
        close();
    }

    private void close() {
        SinkwireRuntime r = runtime;
        if (r != null) {
            r.close();
        }
    }
}
