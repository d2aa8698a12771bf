package dev.heartbeat.browser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The frames of a WebM file, read from its Matroska (EBML) structure: the document type, the video
 * track's codec and size, and every block with its time and key-frame flag. MediaRecorder writes
 * segments and clusters of unknown size, so the reader walks the file element by element, stepping
 * into the elements that hold others and over the rest, instead of trusting sizes to nest.
 */
record WebmFrames(String docType, String codec, int width, int height, List<Frame> frames) {
    record Frame(long timeMs, boolean key, byte[] data) {}

    private static final long EBML = 0x1A45DFA3L;
    private static final long SEGMENT = 0x18538067L;
    private static final long CLUSTER = 0x1F43B675L;
    private static final long TRACKS = 0x1654AE6BL;
    private static final long TRACK_ENTRY = 0xAEL;
    private static final long VIDEO = 0xE0L;
    private static final long BLOCK_GROUP = 0xA0L;
    private static final Set<Long> HOLDERS = Set.of(EBML, SEGMENT, CLUSTER, TRACKS, TRACK_ENTRY, VIDEO, BLOCK_GROUP);
    private static final long DOC_TYPE = 0x4282L;
    private static final long CODEC_ID = 0x86L;
    private static final long PIXEL_WIDTH = 0xB0L;
    private static final long PIXEL_HEIGHT = 0xBAL;
    private static final long CLUSTER_TIME = 0xE7L;
    private static final long SIMPLE_BLOCK = 0xA3L;
    private static final long BLOCK = 0xA1L;

    static WebmFrames read(byte[] bytes) {
        String docType = null;
        String codec = null;
        int width = 0;
        int height = 0;
        long clusterTime = 0;
        List<Frame> frames = new ArrayList<>();
        int at = 0;
        while (at < bytes.length) {
            long[] id = vint(bytes, at, true);
            at += (int) id[1];
            long[] size = vint(bytes, at, false);
            at += (int) size[1];
            if (HOLDERS.contains(id[0])) continue; // step into it
            if (size[0] < 0 || at + size[0] > bytes.length) throw new IllegalArgumentException("element 0x" + Long.toHexString(id[0]) + " runs past the file");
            int end = at + (int) size[0];
            if (id[0] == DOC_TYPE) docType = new String(bytes, at, end - at, StandardCharsets.US_ASCII);
            else if (id[0] == CODEC_ID) codec = new String(bytes, at, end - at, StandardCharsets.US_ASCII);
            else if (id[0] == PIXEL_WIDTH) width = (int) uint(bytes, at, end);
            else if (id[0] == PIXEL_HEIGHT) height = (int) uint(bytes, at, end);
            else if (id[0] == CLUSTER_TIME) clusterTime = uint(bytes, at, end);
            else if (id[0] == SIMPLE_BLOCK || id[0] == BLOCK) {
                long[] track = vint(bytes, at, false);
                int p = at + (int) track[1];
                short relative = (short) (((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff));
                int flags = bytes[p + 2] & 0xff;
                if ((flags & 0x06) != 0) throw new IllegalArgumentException("laced blocks are not expected in a video track");
                boolean key = id[0] == SIMPLE_BLOCK ? (flags & 0x80) != 0 : frames.isEmpty();
                frames.add(new Frame(clusterTime + relative, key, Arrays.copyOfRange(bytes, p + 3, end)));
            }
            at = end;
        }
        return new WebmFrames(docType, codec, width, height, List.copyOf(frames));
    }

    /** {value, length}; an ID keeps its marker bits, a size loses them (all ones: unknown, -1). */
    private static long[] vint(byte[] bytes, int at, boolean id) {
        int first = bytes[at] & 0xff;
        int length = Integer.numberOfLeadingZeros(first) - 23;
        if (length < 1 || length > 8) throw new IllegalArgumentException("not an EBML number at byte " + at);
        long value = id ? first : first & (0xff >> length);
        boolean allOnes = value == (0xff >> length);
        for (int i = 1; i < length; i++) {
            value = (value << 8) | (bytes[at + i] & 0xff);
            allOnes &= (bytes[at + i] & 0xff) == 0xff;
        }
        return new long[] {!id && allOnes ? -1 : value, length};
    }

    private static long uint(byte[] bytes, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) value = (value << 8) | (bytes[i] & 0xff);
        return value;
    }
}
