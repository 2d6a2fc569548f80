/**
 * Where the datasets come from: the data directory, downloads and the errors a missing dataset gives. With tasks
 * the bottom layer; it may use tasks (the image classes it provides) and util.
 */
package org.metalearn.data;
