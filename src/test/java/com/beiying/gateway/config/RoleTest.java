package com.beiying.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** {@code gateway.roles}: all, none, or a list; scripts/cluster runs its infrastructure with none. */
class RoleTest {

    @Test
    void allAndEmptyRunEveryRole() {
        assertThat(Role.parse("all")).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(Role.parse("")).isEqualTo(EnumSet.allOf(Role.class));
        assertThat(Role.parse(null)).isEqualTo(EnumSet.allOf(Role.class));
    }

    @Test
    void noneRunsNoRole() {
        assertThat(Role.parse("none")).isEmpty();
        assertThat(Role.parse(" NONE ")).isEmpty();
    }

    @Test
    void aListRunsItsRoles() {
        assertThat(Role.parse("ingress, worker")).containsExactlyInAnyOrder(Role.INGRESS, Role.WORKER);
        assertThatThrownBy(() -> Role.parse("ingress,router")).isInstanceOf(IllegalArgumentException.class);
    }
}
