package dev.heartbeat.bench.measure;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each pulsing member sent each of its pulses, by (sender, sequence). A receiver matches a
 * pulse to its send time here: pulses of one sender reach every viewer in order, and each carries
 * its sequence modulo {@link #TAG_MODULUS} in its strength, so a dropped pulse is seen as a gap.
 *
 * <p>One thread sends for each sender; any thread reads. Sizes are fixed up front so the ledger
 * never grows during a run.
 */
public final class PulseLedger {
    /** Sequences are tagged into the strength as {@code (seq % 1000 + 1) / 1000}: always in (0, 1]. */
    public static final int TAG_MODULUS = 1000;

    private final AtomicLongArray[] sendNanos;
    private final AtomicIntegerArray sent;

    /**
     * @param senders        number of pulsing members
     * @param pulsesPerSender the most pulses any sender will send in this run
     */
    public PulseLedger(int senders, int pulsesPerSender) {
        if (senders < 1) throw new IllegalArgumentException("at least one sender");
        if (pulsesPerSender < 1) throw new IllegalArgumentException("at least one pulse per sender");
        this.sendNanos = new AtomicLongArray[senders];
        for (int i = 0; i < senders; i++) sendNanos[i] = new AtomicLongArray(pulsesPerSender);
        this.sent = new AtomicIntegerArray(senders);
    }

    public int senders() {
        return sendNanos.length;
    }

    public int capacityPerSender() {
        return sendNanos[0].length();
    }

    /**
     * Notes the next pulse of {@code sender} as sent at {@code nanos}, before it goes on the wire.
     *
     * @return its sequence number, or -1 when the sender has used up its capacity
     */
    public int recordSend(int sender, long nanos) {
        int seq = sent.get(sender);
        if (seq >= sendNanos[sender].length()) return -1;
        sendNanos[sender].set(seq, nanos);
        // Published after the time, so a reader that sees the count also sees the time.
        sent.set(sender, seq + 1);
        return seq;
    }

    public int sent(int sender) {
        return sent.get(sender);
    }

    public long totalSent() {
        long total = 0;
        for (int i = 0; i < sent.length(); i++) total += sent.get(i);
        return total;
    }

    /** @return the send time of that pulse, or -1 when it was never sent */
    public long sendNanos(int sender, int seq) {
        if (seq < 0 || seq >= sent.get(sender)) return -1;
        return sendNanos[sender].get(seq);
    }

    /** The strength a pulse with this sequence carries. */
    public static double strengthFor(int seq) {
        return (Math.floorMod(seq, TAG_MODULUS) + 1) / (double) TAG_MODULUS;
    }

    /** The sequence modulo {@link #TAG_MODULUS} a received strength carries, or -1 if it carries none. */
    public static int tagOf(double strength) {
        long scaled = Math.round(strength * TAG_MODULUS);
        if (scaled < 1 || scaled > TAG_MODULUS || Math.abs(scaled - strength * TAG_MODULUS) > 1e-6) return -1;
        return (int) scaled - 1;
    }
}
