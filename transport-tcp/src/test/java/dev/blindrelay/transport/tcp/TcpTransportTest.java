package dev.blindrelay.transport.tcp;

import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.spi.RelayLink;
import dev.blindrelay.spi.RelayServer;
import dev.blindrelay.spi.Transport;
import dev.blindrelay.transport.testing.ForwardingRelayHandler;
import dev.blindrelay.transport.testing.ForwardingRelayHandler.Mode;
import dev.blindrelay.transport.testing.RecordingListener;
import dev.blindrelay.transport.testing.TransportContractTest;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpTransportTest extends TransportContractTest {

    @Override
    protected Transport transport() {
        return new TcpTransport();
    }

    @Test
    void serviceLoader_findsTcp() {
        Transport transport = PluginRegistry.load().transports().get("tcp");

        assertThat(transport).isInstanceOf(TcpTransport.class);
        assertThat(transport.description()).isEqualTo("4-byte big-endian length + payload over TCP");
    }

    private static Socket rawClient(RelayServer server) throws Exception {
        Socket socket = new Socket(server.address().getAddress(), server.address().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    @Test
    void wire_isFourByteBigEndianLengthThenPayload() throws Exception {
        RelayServer server = listen(new ForwardingRelayHandler(Mode.ECHO), options());
        try (Socket socket = rawClient(server)) {
            socket.getOutputStream().write(new byte[] {0, 0, 0, 3, 7, 8, 9, 0, 0, 0, 1, 5});

            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] echoed = new byte[12];
            in.readFully(echoed);
            assertThat(echoed).containsExactly(0, 0, 0, 3, 7, 8, 9, 0, 0, 0, 1, 5);
        }
    }

    @Test
    void rawClient_twoGigabyteHeader_isMalformedAtOnceAndOthersKeepWorking() throws Exception {
        Relayed relayed = relayWithOneClient(new ForwardingRelayHandler(Mode.ECHO));
        ForwardingRelayHandler handler = relayed.handler();
        RelayServer server = relayed.server();

        try (Socket socket = rawClient(server)) {
            RelayLink badLink = handler.connected.poll(10, TimeUnit.SECONDS);
            new DataOutputStream(socket.getOutputStream()).writeInt(Integer.MAX_VALUE); // header only, no body

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(handler.disconnected.poll(10, TimeUnit.SECONDS)).isSameAs(badLink);
            assertThat(handler.malformed.get(badLink))
                    .isEqualTo("frame length 2147483647 is over the limit of 1048576 bytes");
        }
        relayed.client().send(new byte[] {1});
        assertThat(relayed.listener().next()).containsExactly(1);
        assertThat(handler.disconnects).doesNotContainKey(relayed.link());
    }

    @Test
    void rawClient_zeroLength_isMalformed() throws Exception {
        ForwardingRelayHandler handler = new ForwardingRelayHandler(Mode.ECHO);
        RelayServer server = listen(handler, options());
        try (Socket socket = rawClient(server)) {
            RelayLink link = handler.connected.poll(10, TimeUnit.SECONDS);
            socket.getOutputStream().write(new byte[] {0, 0, 0, 0});

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(handler.disconnected.poll(10, TimeUnit.SECONDS)).isSameAs(link);
            assertThat(handler.malformed.get(link)).isEqualTo("empty frame (length 0)");
        }
    }

    @Test
    void client_relaySendsFrameOverTheLimit_closesWithTheReason() throws Exception {
        try (ServerSocket fakeRelay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RecordingListener listener = new RecordingListener();
            connector(options()).connect(new InetSocketAddress("127.0.0.1", fakeRelay.getLocalPort()), listener);
            try (Socket accepted = fakeRelay.accept()) {
                DataOutputStream out = new DataOutputStream(accepted.getOutputStream());
                out.writeInt(1);
                out.write(9);
                out.writeInt(MAX + 1);
                out.flush();

                assertThat(listener.next()).containsExactly(9);
                assertThat(listener.awaitClosed())
                        .isEqualTo("relay sent a malformed frame: frame length 1048577 is over the limit of 1048576 bytes");
                InputStream in = accepted.getInputStream();
                accepted.setSoTimeout(10_000);
                assertThatThrownBy(() -> {
                    if (in.read() == -1) {
                        throw new EOFException();
                    }
                }).isInstanceOf(EOFException.class);
            }
        }
    }
}
