package dev.heartbeat.server.space;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The queue against the obvious model, a linked list, through many joins, leaves and promotions. */
class WaitingLineTest {
    private static final ResumeTokens TOKENS = new ResumeTokens(ResumeTokens.newSecret());

    private static Viewer viewer(int n) {
        return new Viewer(TOKENS.issue(), "v" + n);
    }

    @Test
    void positionsAndTheFrontMatchAListThroughTwentyThousandWaitingAndRandomLeaves() {
        WaitingLine line = new WaitingLine();
        LinkedList<Viewer> model = new LinkedList<>();
        Random random = new Random(42);
        int made = 0;
        for (int i = 0; i < 20_000; i++) {
            Viewer v = viewer(made++);
            line.add(v);
            model.add(v);
        }
        assertSame(line, model);
        for (int round = 0; round < 2_000; round++) {
            switch (random.nextInt(4)) {
                case 0 -> { // the front is promoted
                    Viewer first = line.first();
                    assertThat(first).isSameAs(model.peekFirst());
                    assertThat(line.remove(first)).isTrue();
                    model.removeFirst();
                }
                case 1 -> { // somebody anywhere leaves
                    int index = random.nextInt(model.size());
                    assertThat(line.isLast(model.get(index))).isEqualTo(index == model.size() - 1);
                    Viewer leaving = model.remove(index);
                    assertThat(line.remove(leaving)).isTrue();
                    assertThat(line.remove(leaving)).as("twice").isFalse();
                }
                default -> {
                    Viewer v = viewer(made++);
                    line.add(v);
                    model.add(v);
                }
            }
            if (round % 250 == 0) assertSame(line, model);
        }
        assertSame(line, model);
    }

    @Test
    void theLastInLineIsKnownSoThatItsLeavingMovesNobody() {
        WaitingLine line = new WaitingLine();
        List<Viewer> viewers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            viewers.add(viewer(i));
            line.add(viewers.get(i));
        }
        assertThat(line.isLast(viewers.get(4))).isTrue();
        assertThat(line.isLast(viewers.get(3))).isFalse();
        line.remove(viewers.get(4));
        assertThat(line.isLast(viewers.get(3))).isTrue();
        assertThat(line.position(viewers.get(4))).isZero();
    }

    @Test
    void emptyingAndRefillingManyTimesKeepsPositionsRight() {
        WaitingLine line = new WaitingLine();
        for (int cycle = 0; cycle < 50; cycle++) {
            List<Viewer> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(viewer(i));
                line.add(batch.get(i));
            }
            for (int i = 0; i < 100; i++) assertThat(line.position(batch.get(i))).isEqualTo(i + 1);
            while (line.size() > 0) line.remove(line.first());
            assertThat(line.first()).isNull();
        }
    }

    private static void assertSame(WaitingLine line, List<Viewer> model) {
        assertThat(line.size()).isEqualTo(model.size());
        assertThat(line.first()).isSameAs(model.isEmpty() ? null : model.get(0));
        int expected = 0;
        for (Viewer v : model) assertThat(line.position(v)).isEqualTo(++expected);
        List<Viewer> walked = new ArrayList<>();
        line.forEach((v, position) -> {
            assertThat(position).isEqualTo(walked.size() + 1);
            walked.add(v);
        });
        assertThat(walked).containsExactlyElementsOf(model);
    }
}
