/**
 * The DSL: specs, presets, rules, runs and sweeps, the user's entry point that ties the layers below into runs. It
 * may use report and everything below it.
 */
package org.metalearn.dsl;
