package com.beiying.gateway.error;

import java.util.Locale;

/** Languages a {@code Message} can be rendered in; zh-CN is the default of the seed API. */
public enum Language {
    ZH_CN("zh-CN"),
    EN("en");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag used in headers, commands and replies. */
    public String tag() {
        return tag;
    }

    /**
     * Reads an {@code Accept-Language} header or a command's language tag. Anything that does not
     * prefer English gets the default, because the message language must never fail a request.
     */
    public static Language fromHeader(String header) {
        if (header == null) {
            return ZH_CN;
        }
        String first = header.split(",", 2)[0].trim().toLowerCase(Locale.ROOT);
        return first.startsWith("en") ? EN : ZH_CN;
    }
}
