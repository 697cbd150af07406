package dev.blindrelay.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The read buffer whose frames a relay-side decoder is handing on, shared by the links of one event loop. A link
 * that is sent the very view the decoder just handed on forwards it as a range of that buffer, and consecutive
 * frames to the same link grow one range: a read batch from one sender to one recipient leaves the relay as
 * one slice of the buffer it came in, without a copy. At the end of the buffer every link that holds a range
 * writes it ({@link ChannelLink#endRun}). Used only on its event loop's thread.
 */
public final class ReadBatch {

    private static final AttributeKey<ReadBatch> KEY = AttributeKey.valueOf(ReadBatch.class, "readBatch");

    private final List<ChannelLink> holders = new ArrayList<>();
    private Framing framing;
    private ByteBuf buffer;
    private ByteBuffer view;
    private int viewPosition;
    private int viewLimit;
    private int frameStart;
    private int frameEnd;

    /** The batch of the channel's event loop, or null when the channel has none (e.g. a test's channel). */
    public static ReadBatch of(Channel channel) {
        return channel.attr(KEY).get();
    }

    static void attach(Channel channel, ReadBatch batch) {
        channel.attr(KEY).set(batch);
    }

    /** Before the frames of {@code read}, which are in {@code framing}'s format on the wire, are handed on. */
    public void begin(Framing framing, ByteBuf read) {
        this.framing = framing;
        this.buffer = read;
    }

    /** Before one frame is handed on as {@code frameView}; its bytes on the wire are {@code [start, end)} of the buffer. */
    public void frame(ByteBuffer frameView, int start, int end) {
        view = frameView;
        viewPosition = frameView.position();
        viewLimit = frameView.limit();
        frameStart = start;
        frameEnd = end;
    }

    /** After the last frame of the buffer (also when handing on failed): every range of it is written. */
    public void end() {
        for (int i = 0; i < holders.size(); i++) {
            holders.get(i).endRun();
        }
        holders.clear();
        buffer = null;
        view = null;
        framing = null;
    }

    /** Whether {@code frame} is the frame being handed on, unmoved, and its wire bytes suit a link of {@code linkFraming}. */
    boolean isCurrent(ByteBuffer frame, Framing linkFraming) {
        return frame == view && linkFraming == framing && frame.position() == viewPosition
                && frame.limit() == viewLimit;
    }

    ByteBuf buffer() {
        return buffer;
    }

    int frameStart() {
        return frameStart;
    }

    int frameEnd() {
        return frameEnd;
    }

    /** {@code link} holds a range of the buffer, to be written by {@link #end}. */
    void hold(ChannelLink link) {
        holders.add(link);
    }
}
