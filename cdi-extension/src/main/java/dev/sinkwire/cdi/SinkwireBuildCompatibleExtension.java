/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.config.ConfiguredSinks;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.SinkDeclaration;
import dev.sinkwire.cdi.config.SinkRules;
import dev.sinkwire.cdi.lite.LiteComponents;
import dev.sinkwire.cdi.lite.LiteSinks;
import dev.sinkwire.cdi.lite.LiteTypes;
import dev.sinkwire.core.Broadcaster;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.build.compatible.spi.BeanInfo;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.InterceptorInfo;
import jakarta.enterprise.inject.build.compatible.spi.InvokerFactory;
import jakarta.enterprise.inject.build.compatible.spi.InvokerInfo;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanBuilder;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.build.compatible.spi.Types;
import jakarta.enterprise.inject.build.compatible.spi.Validation;
import jakarta.enterprise.lang.model.AnnotationInfo;
import jakarta.enterprise.lang.model.declarations.ClassInfo;
import jakarta.enterprise.lang.model.declarations.MethodInfo;
import jakarta.enterprise.lang.model.types.Type;
import jakarta.inject.Qualifier;
import jakarta.inject.Singleton;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The build compatible front end, for CDI Lite containers (Quarkus ArC); skipped when the portable
 * {@link SinkwireExtension} runs. Collects the {@link EventSink @EventSink} declarations during
 * registration (with a method invoker per method sink), adds a synchronous and an asynchronous
 * synthetic observer per sink, the injectable chains and broadcaster, and one synthetic singleton
 * holding the runtime graph, which is built when the application context is initialized (so a
 * bad configuration fails startup; ArC, where {@code CDI.current()} does not work yet at that
 * point, builds it at {@code Startup} instead) and closed when it is about to be destroyed. Only
 * what is specific to CDI Lite lives here; the rules and the registration pattern are shared
 * with the portable front end. Registered in
 * {@code META-INF/services/jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension}.
 *
 * <p>The container calls the extension methods from one thread during the build; the classes it
 * instantiates at run time are in {@code lite.LiteComponents}.
 */
@SkipIfPortableExtensionPresent(SinkwireExtension.class)
public class SinkwireBuildCompatibleExtension implements BuildCompatibleExtension {

    /** ACC_SYNTHETIC | ACC_BRIDGE: javac copies a method's annotations to its bridge methods. */
    private static final int SYNTHETIC_OR_BRIDGE = 0x1000 | 0x0040;

    /** A method sink's invoker, and how its target instance is found ({@code LiteSinks.TARGET}). */
    private record Call(InvokerInfo invoker, String target) {
    }

    private final List<FrontEnd.Found<ClassInfo, Type, AnnotationInfo, Call>> found = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    /** The binding names of every interceptor, to detect an FT implementation. */
    private final List<List<String>> interceptorBindings = new ArrayList<>();
    private final String deploymentId = UUID.randomUUID().toString();

    /** Created by the container through {@link java.util.ServiceLoader}. */
    public SinkwireBuildCompatibleExtension() {
        // nothing to set up
    }

