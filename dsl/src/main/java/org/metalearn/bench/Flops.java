package org.metalearn.bench;

import org.metalearn.models.MiniImageNetNet;
import org.metalearn.models.OmniglotNet;

/**
 * Floating-point operations of the paper's conv nets, counted from their layer shapes so that a timing can be
 * turned into GFLOP/s and compared with the machine's matrix-product peak ({@link Peak}).
 *
 * <p>What is counted: the matrix products, 2 FLOPs per multiply-add. A 3x3 convolution forward is
 * 2 * H_out * W_out * C_out * C_in * 9 per image, the dense layer 2 * features * ways. Backward is the weight
 * gradient (the same product again) plus the input gradient (again the same), except that the first layer's input
 * gradient is not computed, so backward = 2 x forward - first convolution. Not counted: batch norm, ReLU, max-pool,
 * softmax, bias sums, im2col copies and the optimizer update; together they are a few percent of the products
 * (O(activations) against O(activations x 9 x C_in)), so the GFLOP/s figures slightly understate the work done.
 */
public final class Flops {
    private Flops() {
    }

    /** Forward FLOPs per image of each layer of a net; the last entry is the dense layer. */
    static long[] forwardPerLayer(int side, int channels, int blocks, int filters, int stride, boolean pool, int ways) {
        long[] layers = new long[blocks + 1];
        int in = channels;
        for (int l = 0; l < blocks; l++) {
            int out = (side + stride - 1) / stride; // TensorFlow 'same': ceil(side / stride)
            layers[l] = 2L * out * out * filters * in * 9;
            side = pool ? (out + 1) / 2 : out;      // 2x2 stride-2 'same' pool: ceil(out / 2)
            in = filters;
        }
        layers[blocks] = 2L * filters * side * side * ways;
        return layers;
    }

    /** The FLOPs of one net per image: forward and backward. */
    record Net(String name, long forward, long backward) {
        /** One training step (forward + backward) on {@code images} images, in GFLOP. */
        double step(int images) {
            return images * (double) (forward + backward) / 1e9;
        }

        /** One forward pass over {@code images} images, in GFLOP. */
        double forward(int images) {
            return images * (double) forward / 1e9;
        }
    }

    static Net net(String name, long[] perLayer) {
        long forward = 0;
        for (long f : perLayer) {
            forward += f;
        }
        return new Net(name, forward, 2 * forward - perLayer[0]);
    }

    /** The 5-way Omniglot net: 5,315,584 FLOPs forward per image, 10,405,376 backward. */
    static Net omniglot(int ways) {
        return net("omniglot", forwardPerLayer(OmniglotNet.SIDE, 1, OmniglotNet.BLOCKS, OmniglotNet.FILTERS,
                OmniglotNet.STRIDE, false, ways));
    }

    /** The 5-way Mini-ImageNet net: 55,077,120 FLOPs forward per image, 97,961,472 backward. */
    static Net miniImageNet(int ways) {
        return net("miniimagenet", forwardPerLayer(MiniImageNetNet.SIDE, MiniImageNetNet.CHANNELS,
                MiniImageNetNet.BLOCKS, MiniImageNetNet.FILTERS, MiniImageNetNet.STRIDE, true, ways));
    }

    /**
     * An evaluation task's GFLOP: {@code steps} training steps of {@code batch} images, then one forward of the
     * support set plus one query per query ({@code queries} of them, {@code support} images each time).
     */
    static double evalTask(Net net, int steps, int batch, int queries, int support) {
        return steps * net.step(batch) + queries * net.forward(support + 1);
    }
}
