package com.beiying.gateway.simulator;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The simulated providers' own state. */
interface SimulatorDao {

    /** Opens an account; false when it already existed. */
    @SqlUpdate("INSERT INTO sim_accounts (game, account, currency) VALUES (:game, :account, :currency) ON CONFLICT DO NOTHING")
    boolean openAccount(@Bind("game") String game, @Bind("account") String account, @Bind("currency") String currency);

    /** Whether the account exists. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM sim_accounts WHERE game = :game AND account = :account)")
    boolean accountExists(@Bind("game") String game, @Bind("account") String account);

    /** Records a launch token. */
    @SqlUpdate("""
            INSERT INTO sim_launches (token, game, account, platform, language, game_id)
            VALUES (:token, :game, :account, :platform, :language, :gameId)
            """)
    void recordLaunch(@Bind("token") String token, @Bind("game") String game, @Bind("account") String account,
                      @Bind("platform") String platform, @Bind("language") String language,
                      @Bind("gameId") String gameId);
}
