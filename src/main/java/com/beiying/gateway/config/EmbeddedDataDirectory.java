package com.beiying.gateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The embedded default's data directory: the broker's log, PostgreSQL's data and the secrets the
 * gateway generated for itself, so that a restart (after a clean stop, a {@code kill -9} or a
 * crash) finds every member, order, operator and key again.
 *
 * <pre>
 * data/                     700, locked by the running gateway (.lock)
 *   kafka/                  broker log (KRaft), formatted once
 *   postgres/               PostgreSQL cluster, initdb once
 *   postgres-password       600, password of the PostgreSQL superuser
 *   master-key              600, unless GATEWAY_MASTER_KEY is set
 *   admin-token             600, unless GATEWAY_ADMIN_TOKEN is set
 * </pre>
 *
 * Everything is kept to the owner (700/600): the files are the keys to every operator's secret and
 * to the database. One gateway at a time: the lock is an OS file lock, so a killed process releases
 * it and the next start takes it; a second gateway on the same directory is refused instead of
 * mistaking the first one's PostgreSQL for a stale one.
 */
final class EmbeddedDataDirectory implements AutoCloseable {
    private static final String MARKER = ".beiying-gateway-data";
    private static final String LOCK = ".lock";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private EmbeddedDataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed, keeps it to its owner and locks it for this process.
     * Refuses a non-empty directory that is not a gateway data directory, so that a mistyped
     * setting never fills (or, with {@code fresh}, wipes) somebody's home directory.
     */
    static EmbeddedDataDirectory open(Path configured) {
        Path root = configured.toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
            if (!Files.exists(root.resolve(MARKER)) && !isEmptyButForOurs(root)) {
                throw new IllegalStateException(root + " is not empty and not a gateway data directory; choose another "
                        + "gateway.embedded.data-dir (GATEWAY_EMBEDDED_DATADIR)");
            }
            ownerOnly(root, OWNER_DIR);
            FileChannel channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            ownerOnly(root.resolve(LOCK), OWNER_FILE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM (another embedded start in it)
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(root.resolve(LOCK)), StandardCharsets.UTF_8).trim();
                channel.close();
                throw new IllegalStateException(root + " is in use by another gateway (pid " + holder + "); stop it, "
                        + "or give this one another gateway.embedded.data-dir (GATEWAY_EMBEDDED_DATADIR)");
            }
            channel.truncate(0).write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            EmbeddedDataDirectory directory = new EmbeddedDataDirectory(root, channel, lock);
            directory.writeMarker();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use data directory " + root, e);
        }
    }

    Path root() {
        return root;
    }

    Path kafkaLogDirectory() {
        return subdirectory("kafka");
    }

    Path postgresDataDirectory() {
        return root.resolve("postgres");
    }

    Path postgresPasswordFile() {
        return root.resolve("postgres-password");
    }

    Path masterKeyFile() {
        return root.resolve("master-key");
    }

    Path adminTokenFile() {
        return root.resolve("admin-token");
    }

    /**
     * Deletes everything but the lock (start afresh). Runs after a stale PostgreSQL of this
     * directory has been stopped, never while one could still write into it.
     */
    void wipe() {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.filter(p -> !p.getFileName().toString().equals(LOCK)).toList()) {
                deleteRecursively(entry);
            }
            writeMarker();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe data directory " + root, e);
        }
    }

    /**
     * The secret stored in {@code file}, or a new one from {@code generator} stored there first.
     * The file is written to a temporary name, flushed with its directory and then renamed, so a
     * crash leaves either no file or the whole secret; and it reaches the disk before anything is
     * sealed or initdb'ed with it, so a power cut cannot keep data whose key was lost.
     */
    String secret(Path file, Supplier<String> generator) {
        try {
            if (Files.exists(file)) {
                ownerOnly(file, OWNER_FILE);
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            String secret = generator.get();
            writeDurably(file, secret + "\n");
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /** Writes a small owner-only file atomically and durably (temporary file, fsync, rename, fsync of the directory). */
    static void writeDurably(Path file, String content) throws IOException {
        Path dir = file.getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel out = POSIX
                ? FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        ownerOnly(tmp, OWNER_FILE);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    /** A directory kept to its owner; created if missing. */
    static Path ownerOnlyDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, OWNER_DIR);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Empty, or holding only what a first start interrupted before its marker was written leaves. */
    private static boolean isEmptyButForOurs(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).allMatch(n -> n.equals(LOCK) || n.equals(MARKER + ".tmp"));
        }
    }

    private Path subdirectory(String name) {
        return ownerOnlyDirectory(root.resolve(name));
    }

    private void writeMarker() throws IOException {
        if (!Files.exists(root.resolve(MARKER))) {
            writeDurably(root.resolve(MARKER), "Data of the Beiying Gateway's embedded default (README, \"Run\").\n");
        }
    }

    private static void ownerOnly(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable. Linux and macOS allow fsync on a directory; where the
        // platform refuses (Windows), the rename is as durable as that file system makes it.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // see above
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Releases the lock (the directory and its data stay). */
    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the OS releases the lock with the process anyway
        }
    }
}
