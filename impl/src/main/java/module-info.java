/**
 * The go-events primitives in Java: {@link dev.sinkwire.core.Broadcaster},
 * {@link dev.sinkwire.core.Queue}, {@link dev.sinkwire.core.Channel},
 * {@link dev.sinkwire.core.Filter}, {@link dev.sinkwire.core.RetryingSink} and its strategies.
 * No dependencies beyond {@code java.base} and the Sinkwire API.
 */
module dev.sinkwire.core {
    requires transitive dev.sinkwire;

    exports dev.sinkwire.core;
}
