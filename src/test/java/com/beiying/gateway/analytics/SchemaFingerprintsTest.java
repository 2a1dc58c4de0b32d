package com.beiying.gateway.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.messaging.avro.BetRecord;
import com.beiying.gateway.messaging.avro.Command;
import com.beiying.gateway.messaging.avro.Event;
import com.beiying.gateway.messaging.avro.Reply;
import com.beiying.gateway.support.PythonScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

/**
 * The single-object fingerprints a non-Java reader computes (docs/consumers.md, "Fingerprints")
 * are Java's: for every schema file in avro/ and avro/released/**, the Parsing Canonical Form and
 * CRC-64-AVRO that scripts/analytics implements equal {@code SchemaNormalization}'s. What
 * python-avro 1.11's own canonical form would give is printed beside them (it differs for every
 * schema with a logical type or an avro.java.string attribute: the trap the script avoids).
 */
class SchemaFingerprintsTest {

    /** File (relative to the repository) to Java's fingerprint (hex of the long) and canonical form. */
    static Map<String, String[]> javaFingerprints() throws IOException {
        Map<String, String[]> out = new TreeMap<>();
        // Split files: Command.avsc and Reply.avsc use the types of FieldValue.avsc and CommandType.avsc.
        Schema.Parser parser = new Schema.Parser();
        for (String file : List.of("FieldValue", "CommandType", "Command", "Reply", "BetRecord", "Event")) {
            put(out, "avro/" + file + ".avsc", parser.parse(Path.of("avro", file + ".avsc").toFile()));
        }
        try (Stream<Path> released = Files.walk(Path.of("avro", "released"))) {
            for (Path p : released.filter(p -> p.toString().endsWith(".avsc")).sorted().toList()) {
                put(out, p.toString(), new Schema.Parser().parse(p.toFile()));
            }
        }
        return out;
    }

    private static void put(Map<String, String[]> out, String file, Schema schema) {
        out.put(file, new String[] {String.format("%016x", SchemaNormalization.parsingFingerprint64(schema)),
                SchemaNormalization.toParsingForm(schema)});
    }

    @Test
    void theScriptsFingerprintsAreJavas() throws IOException {
        Map<String, String[]> java = javaFingerprints();
        try (Stream<Path> files = Files.walk(Path.of("avro"))) {
            assertThat(java.keySet()).as("every schema file is covered")
                    .containsExactlyInAnyOrderElementsOf(files.map(Path::toString).filter(f -> f.endsWith(".avsc")).toList());
        }
        String printed = PythonScripts.run(Duration.ofSeconds(60), "scripts/analytics", "--fingerprints").ok();
        Map<String, String[]> python = new TreeMap<>();
        for (String line : printed.strip().split("\n")) {
            String[] parts = line.split(" ", 4);
            python.put(parts[0], new String[] {parts[1], parts[3], parts[2]});
        }
        assertThat(python.keySet()).isEqualTo(java.keySet());
        java.forEach((file, expected) -> {
            String[] got = python.get(file);
            assertThat(got[0]).as("fingerprint of %s", file).isEqualTo(expected[0]);
            assertThat(got[1]).as("canonical form of %s", file).isEqualTo(expected[1]);
            System.out.printf("%-36s java %s  script %s  python-avro 1.11 canonical_form %s%s%n", file, expected[0], got[0], got[2],
                    got[2].equals(expected[0]) ? "" : "  (wrong)");
        });
    }

    /** docs/consumers.md lists the fingerprint and first bytes of every record schema a topic value is written with. */
    @Test
    void theDocumentListsEveryFingerprint() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("docs", "consumers.md")).stream()
                .filter(l -> l.startsWith("| `avro/") && l.contains("| `c3 01 ")).toList();
        javaFingerprints().forEach((file, expected) -> {
            if (file.contains("FieldValue") || file.contains("CommandType")) {
                return;
            }
            long fingerprint = Long.parseUnsignedLong(expected[0], 16);
            StringBuilder bytes = new StringBuilder("c3 01");
            for (int i = 0; i < 8; i++) {
                bytes.append(String.format(" %02x", (fingerprint >>> (8 * i)) & 0xFF));
            }
            String row = "| `" + file + "` | `" + expected[0] + "` | `" + bytes + "` |";
            assertThat(rows).as("docs/consumers.md, \"Single-object encoding and fingerprints\", needs a row for %s like%n%s",
                    file, row).anyMatch(r -> r.contains("`" + file + "`") && r.contains("`" + expected[0] + "`")
                    && r.contains("`" + bytes + "`"));
        });
    }

    /** What the encoders write is the file's fingerprint: the classes' schemas normalise to the same form. */
    @Test
    void theGeneratedClassesWriteTheFilesFingerprints() throws IOException {
        Map<String, String[]> java = javaFingerprints();
        Map<String, Schema> classes = Map.of("avro/Command.avsc", Command.getClassSchema(), "avro/Reply.avsc",
                Reply.getClassSchema(), "avro/BetRecord.avsc", BetRecord.getClassSchema(), "avro/Event.avsc", Event.getClassSchema());
        classes.forEach((file, schema) -> assertThat(String.format("%016x", SchemaNormalization.parsingFingerprint64(schema)))
                .as(file).isEqualTo(java.get(file)[0]));
    }
}
