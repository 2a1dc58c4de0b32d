package com.beiying.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the repository's Python scripts ({@code scripts/analytics}, {@code scripts/seal-field}) as
 * a person would, with the {@code python3} on the PATH, from the repository root. A machine
 * without Python or without the Debian packages the scripts use fails the test with what to install.
 */
public final class PythonScripts {
    /** What the scripts need; {@code .ci/run} installs it. */
    public static final String INSTALL = "apt-get install -y python3 python3-avro python3-confluent-kafka python3-cryptography";
    /** The scripts' exit code for missing libraries. */
    private static final int LIBRARIES_MISSING = 3;

    private PythonScripts() {
    }

    /** One finished run. */
    public record Run(int exit, String stdout, String stderr) {
        /** Stdout, after asserting the run succeeded. */
        public String ok() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return stdout;
        }
    }

    /** Runs {@code python3 <script> <args>} and waits at most the timeout. */
    public static Run run(Duration timeout, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("python3", script));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(Path.of(System.getProperty("user.dir")).toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("python3 is not installed here (" + e.getMessage() + "); " + INSTALL, e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // nothing to send anyway
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            Run run = new Run(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
            if (run.exit() == LIBRARIES_MISSING) {
                throw new AssertionError(script + " lacks its libraries: " + run.stderr().strip() + "\n(" + INSTALL + ")");
            }
            return run;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("could not read the output of " + script, e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
