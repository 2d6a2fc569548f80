/**
 * The paper's figures and tables as commands (Figure 1, Figure 2, Table 2). A top layer: it may use dsl and
 * everything below it, and nothing uses it.
 */
package org.metalearn.figures;
