package io.cxone.themes.livechannel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** The JVM's resolver (system DNS and hosts file), for every deployment. */
@ApplicationScoped
@DefaultBean
public class SystemHostResolver implements ChannelHostResolver {
    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
