/**
 * The models: the learner API (Learner, LearnerFactory, ModelId, Backend, CoreLending), the paper's architectures
 * and the choice of backend; one subpackage per backend (lean: float arrays and OpenBLAS; onednn; dl4j: the
 * reference). It may use tasks and util; learn and everything above use it (docs/design/models.md).
 */
package org.metalearn.models;
