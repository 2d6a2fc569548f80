/**
 * The Omniglot dataset: the official archives, their images and the one-shot runs of the original evaluation. Part
 * of the data layer; it may use tasks and util.
 */
package org.metalearn.data.omniglot;
