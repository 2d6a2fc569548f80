/**
 * The speed benchmarks and the code that exists only to measure (the single convolutions compared layer by layer).
 * A top layer: it may use dsl and everything below it, and nothing uses it.
 */
package org.metalearn.bench;
