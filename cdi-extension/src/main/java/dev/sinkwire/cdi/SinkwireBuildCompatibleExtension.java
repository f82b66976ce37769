package dev.sinkwire.cdi;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.core.Broadcaster;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.BeanInfo;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.InterceptorInfo;
import jakarta.enterprise.inject.build.compatible.spi.InvokerFactory;
import jakarta.enterprise.inject.build.compatible.spi.InvokerInfo;
import jakarta.enterprise.inject.build.compatible.spi.Messages;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.Registration;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanBuilder;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanDisposer;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticObserver;
import jakarta.enterprise.inject.build.compatible.spi.Types;
import jakarta.enterprise.inject.build.compatible.spi.Validation;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.invoke.Invoker;
import jakarta.enterprise.lang.model.AnnotationInfo;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.enterprise.lang.model.declarations.ClassInfo;
import jakarta.enterprise.lang.model.declarations.MethodInfo;
import jakarta.enterprise.lang.model.types.Type;
import jakarta.inject.Qualifier;
import jakarta.inject.Singleton;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The build compatible front end, for CDI Lite containers (Quarkus ArC); skipped when the portable
 * {@link SinkwireExtension} runs. Collects the {@link EventSink @EventSink} declarations during
 * registration (with a method invoker per method sink), adds a synchronous and an asynchronous
 * synthetic observer per sink, the injectable chains and broadcaster, and one synthetic singleton
 * holding the runtime graph, which is built when the application context is initialized (so a
 * bad configuration fails startup) and closed when it is about to be destroyed. Registered in
 * {@code META-INF/services/jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension}.
 *
 * <p>The container calls the extension methods from one thread during the build. The nested
 * public classes are for the container only (it instantiates them by name); they are not API.
 */
@SkipIfPortableExtensionPresent(SinkwireExtension.class)
public class SinkwireBuildCompatibleExtension implements BuildCompatibleExtension {

    /** Runtimes by deployment id: synthetic observers have no bean lookup of their own. */
    private static final Map<String, RuntimeHolder> RUNNING = new ConcurrentHashMap<>();

    private static final String ID = "id";
    private static final String SINK = "sink";
    private static final String LIFECYCLE = "lifecycle";
    private static final String FT_MODE = "ftMode";
    private static final String CONFIGURED = "configured";
    /** ACC_SYNTHETIC | ACC_BRIDGE: javac copies a method's annotations to its bridge methods. */
    private static final int SYNTHETIC_OR_BRIDGE = 0x1000 | 0x0040;

