/**
 * The float-array backend: the nets computed in plain Java loops, OpenBLAS for the convolutions' products, and the
 * kernels every float-array computation shares (dense layer, softmax cross-entropy, im2col). It may use models,
 * tasks and util; no other backend.
 */
package org.metalearn.models.lean;
