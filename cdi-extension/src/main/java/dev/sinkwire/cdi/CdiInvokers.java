package dev.sinkwire.cdi;

import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.invoke.Invoker;

/**
 * The only place the portable extension names CDI 4.1's method invokers; loaded only when
 * {@link #AVAILABLE}. Stateless.
 */
final class CdiInvokers {
    /** Whether the container implements CDI 4.1 method invokers ({@code ProcessManagedBean.createInvoker}). */
    static final boolean AVAILABLE = available();

    private CdiInvokers() {
    }

    private static boolean available() {
        try {
            ProcessManagedBean.class.getMethod("createInvoker", AnnotatedMethod.class);
            return true;
        } catch (NoSuchMethodException | LinkageError e) {
            return false;
        }
    }

    /**
     * Builds an invoker with instance lookup for a method of the bean.
     *
     * @param event the bean's event
     * @param method the method sink
     * @param <X> the bean class
     * @return the call
     */
    static <X> MethodCall lookingUp(ProcessManagedBean<X> event, AnnotatedMethod<? super X> method) {
        Invoker<X, ?> invoker = event.createInvoker(method).withInstanceLookup().build();
        return (instance, arguments) -> invoker.invoke(null, arguments);
    }
}
