package com.beiying.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class YamlWriterTest {
    /** Strings YAML would read as something else, or not at all, if they were written bare. */
    static List<String> awkwardStrings() {
        return List.of("", " leading", "trailing ", "yes", "No", "ON", "off", "y", "n", "true", "False", "null", "Null", "~",
                "3.0.0", "12", "-1", "1e3", "0x1F", "0o17", ".inf", ".NaN", "2026-01-01", "12:30", "- a", "-", "#x", "a #b", "a: b",
                "a:b", "{x}", "[x]", "*ref", "&anchor", "!tag", "|", "> x", "%x", "@x", "`x", "'x", "\"q\"", "back\\slash",
                "line\nbreak", "tab\there", "cr\rlf", "中文 <OperatorId>:<UserName>", "bell\u0007", "del\u007f", "nel\u0085",
                "sep\u2028", "bom\uFEFF", "=", "<<", "a,b", "a?", "? a", "beiying.op.{OperatorId}.commands", "$ref",
                "application/vnd.apache.avro;version=1.9.0", "plain words", "plain-words_and.dots/slashes");
    }

    static Map<String, Object> tree() {
        Map<String, Object> tree = new LinkedHashMap<>();
        List<String> strings = awkwardStrings();
        for (int i = 0; i < strings.size(); i++) {
            tree.put(strings.get(i), strings.get(strings.size() - 1 - i));
        }
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("int", 5);
        nested.put("long", 5_000_000_000L);
        nested.put("double", 1.5);
        nested.put("boolean", false);
        nested.put("null", null);
        nested.put("emptyMap", Map.of());
        nested.put("emptyList", List.of());
        nested.put("strings", new ArrayList<>(strings));
        nested.put("listOfMaps", List.of(Map.of("a", Map.of("b", List.of("c", Map.of("d", "e")))), Map.of("x", "y"), Map.of()));
        nested.put("listOfLists", List.of(List.of("a", List.of("b")), List.of(), List.of(Map.of("k", "v"))));
        tree.put("nested", nested);
        return tree;
    }

    @Test
    void whatItWritesReadsBackAsTheSameTree() {
        Map<String, Object> tree = tree();
        String yaml = YamlWriter.write(tree);
        Object read = new Yaml().load(yaml);
        assertThat(read).isEqualTo(tree);
    }

    @Test
    void onlyUnambiguousWordsGoBare() {
        assertThat(YamlWriter.scalar("send")).isEqualTo("send");
        assertThat(YamlWriter.scalar("Beiying Gateway")).isEqualTo("Beiying Gateway");
        assertThat(YamlWriter.scalar("yes")).isEqualTo("\"yes\"");
        assertThat(YamlWriter.scalar("3.0.0")).isEqualTo("\"3.0.0\"");
        assertThat(YamlWriter.scalar("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
