/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.portable;

import dev.sinkwire.cdi.chain.BeanLookup;
import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds beans among the {@link Bean}s the portable extension saw during discovery: on servers
 * that give each library jar of a WAR its own bean archive (Payara, GlassFish) the extension's
 * bean manager cannot resolve the beans of {@code WEB-INF/classes}, and {@code CDI.current()} does
 * not reliably answer for the application module during bootstrap. Stateless.
 */
public final class DiscoveredBeans {

    private DiscoveredBeans() {
    }

    /**
     * Looks beans up among the beans seen during discovery, obtaining references from the bean manager directly ({@link
     * BeanManager#getReference}, which resolves nothing).
     */
    public static BeanLookup of(BeanManager beanManager, Map<Class<?>, List<Bean<?>>> byClass,
            Map<String, List<Bean<?>>> byName, List<Bean<?>> defaults) {
        return new BeanLookup() {
            @Override
            public List<Instance.Handle<Object>> byBeanClass(Class<?> beanClass) {
                return byClass.getOrDefault(beanClass, List.of()).stream().map(b -> BeanLookup.handle(beanManager, b))
                        .toList();
            }

            @Override
            public List<Instance.Handle<Object>> byName(String name) {
                return byName.getOrDefault(name, List.of()).stream().map(b -> BeanLookup.handle(beanManager, b))
                        .toList();
            }

            @Override
            public <T> Optional<T> byType(Class<T> type) {
                Set<Bean<?>> beans = beanManager.getBeans(type);
                if (beans.isEmpty()) {
                    beans = defaults.stream().filter(b -> b.getTypes().contains(type)).collect(Collectors.toSet());
                }
                Bean<?> bean;
                try {
                    bean = beans.isEmpty() ? null : beanManager.resolve(beans);
                } catch (AmbiguousResolutionException e) {
                    return Optional.empty();
                }
                return bean == null ? Optional.empty() : Optional.of(type.cast(beanManager.getReference(bean, type,
                        beanManager.createCreationalContext(bean))));
            }
        };
    }
}
