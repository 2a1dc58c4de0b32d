package com.beiying.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void ipv4Networks() {
        Cidr net = Cidr.parse("10.1.0.0/16");
        assertThat(net.contains("10.1.255.3")).isTrue();
        assertThat(net.contains("10.2.0.1")).isFalse();
        assertThat(Cidr.parse("192.168.1.7").contains("192.168.1.7")).isTrue();
        assertThat(Cidr.parse("192.168.1.7").contains("192.168.1.8")).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.127.0.1")).isTrue();
        assertThat(Cidr.parse("10.0.0.0/9").contains("10.128.0.1")).isFalse();
    }

    @Test
    void ipv6NetworksAndFamiliesDoNotMix() {
        assertThat(Cidr.parse("::1/128").contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8:ffff::1")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db9::1")).isFalse();
        assertThat(Cidr.parse("127.0.0.0/8").contains("::1")).isFalse();
    }

    @Test
    void namesAndNonsenseAreRefusedWithoutLookups() {
        assertThatThrownBy(() -> Cidr.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Cidr.parse("10.0.0.0/8").contains("example.com")).isFalse();
    }
}
