package dev.inkan.se.persist;

import dev.inkan.se.util.Hex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The persistence file of an SE, written atomically: the new image goes to a temporary file in
 * the same directory, is forced to disk, then renamed over the old one, and the directory is
 * forced too. A crash leaves either the old or the new image, never a mixture. The first line
 * carries a SHA-256 of the body, so a damaged file is reported instead of silently reset. The
 * file holds keys: it is created readable by its owner only.
 */
public final class ImageStore {
    static final String MAGIC = "INKAN-SE-IMAGE 1 SHA-256 ";
    private final Path file;

    public ImageStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    /** The stored image, or null when there is no file yet. */
    public String read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        if (nl < 0 || !text.startsWith(MAGIC)) {
            throw new IOException(file + " is not an Inkan SE image (bad header)");
        }
        String expected = text.substring(MAGIC.length(), nl).trim();
        String body = text.substring(nl + 1);
        if (!expected.equalsIgnoreCase(sha256(body))) {
            throw new IOException(file + " is damaged: its checksum does not match; refusing to start from it");
        }
        return body;
    }

    /** Replaces the stored image atomically. */
    public void write(String body) throws IOException {
        byte[] bytes = (MAGIC + sha256(body) + "\n" + body).getBytes(StandardCharsets.UTF_8);
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        try {
            restrictPermissions(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrictPermissions(Path p) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some platforms cannot open directories; the rename is still atomic
        }
    }

    static String sha256(String body) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
