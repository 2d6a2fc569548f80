/**
 * Evaluation: few-shot accuracy and regression curves of a trained model, during training or after it. It may use
 * learn, models, tasks, data and util.
 */
package org.metalearn.eval;
