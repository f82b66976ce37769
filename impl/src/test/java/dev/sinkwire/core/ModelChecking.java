package dev.sinkwire.core;

/**
 * What the model-checking tests (Lincheck) share: their hang guard. Their work is fixed (a number
 * of scenarios and invocations), not timed, and every check is on results, never on time; but that
 * work is CPU-bound, so its wall time grows with the load of the machine: one such test took seven
 * minutes on a 2-core machine shared with five other builds, against seconds on a quiet one. The
 * project-wide 60-second default (junit-platform.properties) is a hang guard for tests that wait;
 * these tests get a wider one, which only turns a real hang into a failure.
 *
 * <p>Public so that model-checking tests in other test packages (the fault-tolerance strategies')
 * can share it: {@code @Timeout(value = ModelChecking.TIMEOUT_MINUTES, unit = TimeUnit.MINUTES)}.
 */
public final class ModelChecking {

    /** The hang guard of a model-checking test class, in minutes. */
    public static final long TIMEOUT_MINUTES = 20;

    private ModelChecking() {
    }
}
