package org.metalearn.learn;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The framing of a checkpoint file from format version 5 on: a header (magic number, version), a table of contents
 * (each section's name, length and CRC32C, itself followed by its own CRC32C) and the sections' bytes. Every
 * section is verified against its checksum before anything is read from it, so a bad disk, a bad copy or an edit
 * is reported naming the damaged section instead of resuming a run from wrong numbers.
 */
final class CheckpointFile {
    static final int MAGIC = 0x4D4C434B; // "MLCK"
    /**
     * The first version with checksums; version 2 files (no checksums) are still read. Not 3 or 4: those are one
     * flipped bit away from 2, and a damaged header must not make a checksummed file read as an unchecked one.
     */
    static final int VERSION = 5;
    static final String HEADER = "header";
    static final String CONTENTS = "table of contents";
    private static final int MAX_SECTIONS = 1000;

    private CheckpointFile() {
    }

    /** Writes the header, the table of contents and the sections, in the order of {@code sections}. */
    static void write(OutputStream raw, Map<String, byte[]> sections) throws IOException {
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        DataOutputStream toc = new DataOutputStream(contents);
        toc.writeInt(sections.size());
        for (Map.Entry<String, byte[]> s : sections.entrySet()) {
            toc.writeUTF(s.getKey());
            toc.writeInt(s.getValue().length);
            toc.writeInt(crc(s.getValue(), 0, s.getValue().length));
        }
        toc.flush();
        byte[] tocBytes = contents.toByteArray();
        DataOutputStream out = new DataOutputStream(raw);
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(tocBytes.length);
        out.write(tocBytes);
        out.writeInt(crc(tocBytes, 0, tocBytes.length));
        for (byte[] bytes : sections.values()) {
            out.write(bytes);
        }
        out.flush();
    }

    /**
     * The sections of a version-5 file whose header has been read ({@code in} is positioned after it), each
     * verified against its CRC32C. Fails with {@link CheckpointDamagedException} naming the first damaged part.
     */
    static Map<String, byte[]> read(Path file, ByteBuffer in) {
        byte[] toc;
        int tocCrc;
        try {
            int length = in.getInt();
            if (length < 4 || length > in.remaining() - 4) {
                throw damaged(file, CONTENTS, "its length " + length + " does not fit the file's " + in.capacity()
                        + " bytes");
            }
            toc = new byte[length];
            in.get(toc);
            tocCrc = in.getInt();
        } catch (BufferUnderflowException e) {
            throw damaged(file, CONTENTS, "it ends after the end of the file");
        }
        int computed = crc(toc, 0, toc.length);
        if (computed != tocCrc) {
            throw damaged(file, CONTENTS, mismatch(tocCrc, computed));
        }
        ByteBuffer t = ByteBuffer.wrap(toc);
        int count = t.getInt();
        if (count < 0 || count > MAX_SECTIONS) {
            throw damaged(file, CONTENTS, "it lists " + count + " sections");
        }
        Map<String, byte[]> sections = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            byte[] name = new byte[Short.toUnsignedInt(t.getShort())];
            t.get(name);
            String section = new String(name, StandardCharsets.UTF_8); // the names are ASCII: UTF-8 = modified UTF-8
            int length = t.getInt();
            int crc = t.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new CheckpointException("checkpoint: " + file + " is truncated: section '" + section
                        + "' ends after the end of the file");
            }
            byte[] bytes = new byte[length];
            in.get(bytes);
            int actual = crc(bytes, 0, length);
            if (actual != crc) {
                throw damaged(file, section, mismatch(crc, actual));
            }
            sections.put(section, bytes);
        }
        if (in.hasRemaining()) {
            throw damaged(file, CONTENTS, in.remaining() + " bytes follow the last section it lists");
        }
        return sections;
    }

    private static String mismatch(int stored, int computed) {
        return String.format("CRC32C %08x stored, %08x computed", stored, computed);
    }

    static CheckpointDamagedException damaged(Path file, String section, String detail) {
        return new CheckpointDamagedException("checkpoint: " + file + ": section '" + section + "' is damaged ("
                + detail + "): the file changed after it was written (a bad disk, a bad copy or an edit). Resume "
                + "from an intact copy of it, or delete it to start the run again.", section);
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
