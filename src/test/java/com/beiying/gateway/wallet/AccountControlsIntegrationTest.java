package com.beiying.gateway.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient.Response;
import com.beiying.gateway.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Issue 5, acceptance 6 and the password codes: lock, unlock, and password changes. */
class AccountControlsIntegrationTest extends IntegrationTest {

    private Response send(String action, String body) {
        return demo().post("/v1/account/" + action, body).send();
    }

    @Test
    void aLockedMemberCannotLogInOrTransferUntilUnlocked() {
        String name = Fixtures.userName();
        assertThat(send("register", Fixtures.register(name, "abc12345")).code()).isEqualTo("Success");
        Response locked = send("lock", "{\"UserName\":\"" + name + "\",\"Lock\":true}");
        assertThat(locked.code()).isEqualTo("Success");
        assertThat(locked.json().path("Locked").asBoolean()).isTrue();
        String transfer = "{\"UserName\":\"" + name + "\",\"Game\":\"KY\",\"OrderID\":\"%s\",\"Money\":1,\"Action\":\"IN\"}";
        Response login = send("login", Fixtures.login(name, "KY"));
        assertThat(login.code()).isEqualTo("USERLOCK");
        assertThat(login.json().path("ErrorId").asInt()).isEqualTo(3002);
        assertThat(send("transfer", transfer.formatted("lk" + Fixtures.requestId().substring(2, 20))).code()).isEqualTo("USERLOCK");

        assertThat(send("lock", "{\"UserName\":\"" + name + "\",\"Lock\":\"false\"}").json().path("Locked").asBoolean()).isFalse();
        assertThat(send("login", Fixtures.login(name, "KY")).code()).isEqualTo("Success");
        assertThat(send("transfer", transfer.formatted("ul" + Fixtures.requestId().substring(2, 20))).code()).isEqualTo("Success");
        Response bad = send("lock", "{\"UserName\":\"" + name + "\",\"Lock\":\"maybe\"}");
        assertThat(bad.json().path("ErrorCode").asString()).isEqualTo("INVALID_LOCK");
        assertThat(send("lock", "{\"UserName\":\"" + Fixtures.userName() + "\",\"Lock\":true}").code()).isEqualTo("NOUSER");
    }

    @Test
    void passwordChangesNeedTheCurrentPasswordAndANewOne() {
        String name = Fixtures.userName();
        assertThat(send("register", Fixtures.register(name, "abc12345")).code()).isEqualTo("Success");
        String change = "{\"UserName\":\"" + name + "\",\"Password\":\"%s\",\"NewPassword\":\"%s\"}";
        Response wrong = send("password", change.formatted("nope1234", "xyz98765"));
        assertThat(wrong.code()).isEqualTo("BADPASSWORD");
        assertThat(wrong.json().path("ErrorId").asInt()).isEqualTo(2012);
        Response same = send("password", change.formatted("abc12345", "abc12345"));
        assertThat(same.json().path("ErrorId").asInt()).isEqualTo(2025);
        Response weak = send("password", change.formatted("abc12345", "onlyletters"));
        assertThat(weak.json().path("ErrorCode").asString()).isEqualTo("INVALID_NEW_PASSWORD");
        assertThat(send("password", change.formatted("abc12345", "xyz98765")).code()).isEqualTo("Success");
        assertThat(send("password", change.formatted("abc12345", "qwe45678")).json().path("ErrorId").asInt()).isEqualTo(2012);
        assertThat(send("password", change.formatted("xyz98765", "qwe45678")).code()).isEqualTo("Success");
    }
}
