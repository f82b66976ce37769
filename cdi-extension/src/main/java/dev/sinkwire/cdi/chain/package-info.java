/**
 * Internal, not API. The chain stage: {@link dev.sinkwire.cdi.chain.ChainBuilder} turns a spec into
 * one chain per sink (filter, accounting, queue, retry, the sink) and is the only code that wires a
 * sink's accounting.
 */
package dev.sinkwire.cdi.chain;
