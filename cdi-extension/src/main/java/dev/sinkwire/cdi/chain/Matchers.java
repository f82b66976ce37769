/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import dev.sinkwire.Matcher;
import dev.sinkwire.cdi.config.Keys;
import dev.sinkwire.cdi.config.SinkKind;
import dev.sinkwire.cdi.config.SinkRules;
import dev.sinkwire.cdi.config.SinkSpec;
import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a sink's {@code filter.types} classes and {@code filter.matcher} bean into the
 * filter's matcher, reporting what cannot be found. Stateless.
 */
final class Matchers {

    private Matchers() {
    }

    /**
     * The matcher of a sink's filter.
     *
     * @param spec the sink
     * @param lookup the container's beans
     * @param problems receives what cannot be resolved
     * @return the matcher, or {@code null} for no filter
     */
    static Matcher<Object> of(SinkSpec spec, BeanLookup lookup, List<String> problems) {
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
        List<Class<?>> finalTypes = List.copyOf(types);
        Matcher<Object> byType = finalTypes.isEmpty() ? null
                : named(event -> finalTypes.stream().anyMatch(t -> t.isInstance(event)), "types" + f.types());
        if (byType == null || bean == null) {
            return byType != null ? byType : bean;
        }
        return named(event -> byType.match(event) && bean.match(event), byType + " and " + bean);
    }

    private static Matcher<Object> bean(SinkSpec spec, String name, BeanLookup lookup, List<String> problems) {
        String key = Keys.of(spec.name(), Keys.FILTER_MATCHER) + "=" + name;
        List<Instance.Handle<Object>> found = lookup.byName(name);
        if (found.isEmpty()) {
            problems.add(key + ": there is no bean named '" + name + "'; allowed: the name of a @Named bean"
                    + " implementing dev.sinkwire.Matcher");
            return null;
        }
        try {
            if (found.size() > 1) {
                throw new AmbiguousResolutionException("more than one bean named " + name);
            }
            Object bean = found.get(0).get();
            if (bean instanceof Matcher<?> m) {
                @SuppressWarnings("unchecked")
                Matcher<Object> typed = (Matcher<Object>) m;
                return named(typed, "matcher '" + name + "'");
            }
            problems.add(key + ": bean '" + name + "' is a " + bean.getClass().getName() + ", not a"
                    + " dev.sinkwire.Matcher; allowed: a @Named bean implementing Matcher");
        } catch (AmbiguousResolutionException e) {
            problems.add(key + ": more than one bean is named '" + name + "'; allowed: exactly one @Named bean"
                    + " implementing dev.sinkwire.Matcher");
        }
        return null;
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
}
