/**
 * Reporting: learning curves, charts, console progress and the recorded results read back. It may use eval and
 * everything below it.
 */
package org.metalearn.report;
