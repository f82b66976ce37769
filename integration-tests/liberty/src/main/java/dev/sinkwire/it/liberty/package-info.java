/**
 * The Open Liberty test application: a class sink, a method sink, a qualified method sink, a sink
 * with MicroProfile Fault Tolerance, a webhook sink and a drain sink, fed by a servlet. Not a
 * library: every class exists for {@code SinkwireInLibertyIT}.
 */
package dev.sinkwire.it.liberty;