    /** One collected declaration and what this front end needs to wire it. */
    private record Pending(SinkDeclaration declaration, ClassInfo beanClass, ClassInfo classSink, Type eventType,
            List<AnnotationInfo> qualifiers, InvokerInfo invoker) {
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
            SinkDeclaration d = SinkDeclaration.ofClass(declared, clazz.name(), clazz.simpleName(), isSink(clazz), null,
                    null);
            List<AnnotationInfo> qualifiers = qualifiers(clazz.annotations(), FrontEnds.IGNORED_QUALIFIERS);
            pending.add(new Pending(d, clazz, clazz, null, qualifiers, null));
        }
        for (MethodInfo method : clazz.methods()) {
            if (!method.hasAnnotation(EventSink.class) || !method.declaringClass().name().equals(clazz.name())
                    || (method.modifiers() & SYNTHETIC_OR_BRIDGE) != 0) {
                continue;
            }
            List<String> params = new ArrayList<>();
            method.parameters().forEach(p -> params.add(LiteTypes.display(p.type())));
            String problem = null;
            if (Modifier.isPrivate(method.modifiers())) {
                problem = "a method sink must not be private; allowed: a public, protected or package-private method";
            } else if (method.parameters().stream().anyMatch(
                    p -> p.hasAnnotation(Observes.class) || p.hasAnnotation(ObservesAsync.class))) {
                problem = "a method sink is not an observer method; remove @Observes/@ObservesAsync";
            } else if (params.size() == 1 && LiteTypes.hasTypeVariable(method.parameters().get(0).type())) {
                problem = "the event parameter's type " + params.get(0)
                        + " has a type variable; allowed: a concrete type";
            }
            String declared = method.annotation(EventSink.class).value().asString();
            SinkDeclaration d = SinkDeclaration.ofMethod(declared, clazz.name(), clazz.simpleName(), method.name(),
                    params, problem);
            List<AnnotationInfo> qualifiers = qualifiers(method.annotations(), FrontEnds.IGNORED_QUALIFIERS);
            Type eventType = null;
            InvokerInfo invoker = null;
            if (problem == null && params.size() == 1) {
                qualifiers.addAll(qualifiers(method.parameters().get(0).annotations(),
                        FrontEnds.IGNORED_PARAMETER_QUALIFIERS));
                eventType = method.parameters().get(0).type();
                invoker = invokers.createInvoker(bean, method).withInstanceLookup().build();
            }
            pending.add(new Pending(d, clazz, null, eventType, qualifiers, invoker));
        }
    }

    /**
     * Notes the interceptor bindings of every interceptor, to tell whether an FT implementation
     * intercepts {@code @Retry} ({@link FtMode#lite}).
     *
     * @param interceptor an interceptor
     */
    @Registration(types = Object.class)
    public void interceptors(InterceptorInfo interceptor) {
        interceptorBindings.add(interceptor.interceptorBindings().stream().map(AnnotationInfo::name).toList());
    }

    private static boolean isSink(ClassInfo clazz) {
        if (clazz.name().equals(Sink.class.getName())) {
            return true;
        }
        for (ClassInfo i : clazz.superInterfacesDeclarations()) {
            if (isSink(i)) {
                return true;
            }
        }
        return clazz.superClassDeclaration() != null && isSink(clazz.superClassDeclaration());
    }

    private static List<AnnotationInfo> qualifiers(java.util.Collection<AnnotationInfo> annotations,
            java.util.Set<Class<? extends java.lang.annotation.Annotation>> ignoredTypes) {
        List<AnnotationInfo> qualifiers = new ArrayList<>();
        for (AnnotationInfo a : annotations) {
            boolean ignored = ignoredTypes.stream().anyMatch(q -> q.getName().equals(a.name()));
            if (!ignored && a.declaration().hasAnnotation(Qualifier.class)) {
                qualifiers.add(a);
            }
        }
        return qualifiers;
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
            if (p.classSink != null && p.declaration.implementsSink()) {
                Type t = LiteTypes.sinkEventType(p.classSink, types);
                String problem = t != null && LiteTypes.hasTypeVariable(t)
                        ? "cannot resolve the event type " + LiteTypes.display(t) + " of Sink; allowed: a class that"
                                + " implements Sink<T> with T a concrete type, directly or through superclasses"
                        : null;
                SinkDeclaration d = p.declaration;
                d = SinkDeclaration.ofClass(d.declaredName(), d.className(), d.simpleName(), t != null,
                        t == null ? null : LiteTypes.display(t), problem);
                resolved.add(new Pending(d, p.beanClass, p.classSink, t, p.qualifiers, null));
            } else {
                resolved.add(p);
            }
        }
        problems.addAll(SinkNames.validate(resolved.stream().map(Pending::declaration).toList()));
        if (!problems.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        List<ClassInfo> beanClasses = new ArrayList<>();
        List<String> eventClasses = new ArrayList<>();
        List<InvokerInfo> invokers = new ArrayList<>();
        for (Pending p : resolved) {
            String name = p.declaration.name();
            names.add(name);
            kinds.add(p.declaration.kind().name());
            descriptions.add(p.declaration.describe());
            beanClasses.add(p.beanClass);
            eventClasses.add(LiteTypes.erasureName(p.eventType));
            if (p.invoker != null) {
                invokers.add(p.invoker);
            }
            boolean wantsLifecycle = p.qualifiers.stream().anyMatch(q -> q.name().equals(Initialized.class.getName())
                    || q.name().equals(BeforeDestroyed.class.getName())
                    || q.name().equals(jakarta.enterprise.context.Destroyed.class.getName()));
            for (boolean async : new boolean[] {false, true}) {
                var observer = syn.addObserver(p.eventType).declaringClass(p.beanClass).async(async)
                        .observeWith(SinkObserver.class)
                        .withParam(ID, deploymentId).withParam(SINK, name).withParam(LIFECYCLE, wantsLifecycle);
                p.qualifiers.forEach(observer::qualifier);
            }
            Type sinkType = types.parameterized(Sink.class, boxed(p.eventType, types));
            syn.addBean(Sink.class).type(sinkType).qualifier(SinkChain.Literal.of(name))
                    .scope(Dependent.class).createWith(ChainCreator.class).withParam(SINK, name);
        }
        List<String> configured = synthesizeConfigured(syn, types, names);
        syn.addBean(Broadcaster.class).type(types.parameterized(Broadcaster.class, Object.class))
                .scope(Dependent.class).createWith(BroadcasterCreator.class);
        syn.addBean(SinkwireStats.class).type(SinkwireStats.class)
                .scope(Dependent.class).createWith(SinkwireStatsCreator.class);
        SyntheticBeanBuilder<RuntimeHolder> holder = syn.addBean(RuntimeHolder.class).type(RuntimeHolder.class)
                .scope(Singleton.class).createWith(HolderCreator.class).disposeWith(HolderDisposer.class)
                .name("sinkwire-runtime-" + deploymentId) // looked up programmatically: a name keeps ArC from removing it
                .withParam(ID, deploymentId)
                .withParam(FT_MODE, FtMode.lite(interceptorBindings).name())
                .withParam("names", names.toArray(new String[0]))
                .withParam("kinds", kinds.toArray(new String[0]))
                .withParam("descriptions", descriptions.toArray(new String[0]))
                .withParam("beanClasses", beanClasses.toArray(new ClassInfo[0]))
                .withParam("eventClasses", eventClasses.toArray(new String[0]))
                .withParam("invokers", invokers.toArray(new InvokerInfo[0]))
                .withParam(CONFIGURED, configured.toArray(new String[0]));
        syn.addObserver(Object.class).qualifier(Initialized.Literal.APPLICATION).priority(FrontEnds.START_PRIORITY)
                .observeWith(StartObserver.class).withParam(ID, deploymentId);
        // ArC fires @Initialized(ApplicationScoped) before CDI.current() works: build the graph at Startup then
        syn.addObserver(jakarta.enterprise.event.Startup.class).priority(FrontEnds.START_PRIORITY)
                .observeWith(StartupObserver.class).withParam(ID, deploymentId);
        syn.addObserver(Object.class).qualifier(BeforeDestroyed.Literal.APPLICATION).priority(FrontEnds.STOP_PRIORITY)
                .observeWith(StopObserver.class).withParam(ID, deploymentId);
    }

    /**
     * Adds the observers and chain beans of the sinks declared in configuration alone
     * ({@code sinkwire.sinks.<name>.type}); the runtime reads their keys again and builds them.
     *
     * @return the names of the configured sinks
     */
    private List<String> synthesizeConfigured(SyntheticComponents syn, Types types, List<String> annotatedNames) {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = tccl != null ? tccl : SinkwireBuildCompatibleExtension.class.getClassLoader();
        ConfigView config;
        try {
            config = MpConfigView.load(loader);
        } catch (ProblemsException e) {
            return List.of(); // reported when the graph is built
        }
        List<String> names = new ArrayList<>();
        for (ConfiguredSinks.Declared d : ConfiguredSinks.discover(config, annotatedNames, loader, problems)) {
            String name = d.name();
            names.add(name);
            for (Class<?> eventClass : d.eventClasses()) {
                for (boolean async : new boolean[] {false, true}) {
                    syn.addObserver(types.of(eventClass)).declaringClass(SinkwireBuildCompatibleExtension.class).async(async)
                            .observeWith(SinkObserver.class)
                            .withParam(ID, deploymentId).withParam(SINK, name).withParam(LIFECYCLE, false);
                }
            }
            syn.addBean(Sink.class).type(types.parameterized(Sink.class, types.of(d.eventClass())))
                    .qualifier(SinkChain.Literal.of(name)).scope(Dependent.class).createWith(ChainCreator.class)
                    .withParam(SINK, name);
        }
        return names;
    }

    /**
     * The configured sinks at run time: the names found at build time, each with its type's provider
     * found again (their keys are read when the graph is built).
     */
    private static List<SinkBinding> configured(String[] buildTimeNames, List<String> annotatedNames, ConfigView config,
            ClassLoader loader, List<String> problems) {
        List<String> expected = List.of(buildTimeNames);
        List<SinkBinding> bindings = new ArrayList<>();
        List<ConfiguredSinks.Declared> found = ConfiguredSinks.discover(config, annotatedNames, loader, problems);
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
                problems.add("sink '" + name + "' was declared at build time by " + Settings.SINKS + name + "."
                        + ConfiguredSinks.TYPE + ", which is no longer set; allowed: keep the key, or rebuild");
            }
        }
        return bindings;
    }

    private static Type boxed(Type t, Types types) {
        if (!t.isPrimitive()) {
            return t;
        }
        return types.of(SinkBinding.box(primitive(t.asPrimitive().name())));
    }

    private static Class<?> primitive(String name) {
        try {
            return SinkBinding.load(name, null);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
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

    /** Holds one application's running graph. For the container only. Safe for concurrent use. */
    public static final class RuntimeHolder {
        /** The deployment this runtime belongs to. */
        final String id;
        /** The running graph. */
        final SinkwireRuntime runtime;

        /**
         * Holds a runtime.
         *
         * @param id the deployment id
         * @param runtime the running graph
         */
        RuntimeHolder(String id, SinkwireRuntime runtime) {
            this.id = id;
            this.runtime = runtime;
        }
    }

    private static SinkwireRuntime running(String id) {
        SinkwireRuntime runtime = runningOrNull(id);
        if (runtime == null) {
            throw new IllegalStateException("Sinkwire: deployment " + id + " has no CDI.current() yet; an event reached a sink before the container finished starting");
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

    /** Builds the graph when the singleton is created. For the container only. */
    public static final class HolderCreator implements SyntheticBeanCreator<RuntimeHolder> {
        /** Instantiated by the container. */
        public HolderCreator() {
        }

        @Override
        public RuntimeHolder create(Instance<Object> lookup, Parameters params) {
            String id = params.get(ID, String.class);
            String[] names = params.get("names", String[].class);
            String[] kinds = params.get("kinds", String[].class);
            String[] descriptions = params.get("descriptions", String[].class);
            Class<?>[] beanClasses = params.get("beanClasses", Class[].class);
            String[] eventClasses = params.get("eventClasses", String[].class);
            Invoker<?, ?>[] invokers = params.get("invokers", Invoker[].class);
            List<SinkBinding> bindings = new ArrayList<>();
            int nextInvoker = 0;
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                SinkKind kind = SinkKind.valueOf(kinds[i]);
                @SuppressWarnings("unchecked")
                Invoker<Object, Object> invoker = kind == SinkKind.METHOD
                        ? (Invoker<Object, Object>) invokers[nextInvoker++] : null;
                try {
                    Class<?> eventClass = SinkBinding.load(eventClasses[i], beanClasses[i].getClassLoader());
                    bindings.add(new SinkBinding(names[i], kind, descriptions[i], beanClasses[i], eventClass,
                            invoker == null ? null : invoker::invoke));
                } catch (ClassNotFoundException | LinkageError e) {
                    problems.add("sink '" + names[i] + "': cannot load its event type " + eventClasses[i] + ": " + e);
                }
            }
            try {
                if (!problems.isEmpty()) {
                    throw new ProblemsException(problems);
                }
                ClassLoader tccl = Thread.currentThread().getContextClassLoader();
                ClassLoader loader = tccl != null ? tccl : HolderCreator.class.getClassLoader();
                ConfigView config = MpConfigView.load(loader);
                String[] configured = params.get(CONFIGURED, String[].class);
                if (configured.length > 0) {
                    bindings.addAll(configured(configured, List.of(names), config, loader, problems));
                    if (!problems.isEmpty()) {
                        throw new ProblemsException(problems);
                    }
                }
                SinkwireRuntime runtime = SinkwireRuntime.start(bindings, config, lookup, deadLetters(lookup),
                        FtMode.valueOf(params.get(FT_MODE, String.class)));
                RuntimeHolder holder = new RuntimeHolder(id, runtime);
                RUNNING.put(id, holder);
                return holder;
            } catch (ProblemsException e) {
                throw new DeploymentException(e.getMessage());
            }
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
            System.getLogger(SinkwireBuildCompatibleExtension.class.getName()).log(System.Logger.Level.WARNING,
                    "Sinkwire: neither BeanContainer nor Event<DeadLetter> can be looked up; dead letters are only"
                            + " logged, not fired as CDI events");
            return null;
        }
    }

    /** Closes the graph when the singleton is destroyed. For the container only. */
    public static final class HolderDisposer implements SyntheticBeanDisposer<RuntimeHolder> {
        /** Instantiated by the container. */
        public HolderDisposer() {
        }

        @Override
        public void dispose(RuntimeHolder instance, Instance<Object> lookup, Parameters params) {
            RUNNING.remove(instance.id, instance);
            instance.runtime.close();
        }
    }

    /** Builds the graph at application start, so that bad configuration fails startup. For the container only. */
    public static final class StartObserver implements SyntheticObserver<Object> {
        /** Instantiated by the container. */
        public StartObserver() {
        }

        @Override
        public void observe(EventContext<Object> event, Parameters params) {
            runningOrNull(params.get(ID, String.class));
        }
    }

    /** Builds the graph at {@code Startup} if {@code @Initialized(ApplicationScoped)} was too early (ArC). For the container only. */
    public static final class StartupObserver implements SyntheticObserver<jakarta.enterprise.event.Startup> {
        /** Instantiated by the container. */
        public StartupObserver() {
        }

        @Override
        public void observe(EventContext<jakarta.enterprise.event.Startup> event, Parameters params) {
            running(params.get(ID, String.class));
        }
    }

    /** Closes the graph before the application context is destroyed. For the container only. */
    public static final class StopObserver implements SyntheticObserver<Object> {
        /** Instantiated by the container. */
        public StopObserver() {
        }

        @Override
        public void observe(EventContext<Object> event, Parameters params) {
            RuntimeHolder holder = RUNNING.remove(params.get(ID, String.class));
            if (holder != null) {
                holder.runtime.close();
            }
        }
    }

    /** Feeds one sink's chain. For the container only. */
    public static final class SinkObserver implements SyntheticObserver<Object> {
        /** Instantiated by the container. */
        public SinkObserver() {
        }

        @Override
        public void observe(EventContext<Object> event, Parameters params) {
            if (!params.get(LIFECYCLE, Boolean.class)
                    && FrontEnds.isContextLifecycle(event.getMetadata().getQualifiers())) {
                return;
            }
            running(params.get(ID, String.class)).deliver(params.get(SINK, String.class), event.getEvent());
        }
    }

    /** Creates the injectable chain of one sink. For the container only. */
    @SuppressWarnings("rawtypes")
    public static final class ChainCreator implements SyntheticBeanCreator<Sink> {
        /** Instantiated by the container. */
        public ChainCreator() {
        }

        @Override
        public Sink create(Instance<Object> lookup, Parameters params) {
            return lookup.select(RuntimeHolder.class).get().runtime.chain(params.get(SINK, String.class));
        }
    }

    /** Creates the injectable broadcaster. For the container only. */
    @SuppressWarnings("rawtypes")
    public static final class BroadcasterCreator implements SyntheticBeanCreator<Broadcaster> {
        /** Instantiated by the container. */
        public BroadcasterCreator() {
        }

        @Override
        public Broadcaster create(Instance<Object> lookup, Parameters params) {
            return lookup.select(RuntimeHolder.class).get().runtime.broadcaster();
        }
    }
}
