package dev.attentionlab.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A small PNG writer: 8-bit RGB or RGBA, rows unfiltered, fast deflate. Heatmaps are large flat
 * areas, which deflate compresses well without filters; ImageIO's adaptive filtering made a
 * 12-head grid at 2× take about a second to encode, this takes a fraction of that.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngEncoder() {}

    public static void write(BufferedImage img, boolean alpha, OutputStream out) throws IOException {
        int w = img.getWidth();
        int h = img.getHeight();
        int channels = alpha ? 4 : 3;
        DataOutputStream data = new DataOutputStream(out);
        data.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream hd = new DataOutputStream(header);
        hd.writeInt(w);
        hd.writeInt(h);
        hd.writeByte(8);
        hd.writeByte(alpha ? 6 : 2);
        hd.writeByte(0);
        hd.writeByte(0);
        hd.writeByte(0);
        chunk(data, "IHDR", header.toByteArray());

        ByteArrayOutputStream compressed = new ByteArrayOutputStream(w * h / 4 + 1024);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            int[] argb = new int[w];
            byte[] row = new byte[1 + w * channels];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, argb, 0, w);
                int p = 1;
                for (int x = 0; x < w; x++) {
                    int c = argb[x];
                    row[p++] = (byte) (c >> 16);
                    row[p++] = (byte) (c >> 8);
                    row[p++] = (byte) c;
                    if (alpha) row[p++] = (byte) (c >>> 24);
                }
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        chunk(data, "IDAT", compressed.toByteArray());
        chunk(data, "IEND", new byte[0]);
        data.flush();
    }

    private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(body.length);
        out.write(t);
        out.write(body);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(body);
        out.writeInt((int) crc.getValue());
    }
}
