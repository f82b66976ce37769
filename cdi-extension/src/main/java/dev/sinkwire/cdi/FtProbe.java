package dev.sinkwire.cdi;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InterceptionType;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The one class of the extension that names an FT API type. Loaded only after
 * {@link FtMode#apiPresent()} found the API, so that a missing API never causes a
 * {@link NoClassDefFoundError}. Stateless.
 */
final class FtProbe {

    /** Carries an instance of {@code @Retry} to resolve interceptors with. */
    @Retry
    private static final class Marker {
    }

    private FtProbe() {
    }

    /**
     * Tells whether an enabled interceptor applies to {@code @Retry}.
     *
     * @param bm the bean manager
     * @return whether an FT implementation intercepts {@code @Retry}
     */
    static boolean retryIsIntercepted(BeanManager bm) {
        return !bm.resolveInterceptors(InterceptionType.AROUND_INVOKE, Marker.class.getAnnotation(Retry.class))
                .isEmpty();
    }
}
