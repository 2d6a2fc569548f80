/**
 * Meta-learning: Reptile, FOMAML, MAML and joint training, the inner loop and optimizers, the trainer and its
 * checkpoints. It may use models, tasks, data and util.
 */
package org.metalearn.learn;
