package dev.blindrelay.transport.tcp;

import dev.blindrelay.transport.netty.BadFrameException;
import dev.blindrelay.transport.netty.WrongProtocolException;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tcp frame decoders (the clients' {@link LengthPrefixDecoder} and the relay's {@link LengthPrefixSplitter},
 * each stream through both) fed random, mutated and valid byte streams, cut into reads at random points,
 * through an {@link EmbeddedChannel}. For every stream it must do exactly what a plain reference
 * reading of the same bytes says: emit the same frames, and fail (with {@link BadFrameException},
 * nothing else, at most once) exactly when the reference meets a length that is zero, negative or over
 * the limit. It must never hang (a watchdog), never allocate more than the bytes it was given (a
 * counting allocator), and never leak an input buffer.
 *
 * <p>Inputs per run: 20,000 random + 30,000 mutated + 10,000 valid streams = 60,000.
 */
class LengthPrefixDecoderPropertyTest {

    private static final int MAX = 1024;
    private static final long WATCHDOG_MS = 2_000;
    private static final ExecutorService WATCHDOG = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "decoder-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    /** Lengths where off-by-one mistakes live. */
    private static final int[] EDGE_LENGTHS = {0, 1, -1, MAX - 1, MAX, MAX + 1, Integer.MAX_VALUE,
            Integer.MIN_VALUE, 0x00FF_FFFF, 0x0100_0000};

    @AfterContainer
    static void stopWatchdog() {
        WATCHDOG.shutdownNow();
    }

    // ---- properties ----

