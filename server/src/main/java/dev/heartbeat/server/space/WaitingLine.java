package dev.heartbeat.server.space;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * A space's queue: first come, first served, with joining, leaving from anywhere, the front and
 * any viewer's position in O(log n). Each viewer takes the next ticket (a slot in arrival order);
 * a Fenwick tree over the slots counts who is still there, so a position is a prefix sum. When
 * the tickets run out the slots are renumbered in one pass, which spreads to O(1) per arrival.
 * Guarded by the space's lock, like the viewers in it.
 */
final class WaitingLine {
    private static final int FIRST_CAPACITY = 16;

    private Viewer[] slots = new Viewer[FIRST_CAPACITY];
    /** Fenwick tree, 1-based: tree[i] counts the occupied slots in (i - lowbit(i), i]. */
    private int[] tree = new int[FIRST_CAPACITY + 1];
    /** Every slot before it is empty. */
    private int head;
    /** The next ticket. */
    private int tail;
    private int size;

    int size() {
        return size;
    }

    void add(Viewer viewer) {
        if (tail == slots.length) renumber();
        slots[tail] = viewer;
        viewer.ticket = tail;
        change(tail, 1);
        tail++;
        size++;
    }

    /** @return false when the viewer was not in the line */
    boolean remove(Viewer viewer) {
        int ticket = viewer.ticket;
        if (ticket < 0 || ticket >= tail || slots[ticket] != viewer) return false;
        slots[ticket] = null;
        viewer.ticket = -1;
        change(ticket, -1);
        size--;
        while (head < tail && slots[head] == null) head++;
        return true;
    }

    /** True when the viewer is the last in line: its leaving moves nobody. */
    boolean isLast(Viewer viewer) {
        return viewer.ticket >= 0 && position(viewer) == size;
    }

    /** The front of the line, or null. */
    Viewer first() {
        return head < tail ? slots[head] : null;
    }

    /** 1 for the front of the line; 0 when the viewer is not in it. */
    int position(Viewer viewer) {
        int ticket = viewer.ticket;
        if (ticket < 0 || ticket >= tail || slots[ticket] != viewer) return 0;
        int count = 0;
        for (int i = ticket + 1; i > 0; i -= i & -i) count += tree[i];
        return count;
    }

    /** Everyone in line, front first, with their positions: one pass over the slots. */
    void forEach(ObjIntConsumer<Viewer> action) {
        int position = 0;
        for (int i = head; i < tail; i++) {
            if (slots[i] != null) action.accept(slots[i], ++position);
        }
    }

    private void change(int slot, int delta) {
        for (int i = slot + 1; i < tree.length; i += i & -i) tree[i] += delta;
    }

    /** Moves everyone to the first slots, in order, into an array with room for as many again. */
    private void renumber() {
        int capacity = Math.max(FIRST_CAPACITY, Integer.highestOneBit(Math.max(1, size)) * 4);
        Viewer[] moved = new Viewer[capacity];
        int count = 0;
        for (int i = head; i < tail; i++) {
            if (slots[i] != null) {
                moved[count] = slots[i];
                moved[count].ticket = count;
                count++;
            }
        }
        slots = moved;
        head = 0;
        tail = count;
        tree = new int[capacity + 1];
        // Linear build: each node passes its count on to its parent.
        for (int i = 1; i <= capacity; i++) {
            if (i <= count) tree[i] += 1;
            int parent = i + (i & -i);
            if (parent <= capacity) tree[parent] += tree[i];
        }
    }

    @Override
    public String toString() {
        return "WaitingLine" + Arrays.toString(Arrays.copyOfRange(slots, head, tail));
    }
}
