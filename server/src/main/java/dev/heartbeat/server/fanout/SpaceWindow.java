package dev.heartbeat.server.fanout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * One space's batching window. Everything the space says while the window is open is collected
 * here in the order it was accepted; when the window ends, the events for everyone become one frame,
 * encoded once and written as the same bytes to every viewer. Only viewers with something personal
 * get a frame of their own: a pulse's sender (without its own pulse), a viewer that entered during
 * the window (only what came after its welcome), and a viewer told something alone (status, error,
 * pong). So a window costs one encoding plus one write per viewer, whatever the space's size.
 *
 * <p>{@link #toAll}, {@link #toOne} and {@link #entered} are called holding the space's lock; the
 * window takes the same lock to close, and writes after releasing it.
 */
public final class SpaceWindow implements Flushable {
    private final Object lock;
    private final Supplier<? extends Collection<? extends Recipient>> audience;
    private final FlushClock clock;
    private final FanoutStats stats;

    private int window;
    private boolean scheduled;
    /** The last window's frames are being written; the next window's clock starts when they are out. */
    private boolean writing;
    private long openedNanos;
    private final ArrayList<byte[]> shared = new ArrayList<>();
    /** For each shared event, the one recipient it is not for (a pulse's sender), or null. */
    private final ArrayList<Recipient> except = new ArrayList<>();
    private final BitSet droppable = new BitSet();
    private final ArrayList<Recipient> personalized = new ArrayList<>();

    // The closing thread's scratch: who gets which frame once the lock is released.
    private Outbox[] outboxes = new Outbox[16];
    private Frame[] frames = new Frame[16];

    /**
     * @param lock the space's lock
     * @param audience every recipient of the space, read under the lock
     */
    public SpaceWindow(Object lock, Supplier<? extends Collection<? extends Recipient>> audience, FlushClock clock,
                       FanoutStats stats) {
        this.lock = lock;
        this.audience = audience;
        this.clock = clock;
        this.stats = stats;
    }

    /** An event for every recipient but {@code notFor} (null: for all); pulses are {@code dropIfBehind}. */
    public void toAll(byte[] event, boolean dropIfBehind, Recipient notFor) {
        if (dropIfBehind) droppable.set(shared.size());
        shared.add(event);
        except.add(notFor);
        if (notFor != null) personalize(notFor);
        open();
    }

    /** An event for {@code recipient} alone, in its place among the others. */
    public void toOne(Recipient recipient, byte[] event) {
        personalize(recipient);
        recipient.addPersonal(shared.size(), event);
        open();
    }

    /** The recipient's connection starts now; its welcome holds the state so far, so it gets only what follows. */
    public void entered(Recipient recipient) {
        personalize(recipient);
        recipient.enteredAt(shared.size());
    }

    @Override
    public void flush() {
        int count;
        long opened;
        synchronized (lock) {
            scheduled = false;
            opened = openedNanos;
            count = close();
            writing = true;
        }
        for (int i = 0; i < count; i++) {
            outboxes[i].offer(frames[i]);
            outboxes[i] = null;
            frames[i] = null;
        }
        if (count > 0) stats.windowWritten(System.nanoTime() - opened);
        synchronized (lock) {
            writing = false;
            if (scheduled) clock.schedule(this);
        }
    }

    @Override
    public void failed(RuntimeException cause) {
        // A bug in building the frames must not stop the clock; the window's events are lost, the space goes on.
        synchronized (lock) {
            reset();
            writing = false;
            scheduled = false;
        }
        Arrays.fill(outboxes, null);
        Arrays.fill(frames, null);
    }

    private void personalize(Recipient recipient) {
        if (recipient.personalize(window)) personalized.add(recipient);
    }

    private void open() {
        if (scheduled) return;
        scheduled = true;
        openedNanos = System.nanoTime();
        // Like node's single loop, a window opened while the last one is written waits for it: under
        // load a space's windows stretch by the time a frame to everyone takes, and every viewer
        // gets fewer, fuller frames instead of overlapping ones (the cost is per frame, not per event).
        if (!writing) clock.schedule(this);
    }

    /** Under the lock: builds the window's frames and notes who gets which; returns how many. */
    private int close() {
        int count = 0;
        for (Recipient recipient : personalized) {
            Outbox outbox = recipient.outbox();
            Frame frame = outbox == null ? null : frameFor(recipient);
            if (frame != null) count = add(count, outbox, frame);
        }
        if (!shared.isEmpty()) {
            Frame common = frameFor(null);
            for (Recipient recipient : audience.get()) {
                Outbox outbox = recipient.outbox();
                if (outbox != null && !recipient.personalIn(window)) count = add(count, outbox, common);
            }
        }
        reset();
        return count;
    }

    /** The shared events after the recipient entered, without those not for it, and its own in their places. */
    private Frame frameFor(Recipient recipient) {
        Frame.Builder frame = new Frame.Builder();
        ArrayList<Object> personal = recipient == null ? null : recipient.personal();
        int next = 0;
        for (int i = recipient == null ? 0 : recipient.enteredAt(); i < shared.size(); i++) {
            while (personal != null && next < personal.size() && (int) personal.get(next) <= i) {
                frame.add((byte[]) personal.get(next + 1), false);
                next += 2;
            }
            if (recipient == null || except.get(i) != recipient) frame.add(shared.get(i), droppable.get(i));
        }
        while (personal != null && next < personal.size()) {
            frame.add((byte[]) personal.get(next + 1), false);
            next += 2;
        }
        return frame.build();
    }

    private int add(int count, Outbox outbox, Frame frame) {
        if (count == outboxes.length) {
            outboxes = Arrays.copyOf(outboxes, count * 2);
            frames = Arrays.copyOf(frames, count * 2);
        }
        outboxes[count] = outbox;
        frames[count] = frame;
        return count + 1;
    }

    private void reset() {
        for (Recipient recipient : personalized) recipient.windowClosed();
        personalized.clear();
        shared.clear();
        except.clear();
        droppable.clear();
        window++;
    }
}
