package org.metalearn.models.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Turns DL4J's own oneDNN layer helpers on (worth 3-4x for the conv net) and checks they are really used. (ND4J's
 * oneDNN build, not the project's: see {@link org.metalearn.models.OneDnnBuilds}.)
 *
 * <p>Two things keep them off in DL4J 1.0.0-M2.1: the system property
 * {@code org.eclipse.deeplearning4j.helpers.disable} defaults to true (read when a layer creates its helper),
 * and the availability check looks up a class ND4J M2.1 renamed, answered by the shim
 * {@link org.nd4j.nativeblas.Nd4jCpu}. Set {@code -Dmetalearn.onednn=false} to compare without them.
 */
public final class Dl4jOneDnnHelpers {
    public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private Dl4jOneDnnHelpers() {
    }

    /** Allows helper creation for networks initialised after this call, unless metalearn.onednn=false. */
    public static void enable() {
        if (Boolean.parseBoolean(System.getProperty("metalearn.onednn", "true"))) {
            System.setProperty(DISABLE_PROPERTY, "false");
        }
    }

    /** Convolution and batch-norm layers of the net that run without a oneDNN helper (empty = all use one). */
    public static List<String> layersWithoutHelper(MultiLayerNetwork net) {
        List<String> missing = new ArrayList<>();
        for (Layer layer : net.getLayers()) {
            if (layer instanceof ConvolutionLayer || layer instanceof BatchNormalization) {
                Object helper = layer.getHelper();
                if (helper == null || !helper.getClass().getSimpleName().startsWith("MKLDNN")) {
                    missing.add(layer.getIndex() + ":" + layer.getClass().getSimpleName()
                            + (helper == null ? " (no helper)" : " (" + helper.getClass().getSimpleName() + ")"));
                }
            }
        }
        return missing;
    }
}
