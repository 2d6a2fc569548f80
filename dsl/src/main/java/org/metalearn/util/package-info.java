/**
 * Small helpers every package may use (atomic file writes, the command-line frame, the named random streams, the
 * worker threads); it uses no other package of the library.
 */
package org.metalearn.util;