    /**
     * Collects class sinks and method sinks from every class bean.
     *
     * @param bean a bean
     * @param invokers creates the invokers of method sinks
     * @param types builds types
     */
    @Registration(types = Object.class)
    public void collect(BeanInfo bean, InvokerFactory invokers, Types types) {
        if (!bean.isClassBean()) {
            return;
        }
        ClassInfo clazz = bean.declaringClass();
        if (clazz.hasAnnotation(EventSink.class)) { // the class is a sink exactly when Sink<T> is among its supertypes
            Type t = LiteTypes.sinkEventType(clazz, types);
            SinkDeclaration d = SinkRules.onInterceptorOrDecorator(SinkRules.classSink(
                    clazz.annotation(EventSink.class).value().asString(), clazz.name(), clazz.simpleName(),
                    t == null ? null : LiteTypes.display(t), t != null && LiteTypes.hasTypeVariable(t)),
                    bean.isInterceptor());
            found.add(new FrontEnd.Found<>(d, clazz, t, qualifiers(clazz.annotations(), false), null));
        }
        for (MethodInfo method : clazz.methods()) {
            if (!method.hasAnnotation(EventSink.class) || !method.declaringClass().name().equals(clazz.name())
                    || (method.modifiers() & SYNTHETIC_OR_BRIDGE) != 0) {
                continue;
            }
            List<String> params = method.parameters().stream().map(p -> LiteTypes.display(p.type())).toList();
            SinkDeclaration d = SinkRules.onInterceptorOrDecorator(SinkRules.methodSink(
                    method.annotation(EventSink.class).value().asString(), clazz.name(), clazz.simpleName(),
                    method.name(), params, Modifier.isPrivate(method.modifiers()),
                    method.parameters().stream().anyMatch(p -> p.hasAnnotation(Observes.class)
                            || p.hasAnnotation(ObservesAsync.class)),
                    params.size() == 1 && LiteTypes.hasTypeVariable(method.parameters().get(0).type())),
                    bean.isInterceptor()); // CDI Lite has no decorators
            List<AnnotationInfo> qualifiers = qualifiers(method.annotations(), false);
            if (d.problem() != null || params.size() != 1) {
                found.add(new FrontEnd.Found<>(d, clazz, null, qualifiers, null));
                continue;
            }
            qualifiers.addAll(qualifiers(method.parameters().get(0).annotations(), true));
            // no instance lookup of the invoker's: it resolves the bean class with the bean's qualifiers, which
            // is ambiguous with a subclass bean and picks an enabled alternative; the declaring bean is found
            // by its exact class when the graph is built, as in the portable front end
            String target = Modifier.isStatic(method.modifiers()) ? LiteSinks.STATIC
                    : bean.scope().isNormal() ? LiteSinks.PROXY : LiteSinks.LOOKUP;
            found.add(new FrontEnd.Found<>(d, clazz, method.parameters().get(0).type(), qualifiers,
                    new Call(invokers.createInvoker(bean, method).build(), target)));
        }
    }

    /**
     * Notes the interceptor bindings of every interceptor, to tell whether an FT implementation
     * intercepts {@code @Retry} ({@code FtMode.lite}).
     *
     * @param interceptor an interceptor
     */
    @Registration(types = Object.class)
    public void interceptors(InterceptorInfo interceptor) {
        interceptorBindings.add(interceptor.interceptorBindings().stream().map(AnnotationInfo::name).toList());
    }

    private static List<AnnotationInfo> qualifiers(Collection<AnnotationInfo> annotations, boolean onParameter) {
        return SinkRules.restricting(annotations, AnnotationInfo::name,
                a -> a.declaration().hasAnnotation(Qualifier.class), onParameter);
    }

    /**
     * Validates the declarations and adds the synthetic observers and beans.
     *
     * @param syn adds synthetic components
     * @param types builds types
     */
    @Synthesis
    public void synthesize(SyntheticComponents syn, Types types) {
        List<ConfiguredSinks.Declared> configured = FrontEnd.register(new Registrar(syn, types, deploymentId), found,
                problems);
        if (configured == null) {
            return;
        }
        SyntheticBeanBuilder<LiteComponents.RuntimeHolder> holder = syn.addBean(LiteComponents.RuntimeHolder.class)
                .type(LiteComponents.RuntimeHolder.class).scope(Singleton.class)
                .createWith(LiteComponents.HolderCreator.class).disposeWith(LiteComponents.HolderDisposer.class)
                // looked up programmatically: a name keeps ArC from removing it
                .name("sinkwire-runtime-" + deploymentId)
                .withParam(LiteComponents.ID, deploymentId)
                .withParam(LiteComponents.FT_MODE, FtMode.lite(interceptorBindings).name());
        describe(syn, holder, configured);
        syn.addBean(Broadcaster.class).type(types.parameterized(Broadcaster.class, Object.class))
                .scope(Dependent.class).createWith(LiteComponents.BroadcasterCreator.class);
        syn.addBean(SinkwireStats.class).type(SinkwireStats.class)
                .scope(Dependent.class).createWith(LiteComponents.StatsCreator.class);
        syn.addObserver(Object.class).qualifier(Initialized.Literal.APPLICATION).priority(SinkRules.START_PRIORITY)
                .observeWith(LiteComponents.StartObserver.class).withParam(LiteComponents.ID, deploymentId);
        syn.addObserver(Startup.class).priority(SinkRules.START_PRIORITY)
                .observeWith(LiteComponents.StartupObserver.class).withParam(LiteComponents.ID, deploymentId);
        syn.addObserver(Object.class).qualifier(BeforeDestroyed.Literal.APPLICATION).priority(SinkRules.STOP_PRIORITY)
                .observeWith(LiteComponents.StopObserver.class).withParam(LiteComponents.ID, deploymentId);
    }

