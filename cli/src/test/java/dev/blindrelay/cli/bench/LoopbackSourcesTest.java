package dev.blindrelay.cli.bench;

import dev.blindrelay.spi.ClientConnection;
import dev.blindrelay.spi.Connector;
import dev.blindrelay.spi.FrameListener;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackSourcesTest {

    private static final InetSocketAddress LOOPBACK_RELAY = new InetSocketAddress("127.0.0.1", 5000);
    private static final FrameListener IGNORED = new FrameListener() {
        @Override
        public void frameReceived(byte[] frame) {
        }

        @Override
        public void closed(String reason) {
        }
    };

    @Test
    void addressesFor_oneAddressUntilItsPortsRunLow_thenAsManyAsNeeded() {
        assertThat(LoopbackSources.addressesFor(1, 28_232)).isEqualTo(1);
        assertThat(LoopbackSources.addressesFor(19_000, 28_232)).isEqualTo(1);
        assertThat(LoopbackSources.addressesFor(25_000, 28_232)).isEqualTo(2);
        assertThat(LoopbackSources.addressesFor(50_000, 28_232)).isEqualTo(3);
        assertThat(LoopbackSources.addressesFor(50_000, 64_511)).isEqualTo(1);
    }

    @Test
    void spread_fewClients_keepsTheConnectorAsItIs() throws Exception {
        Connector connector = new RecordingConnector();

        assertThat(LoopbackSources.spread(connector, List.of(LOOPBACK_RELAY), 100)).isSameAs(connector);
    }

    @Test
    void spread_relayNotOnLoopback_keepsTheConnectorAsItIs() throws Exception {
        Connector connector = new RecordingConnector();
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 5000);

        assertThat(LoopbackSources.spread(connector, List.of(remote), 200_000)).isSameAs(connector);
    }

    @Test
    void spread_manyClients_connectsFromTheLoopbackAddressesInTurn() throws Exception {
        RecordingConnector connector = new RecordingConnector();
        Connector spread = LoopbackSources.spread(connector, List.of(LOOPBACK_RELAY), 200_000);
        int count = LoopbackSources.count(spread);

        for (int i = 0; i < count + 1; i++) {
            spread.connect(LOOPBACK_RELAY, IGNORED);
        }

        assertThat(count).isGreaterThan(1);
        assertThat(connector.sources).hasSize(count + 1);
        assertThat(connector.sources.get(0).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(connector.sources.get(1).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(connector.sources.subList(0, count)).doesNotHaveDuplicates().allMatch(InetAddress::isLoopbackAddress);
        assertThat(connector.sources.get(count)).isEqualTo(connector.sources.get(0));
    }

    /** Records the source each connection was asked to come from; connects nothing. */
    private static final class RecordingConnector implements Connector {
        final List<InetAddress> sources = new ArrayList<>();

        @Override
        public ClientConnection connect(InetSocketAddress address, FrameListener listener) {
            throw new AssertionError("a spread load always names its source address");
        }

        @Override
        public ClientConnection connect(InetSocketAddress address, InetAddress source, FrameListener listener) {
            sources.add(source);
            return null;
        }

        @Override
        public void close() {
        }
    }
}
