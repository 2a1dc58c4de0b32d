package com.beiying.gateway.error;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generates {@code docs/errors.md} from the catalog; the build runs it so the document can never
 * disagree with the code.
 */
public final class ErrorCatalogDocs {
    private ErrorCatalogDocs() {
    }

    /** Writes the document to the path given as the only argument. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, render(), StandardCharsets.UTF_8);
    }

    /** The whole document. */
    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Error catalog\n\n")
                .append("Generated from `com.beiying.gateway.error.Errors` by the build; do not edit by hand.\n\n")
                .append("Every error answer carries a Beiying `Code` (one of the seed API's 30, spelling included),\n")
                .append("an RGS id (`ErrorId`, or `error_id` in the RGS dialect) and an RGS code. Ids 2001–2038 carry\n")
                .append("the RGS seed's codes and their messages begin with the seed's words; several situations may\n")
                .append("share one seed id (2032, 2035), and what follows the seed's words tells them apart. Situations\n")
                .append("no seed id fits have ids of the gateway's own range 3001–3099, so an RGS client always reads an\n")
                .append("integer `error_id`. Field-validation entries (2001–2011) take the Beiying code of the field at\n")
                .append("fault and the RGS code `INVALID_<FIELD>` (for example `UserName` gives `BADNAME` and\n")
                .append("`INVALID_USER_NAME`); in the RGS dialect they are nested as `error_detail`. Reserved entries\n")
                .append("hold an id that no request can produce today, and say why.\n\n")
                .append("| Name | Code | RGS id | RGS code | HTTP | Retriable | zh-CN | en | Reserved because |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (Errors e : Errors.documentationOrder()) {
            out.append("| ").append(e.name())
                    .append(" | ").append(e.isFieldValidation() ? "field's code" : "`" + e.code(null) + "`")
                    .append(" | ").append(e.rgsId().map(String::valueOf).orElse("—"))
                    .append(" | ").append(e.isFieldValidation() ? "`INVALID_<FIELD>`" : e.rgsCode(null).map(c -> "`" + c + "`").orElse("—"))
                    .append(" | ").append(e.httpStatus())
                    .append(" | ").append(e.retriable() ? "yes" : "no")
                    .append(" | ").append(escape(e.template(Language.ZH_CN)))
                    .append(" | ").append(escape(e.template(Language.EN)))
                    .append(" | ").append(e.reservedReason().orElse(""))
                    .append(" |\n");
        }
        out.append("\n## Request fields\n\nA field error names its field in `ErrorCode` (`INVALID_<FIELD>`) and takes the field's\n")
                .append("Beiying code. Headers with values of their own are fields too.\n\n")
                .append("| Field | Code | RGS code | English words |\n|---|---|---|---|\n");
        for (RequestField f : RequestField.values()) {
            out.append("| `").append(f.jsonName()).append("` | `").append(f.beiyingCode()).append("` | `")
                    .append(f.rgsCode()).append("` | ").append(f.englishWords()).append(" |\n");
        }
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
