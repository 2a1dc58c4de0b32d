package com.beiying.gateway.messaging;

import com.beiying.gateway.messaging.avro.BetRecord;
import com.beiying.gateway.messaging.avro.Command;
import com.beiying.gateway.messaging.avro.Event;
import com.beiying.gateway.messaging.avro.Reply;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Build step (README, "Topics"): every released version in {@code avro/released/<Record>/v<n>.avsc} must
 * stay readable by the current schema (backward) and able to read records the current schema
 * writes (forward), because commands and replies outlive the gateway version that wrote them and
 * analytics consumers upgrade on their own schedule. The build fails on any violation.
 */
public final class SchemaCompatibilityCheck {
    private SchemaCompatibilityCheck() {
    }

    /** Checks the schemas under the directory given as the only argument; exits 1 on a break. */
    public static void main(String[] args) throws IOException {
        File released = new File(args[0], "released");
        List<String> problems = check(released, Map.of("Command", Command.getClassSchema(), "Reply", Reply.getClassSchema(),
                "BetRecord", BetRecord.getClassSchema(), "Event", Event.getClassSchema()));
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("[avro] " + p));
            throw new IllegalStateException("incompatible Avro schema change: " + problems);
        }
        System.out.println("[avro] current schemas are compatible with every released version");
    }

    /** Every incompatibility between the current schemas and the released versions. */
    public static List<String> check(File releasedDir, Map<String, Schema> current) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Schema> e : current.entrySet()) {
            File dir = new File(releasedDir, e.getKey());
            File[] versions = dir.listFiles((d, name) -> name.matches("v\\d+\\.avsc"));
            if (versions == null || versions.length == 0) {
                problems.add(e.getKey() + ": no released version under " + dir);
                continue;
            }
            for (File version : versions) {
                Schema old = new Schema.Parser().parse(version);
                problems.addAll(compare(e.getKey() + "/" + version.getName(), old, e.getValue()));
            }
        }
        return problems;
    }

    /** Incompatibilities in both directions between one released schema and the current one. */
    public static List<String> compare(String label, Schema released, Schema current) {
        List<String> problems = new ArrayList<>();
        var backward = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
        if (backward.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            problems.add(label + ": current schema cannot read it: " + backward.getResult().getIncompatibilities());
        }
        var forward = SchemaCompatibility.checkReaderWriterCompatibility(released, current);
        if (forward.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            problems.add(label + ": it cannot read the current schema: " + forward.getResult().getIncompatibilities());
        }
        return problems;
    }
}
