package io.cxone.themes.livechannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.cxone.themes.support.Seeds;

/** The address rules of a channel import whose host the caller decides: a table, then seeded random members. */
class PublicAddressesTest {
    private final PublicAddresses rules = new PublicAddresses(List.of());

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no lookup
        } catch (UnknownHostException e) {
            throw new AssertionError(literal, e);
        }
    }

    @Test
    void refusedAddresses() {
        for (String refused : List.of("127.0.0.1", "127.255.255.254", "0.0.0.0", "10.0.0.1", "10.255.255.255",
                "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1",
                "100.127.255.255", "100.100.100.200", "192.0.0.192", "192.0.2.1", "198.18.0.1", "198.51.100.7",
                "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
                "::", "::1", "fe80::1", "febf::1", "fc00::1", "fd00:ec2::254", "fdff::1", "ff02::1", "ff0e::1", "fec0::1",
                "2001:db8::1", "2001::1", "100::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.1.2.3",
                "::127.0.0.1", "::8.8.8.8", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:c0a8:101::1",
                "fbff::1", "fe00::1", "4000::1", "1fff::1")) {
            assertTrue(rules.refusal(ip(refused)).isPresent(), refused + " must be refused");
        }
    }

    @Test
    void publicAddresses() {
        for (String allowed : List.of("8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1",
                "100.63.255.255", "100.128.0.1", "169.253.255.255", "192.169.0.1", "11.0.0.1", "223.255.255.254",
                "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808",
                "2002:808:808::1")) {
            assertEquals(Optional.empty(), rules.refusal(ip(allowed)), allowed + " is public");
        }
    }

    @Test
    void theRangeIsNamed() {
        assertEquals(Optional.of("loopback"), rules.refusal(ip("127.0.0.1")));
        assertEquals(Optional.of("link-local (cloud metadata)"), rules.refusal(ip("169.254.169.254")));
        assertEquals(Optional.of("shared address space (CGNAT)"), rules.refusal(ip("100.64.1.1")));
        assertEquals(Optional.of("unique local (ULA)"), rules.refusal(ip("fd00::1")));
        assertEquals(Optional.of("NAT64 loopback"), rules.refusal(ip("64:ff9b::7f00:1")));
    }

    @Test
    void operatorNetworksAreExempt() {
        PublicAddresses exempting = new PublicAddresses(List.of(PublicAddresses.Network.parse("10.1.0.0/16", "x"),
                PublicAddresses.Network.parse("fd12::/16", "y")));
        assertEquals(Optional.empty(), exempting.refusal(ip("10.1.2.3")));
        assertEquals(Optional.empty(), exempting.refusal(ip("fd12::1")));
        assertTrue(exempting.refusal(ip("10.2.0.1")).isPresent());
        assertTrue(exempting.refusal(ip("127.0.0.1")).isPresent());
        for (String bad : List.of("10.0.0.0/33", "fd00::/129", "example.com/8", "10.0.0.0/x", "")) {
            assertThrows(IllegalArgumentException.class, () -> PublicAddresses.Network.parse(bad, "z"), bad);
        }
    }

    /** Random members of each refused range, also wrapped as IPv4-mapped, NAT64 and 6to4: all refused. */
    @Test
    void randomMembersOfRefusedRangesAreRefused() {
        long seed = Seeds.seed();
        Random random = Seeds.random(seed);
        List<String> v4Ranges = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
                "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4");
        List<String> v6Ranges = List.of("fc00::/7", "fe80::/10", "ff00::/8", "2001:db8::/32");
        for (int i = 0; i < 2_000; i++) {
            String range = v4Ranges.get(random.nextInt(v4Ranges.size()));
            byte[] v4 = member(range, random);
            assertRefused(v4, seed);
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(v4, 0, mapped, 12, 4);
            assertRefused(mapped, seed);
            byte[] nat64 = ip("64:ff9b::").getAddress();
            System.arraycopy(v4, 0, nat64, 12, 4);
            assertRefused(nat64, seed);
            byte[] sixToFour = ip("2002::").getAddress();
            System.arraycopy(v4, 0, sixToFour, 2, 4);
            assertRefused(sixToFour, seed);
            assertRefused(member(v6Ranges.get(random.nextInt(v6Ranges.size())), random), seed);
        }
    }

    private void assertRefused(byte[] address, long seed) {
        try {
            InetAddress ip = InetAddress.getByAddress(address);
            assertTrue(rules.refusal(ip).isPresent(), Seeds.tag(seed) + ip.getHostAddress());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] member(String cidr, Random random) {
        PublicAddresses.Network network = PublicAddresses.Network.parse(cidr, "range");
        byte[] address = network.prefix().clone();
        for (int bit = network.bits(); bit < address.length * 8; bit++) {
            if (random.nextBoolean()) {
                address[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
        }
        return address;
    }
}
