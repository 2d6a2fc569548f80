package org.metalearn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Downloads a file with a progress bar, checks its MD5 and moves it into place only when complete and right. */
public final class Downloader {
    private Downloader() {
    }

    public static void download(URI source, Path target, String expectedMd5) {
        Path tmp = null;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
            URLConnection connection = source.toURL().openConnection();
            connection.setConnectTimeout(20_000);
            connection.setReadTimeout(60_000);
            long size = connection.getContentLengthLong();
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            try (InputStream in = new DigestInputStream(connection.getInputStream(), md5);
                 OutputStream out = Files.newOutputStream(tmp);
                 ProgressBar bar = new ProgressBarBuilder().setTaskName("download " + target.getFileName())
                         .setInitialMax(Math.max(size, 0)).setStyle(ProgressBarStyle.ASCII).setUnit(" MB", 1 << 20)
                         .build()) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    bar.stepBy(n);
                }
            }
            String actual = HexFormat.of().formatHex(md5.digest());
            if (!actual.equalsIgnoreCase(expectedMd5)) {
                throw new DatasetException("download of " + source + " has MD5 " + actual + ", expected " + expectedMd5
                        + "; the file was not kept");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DatasetException("could not download " + source + " to " + target + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a hidden .part file is harmless
                }
            }
        }
    }
}
