/**
 * What a meta-learner learns from: task distributions (sine regression, N-way K-shot classification over image
 * classes), tasks, episodes and mini-batches. The bottom layer beside data; it may use util only.
 */
package org.metalearn.tasks;
