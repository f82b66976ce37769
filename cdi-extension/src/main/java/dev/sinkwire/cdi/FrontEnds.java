package dev.sinkwire.cdi;

import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Destroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Named;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.Set;

/** What both front ends share besides the model. Stateless. */
final class FrontEnds {

    /** Qualifiers on a class or method that never restrict a sink: there they name or select beans, not events. */
    static final Set<Class<? extends Annotation>> IGNORED_QUALIFIERS = Set.of(Named.class, Any.class, Default.class);
    /**
     * Qualifiers on a method sink's parameter that never restrict it. As on an observer method's
     * parameter, {@code @Default} there means "only events fired without qualifiers"; {@code @Any}
     * means every event.
     */
    static final Set<Class<? extends Annotation>> IGNORED_PARAMETER_QUALIFIERS = Set.of(Any.class);

    /** Start early, so that sinks exist before other observers of application start fire events. */
    static final int START_PRIORITY = 0;
    /** Stop late, after application observers of the same event, which may still fire events. */
    static final int STOP_PRIORITY = 4900;

    private FrontEnds() {
    }

    /**
     * Tells whether an event is a context lifecycle event.
     *
     * @param qualifiers the event's qualifiers
     * @return whether one is {@code @Initialized}, {@code @BeforeDestroyed} or {@code @Destroyed}
     */
    static boolean isContextLifecycle(Collection<Annotation> qualifiers) {
        for (Annotation q : qualifiers) {
            Class<? extends Annotation> t = q.annotationType();
            if (t == Initialized.class || t == BeforeDestroyed.class || t == Destroyed.class) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether {@code event} is the container's {@code Startup} or {@code Shutdown} event reaching
     * a sink that did not ask for it by its exact type (a {@code Sink<Object>}, say).
     *
     * @param event the event
     * @param sinkEventClass the erasure of the sink's event type
     * @return whether the sink should ignore the event
     */
    static boolean isUnaskedContainerEvent(Object event, Class<?> sinkEventClass) {
        return (event instanceof Startup || event instanceof Shutdown) && sinkEventClass != event.getClass();
    }

    /**
     * Tells whether a sink's qualifiers ask for context lifecycle events explicitly.
     *
     * @param qualifierTypes the sink's qualifier types
     * @return whether one is {@code @Initialized}, {@code @BeforeDestroyed} or {@code @Destroyed}
     */
    static boolean wantsContextLifecycle(Collection<? extends Class<?>> qualifierTypes) {
        return qualifierTypes.contains(Initialized.class) || qualifierTypes.contains(BeforeDestroyed.class)
                || qualifierTypes.contains(Destroyed.class);
    }
}
