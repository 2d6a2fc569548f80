/**
 * A compatibility shim under ND4J's package name, outside the library's layers: DL4J looks a class up here by name
 * (see Nd4jCpu). It uses ND4J only.
 */
package org.nd4j.nativeblas;
