/**
 * Service provider interface for sinks declared entirely in MicroProfile Config
 * ({@code sinkwire.sinks.<name>.type=<type>}, no {@code @EventSink} bean): a module such as
 * {@code sinkwire-http} registers a {@link dev.sinkwire.cdi.spi.ConfiguredSinkProvider} in
 * {@code META-INF/services}, and the extension asks it to build the sink. The extension never
 * refers to a provider's classes, so a provider's dependencies (JSON-B for {@code http}) stay
 * optional for applications that do not declare such sinks.
 *
 * <p>Status: the SPI and the {@code http} provider exist; the extension's front ends do not yet
 * consult it (see docs/http-cdi.md).
 */
package dev.sinkwire.cdi.spi;
