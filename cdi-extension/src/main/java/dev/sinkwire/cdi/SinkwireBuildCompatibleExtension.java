/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.SinkDeclaration;
import dev.sinkwire.cdi.config.SinkKind;
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
import java.util.List;
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

    /** One collected declaration (a class sink's is completed at synthesis) and what is needed to wire it. */
    private record Pending(SinkDeclaration declaration, ClassInfo beanClass, Type eventType,
            List<AnnotationInfo> qualifiers, InvokerInfo invoker, boolean proxied) {
    }

    private final List<Pending> pending = new ArrayList<>();
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
     */
    @Registration(types = Object.class)
    public void collect(BeanInfo bean, InvokerFactory invokers) {
        if (!bean.isClassBean()) {
            return;
        }
        ClassInfo clazz = bean.declaringClass();
        if (clazz.hasAnnotation(EventSink.class)) {
            String declared = clazz.annotation(EventSink.class).value().asString();
            pending.add(new Pending(SinkDeclaration.ofClass(declared, clazz.name(), clazz.simpleName(), true, null,
                    null), clazz, null, qualifiers(clazz.annotations(), false), null, false));
        }
        for (MethodInfo method : clazz.methods()) {
            if (!method.hasAnnotation(EventSink.class) || !method.declaringClass().name().equals(clazz.name())
                    || (method.modifiers() & SYNTHETIC_OR_BRIDGE) != 0) {
                continue;
            }
            List<String> params = method.parameters().stream().map(p -> LiteTypes.display(p.type())).toList();
            SinkDeclaration d = SinkRules.methodSink(method.annotation(EventSink.class).value().asString(),
                    clazz.name(), clazz.simpleName(), method.name(), params, Modifier.isPrivate(method.modifiers()),
                    method.parameters().stream().anyMatch(p -> p.hasAnnotation(Observes.class)
                            || p.hasAnnotation(ObservesAsync.class)),
                    params.size() == 1 && LiteTypes.hasTypeVariable(method.parameters().get(0).type()));
            List<AnnotationInfo> qualifiers = qualifiers(method.annotations(), false);
            if (d.problem() != null || params.size() != 1) {
                pending.add(new Pending(d, clazz, null, qualifiers, null, false));
                continue;
            }
            qualifiers.addAll(qualifiers(method.parameters().get(0).annotations(), true));
            // a normal-scoped bean's client proxy is looked up once, when the graph is built, and
            // passed to every call; @Dependent and @Singleton beans are looked up per call
            boolean proxied = bean.scope().isNormal();
            var builder = invokers.createInvoker(bean, method);
            pending.add(new Pending(d, clazz, method.parameters().get(0).type(), qualifiers,
                    (proxied ? builder : builder.withInstanceLookup()).build(), proxied));
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
        List<Pending> resolved = new ArrayList<>();
        for (Pending p : pending) {
            SinkDeclaration d = p.declaration;
            if (d.kind() == SinkKind.CLASS) { // the class is a sink exactly when Sink<T> is among its supertypes
                Type t = LiteTypes.sinkEventType(p.beanClass, types);
                d = SinkRules.classSink(d.declaredName(), d.className(), d.simpleName(),
                        t == null ? null : LiteTypes.display(t), t != null && LiteTypes.hasTypeVariable(t));
                p = new Pending(d, p.beanClass, t, p.qualifiers, null, false);
            }
            resolved.add(p);
        }
        problems.addAll(SinkRules.validate(resolved.stream().map(Pending::declaration).toList()));
        if (!problems.isEmpty()) {
            return;
        }
        SyntheticBeanBuilder<LiteComponents.RuntimeHolder> holder = syn.addBean(LiteComponents.RuntimeHolder.class)
                .type(LiteComponents.RuntimeHolder.class).scope(Singleton.class)
                .createWith(LiteComponents.HolderCreator.class).disposeWith(LiteComponents.HolderDisposer.class)
                .name("sinkwire-runtime-" + deploymentId) // looked up programmatically: a name keeps ArC from removing it
                .withParam(LiteComponents.ID, deploymentId)
                .withParam(LiteComponents.FT_MODE, FtMode.lite(interceptorBindings).name());
        List<LiteSinks.Described> described = new ArrayList<>();
        for (Pending p : resolved) {
            String name = p.declaration.name();
            described.add(new LiteSinks.Described(name, p.declaration.kind(), LiteTypes.erasureName(p.eventType),
                    p.declaration.describe(), p.beanClass, p.invoker, p.proxied));
            // only a sink whose event type can carry a context lifecycle payload pays the check per event
            boolean skipLifecycle = SinkRules.skipsContextLifecycle(LiteTypes.erasureName(p.eventType),
                    LiteTypes.isInterface(p.eventType), p.qualifiers.stream().map(AnnotationInfo::name).toList());
            FrontEnd.register(new Registrar(syn, types, p.beanClass, deploymentId), name, p.eventType, p.qualifiers,
                    skipLifecycle);
        }
        List<String> configured = FrontEnd.registerConfigured(new Registrar(syn, types, null, deploymentId),
                described.stream().map(LiteSinks.Described::name).toList(), problems).stream().map(d -> d.name())
                .toList();
        LiteSinks.describe(syn, holder, described, configured);
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

    /** Registers observers and chain beans with the CDI Lite API, declared by one class (or this extension). */
    private record Registrar(SyntheticComponents syn, Types types, ClassInfo declaringClass, String deploymentId)
            implements FrontEnd.Registrar<Type, AnnotationInfo> {

        @Override
        public void observer(String sink, Type eventType, List<AnnotationInfo> qualifiers, boolean async,
                boolean skipLifecycle) {
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
