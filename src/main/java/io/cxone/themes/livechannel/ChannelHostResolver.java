package io.cxone.themes.livechannel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a channel host name once, so that the addresses checked are the addresses connected to (no second lookup
 * that DNS rebinding could answer differently). Blocking: {@link ChannelClient} calls it on a worker thread. The
 * default is the JVM's resolver ({@link SystemHostResolver}); tests replace it to map names without network traffic.
 */
public interface ChannelHostResolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
