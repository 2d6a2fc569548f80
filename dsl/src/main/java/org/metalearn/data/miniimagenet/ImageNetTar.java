package org.metalearn.data.miniimagenet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.metalearn.util.AtomicFiles;

/**
 * Route (3): cuts the Mini-ImageNet JPEGs out of the user's own {@code ILSVRC2012_img_train.tar} by the official
 * byte ranges and writes them in the official layout {@code <target>/<split>/<wnid>/<name>}, as the official
 * {@code fetch_data.sh} does with HTTP range requests, but reading a local file: no network. The tar and the class
 * tars inside it are uncompressed, so each JPEG is a contiguous run of bytes of the outer file. Files already
 * there with the right size are kept, so an interrupted build resumes.
 */
final class ImageNetTar {
    private ImageNetTar() {
    }

    static void extract(Path tar, SplitDefinition definition, Path target) {
        if (!Files.isRegularFile(tar)) {
            throw MiniImageNet.problem(target, "the ImageNet training tar " + tar + " does not exist");
        }
        try (FileChannel in = FileChannel.open(tar, StandardOpenOption.READ);
             ProgressBar bar = new ProgressBarBuilder().setTaskName("Mini-ImageNet from " + tar.getFileName())
                     .setInitialMax(definition.entries.size()).setStyle(ProgressBarStyle.ASCII)
                     .setConsumer(new ConsoleProgressBarConsumer(System.out)).setUpdateIntervalMillis(500).build()) {
            long size = in.size();
            for (SplitDefinition.Entry e : definition.entries) {
                Path out = target.resolve(e.split().folder()).resolve(e.wnid()).resolve(e.name());
                if (!Files.isRegularFile(out) || Files.size(out) != e.length()) {
                    if (e.last() >= size) {
                        throw MiniImageNet.problem(target, tar + " has " + size + " bytes but " + e.name()
                                + " lies at bytes " + e.first() + "-" + e.last() + ": the file is truncated or is not "
                                + "ILSVRC2012_img_train.tar (the ImageNet 2012 training set, about 138 GB)");
                    }
                    ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(e.length()));
                    while (bytes.hasRemaining()) {
                        if (in.read(bytes, e.first() + bytes.position()) < 0) {
                            throw MiniImageNet.problem(target, tar + " ended inside " + e.name());
                        }
                    }
                    byte[] jpeg = bytes.array();
                    if (jpeg.length < 2 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
                        throw MiniImageNet.problem(target, "bytes " + e.first() + "-" + e.last() + " of " + tar
                                + " should hold the JPEG " + e.name() + " but do not start like a JPEG: the file is "
                                + "not the original ILSVRC2012_img_train.tar (repacked tars move every image)");
                    }
                    AtomicFiles.write(out, o -> o.write(jpeg));
                }
                bar.step();
            }
        } catch (IOException e) {
            throw MiniImageNet.problem(target, "cannot read " + tar + " or write under " + target + ": " + e.getMessage());
        }
    }
}
