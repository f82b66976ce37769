package dev.sinkwire.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.AmbiguousResolutionException;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the beans the runtime needs: a class sink's bean by its bean class, a matcher bean by its
 * name. Either through an {@link Instance} (CDI Lite, Weld SE) or, for the portable extension,
 * among the {@link Bean}s the extension saw during discovery: on servers that give each library jar
 * of a WAR its own bean archive (Payara, GlassFish) the extension's bean manager cannot resolve the
 * beans of {@code WEB-INF/classes}, and {@code CDI.current()} does not reliably answer for the
 * application module during bootstrap. Safe for concurrent use once built.
 */
interface BeanLookup {

    /**
     * The beans whose bean class is exactly {@code beanClass}.
     *
     * @param beanClass the bean class
     * @return a handle per bean; {@code get()} obtains a contextual reference
     */
    List<Instance.Handle<Object>> byBeanClass(Class<?> beanClass);

    /**
     * The beans named {@code name} ({@code @Named}).
     *
     * @param name the bean name
     * @return a handle per bean
     */
    List<Instance.Handle<Object>> byName(String name);

    /**
     * The application's one bean of a type (with the {@code @Default} qualifier), for a configured
     * sink's provider.
     *
     * @param type the bean type
     * @param <T> the bean type
     * @return a contextual reference, or empty if there is no such bean or more than one
     */
    default <T> Optional<T> byType(Class<T> type) {
        return Optional.empty();
    }

    /**
     * Looks beans up through an {@link Instance}.
     *
     * @param lookup the container's beans
     * @return the lookup
     */
    @SuppressWarnings("unchecked")
    static BeanLookup of(Instance<Object> lookup) {
        return new BeanLookup() {
            @Override
            public List<Instance.Handle<Object>> byBeanClass(Class<?> beanClass) {
                List<Instance.Handle<Object>> found = handles(lookup.select((Class<Object>) beanClass,
                        Any.Literal.INSTANCE), beanClass);
                if (found.isEmpty()) { // @Typed may hide the class itself from the bean's types
                    found = handles(lookup.select(Object.class, Any.Literal.INSTANCE), beanClass);
                }
                return found;
            }

            @Override
            public List<Instance.Handle<Object>> byName(String name) {
                List<Instance.Handle<Object>> found = new ArrayList<>();
                lookup.select(Object.class, NamedLiteral.of(name)).handlesStream().forEach(found::add);
                return found;
            }

            @Override
            public <T> Optional<T> byType(Class<T> type) {
                Instance<T> candidates = lookup.select(type);
                return candidates.isResolvable() ? Optional.of(candidates.get()) : Optional.empty();
            }
        };
    }

    private static List<Instance.Handle<Object>> handles(Instance<Object> candidates, Class<?> beanClass) {
        List<Instance.Handle<Object>> found = new ArrayList<>();
        candidates.handlesStream().filter(h -> h.getBean().getBeanClass().equals(beanClass)).forEach(found::add);
        return found;
    }

    /**
     * Looks beans up among the beans seen during discovery, obtaining references from the bean
     * manager directly ({@link BeanManager#getReference}, which resolves nothing).
     *
     * @param beanManager the container
     * @param byClass beans by bean class
     * @param byName beans by name
     * @return the lookup
     */
    static BeanLookup of(BeanManager beanManager, Map<Class<?>, List<Bean<?>>> byClass,
            Map<String, List<Bean<?>>> byName) {
        return of(beanManager, byClass, byName, List.of());
    }

    /**
     * Looks beans up among the beans seen during discovery, obtaining references from the bean
     * manager directly ({@link BeanManager#getReference}, which resolves nothing).
     *
     * @param beanManager the container
     * @param byClass beans by bean class
     * @param byName beans by name
     * @param defaults every {@code @Default} bean seen, for {@link #byType} when the bean manager
     *     does not resolve the application's beans (Payara)
     * @return the lookup
     */
    static BeanLookup of(BeanManager beanManager, Map<Class<?>, List<Bean<?>>> byClass,
            Map<String, List<Bean<?>>> byName, List<Bean<?>> defaults) {
        return new BeanLookup() {
            @Override
            public List<Instance.Handle<Object>> byBeanClass(Class<?> beanClass) {
                List<Instance.Handle<Object>> found = new ArrayList<>();
                byClass.getOrDefault(beanClass, List.of()).forEach(b -> found.add(handle(beanManager, b)));
                return found;
            }

            @Override
            public List<Instance.Handle<Object>> byName(String name) {
                List<Instance.Handle<Object>> found = new ArrayList<>();
                byName.getOrDefault(name, List.of()).forEach(b -> found.add(handle(beanManager, b)));
                return found;
            }

            @Override
            public <T> Optional<T> byType(Class<T> type) {
                Set<Bean<?>> beans = beanManager.getBeans(type);
                if (beans.isEmpty()) {
                    beans = new java.util.LinkedHashSet<>();
                    for (Bean<?> b : defaults) {
                        if (b.getTypes().contains(type)) {
                            beans.add(b);
                        }
                    }
                }
                if (beans.isEmpty()) {
                    return Optional.empty();
                }
                Bean<?> bean;
                try {
                    bean = beanManager.resolve(beans);
                } catch (AmbiguousResolutionException e) {
                    return Optional.empty();
                }
                if (bean == null) {
                    return Optional.empty();
                }
                return Optional.of(type.cast(beanManager.getReference(bean, type,
                        beanManager.createCreationalContext(bean))));
            }
        };
    }

    private static Instance.Handle<Object> handle(BeanManager beanManager, Bean<?> bean) {
        return new Instance.Handle<>() {
            private CreationalContext<?> context;
            private Object reference;

            @Override
            public synchronized Object get() {
                if (reference == null) {
                    context = beanManager.createCreationalContext(bean);
                    reference = beanManager.getReference(bean, Object.class, context);
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
}
