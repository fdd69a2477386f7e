package io.cxone.themes.livechannel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * A resolver for tests that sends nothing over the network: fixed names map to fixed addresses (IP literals, which
 * {@link InetAddress#getByName} never looks up), every other name does not exist. Counts lookups per name, so a test
 * sees that a host was resolved exactly once. Enabled only by test profiles that list it as an alternative.
 */
@Alternative
@ApplicationScoped
public class MappedHostResolver implements ChannelHostResolver {
    static final Map<String, List<String>> NAMES = Map.of(
            "channels-de-loop.niceincontact.com", List.of("127.0.0.1"),
            "channels-de-meta.niceincontact.com", List.of("169.254.169.254"),
            "channels-de-private.niceincontact.com", List.of("10.0.0.7"),
            "channels-de-cgnat.niceincontact.com", List.of("100.100.100.200"),
            "channels-de-v6loop.niceincontact.com", List.of("::1"),
            "channels-de-mapped.niceincontact.com", List.of("::ffff:127.0.0.1"),
            "channels-de-ula.niceincontact.com", List.of("fd00:ec2::254"),
            "channels-de-mixed.niceincontact.com", List.of("127.0.0.2", "127.0.0.1"),
            "channels-de-pinned.niceincontact.com", List.of("127.0.0.2"),
            "channels-de-closed.niceincontact.com", List.of("127.0.0.3"));

    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        List<String> literals = NAMES.get(host);
        if (literals == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[literals.size()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = InetAddress.getByName(literals.get(i));
        }
        return List.of(addresses);
    }

    int lookups(String host) {
        AtomicInteger count = lookups.get(host);
        return count == null ? 0 : count.get();
    }

    void clear() {
        lookups.clear();
    }
}
