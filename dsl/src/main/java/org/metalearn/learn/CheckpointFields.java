package org.metalearn.learn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.metalearn.util.RandomStreams;

/**
 * The binary form of the fields of a {@link Checkpoint}'s sections (vectors, optimizer states, random streams),
 * shared by the writer and by the readers of both format versions, so that the versions cannot drift apart.
 */
final class CheckpointFields {
    private CheckpointFields() {
    }

    static void writeOptimizerState(DataOutputStream out, OptimizerState opt) throws IOException {
        out.writeLong(opt.steps());
        float[][] slots = opt.slots();
        out.writeInt(slots.length);
        for (float[] slot : slots) {
            out.writeBoolean(slot != null);
            if (slot != null) {
                writeFloats(out, slot);
            }
        }
    }

    static OptimizerState readOptimizerState(DataInputStream in) throws IOException {
        long steps = in.readLong();
        int count = in.readInt();
        if (count < 0 || count > 16) {
            throw new IOException("implausible optimizer slot count " + count);
        }
        float[][] slots = new float[count][];
        for (int i = 0; i < count; i++) {
            slots[i] = in.readBoolean() ? readFloats(in) : null;
        }
        return new OptimizerState(steps, slots);
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 28) {
            throw new IOException("implausible vector length " + n);
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    static void writeRng(DataOutputStream out, RestorableUniformRandomProvider rng) throws IOException {
        byte[] state = ((RandomProviderDefaultState) rng.saveState()).getState();
        out.writeInt(state.length);
        out.write(state);
    }

    static RestorableUniformRandomProvider readRng(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 16) {
            throw new IOException("implausible random stream state length " + length);
        }
        byte[] state = new byte[length];
        in.readFully(state);
        RestorableUniformRandomProvider rng = RandomStreams.fromSeed(0);
        rng.restoreState(new RandomProviderDefaultState(state));
        return rng;
    }
}
