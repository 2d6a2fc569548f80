package org.metalearn.learn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Extra state saved inside a checkpoint, in the same atomic file as the meta state (e.g. the learning curve
 * with its partly filled averaging window), so a resumed run continues it exactly.
 */
public interface CheckpointPart {
    /** Identifies the part in the file. */
    String partName();

    void write(DataOutputStream out) throws IOException;

    /** Replaces this part's state with the saved one. */
    void read(DataInputStream in) throws IOException;
}
