package dev.sinkwire.cdi;

/**
 * Calls a method sink's method with one event, looking the bean up itself: a CDI 4.1
 * {@code jakarta.enterprise.invoke.Invoker} ({@link CdiInvokers}) where the container has them,
 * else {@link LookupMethodCall} (CDI 4.0: Payara 6, WildFly 27-30, Open Liberty with
 * {@code cdi-4.0}). Same shape as {@code Invoker.invoke}, so that no type of CDI 4.1 is named where
 * CDI 4.0 loads this module. Implementations are safe for concurrent use.
 */
@FunctionalInterface
interface MethodCall {

    /**
     * Calls the method.
     *
     * @param instance always {@code null}: the bean is looked up
     * @param arguments the event, as the only element
     * @return the method's return value, ignored
     * @throws Exception whatever the method throws
     */
    Object invoke(Object instance, Object[] arguments) throws Exception;
}