    @Property(tries = 20_000, shrinking = ShrinkingMode.OFF)
    void decode_randomBytes_matchesTheReference(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] stream = new byte[random.nextInt(64)];
        random.nextBytes(stream);
        if (random.nextBoolean() && stream.length >= 4) {
            // Mostly-plausible small lengths, so random streams get past the first header too.
            stream[0] = 0;
            stream[1] = 0;
            stream[2] = 0;
        }
        checkAgainstReference(stream, random);
    }

    @Property(tries = 30_000, shrinking = ShrinkingMode.OFF)
    void decode_mutatedValidStreams_matchesTheReference(@ForAll long seed) {
        Random random = new Random(seed);
        checkAgainstReference(mutate(validStream(randomFrames(random)), random), random);
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF)
    void decode_validFramesCutAnywhere_roundTrip(@ForAll long seed) {
        Random random = new Random(seed);
        List<byte[]> frames = randomFrames(random);
        Decoded decoded = watched(validStream(frames), random);

        assertThat(decoded.failures).isZero();
        assertThat(decoded.frames).hasSameSizeAs(frames);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(decoded.frames.get(i)).as("frame %d", i).isEqualTo(frames.get(i));
        }
    }

    // ---- the check ----

    private static void checkAgainstReference(byte[] stream, Random random) {
        Reference expected = Reference.read(stream);
        Decoded decoded = watched(stream, random);

        assertThat(decoded.failures).as("failures for %s", hex(stream)).isEqualTo(expected.bad ? 1 : 0);
        assertThat(decoded.frames).as("frames for %s", hex(stream)).hasSameSizeAs(expected.frames);
        for (int i = 0; i < expected.frames.size(); i++) {
            assertThat(decoded.frames.get(i)).isEqualTo(expected.frames.get(i));
        }
    }

    /** What came out of the decoder for one stream. */
    private record Decoded(List<byte[]> frames, int failures) {
    }

    /** Decodes on the watchdog thread; a hang or any throwable but the expected one fails with the input. */
    private static Decoded watched(byte[] stream, Random random) {
        int[] cuts = cuts(stream.length, random);
        Decoded decoded = watched(stream, cuts, false);
        Decoded split = watched(stream, cuts, true);
        assertThat(split.failures).as("relay's splitter: failures for %s", hex(stream)).isEqualTo(decoded.failures);
        assertThat(split.frames).as("relay's splitter: frames for %s", hex(stream))
                .usingElementComparator(Arrays::compare).containsExactlyElementsOf(decoded.frames);
        return decoded;
    }

    private static Decoded watched(byte[] stream, int[] cuts, boolean splitter) {
        Future<Decoded> result = WATCHDOG.submit(() -> decode(stream, cuts, splitter));
        try {
            return result.get(WATCHDOG_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new AssertionError("decoding did not finish within " + WATCHDOG_MS + " ms: " + hex(stream));
        } catch (ExecutionException e) {
            throw new AssertionError("unexpected " + e.getCause() + " for " + hex(stream) + " cut at "
                    + Arrays.toString(cuts), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Decoded decode(byte[] stream, int[] cuts, boolean splitter) {
        CountingAllocator allocator = new CountingAllocator();
        EmbeddedChannel channel = splitter
                ? new EmbeddedChannel(new LengthPrefixSplitter(MAX, null), new ViewCopier())
                : new EmbeddedChannel(new LengthPrefixDecoder(MAX));
        channel.config().setAllocator(allocator);
        List<ByteBuf> reads = new ArrayList<>();
        int failures = 0;
        int from = 0;
        for (int cut : cuts) {
            ByteBuf read = Unpooled.wrappedBuffer(stream, from, cut - from);
            reads.add(read);
            from = cut;
            try {
                channel.writeInbound(read);
            } catch (BadFrameException | WrongProtocolException expected) {
                failures++;
            }
        }
        channel.finish();
        List<byte[]> frames = new ArrayList<>();
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            frames.add((byte[]) message);
        }
        for (ByteBuf read : reads) {
            assertThat(read.refCnt()).as("every read released").isZero();
        }
        // The accumulation doubles as it grows, so up to twice what arrived; never a declared length.
        assertThat(allocator.largest.get()).as("largest allocation for %d bytes received", stream.length)
                .isLessThanOrEqualTo(2 * stream.length + 64);
        assertThat(frames).allSatisfy(frame -> assertThat(frame.length).isBetween(1, MAX));
        return new Decoded(frames, failures);
    }

    /** The splitter's frames are views valid only during the call: keeps a copy of each. */
    private static final class ViewCopier extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuffer view = (ByteBuffer) msg;
            byte[] copy = new byte[view.remaining()];
            view.get(view.position(), copy);
            ctx.fireChannelRead(copy);
        }
    }

    /** A plain reading of a stream: frames until a bad length (then nothing more) or the end. */
    private record Reference(List<byte[]> frames, boolean bad) {
        static Reference read(byte[] stream) {
            List<byte[]> frames = new ArrayList<>();
            int at = 0;
            while (stream.length - at >= 4) {
                int length = ((stream[at] & 0xFF) << 24) | ((stream[at + 1] & 0xFF) << 16)
                        | ((stream[at + 2] & 0xFF) << 8) | (stream[at + 3] & 0xFF);
                if (length <= 0 || length > MAX) {
                    return new Reference(frames, true);
                }
                if (stream.length - at - 4 < length) {
                    break;
                }
                frames.add(Arrays.copyOfRange(stream, at + 4, at + 4 + length));
                at += 4 + length;
            }
            return new Reference(frames, false);
        }
    }

    // ---- inputs ----

    /** Where the stream is cut into reads: not at all, after every byte, or at a few random points. */
    private static int[] cuts(int length, Random random) {
        if (length == 0) {
            return new int[0]; // nothing to read (an empty wrapped buffer is a shared, unreleasable one)
        }
        return switch (random.nextInt(4)) {
            case 0 -> new int[] {length};
            case 1 -> length <= 300 ? IntStream.rangeClosed(1, length).toArray() : new int[] {length / 2, length};
            default -> IntStream.concat(random.ints(random.nextInt(6), 1, length + 1), IntStream.of(length))
                    .sorted().distinct().toArray();
        };
    }

    private static List<byte[]> randomFrames(Random random) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = random.nextInt(5); i >= 0; i--) {
            int length = random.nextInt(8) == 0 ? MAX - random.nextInt(3) : 1 + random.nextInt(40);
            byte[] frame = new byte[length];
            random.nextBytes(frame);
            frames.add(frame);
        }
        return frames;
    }

    private static byte[] validStream(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            writeInt(out, frame.length);
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** One to three edits aimed at the framing: a length set to an edge value, bit flips, cuts, inserts. */
    static byte[] mutate(byte[] stream, Random random) {
        byte[] out = stream.clone();
        for (int edits = 1 + random.nextInt(3); edits > 0 && out.length > 0; edits--) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (at + 4 <= out.length) {
                        int length = EDGE_LENGTHS[random.nextInt(EDGE_LENGTHS.length)];
                        for (int i = 0; i < 4; i++) {
                            out[at + i] = (byte) (length >>> (24 - 8 * i));
                        }
                    }
                }
                case 1 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> out = Arrays.copyOf(out, at);
                case 3 -> {
                    byte[] inserted = new byte[1 + random.nextInt(6)];
                    random.nextBytes(inserted);
                    byte[] grown = new byte[out.length + inserted.length];
                    System.arraycopy(out, 0, grown, 0, at);
                    System.arraycopy(inserted, 0, grown, at, inserted.length);
                    System.arraycopy(out, at, grown, at + inserted.length, out.length - at);
                    out = grown;
                }
                default -> {
                    int length = Math.min(out.length - at, 1 + random.nextInt(6));
                    byte[] shrunk = new byte[out.length - length];
                    System.arraycopy(out, 0, shrunk, 0, at);
                    System.arraycopy(out, at + length, shrunk, at, out.length - at - length);
                    out = shrunk;
                }
            }
        }
        return out;
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static String hex(byte[] stream) {
        return HexFormat.of().formatHex(stream, 0, Math.min(stream.length, 200));
    }

    /** Records the largest buffer anyone asked it for: the decoder's accumulation grows only with input. */
    private static final class CountingAllocator extends AbstractByteBufAllocator {
        final AtomicInteger largest = new AtomicInteger();

        CountingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            largest.accumulateAndGet(initialCapacity, Math::max);
            return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }
}
