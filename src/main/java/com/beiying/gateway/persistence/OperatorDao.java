package com.beiying.gateway.persistence;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Operators, their key pairs and their games. */
@RegisterConstructorMapper(OperatorDao.OperatorRow.class)
@RegisterConstructorMapper(OperatorDao.KeyRow.class)
@RegisterConstructorMapper(OperatorDao.GameRow.class)
public interface OperatorDao {

    /** An operator's settings. */
    record OperatorRow(String operatorId, String name, String status, String ipAllowlist, String launchDomain,
                       String currency, String errorFormat, Integer rateLimit, boolean kafkaNative) {
    }

    /** A usable key pair (current, or rotated but inside its overlap). */
    record KeyRow(String apiKey, String operatorId, byte[] secretSealed) {
    }

    /** A game enabled for an operator. */
    record GameRow(String operatorId, String game) {
    }

    /** All operators; the allowlist comes as one comma-separated string. */
    @SqlQuery("""
            SELECT operator_id, name, status, array_to_string(ip_allowlist, ',') AS ip_allowlist,
                   launch_domain, currency, error_format, rate_limit, kafka_native
            FROM operators
            """)
    List<OperatorRow> operators();

    /** One operator. */
    @SqlQuery("""
            SELECT operator_id, name, status, array_to_string(ip_allowlist, ',') AS ip_allowlist,
                   launch_domain, currency, error_format, rate_limit, kafka_native
            FROM operators WHERE operator_id = :operatorId
            """)
    java.util.Optional<OperatorRow> operator(@Bind("operatorId") String operatorId);

    /** Games enabled for one operator. */
    @SqlQuery("SELECT game FROM operator_games WHERE operator_id = :operatorId AND enabled ORDER BY game")
    List<String> gamesOf(@Bind("operatorId") String operatorId);

    /** Key pairs that authenticate now. */
    @SqlQuery("SELECT api_key, operator_id, secret_sealed FROM operator_keys WHERE expires_at IS NULL OR expires_at > now()")
    List<KeyRow> usableKeys();

    /** Enabled games of every operator. */
    @SqlQuery("SELECT operator_id, game FROM operator_games WHERE enabled")
    List<GameRow> enabledGames();

    /** Creates an operator unless it exists. */
    @SqlUpdate("""
            INSERT INTO operators (operator_id, name, ip_allowlist, launch_domain, currency, error_format, rate_limit, kafka_native)
            VALUES (:operatorId, :name, string_to_array(:ipAllowlist, ','), :launchDomain, :currency, :errorFormat,
                    :rateLimit, :kafkaNative)
            ON CONFLICT (operator_id) DO NOTHING
            """)
    boolean insertOperator(@Bind("operatorId") String operatorId, @Bind("name") String name,
                           @Bind("ipAllowlist") String ipAllowlist, @Bind("launchDomain") String launchDomain,
                           @Bind("currency") String currency, @Bind("errorFormat") String errorFormat,
                           @Bind("rateLimit") Integer rateLimit, @Bind("kafkaNative") boolean kafkaNative);

    /** Replaces an operator's allowlist. */
    @SqlUpdate("UPDATE operators SET ip_allowlist = string_to_array(:ipAllowlist, ','), updated_at = now() WHERE operator_id = :operatorId")
    int setIpAllowlist(@Bind("operatorId") String operatorId, @Bind("ipAllowlist") String ipAllowlist);

    /** Changes an operator's rate limit (null: the configured default). */
    @SqlUpdate("UPDATE operators SET rate_limit = :rateLimit, updated_at = now() WHERE operator_id = :operatorId")
    int setRateLimit(@Bind("operatorId") String operatorId, @Bind("rateLimit") Integer rateLimit);

    /** Enables exactly the given games (the others stay configured but disabled, keeping their credit lines). */
    @SqlUpdate("""
            INSERT INTO operator_games (operator_id, game, enabled)
            SELECT :operatorId, g, g = ANY(:enabled) FROM unnest(:all) AS g
            ON CONFLICT (operator_id, game) DO UPDATE SET enabled = excluded.enabled
            """)
    void setGames(@Bind("operatorId") String operatorId, @Bind("enabled") String[] enabled, @Bind("all") String[] all);

    /** Ends the overlap of older key pairs at the given time (now or later), leaving newer expiries alone. */
    @SqlUpdate("""
            UPDATE operator_keys SET expires_at = :until
            WHERE operator_id = :operatorId AND (expires_at IS NULL OR expires_at > :until)
            """)
    int expireKeys(@Bind("operatorId") String operatorId, @Bind("until") Instant until);

    /** Adds a key pair. */
    @SqlUpdate("INSERT INTO operator_keys (api_key, operator_id, secret_sealed, expires_at) VALUES (:apiKey, :operatorId, :secret, :expiresAt)")
    void insertKey(@Bind("apiKey") String apiKey, @Bind("operatorId") String operatorId,
                   @Bind("secret") byte[] secretSealed, @Bind("expiresAt") Instant expiresAt);

    /** Enables a game with a credit line. */
    @SqlUpdate("""
            INSERT INTO operator_games (operator_id, game, enabled, credit_limit) VALUES (:operatorId, :game, true, :credit)
            ON CONFLICT (operator_id, game) DO UPDATE SET enabled = true
            """)
    void enableGame(@Bind("operatorId") String operatorId, @Bind("game") String game,
                    @Bind("credit") java.math.BigDecimal credit);

    /** Changes an operator's status. */
    @SqlUpdate("UPDATE operators SET status = :status, updated_at = now() WHERE operator_id = :operatorId")
    int setStatus(@Bind("operatorId") String operatorId, @Bind("status") String status);

    /** Changes an operator's launch domain (null removes it). */
    @SqlUpdate("UPDATE operators SET launch_domain = :domain, updated_at = now() WHERE operator_id = :operatorId")
    int setLaunchDomain(@Bind("operatorId") String operatorId, @Bind("domain") String domain);

    /** Changes an operator's error format. */
    @SqlUpdate("UPDATE operators SET error_format = :format, updated_at = now() WHERE operator_id = :operatorId")
    int setErrorFormat(@Bind("operatorId") String operatorId, @Bind("format") String format);
}