    /**
     * Writes the sinks onto the holder bean for {@link LiteSinks#read}, and adds one
     * {@link LiteSinks.InvokerProvider} per bean class with method sinks.
     */
    private void describe(SyntheticComponents syn, SyntheticBeanBuilder<?> holder,
            List<ConfiguredSinks.Declared> configured) {
        Map<String, List<FrontEnd.Found<ClassInfo, Type, AnnotationInfo, Call>>> withInvokers = new LinkedHashMap<>();
        for (FrontEnd.Found<ClassInfo, Type, AnnotationInfo, Call> f : found) {
            String name = f.declaration().name();
            holder.withParam(LiteSinks.KIND + name, f.declaration().kind().name())
                    .withParam(LiteSinks.EVENT + name, LiteTypes.erasureName(f.eventType()))
                    .withParam(LiteSinks.WHERE + name, f.declaration().describe())
                    .withParam(LiteSinks.BEAN + name, f.beanClass())
                    .withParam(LiteSinks.TARGET + name, f.call() != null ? f.call().target() : "");
            if (f.call() != null) {
                withInvokers.computeIfAbsent(f.beanClass().name(), k -> new ArrayList<>()).add(f);
            }
        }
        holder.withParam(LiteSinks.SINKS, found.stream().map(f -> f.declaration().name()).toArray(String[]::new))
                .withParam(LiteSinks.CONFIGURED, configured.stream().map(d -> d.name()).toArray(String[]::new));
        // one observer per bean class, declared by it, so generated where its invokers are visible
        // (ArC names a synthetic observer after its class and attributes: two per class would clash)
        for (List<FrontEnd.Found<ClassInfo, Type, AnnotationInfo, Call>> of : withInvokers.values()) {
            syn.addObserver(LiteSinks.InvokerRequest.class).declaringClass(of.get(0).beanClass())
                    .observeWith(LiteSinks.InvokerProvider.class)
                    .withParam(LiteSinks.INVOKER_SINKS, of.stream().map(f -> f.declaration().name())
                            .toArray(String[]::new))
                    .withParam(LiteSinks.INVOKERS, of.stream().map(f -> f.call().invoker())
                            .toArray(InvokerInfo[]::new));
        }
    }

    /** Registers observers and chain beans with the CDI Lite API. */
    private record Registrar(SyntheticComponents syn, Types types, String deploymentId)
            implements FrontEnd.Registrar<ClassInfo, Type, AnnotationInfo> {

        @Override
        public void observer(ClassInfo declaringClass, String sink, Type eventType, List<AnnotationInfo> qualifiers,
                boolean async, boolean skipLifecycle) {
            var observer = syn.addObserver(eventType).async(async)
                    .observeWith(skipLifecycle ? LiteComponents.LifecycleSkippingSinkObserver.class
                            : LiteComponents.SinkObserver.class)
                    .withParam(LiteComponents.ID, deploymentId).withParam(LiteComponents.SINK, sink)
                    .withParam(LiteComponents.INLET, LiteComponents.inletKey(deploymentId, sink));
            if (declaringClass != null) {
                observer.declaringClass(declaringClass);
            } else {
                observer.declaringClass(SinkwireBuildCompatibleExtension.class);
            }
            qualifiers.forEach(observer::qualifier);
        }

        @Override
        public void chain(String sink, Type eventType) {
            Type boxed = eventType.isPrimitive()
                    ? types.of(SinkRules.box(SinkRules.PRIMITIVES.get(eventType.asPrimitive().name()))) : eventType;
            syn.addBean(Sink.class).type(types.parameterized(Sink.class, boxed)).qualifier(SinkChain.Literal.of(sink))
                    .scope(Dependent.class).createWith(LiteComponents.ChainCreator.class)
                    .withParam(LiteComponents.SINK, sink);
        }

        @Override
        public Type type(Class<?> type) {
            return types.of(type);
        }

        @Override
        public List<AnnotationInfo> any() {
            return List.of();
        }

        @Override
        public boolean skipsLifecycle(Type eventType, List<AnnotationInfo> qualifiers) {
            return SinkRules.skipsContextLifecycle(LiteTypes.erasureName(eventType), LiteTypes.isInterface(eventType),
                    qualifiers.stream().map(AnnotationInfo::name).toList());
        }
    }

    /**
     * Reports what registration and synthesis found wrong.
     *
     * @param messages reports errors
     */
    @Validation
    public void validate(Messages messages) {
        problems.forEach(p -> messages.error("Sinkwire: " + p));
    }
}
