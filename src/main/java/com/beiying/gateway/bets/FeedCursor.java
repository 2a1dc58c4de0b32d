package com.beiying.gateway.bets;

import com.beiying.gateway.error.Errors;
import com.beiying.gateway.error.GatewayException;
import com.beiying.gateway.error.RequestField;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * The feed's opaque cursor: a version byte and the position of the last revision delivered, in
 * URL-safe Base64. Operators must not read anything into it; the version lets its form change
 * without breaking readers that stored an older one.
 */
public final class FeedCursor {
    private static final byte VERSION = 1;

    private FeedCursor() {
    }

    /** The cursor after the revision at {@code position}. */
    public static String of(long position) {
        ByteBuffer b = ByteBuffer.allocate(9).put(VERSION).putLong(position);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * The position a cursor stands after.
     *
     * @throws GatewayException CONTENT 2006 on {@code Cursor} for anything this gateway did not issue
     */
    public static long position(String cursor) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.CURSOR);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length != 9 || b.get() != VERSION) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.CURSOR);
        }
        long position = b.getLong();
        if (position < 0) {
            throw GatewayException.field(Errors.FIELD_INVALID, RequestField.CURSOR);
        }
        return position;
    }
}
