/** The runnable demo: README command 1. Not part of the library. */
package dev.sinkwire.demo;
