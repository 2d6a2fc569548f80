/**
 * The oneDNN backend: the conv nets with every block in oneDNN's primitives, their native runtime, plans and
 * OpenMP team, and how they keep their bits on lent cores (docs/design/models.md#onednn-threads). It may use
 * models, the float-array kernels of models.lean, tasks and util; never DL4J.
 */
package org.metalearn.models.onednn;
