package dev.blindrelay.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class UnacknowledgedTest {

    private static ChatPayload message(long id) {
        return new ChatPayload(ChatPayload.Kind.ROOM, id, "m" + id);
    }

    private static List<Long> ids(Unacknowledged held) {
        return held.inOrder().stream().map(ChatPayload::id).toList();
    }

    @Test
    void removesInTheOrderSent_throughGrowthAndWrapAround() {
        Unacknowledged held = new Unacknowledged();
        long next = 0;
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 7 + round; i++) {
                held.put(message(next++));
            }
            long oldest = next - held.size();
            for (int i = 0; i < 5; i++) {
                assertThat(held.remove(oldest + i)).isTrue();
            }
        }
        assertThat(held.size()).isEqualTo(ids(held).size());
        assertThat(ids(held)).isSorted().last().isEqualTo(next - 1);
        assertThat(held.remove(0)).as("acknowledged before").isFalse();
    }

    @Test
    void removesOutOfOrder_andLeavesTheRestInOrder() {
        Unacknowledged held = new Unacknowledged();
        for (long id = 10; id < 50; id++) {
            held.put(message(id));
        }
        assertThat(held.remove(30)).isTrue();
        assertThat(held.remove(30)).as("twice").isFalse();
        assertThat(held.remove(49)).isTrue();
        assertThat(held.remove(50)).as("never sent").isFalse();
        assertThat(held.remove(5)).as("never sent").isFalse();
        assertThat(held.remove(10)).isTrue();
        assertThat(ids(held)).hasSize(37).doesNotContain(10L, 30L, 49L).isSorted().first().isEqualTo(11L);
    }

    @Test
    void put_ofAHeldId_replacesItInPlace() {
        Unacknowledged held = new Unacknowledged();
        held.put(message(1));
        held.put(message(2));
        held.put(message(3));
        ChatPayload again = message(2).sentAgain();
        held.put(again);
        assertThat(held.size()).isEqualTo(3);
        assertThat(held.inOrder()).containsExactly(message(1), again, message(3));
    }

    /** Ids carried over a reconnect may come in any order: the same answers as a map, against random operations. */
    @Test
    void behavesLikeAnInsertionOrderedMap_forIdsInAnyOrder() {
        Random random = new Random(14);
        for (int trial = 0; trial < 200; trial++) {
            Unacknowledged held = new Unacknowledged();
            Map<Long, ChatPayload> model = new LinkedHashMap<>();
            boolean ordered = trial % 2 == 0;
            long next = 0;
            for (int step = 0; step < 300; step++) {
                if (random.nextInt(3) > 0) {
                    long id = ordered ? next++ : random.nextInt(100);
                    ChatPayload payload = message(id);
                    held.put(payload);
                    model.put(id, payload);
                } else {
                    long id = random.nextBoolean() && !model.isEmpty()
                            ? new ArrayList<>(model.keySet()).get(random.nextInt(model.size())) : random.nextInt(120);
                    assertThat(held.remove(id)).isEqualTo(model.remove(id) != null);
                }
                assertThat(held.size()).isEqualTo(model.size());
            }
            assertThat(held.inOrder()).containsExactlyElementsOf(model.values());
            held.clear();
            assertThat(held.inOrder()).isEmpty();
            assertThat(held.remove(1)).isFalse();
        }
    }
}
