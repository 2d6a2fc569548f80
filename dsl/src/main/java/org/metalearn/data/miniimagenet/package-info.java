/**
 * The Mini-ImageNet dataset: the split definitions, the ImageNet archive, resizing and the image cache. Part of
 * the data layer; it may use tasks and util.
 */
package org.metalearn.data.miniimagenet;
