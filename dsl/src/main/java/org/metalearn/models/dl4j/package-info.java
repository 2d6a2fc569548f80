/**
 * The DL4J reference: the paper's nets as DL4J configurations, which the other backends are tested against. It may
 * use models, tasks and util; not the other backends (a JVM runs it or oneDNN's backend, see OneDnnBuilds).
 */
package org.metalearn.models.dl4j;
