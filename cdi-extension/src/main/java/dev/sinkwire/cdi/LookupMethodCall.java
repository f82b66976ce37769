package dev.sinkwire.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;

/**
 * A method sink's call on a CDI 4.0 container (no method invokers): every call gets a contextual
 * reference of the bean from the {@link BeanManager}, as an invoker with instance lookup does, and
 * calls the method on it reflectively, so the bean's interceptors (Fault Tolerance...) apply. A
 * {@code @Dependent} instance is destroyed after the call; a static method is called without one.
 * Safe for concurrent use.
 */
final class LookupMethodCall implements MethodCall {
    private final BeanManager beanManager;
    private final Bean<?> bean;
    private final Method method;
    private final boolean isStatic;
    private final boolean dependent;

    /**
     * Creates the call.
     *
     * @param beanManager the container; used only once the application runs
     * @param bean the bean declaring the method
     * @param method the method sink
     */
    LookupMethodCall(BeanManager beanManager, Bean<?> bean, Method method) {
        this.beanManager = Objects.requireNonNull(beanManager, "beanManager");
        this.bean = Objects.requireNonNull(bean, "bean");
        this.method = Objects.requireNonNull(method, "method");
        this.isStatic = Modifier.isStatic(method.getModifiers());
        this.dependent = bean.getScope().equals(Dependent.class);
        method.setAccessible(true);
    }

    @Override
    public Object invoke(Object instance, Object[] arguments) throws Exception {
        if (isStatic) {
            return call(null, arguments);
        }
        CreationalContext<?> context = beanManager.createCreationalContext(bean);
        try {
            return call(beanManager.getReference(bean, Object.class, context), arguments);
        } finally {
            if (dependent) {
                context.release();
            }
        }
    }

    private Object call(Object target, Object[] arguments) throws Exception {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
