/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanContainer;
import java.util.List;
import java.util.Optional;

/**
 * Finds the beans the chains need: a class sink's bean by its bean class, a matcher bean by its
 * name, a provider's bean by type. Through an {@link Instance} (CDI Lite, Weld SE), or, in the
 * portable front end, among the beans seen during discovery
 * ({@code dev.sinkwire.cdi.portable.DiscoveredBeans}). Safe for concurrent use once built.
 */
public interface BeanLookup {

    /** The beans whose bean class is exactly {@code beanClass}. */
    List<Instance.Handle<Object>> byBeanClass(Class<?> beanClass);

    /** The beans named {@code name} ({@code @Named}). */
    List<Instance.Handle<Object>> byName(String name);

    /** The one {@code @Default} bean of a type, for a configured sink's provider; empty if none or several. */
    default <T> Optional<T> byType(Class<T> type) {
        return Optional.empty();
    }

    /** Looks beans up through an {@link Instance}. */
    @SuppressWarnings("unchecked")
    static BeanLookup of(Instance<Object> lookup) {
        return new BeanLookup() {
            @Override
            public List<Instance.Handle<Object>> byBeanClass(Class<?> beanClass) {
                Instance<BeanContainer> container = lookup.select(BeanContainer.class);
                if (container.isResolvable()) { // no resolution: an enabled alternative (a subclass) would win it
                    BeanContainer beans = container.get();
                    return beans.getBeans(Object.class, Any.Literal.INSTANCE).stream() // @Typed may hide the class
                            .filter(b -> b.getBeanClass().equals(beanClass)).map(b -> handle(beans, b)).toList();
                }
                List<Instance.Handle<Object>> found = handles(lookup.select((Class<Object>) beanClass,
                        Any.Literal.INSTANCE), beanClass);
                if (found.isEmpty()) { // @Typed may hide the class itself from the bean's types
                    found = handles(lookup.select(Object.class, Any.Literal.INSTANCE), beanClass);
                }
                return found;
            }

            @Override
            public List<Instance.Handle<Object>> byName(String name) {
                return List.copyOf(lookup.select(Object.class, NamedLiteral.of(name)).handlesStream().toList());
            }

            @Override
            public <T> Optional<T> byType(Class<T> type) {
                Instance<T> candidates = lookup.select(type);
                return candidates.isResolvable() ? Optional.of(candidates.get()) : Optional.empty();
            }
        };
    }

    /**
     * A handle on a bean's contextual reference, obtained from the container directly ({@link
     * BeanContainer#getReference}, which resolves nothing) at the first {@code get()}; {@code destroy()} destroys a
     * {@code @Dependent} instance.
     */
    static Instance.Handle<Object> handle(BeanContainer container, Bean<?> bean) {
        return new Instance.Handle<>() {
            private CreationalContext<?> context;
            private Object reference;

            @Override
            public synchronized Object get() {
                if (reference == null) {
                    context = container.createCreationalContext(bean);
                    reference = container.getReference(bean, Object.class, context);
                }
                return reference;
            }

            @Override
            @SuppressWarnings("unchecked")
            public Bean<Object> getBean() {
                return (Bean<Object>) bean;
            }

            @Override
            public synchronized void destroy() {
                if (context != null && bean.getScope().equals(Dependent.class)) {
                    context.release();
                }
                context = null;
                reference = null;
            }

            @Override
            public void close() {
                destroy();
            }
        };
    }

    private static List<Instance.Handle<Object>> handles(Instance<Object> candidates, Class<?> beanClass) {
        return List.copyOf(candidates.handlesStream().filter(h -> h.getBean().getBeanClass().equals(beanClass))
                .toList());
    }
}
