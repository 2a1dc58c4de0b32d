package com.beiying.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's rules without any server: owner-only, one user at a time, secrets made once, wiped only when it is ours. */
class EmbeddedDataDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void secretsAreGeneratedOnceKeptToTheOwnerAndFoundAgainAfterARestart() throws IOException {
        Path root = temp.resolve("data");
        AtomicInteger generated = new AtomicInteger();
        String first;
        try (EmbeddedDataDirectory dir = EmbeddedDataDirectory.open(root)) {
            first = dir.secret(dir.masterKeyFile(), () -> "key-" + generated.incrementAndGet());
            assertThat(dir.secret(dir.masterKeyFile(), () -> "key-" + generated.incrementAndGet())).isEqualTo(first);
            assertThat(permissions(root)).isEqualTo("rwx------");
            assertThat(permissions(dir.masterKeyFile())).isEqualTo("rw-------");
            assertThat(permissions(dir.kafkaLogDirectory())).isEqualTo("rwx------");
        }
        try (EmbeddedDataDirectory again = EmbeddedDataDirectory.open(root)) {
            assertThat(again.secret(again.masterKeyFile(), () -> "key-" + generated.incrementAndGet())).isEqualTo(first);
        }
        assertThat(generated).hasValue(1);
    }

    @Test
    void oneGatewayAtATime() {
        Path root = temp.resolve("data");
        try (EmbeddedDataDirectory held = EmbeddedDataDirectory.open(root)) {
            assertThatThrownBy(() -> EmbeddedDataDirectory.open(root)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another gateway (pid " + ProcessHandle.current().pid() + ")");
        }
        EmbeddedDataDirectory.open(root).close();
    }

    @Test
    void startingAfreshWipesEverythingAndNewSecretsFollow() throws IOException {
        try (EmbeddedDataDirectory dir = EmbeddedDataDirectory.open(temp.resolve("data"))) {
            String before = dir.secret(dir.adminTokenFile(), () -> "old");
            Files.writeString(dir.kafkaLogDirectory().resolve("meta.properties"), "x");
            dir.wipe();
            assertThat(dir.kafkaLogDirectory().resolve("meta.properties")).doesNotExist();
            assertThat(dir.secret(dir.adminTokenFile(), () -> "new")).isNotEqualTo(before).isEqualTo("new");
        }
    }

    @Test
    void aDirectoryThatIsNotOursIsNeitherUsedNorWiped() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> EmbeddedDataDirectory.open(home)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a gateway data directory");
        assertThat(home.resolve("notes.txt")).hasContent("mine");
        assertThat(permissions(home)).isEqualTo("rwxr-xr-x");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
