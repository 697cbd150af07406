package dev.blindrelay.transport.tcp;

import dev.blindrelay.transport.netty.Framing;
import dev.blindrelay.transport.netty.ReadBatch;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;

import java.nio.ByteBuffer;

/**
 * The relay side of the tcp framing: finds the frames in each buffer read from the socket and hands each on as a
 * {@link ByteBuffer} view of that buffer, valid only during the call (one view per buffer, moved from frame to
 * frame). No frame is copied here: the router copies
 * each once, into its recipient's outbound buffer. Only a frame cut by the end of a read is gathered into a buffer
 * of its own, growing with the bytes that arrive (never more than twice those). Lengths are checked as
 * {@link LengthPrefixDecoder} checks them; after a bad one every later byte is ignored and the connection closes.
 */
final class LengthPrefixSplitter extends ChannelInboundHandlerAdapter {

    private static final int PREFIX = LengthPrefixDecoder.HEADER_LENGTH;

    private final int maxFrameLength;
    /** The framing whose bytes on the wire this reads, for {@link ReadBatch}. */
    private final Framing framing;
    /** The read batch of the channel's event loop, or null: then every frame the relay forwards is copied. */
    private ReadBatch batch;
    /** The start of a frame cut by the end of the last read, or null. */
    private ByteBuf partial;
    private boolean failed;

    LengthPrefixSplitter(int maxFrameLength, Framing framing) {
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be positive, got " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
        this.framing = framing;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        batch = ReadBatch.of(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (partial != null) {
                completePartial(ctx, in);
            }
            if (partial == null) {
                split(ctx, in);
            }
        } finally {
            in.release();
        }
    }

    private void split(ChannelHandlerContext ctx, ByteBuf in) {
        if (batch != null) {
            batch.begin(framing, in);
        }
        int first = in.readerIndex();
        ByteBuffer view = null; // one view of the buffer for all its frames: no object made per frame
        try {
            while (!failed && in.readableBytes() >= PREFIX) {
                int at = in.readerIndex();
                int length = in.getInt(at);
                if (!accepted(ctx, length) || in.readableBytes() - PREFIX < length) {
                    break;
                }
                in.readerIndex(at + PREFIX + length);
                if (view == null) {
                    view = in.nioBuffer(first, in.writerIndex() - first);
                }
                int from = at + PREFIX - first;
                view.clear().position(from).limit(from + length);
                if (batch != null) {
                    batch.frame(view, at, at + PREFIX + length);
                }
                ctx.fireChannelRead(view);
            }
        } finally {
            if (batch != null) {
                batch.end(); // before the buffer is released: the links that hold a range of it take a slice
            }
        }
        if (!failed && in.isReadable()) {
            partial = ctx.alloc().buffer(in.readableBytes());
            partial.writeBytes(in);
        }
    }

    /** Adds what the start of {@code in} holds of the cut frame; hands the frame on once it is whole. */
    private void completePartial(ChannelHandlerContext ctx, ByteBuf in) {
        if (partial.readableBytes() < PREFIX) {
            partial.writeBytes(in, Math.min(PREFIX - partial.readableBytes(), in.readableBytes()));
            if (partial.readableBytes() < PREFIX) {
                return;
            }
        }
        int length = partial.getInt(partial.readerIndex());
        if (!accepted(ctx, length)) {
            release();
            return;
        }
        partial.writeBytes(in, Math.min(PREFIX + length - partial.readableBytes(), in.readableBytes()));
        if (partial.readableBytes() == PREFIX + length) {
            ByteBuf frame = partial;
            partial = null;
            try {
                ctx.fireChannelRead(frame.internalNioBuffer(frame.readerIndex() + PREFIX, length));
            } finally {
                frame.release();
            }
        }
    }

    /** False, once, with the reason raised in the pipeline, for a length that cannot start a frame. */
    private boolean accepted(ChannelHandlerContext ctx, int length) {
        if (failed) {
            return false;
        }
        DecoderException bad = LengthPrefixDecoder.checkLength(length, maxFrameLength);
        if (bad != null) {
            failed = true;
            ctx.fireExceptionCaught(bad);
        }
        return bad == null;
    }

    private void release() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }
}
