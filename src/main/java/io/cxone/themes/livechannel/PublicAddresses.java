package io.cxone.themes.livechannel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a channel import may connect to when the caller's {@code env}/{@code domain} decide the host: public
 * unicast only. Refused, with the range's name: unspecified, loopback, private (RFC 1918), shared/CGNAT
 * (100.64.0.0/10, also Alibaba's metadata 100.100.100.200), link-local (169.254.0.0/16 with the cloud metadata address
 * 169.254.169.254; fe80::/10), IETF protocol assignments (192.0.0.0/24, Oracle's metadata 192.0.0.192), documentation,
 * benchmarking, multicast, reserved and broadcast; for IPv6 also unique-local fc00::/7 (AWS's metadata fd00:ec2::254),
 * site-local, discard-only, everything outside global unicast 2000::/3, 2001::/23 (Teredo and other special purposes), and the IPv4 that IPv4-mapped,
 * IPv4-compatible, NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses carry is checked as IPv4.
 * {@link Network}s given by the operator ({@code app.import.allowed-networks}) are exempt.
 */
final class PublicAddresses {
    /** A CIDR block. */
    record Network(byte[] prefix, int bits, String name) {
        static Network parse(String cidr, String name) {
            String[] parts = cidr.strip().split("/", 2);
            try {
                // only literals: getByName does no lookup for them
                if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException(cidr + " is not an IP network (address/bits)");
                }
                byte[] address = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException(cidr + ": the prefix length must be 0 to " + address.length * 8);
                }
                return new Network(address, bits, name);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException(cidr + " is not an IP network (address/bits)", e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Network> V4 = List.of(
            Network.parse("0.0.0.0/8", "unspecified (this network)"), Network.parse("10.0.0.0/8", "private"),
            Network.parse("100.64.0.0/10", "shared address space (CGNAT)"), Network.parse("127.0.0.0/8", "loopback"),
            Network.parse("169.254.0.0/16", "link-local (cloud metadata)"), Network.parse("172.16.0.0/12", "private"),
            Network.parse("192.0.0.0/24", "IETF protocol assignments"), Network.parse("192.0.2.0/24", "documentation"),
            Network.parse("192.88.99.0/24", "6to4 relay anycast"), Network.parse("192.168.0.0/16", "private"),
            Network.parse("198.18.0.0/15", "benchmarking"), Network.parse("198.51.100.0/24", "documentation"),
            Network.parse("203.0.113.0/24", "documentation"), Network.parse("224.0.0.0/4", "multicast"),
            Network.parse("240.0.0.0/4", "reserved and broadcast"));
    private static final List<Network> V6 = List.of(
            Network.parse("::/128", "unspecified"), Network.parse("::1/128", "loopback"),
            Network.parse("100::/64", "discard-only"), Network.parse("2001::/23", "IETF protocol assignments (Teredo)"),
            Network.parse("2001:db8::/32", "documentation"), Network.parse("fc00::/7", "unique local (ULA)"),
            Network.parse("fe80::/10", "link-local"), Network.parse("fec0::/10", "site-local"),
            Network.parse("ff00::/8", "multicast"));
    // by bytes: InetAddress turns an IPv4-mapped literal into an Inet4Address (so such addresses reach the IPv4 rules)
    private static final Network MAPPED = new Network(
            new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0 }, 96, "IPv4-mapped");
    private static final Network COMPATIBLE = Network.parse("::/96", "IPv4-compatible");
    private static final Network NAT64 = Network.parse("64:ff9b::/96", "NAT64");
    private static final Network SIX_TO_FOUR = Network.parse("2002::/16", "6to4");

    private final List<Network> exempt;

    PublicAddresses(List<Network> exempt) {
        this.exempt = List.copyOf(exempt);
    }

    /** Why {@code address} may not be called (the range's name), or empty when it is public or exempt. */
    Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (exempt.stream().anyMatch(n -> n.contains(bytes))) {
            return Optional.empty();
        }
        return refusal(bytes);
    }

    private static Optional<String> refusal(byte[] bytes) {
        if (bytes.length == 4) {
            return V4.stream().filter(n -> n.contains(bytes)).map(Network::name).findFirst();
        }
        for (Network carrier : List.of(MAPPED, COMPATIBLE, NAT64)) {
            if (carrier.contains(bytes) && !V6.get(0).contains(bytes) && !V6.get(1).contains(bytes)) {
                byte[] v4 = Arrays.copyOfRange(bytes, 12, 16);
                return refusal(v4).map(name -> carrier.name() + " " + name).or(() -> carrier == COMPATIBLE
                        ? Optional.of("IPv4-compatible (deprecated)") : Optional.empty());
            }
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return refusal(Arrays.copyOfRange(bytes, 2, 6)).map(name -> "6to4 " + name);
        }
        return V6.stream().filter(n -> n.contains(bytes)).map(Network::name).findFirst()
                .or(() -> (bytes[0] & 0xE0) == 0x20 ? Optional.empty() : Optional.of("not global unicast (2000::/3)"));
    }
}
