package dev.blindrelay.cli.bench;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class ChildTargetTest {

    @Test
    void relay_onTwoLoopbackAddresses_acceptsClientsOnEach() throws Exception {
        try (ChildTarget relay = ChildTarget.relay("tcp", 1, 2, List.of())) {
            List<InetSocketAddress> listening = relay.listening();

            assertThat(listening).hasSize(2);
            assertThat(listening.get(0)).isEqualTo(relay.address());
            assertThat(listening.get(1).getAddress().getHostAddress()).isEqualTo("127.0.0.2");
            try (Socket first = new Socket(listening.get(0).getAddress(), listening.get(0).getPort());
                 Socket second = new Socket(listening.get(1).getAddress(), listening.get(1).getPort())) {
                assertThat(awaitConnections(relay, 2)).isEqualTo(2);
            }
        }
    }

    @Test
    void relay_onOneAddress_listensThereOnly() throws Exception {
        try (ChildTarget relay = ChildTarget.relay("tcp", 1, 1, List.of())) {
            assertThat(relay.listening()).containsExactly(relay.address());
        }
    }

    private static int awaitConnections(ChildTarget relay, int expected) throws InterruptedException {
        int seen = 0;
        for (int attempt = 0; attempt < 200 && seen < expected; attempt++) {
            OptionalInt count = relay.connections();
            seen = count.orElse(0);
            if (seen < expected) {
                Thread.sleep(50);
            }
        }
        return seen;
    }
}
