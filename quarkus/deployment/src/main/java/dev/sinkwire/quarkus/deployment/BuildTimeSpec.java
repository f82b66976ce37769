/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.quarkus.deployment;

import dev.sinkwire.Sink;
import dev.sinkwire.cdi.config.ConfigView;
import dev.sinkwire.cdi.config.ConfiguredSinks;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.MethodCall;
import dev.sinkwire.cdi.config.MpConfigView;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.SinkDeclaration;
import dev.sinkwire.cdi.config.SinkKind;
import dev.sinkwire.cdi.config.SinkRules;
import dev.sinkwire.cdi.config.SpecReader;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * The build-time reading of the {@code sinkwire.*} configuration: the sinks ArC discovered,
 * turned into the bindings the shared {@link SpecReader} reads, without the calls (nothing is
 * invoked at build time). The rules are all in {@code SpecReader} and {@link SinkRules}; this
 * class only translates ArC's view of the beans. Not instantiable; the methods are safe for
 * concurrent use.
 */
final class BuildTimeSpec {

    private static final DotName SINK = DotName.createSimple(Sink.class.getName());

    /** Stands for a method sink's invoker, which only exists at run time. */
    private static final MethodCall NOT_AT_BUILD_TIME = event -> {
        throw new IllegalStateException("Sinkwire: a method sink is never called at build time");
    };

    private BuildTimeSpec() {
    }

    /**
     * Validates the configuration the build sees against the discovered sinks.
     *
     * @param beans every bean ArC discovered
     * @param ftImplementation whether a Fault Tolerance implementation intercepts sinks
     * @param loader the build's class loader, which sees the application's classes
     * @throws ConfigurationException naming every problem, each with its key
     */
    static void validate(Collection<BeanInfo> beans, boolean ftImplementation, ClassLoader loader) {
        List<String> problems = new ArrayList<>();
        List<SinkBinding> bindings = new ArrayList<>();
        for (BeanInfo bean : beans) {
            if (bean.isClassBean() && bean.getImplClazz() != null
                    && bean.getImplClazz().hasAnnotation(SinkwireProcessor.EVENT_SINK)) {
                collect(bean, loader, bindings, problems);
            }
        }
        if (!problems.isEmpty()) {
            return; // the build compatible extension reports declaration problems itself, with more context
        }
        FtMode ftMode = !FtMode.apiPresent() ? FtMode.API_ABSENT
                : ftImplementation ? FtMode.IMPLEMENTATION : FtMode.SINKWIRE;
        try {
            ConfigView config = MpConfigView.load(); // the build's configuration (the context class loader's)
            List<String> configProblems = new ArrayList<>();
            List<ConfiguredSinks.Declared> configured = ConfiguredSinks.discover(config,
                    bindings.stream().map(SinkBinding::name).toList(), loader, configProblems);
            configured.forEach(d -> bindings.add(SinkBinding.configured(d)));
            if (!configProblems.isEmpty()) {
                throw new ProblemsException(configProblems);
            }
            SpecReader.read(config, bindings, ftMode);
        } catch (ProblemsException e) {
            throw new ConfigurationException(e.getMessage() + " [checked when the application is built]");
        }
    }

    private static void collect(BeanInfo bean, ClassLoader loader, List<SinkBinding> bindings, List<String> problems) {
        ClassInfo clazz = bean.getImplClazz();
        String simpleName = clazz.simpleName();
        Class<?> beanClass;
        try {
            beanClass = SinkRules.load(clazz.name().toString(), loader);
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(clazz.name() + ": " + e);
            return;
        }
        AnnotationInstance onClass = clazz.declaredAnnotation(SinkwireProcessor.EVENT_SINK);
        if (onClass != null) {
            Type eventType = bean.getTypes().stream().filter(t -> t.name().equals(SINK)
                    && t.kind() == Type.Kind.PARAMETERIZED_TYPE).map(t -> t.asParameterizedType().arguments().get(0))
                    .findFirst().orElse(null);
            SinkDeclaration d = SinkRules.classSink(value(onClass), clazz.name().toString(), simpleName,
                    eventType == null ? null : eventType.toString(), false);
            add(bindings, problems, d, SinkKind.CLASS, beanClass, eventType, null, loader);
        }
        for (MethodInfo method : clazz.methods()) {
            AnnotationInstance onMethod = method.declaredAnnotation(SinkwireProcessor.EVENT_SINK);
            if (onMethod == null || method.isSynthetic() || method.parametersCount() != 1) {
                continue;
            }
            Type eventType = method.parameterType(0);
            SinkDeclaration d = SinkRules.methodSink(value(onMethod), clazz.name().toString(), simpleName,
                    method.name(), List.of(eventType.toString()), false, false, false);
            add(bindings, problems, d, SinkKind.METHOD, beanClass, eventType, NOT_AT_BUILD_TIME, loader);
        }
    }

    private static void add(List<SinkBinding> bindings, List<String> problems, SinkDeclaration d, SinkKind kind,
            Class<?> beanClass, Type eventType, MethodCall call, ClassLoader loader) {
        if (eventType == null || eventType.kind() == Type.Kind.TYPE_VARIABLE) {
            problems.add(d.describe() + ": no event type");
            return;
        }
        try {
            Class<?> eventClass = SinkRules.load(eventType.name().toString(), loader);
            bindings.add(new SinkBinding(d.name(), kind, d.describe(), beanClass, eventClass, call));
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(d.describe() + ": " + e);
        }
    }

    private static String value(AnnotationInstance sink) {
        AnnotationValue v = sink.value();
        return v == null ? "" : v.asString();
    }

}
