package dev.blindrelay.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a {@code byte[]} frame as its 4-byte big-endian length followed by the bytes, in one buffer. */
@ChannelHandler.Sharable
final class LengthPrefixEncoder extends MessageToByteEncoder<byte[]> {

    static final LengthPrefixEncoder INSTANCE = new LengthPrefixEncoder();

    private LengthPrefixEncoder() {
        super(byte[].class, true);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, byte[] frame, boolean preferDirect) {
        return ctx.alloc().ioBuffer(LengthPrefixDecoder.HEADER_LENGTH + frame.length);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] frame, ByteBuf out) {
        out.writeInt(frame.length);
        out.writeBytes(frame);
    }
}
