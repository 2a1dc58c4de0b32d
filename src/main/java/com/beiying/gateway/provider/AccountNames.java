package com.beiying.gateway.provider;

import java.util.Locale;

/**
 * Account names at providers: a provider's prefix, the member id in base 36 and a check character,
 * so a name is stable across retries and reveals neither the operator nor the member's name.
 */
public final class AccountNames {
    private AccountNames() {
    }

    /**
     * The name for a member: {@code prefix}, id in base 36, {@code separator}, check character; in
     * upper case when the provider wants it.
     *
     * @throws IllegalStateException when the name would break the provider's length rule
     */
    public static String of(String prefix, long memberId, String separator, int maxLength, boolean upperCase) {
        String name = prefix + Long.toString(memberId, 36) + separator + Long.toString(memberId % 31, 36);
        name = upperCase ? name.toUpperCase(Locale.ROOT) : name;
        if (name.length() > maxLength) {
            throw new IllegalStateException("account name too long for its provider: " + name);
        }
        return name;
    }
}
