package com.beiying.gateway.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's PostgreSQL: real binaries (zonky), a data directory that outlives the
 * process, loopback only and a password on every connection.
 *
 * <p>How the password gets in, given what zonky 2.2.2 does ({@code EmbeddedPostgres}):
 * <ul>
 * <li>zonky runs {@code initdb -A trust -U postgres -D <dir> -E UTF-8} plus one {@code --key=value}
 * per "locale config" entry, and only when the directory has no {@code postgresql.conf}. Its
 * Builder has no other way to pass initdb an option, so {@code --pwfile} goes in as such an entry:
 * initdb then stores the superuser's password (SCRAM, PostgreSQL's default encryption) from the
 * file we generated. No running server ever has a password-less superuser, and there is no first
 * start to "fix up" afterwards.</li>
 * <li>initdb's {@code -A trust} would let anyone on the machine in, so {@code pg_hba.conf} is ours:
 * written by the data-directory customizer, which zonky calls after initdb and before every start
 * of the postmaster. Local (socket) and loopback host connections need scram-sha-256; no line
 * admits anything else. Writing it at every start also repairs a hand-edited file.</li>
 * <li>zonky's readiness probe ({@code verifyReady}) opens a JDBC connection as {@code postgres}
 * with the builder's "connect config", so the password goes there too; without it the probe
 * would be refused and the start would time out.</li>
 * </ul>
 */
final class PostgresServer implements AutoCloseable {
    static final String SUPERUSER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    /** Long enough for WAL recovery after a crash (zonky's default is 10 s). */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** How long a stale server gets for its own orderly shutdown before it is killed. */
    private static final Duration STALE_SHUTDOWN_WAIT = Duration.ofSeconds(20);
    private static final String HBA = """
            # Written by the Beiying Gateway before every start of its embedded PostgreSQL; edits are overwritten.
            # Every connection needs the superuser password kept in the data directory (postgres-password),
            # and only the loopback may connect at all (the server also listens on localhost only).
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            local   all       all                  scram-sha-256
            host    all       all   127.0.0.1/32   scram-sha-256
            host    all       all   ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory}, running initdb first only when the directory is
     * empty. {@code fsync}: flush every commit to disk, so that not even a power cut loses an
     * answered transfer (zonky turns fsync and synchronous commit off, fine for throw-away data).
     */
    static PostgresServer start(Path dataDirectory, Path passwordFile, String password, int port, boolean fsync) {
        try {
            if (!Files.exists(dataDirectory.resolve("postgresql.conf")) && Files.isDirectory(dataDirectory)
                    && !EmbeddedDataDirectory.isEmpty(dataDirectory)) {
                throw new IllegalStateException(dataDirectory + " is neither empty nor a PostgreSQL data directory (a first "
                        + "start interrupted during initdb?); start afresh with gateway.embedded.fresh=true");
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    // zonky's default deletes the data directory on close.
                    .setCleanDataDirectory(false)
                    // Stopped by EmbeddedInfrastructure.close after the application contexts closed
                    // (Spring's shutdown handlers); zonky's own JVM hook ran alongside Spring's and
                    // terminated the connections of the relays releasing their leases on SIGTERM.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "localhost")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
            if (fsync) {
                // zonky starts the postmaster with -F (fsync off) and synchronous_commit=off; a later
                // -c of the same setting wins on PostgreSQL's command line.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return new PostgresServer(builder.start());
        } catch (IOException | RuntimeException e) {
            // zonky may have started a postmaster and given up waiting for it: none is left behind.
            stopStale(dataDirectory);
            throw new IllegalStateException("embedded PostgreSQL did not start on " + dataDirectory, e);
        }
    }

    /**
     * Stops a PostgreSQL still running on {@code dataDirectory}: one left behind by a gateway that
     * was killed ({@code kill -9} takes the JVM, but the postmaster is its own process and keeps
     * serving the old files). Called with the data directory locked, so a live postmaster found
     * here belongs to no running gateway.
     *
     * <p>The postmaster is recognised by {@code postmaster.pid} (PID, data directory, start time)
     * and checked to really be that postgres before it is signalled: after a reboot the PID may
     * belong to an unrelated process. It gets SIGTERM (PostgreSQL's "smart" shutdown: the dead
     * gateway's sessions are already closed by the kernel, so it checkpoints and exits). Only if it
     * is still there after {@link #STALE_SHUTDOWN_WAIT} (someone else holds a session open) is it
     * killed with SIGKILL, together with its children: a postmaster killed alone leaves backends
     * attached to its shared memory, and the next postmaster would refuse to start beside them.
     * The WAL makes even that safe; the next start replays it.
     */
    static void stopStale(Path dataDirectory) {
        List<String> pidFile;
        try {
            pidFile = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (pidFile.size() < 3) {
            return; // not a complete pid file: PostgreSQL judges it itself when it starts
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(pidFile.get(0).trim()))
                .filter(ProcessHandle::isAlive);
        if (postmaster.isEmpty()) {
            return; // dead (crash, power cut): PostgreSQL replaces a pid file whose process is gone
        }
        if (!isPostmaster(postmaster.get(), pidFile)) {
            log.warn("{}/postmaster.pid names pid {}, which is not that PostgreSQL; leaving it alone", dataDirectory,
                    postmaster.get().pid());
            return;
        }
        ProcessHandle server = postmaster.get();
        List<ProcessHandle> children = server.descendants().toList();
        log.warn("stopping PostgreSQL (pid {}) left running on {} by an earlier gateway", server.pid(), dataDirectory);
        if (!server.destroy()) {
            throw new IllegalStateException("cannot signal PostgreSQL pid " + server.pid() + " on " + dataDirectory);
        }
        if (!awaitExit(server, STALE_SHUTDOWN_WAIT)) {
            log.warn("PostgreSQL pid {} did not shut down within {} s; killing it and its {} children", server.pid(),
                    STALE_SHUTDOWN_WAIT.toSeconds(), children.size());
            server.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
        for (ProcessHandle p : children) {
            awaitExit(p, Duration.ofSeconds(10));
        }
        if (!awaitExit(server, Duration.ofSeconds(10))) {
            throw new IllegalStateException("PostgreSQL pid " + server.pid() + " on " + dataDirectory + " does not stop");
        }
    }

    /** The process is the postgres that wrote this pid file: its executable, and its data directory or start time. */
    private static boolean isPostmaster(ProcessHandle process, List<String> pidFile) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(c -> Path.of(c).getFileName().toString())
                .filter(name -> name.equals("postgres") || name.equals("postgres.exe")).isPresent();
        if (!postgres) {
            return false;
        }
        String dataDirectory = pidFile.get(1).trim();
        boolean sameDirectory = info.arguments().map(args -> List.of(args).contains(dataDirectory)).orElse(false);
        boolean sameStart = info.startInstant().map(started -> Math.abs(Duration.between(started,
                Instant.ofEpochSecond(Long.parseLong(pidFile.get(2).trim()))).toSeconds()) <= 5).orElse(false);
        return sameDirectory || sameStart;
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void writeHba(Path dataDirectory) {
        try {
            EmbeddedDataDirectory.writeDurably(dataDirectory.resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pg_hba.conf in " + dataDirectory, e);
        }
    }

    /** JDBC URL of the {@code postgres} database (the password is a separate property, never in the URL). */
    String jdbcUrl() {
        return postgres.getJdbcUrl(SUPERUSER, "postgres");
    }

    /** Stops the server (zonky: {@code pg_ctl stop -m fast}); the data stays. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
